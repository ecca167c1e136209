/**
 * The servers under test, each its own process (so each one's RSS and CPU are its own): started
 * here, stopped here by their pid, measured from /proc/<pid>.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SystemId } from './workloads.js';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(BENCH_DIR, '..');
export const NODE22 = path.join(BENCH_DIR, 'node_modules/node/bin/node');

export interface Server {
  system: SystemId;
  name: string;
  port: number;
  origin: string;
  child: ChildProcess;
  pid: number;
  log: string[];
  nodeVersion: string;
}

let nextPort = 4700 + Math.floor(Math.random() * 200);

/** Gongzhi runs as production does, on its built packages: built once per bench run, from the sources now. */
let built = false;
function buildGongzhi() {
  if (built) return;
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-packages.mjs')], { cwd: ROOT, stdio: 'inherit' });
  built = true;
}

export async function startServer(system: SystemId, o: { databaseUrl: string; secret: string; name?: string; timeoutMs?: number }): Promise<Server> {
  if (system === 'gongzhi') buildGongzhi();
  const port = nextPort++;
  const env = { ...process.env, DATABASE_URL: o.databaseUrl, PORT: String(port), BENCH_JWT_SECRET: o.secret, NODE_ENV: 'production', GRAPHILE_ENV: 'production' };
  const [cmd, args, cwd] =
    system === 'gongzhi'
      ? [process.execPath, ['--conditions=gongzhi-built', path.join(BENCH_DIR, 'src/gongzhi-server.mjs')], ROOT]
      : system === 'postgraphile'
        ? [NODE22, [path.join(BENCH_DIR, 'src/postgraphile-server.mjs')], BENCH_DIR]
        : [process.execPath, [path.join(BENCH_DIR, 'src/floor-server.mjs')], BENCH_DIR];
  const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  const keep = (b: Buffer) => {
    log.push(...b.toString().split('\n').filter(Boolean));
    if (log.length > 200) log.splice(0, log.length - 200);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const server: Server = { system, name: o.name ?? system, port, origin: `http://127.0.0.1:${port}`, child, pid: child.pid!, log, nodeVersion: '' };
  const deadline = Date.now() + (o.timeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${server.name} exited (${child.exitCode}) before it was ready:\n${log.slice(-30).join('\n')}`);
    const ready = log.find((l) => / ready on /.test(l));
    if (ready) {
      server.nodeVersion = /node (v[\d.]+)/.exec(ready)?.[1] ?? '';
      return server;
    }
    if (Date.now() > deadline) {
      await stopServer(server);
      throw new Error(`${server.name} was not ready in time:\n${log.slice(-30).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const running = (s: Server) => s.child.exitCode === null && s.child.signalCode === null;
export async function stopServer(s: Server) {
  if (!running(s)) return;
  const exited = new Promise<void>((r) => s.child.once('exit', () => r()));
  try {
    process.kill(s.pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const t = setTimeout(() => {
    if (running(s)) process.kill(s.pid, 'SIGKILL');
  }, 10_000);
  await exited;
  clearTimeout(t);
}

/** VmRSS and VmHWM (peak) in MB. */
export function memory(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** Reset the peak (VmHWM) to the current RSS, so the next workload's peak is its own. */
export function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** User + system CPU of a process, in ms. */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}
const CLK_TCK = 100; // sysconf(_SC_CLK_TCK) on Linux

/** Sample RSS while a promise runs: the maximum seen (VmHWM covers it too, where clear_refs works). */
export async function sampled<T>(pids: number[], f: () => Promise<T>): Promise<{ value: T; maxRss: number[] }> {
  const max = pids.map(() => 0);
  const tick = () => pids.forEach((p, i) => {
    try {
      max[i] = Math.max(max[i]!, memory(p).rss);
    } catch {
      /* gone */
    }
  });
  const timer = setInterval(tick, 100);
  try {
    const value = await f();
    tick();
    return { value, maxRss: max };
  } finally {
    clearInterval(timer);
  }
}

export function loadAverage(): string {
  return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
