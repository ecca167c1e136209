/**
 * /metrics in Prometheus's text format (issue 17), with prom-client: GraphQL requests and their
 * latency by operation, errors by extensions.code, the PostgreSQL pool (size, waiting clients,
 * acquire time), SQL statements, report-cache hits and import rows.
 *
 * Each app has its own registry (tests start several apps in one process); what is counted process
 * wide (the report caches, imports) is read from plain counters when Prometheus scrapes.
 */
import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import client from 'prom-client';
import { ReportCache } from '@gongzhi/core';
import type { Database } from './database.js';
import { instrumentDatabase } from './instrument.js';

/** Rows every import read, by kind and outcome (loaded, rejected), for `gongzhi_import_rows_total`. */
export const importRowCounts = new Map<string, number>();
export function countImportRows(kind: string, loaded: number, rejected: number) {
  for (const [outcome, n] of [['loaded', loaded], ['rejected', rejected]] as const) {
    const key = `${kind}\u0000${outcome}`;
    importRowCounts.set(key, (importRowCounts.get(key) ?? 0) + n);
  }
}

/**
 * Label values come from clients: an operation name is kept when it reads as a GraphQL name and
 * while fewer than MAX_OPERATIONS distinct names have been seen; later ones count as "other", so a
 * client sending random names cannot grow the registry without bound.
 */
const MAX_OPERATIONS = 200;
const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/** Constant-time comparison: the token must not leak a byte at a time through response times. */
function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface Metrics {
  registry: client.Registry;
  plugin: ApolloServerPlugin<any>;
  /** Count an error answered outside Apollo (e.g. a 401 for a bad token). */
  countError(code: string): void;
  /** Answers /metrics; false when the request is not for it (or metrics are off: the caller's 404). */
  handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean>;
}

export function createMetrics(database: Database, access: { enabled: boolean; token?: string }): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'gongzhi_' });
  const probe = instrumentDatabase(database);

  const labelNames = ['operation', 'type'] as const;
  const requests = new client.Counter({ name: 'gongzhi_graphql_requests_total', help: 'GraphQL requests by operation name and type (query, mutation).', labelNames, registers: [registry] });
  const duration = new client.Histogram({
    name: 'gongzhi_graphql_request_duration_seconds',
    help: 'GraphQL request latency, from receipt to response, by operation name and type.',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const errors = new client.Counter({ name: 'gongzhi_graphql_errors_total', help: 'Errors answered, by extensions.code.', labelNames: ['code'], registers: [registry] });
  const acquire = new client.Histogram({
    name: 'gongzhi_db_pool_acquire_seconds',
    help: 'Time to get a PostgreSQL connection from the pool.',
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 3],
    registers: [registry],
  });
  probe.onAcquire.add((s) => acquire.observe(s));
  new client.Gauge({
    name: 'gongzhi_db_pool_connections',
    help: 'PostgreSQL pool connections by state (total open, idle, max configured); absent on PGlite.',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const p = probe.pool();
      if (!p) return;
      this.set({ state: 'total' }, p.total);
      this.set({ state: 'idle' }, p.idle);
      this.set({ state: 'max' }, p.max);
    },
  });
  new client.Gauge({
    name: 'gongzhi_db_pool_waiting_clients',
    help: 'Requests waiting for a PostgreSQL connection (0 on PGlite).',
    registers: [registry],
    collect() {
      this.set(probe.pool()?.waiting ?? 0);
    },
  });
  new client.Counter({
    name: 'gongzhi_db_statements_total',
    help: 'SQL statements sent to the database.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(database.statements.count);
    },
  });
  new client.Counter({
    name: 'gongzhi_report_cache_requests_total',
    help: 'Compliance-report cache look-ups by result (hit, miss).',
    labelNames: ['result'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ result: 'hit' }, ReportCache.stats.hits);
      this.inc({ result: 'miss' }, ReportCache.stats.misses);
    },
  });
  new client.Counter({
    name: 'gongzhi_import_rows_total',
    help: 'Rows read by imports in this process, by kind (stats, staff) and outcome (loaded, rejected).',
    labelNames: ['kind', 'outcome'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [key, n] of importRowCounts) {
        const [kind, outcome] = key.split('\u0000') as [string, string];
        this.inc({ kind, outcome }, n);
      }
    },
  });

  const seen = new Set<string>();
  const operationLabel = (name: string | null | undefined) => {
    if (!name) return 'anonymous';
    if (!NAME.test(name)) return 'other';
    if (seen.has(name)) return name;
    if (seen.size >= MAX_OPERATIONS) return 'other';
    seen.add(name);
    return name;
  };

  const plugin: ApolloServerPlugin<any> = {
    async requestDidStart() {
      const t0 = performance.now();
      let operation = 'anonymous';
      let type = 'unknown';
      return {
        async didResolveOperation({ operationName, operation: op }) {
          operation = operationLabel(operationName ?? op?.name?.value);
          type = op?.operation ?? 'unknown';
        },
        async didEncounterErrors({ errors: errs }) {
          for (const e of errs) {
            const code = (e.extensions?.code as string | undefined) ?? ((e.originalError as { extensions?: { code?: string } } | undefined)?.extensions?.code) ?? 'INTERNAL_SERVER_ERROR';
            errors.inc({ code: NAME.test(code) ? code : 'other' });
          }
        },
        async willSendResponse() {
          const labels = { operation, type };
          requests.inc(labels);
          duration.observe(labels, (performance.now() - t0) / 1000);
        },
      };
    },
  };

  return {
    registry,
    plugin,
    countError: (code) => errors.inc({ code: NAME.test(code) ? code : 'other' }),
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== '/metrics' || !access.enabled) return false;
      if (access.token && !sameSecret(req.headers.authorization ?? '', `Bearer ${access.token}`)) {
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' });
        res.end('需要指标令牌 / a metrics token is required\n');
        return true;
      }
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(body);
      return true;
    },
  };
}
