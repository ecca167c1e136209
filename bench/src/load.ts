/**
 * A closed-loop HTTP load generator in the bench's process (undici): `concurrency` workers, each
 * sending the next request when its answer is in, for a duration (after a warm-up) or a number of
 * requests. Latencies are timed with performance.now() (µs resolution: autocannon's histogram keeps
 * whole milliseconds, too coarse for 2 ms answers). With several targets (replicas) the workers are
 * dealt round-robin, as a load balancer would.
 */
import { Pool } from 'undici';
import type { Req } from './workloads.js';

export interface Target {
  origin: string;
  req: Req;
  /** Requests taken in turn instead of `req` (e.g. the reports of 16 counties, so that none share a computation). */
  rotate?: Req[];
  headers?: Record<string, string>;
}
export interface LoadOptions {
  concurrency: number;
  /** Measured time (after warm-up); the run also stops at maxRequests. */
  durationMs: number;
  warmupMs?: number;
  maxRequests?: number;
  /** Keep going past durationMs until this many answers are in. */
  minRequests?: number;
  /** Run before each request, untimed (e.g. a write that makes cached reports stale). */
  before?: () => Promise<unknown>;
  /**
   * Connections of their own: two loads running at once against one origin (P3 beside a report)
   * must not share keep-alive connections, or one waits in the other's queue on the client side.
   */
  pool?: string;
}
export interface LoadResult {
  requests: number;
  errors: number;
  firstError?: string;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
  /** Every latency, sorted (not written to the results file). */
  latencies?: number[];
}

/** Several rounds of one measurement as one: answers over time, latencies pooled. */
export function combine<T extends LoadResult>(rs: T[], extra: (rs: T[]) => Omit<T, keyof LoadResult>): T {
  const sorted = rs.flatMap((r) => r.latencies ?? []).sort((a, b) => a - b);
  const seconds = rs.reduce((s, r) => s + r.seconds, 0);
  return {
    requests: sorted.length,
    errors: rs.reduce((s, r) => s + r.errors, 0),
    firstError: rs.find((r) => r.firstError)?.firstError,
    seconds,
    rps: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length),
    max: sorted[sorted.length - 1] ?? NaN,
    latencies: sorted,
    ...extra(rs),
  } as T;
}

const pools = new Map<string, Pool>();
function poolFor(origin: string, connections: number, tag = ''): Pool {
  const key = `${origin}#${connections}#${tag}`;
  let p = pools.get(key);
  if (!p) {
    p = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000, headersTimeout: 600_000, bodyTimeout: 600_000 });
    pools.set(key, p);
  }
  return p;
}
export async function closePools() {
  await Promise.all([...pools.values()].map((p) => p.close()));
  pools.clear();
}

export async function send(origin: string, req: Req, headers: Record<string, string> = {}): Promise<{ status: number; text: string; ms: number }> {
  const t = performance.now();
  const res = await poolFor(origin, 32).request({ method: req.method, path: req.path, body: req.body, headers: { 'content-type': 'application/json', ...headers } });
  const text = await res.body.text();
  return { status: res.statusCode, text, ms: performance.now() - t };
}

const failed = (status: number, text: string) => status !== 200 || text.startsWith('{"errors"') || text.includes('],"errors":') || text.includes('},"errors":');

export const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);

export async function load(targets: Target[], o: LoadOptions): Promise<LoadResult> {
  const perTarget = Math.ceil(o.concurrency / targets.length);
  const run = async (until: number, record: boolean, max: number) => {
    const latencies: number[] = [];
    let errors = 0;
    let firstError: string | undefined;
    let started = 0;
    let turn = 0;
    const worker = async (i: number) => {
      const t = targets[i % targets.length]!;
      const pool = poolFor(t.origin, perTarget, o.pool);
      const optsOf = (r: Req) => ({ method: r.method, path: r.path, body: r.body, headers: { 'content-type': 'application/json', ...t.headers } });
      const fixed = optsOf(t.req);
      const rotated = t.rotate?.map(optsOf);
      while (started < max && (performance.now() < until || (record && latencies.length + errors < (o.minRequests ?? 0)))) {
        started++;
        const opts = rotated ? rotated[turn++ % rotated.length]! : fixed;
        if (o.before) await o.before();
        const t0 = performance.now();
        try {
          const res = await pool.request(opts);
          const text = await res.body.text();
          const ms = performance.now() - t0;
          if (failed(res.statusCode, text)) {
            errors++;
            firstError ??= `${res.statusCode} ${text.slice(0, 300)}`;
          } else if (record) latencies.push(ms);
        } catch (e) {
          errors++;
          firstError ??= (e as Error).message;
        }
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: o.concurrency }, (_, i) => worker(i)));
    return { latencies, errors, firstError, seconds: (performance.now() - t0) / 1000 };
  };
  if (o.warmupMs) await run(performance.now() + o.warmupMs, false, Infinity);
  const r = await run(performance.now() + o.durationMs, true, o.maxRequests ?? Infinity);
  const sorted = r.latencies.sort((a, b) => a - b);
  return {
    requests: sorted.length,
    errors: r.errors,
    firstError: r.firstError,
    seconds: r.seconds,
    rps: sorted.length / r.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length),
    max: sorted[sorted.length - 1] ?? NaN,
    latencies: sorted,
  };
}
