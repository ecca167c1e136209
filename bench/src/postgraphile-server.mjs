// PostGraphile 5 (amber preset) over schema `core` of the bench database, in library mode on Node's
// http server (grafserv/node), as its v5 docs show. Run with Node 22 (bench/node_modules/node/bin/node):
//   DATABASE_URL=postgres://… PORT=5678 node src/postgraphile-server.mjs
// Plain JavaScript so that Node 22 runs it with no TypeScript loader.
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';

const connectionString = process.env.DATABASE_URL;
const port = Number(process.env.PORT ?? 5678);
if (!connectionString) throw new Error('DATABASE_URL is required');

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  // Amber lets a client filter and order only by indexed columns. Gongzhi's workloads filter posts by
  // role and validity and order them by (role, validFrom, id), with no index on those columns (and
  // the indexes change while core is optimised): without this plugin every column can be used in
  // `condition` and `orderBy`, and PostGraphile's schema stays the same whatever indexes exist.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  // pg's default pool of 10 connections, as Gongzhi's.
  pgServices: [makePgService({ connectionString, schemas: ['core'], poolConfig: { max: 10 } })],
  grafserv: { port, graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (e) => {
  console.error(e);
  process.exit(1);
});
serv.addTo(server).catch((e) => {
  console.error(e);
  process.exit(1);
});
await pgl.getSchema(); // build the schema before saying we are ready
server.listen(port, '127.0.0.1', () => console.log(`postgraphile ready on http://127.0.0.1:${port}/graphql (node ${process.version})`));
const stop = async () => {
  server.close();
  await pgl.release();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
