/**
 * A counting proxy for the PostgreSQL wire protocol, used in the bench's counting pass only (the
 * timed runs connect straight to PostgreSQL). It forwards bytes unchanged and counts, per system:
 *
 * - SQL statements: each simple Query ('Q') and each Execute ('E') of the extended protocol;
 * - rows fetched: each DataRow ('D') the server sends back.
 *
 * The same count for Gongzhi, PostGraphile and the SQL floor, whatever driver or batching each uses.
 * pg_stat_statements would give the same figures, but it needs shared_preload_libraries (a server
 * restart), which a shared server cannot have; the bench uses it for nothing.
 */
import net from 'node:net';

export interface Counts {
  statements: number;
  rows: number;
  /** The SQL text of each statement since the last reset (for --sql). */
  sql: string[];
}

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

export class CountingProxy {
  counts: Counts = { statements: 0, rows: 0, sql: [] };
  private server: net.Server;
  private sockets = new Set<net.Socket>();
  port = 0;

  constructor(private target: { host: string; port: number }) {
    this.server = net.createServer((client) => this.connection(client));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  reset(): Counts {
    const c = this.counts;
    this.counts = { statements: 0, rows: 0, sql: [] };
    return c;
  }

  async close() {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private connection(client: net.Socket) {
    const upstream = net.connect(this.target.port, this.target.host);
    this.sockets.add(client).add(upstream);
    const statements = new Map<string, string>(); // prepared statement name → SQL
    const portals = new Map<string, string>(); // portal name → SQL
    let started = false; // the StartupMessage (untyped) has gone by
    let skipServerBytes = 0; // the one-byte answer to an SSL/GSS request
    let fromClient: Buffer = Buffer.alloc(0);
    let fromServer: Buffer = Buffer.alloc(0);
    const cstr = (b: Buffer, at: number): [string, number] => {
      const end = b.indexOf(0, at);
      return [b.toString('utf8', at, end), end + 1];
    };

    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      fromClient = fromClient.length ? Buffer.concat([fromClient, chunk]) : chunk;
      for (;;) {
        if (!started) {
          if (fromClient.length < 8) break;
          const len = fromClient.readInt32BE(0);
          if (fromClient.length < len) break;
          const code = fromClient.readInt32BE(4);
          if (code === SSL_REQUEST || code === GSS_REQUEST) skipServerBytes++;
          else started = true;
          fromClient = fromClient.subarray(len);
          continue;
        }
        if (fromClient.length < 5) break;
        const len = fromClient.readInt32BE(1);
        if (fromClient.length < 1 + len) break;
        const type = String.fromCharCode(fromClient[0]!);
        const body = fromClient.subarray(5, 1 + len);
        if (type === 'Q') {
          this.counts.statements++;
          this.counts.sql.push(cstr(body, 0)[0]);
        } else if (type === 'P') {
          const [name, at] = cstr(body, 0);
          statements.set(name, cstr(body, at)[0]);
        } else if (type === 'B') {
          const [portal, at] = cstr(body, 0);
          portals.set(portal, statements.get(cstr(body, at)[0]) ?? '?');
        } else if (type === 'E') {
          this.counts.statements++;
          this.counts.sql.push(portals.get(cstr(body, 0)[0]) ?? '?');
        }
        fromClient = fromClient.subarray(1 + len);
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      client.write(chunk);
      let b: Buffer = chunk;
      while (skipServerBytes > 0 && b.length > 0 && !fromServer.length) {
        b = b.subarray(1);
        skipServerBytes--;
      }
      fromServer = fromServer.length ? Buffer.concat([fromServer, b]) : b;
      let at = 0;
      while (fromServer.length - at >= 5) {
        const len = fromServer.readInt32BE(at + 1);
        if (fromServer.length - at < 1 + len) break;
        if (fromServer[at] === 0x44 /* D */) this.counts.rows++;
        at += 1 + len;
      }
      fromServer = fromServer.subarray(at);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  }
}
