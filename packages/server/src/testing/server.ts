import crypto from 'node:crypto';
import pg from 'pg';
import { Registry, type AnyPlugin, type Db } from '@gongzhi/core';
import { isProduction, routerSecret, validateConfig, type GongzhiConfigInput } from '../config.js';
import { lifetimeSeconds, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS } from '../auth.js';
import type { Logger } from '../logger.js';
import { openDatabase, type Database } from '../database.js';
import { createApp, type GongzhiApp } from '../app.js';
import { secretKey, signToken, type AuthSettings } from '../auth.js';
import { seedFromConfig } from '../seed.js';

/** One GraphQL error as the client sees it: `extensions.code` is the stable code to branch on. */
export interface GqlError {
  message: string;
  extensions?: Record<string, any>;
  path?: (string | number)[];
}

export interface GqlResult<T = any> {
  status: number;
  data?: T;
  errors?: GqlError[];
}

export interface TestServer {
  url: string;
  db: Db;
  database: Database;
  app: GongzhiApp;
  registry: Registry;
  auth: AuthSettings;
  /** A token for a principal (defaults: editor+admin+pii over every listed locality). */
  token(p?: { sub?: string; roles?: string[]; localities?: string[]; pii?: string[] }, expiresIn?: string | number): Promise<string>;
  /** POST a GraphQL request. `token: null` sends none; by default an admin token is sent. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, opts?: { token?: string | null; lang?: string }): Promise<GqlResult<T>>;
  /**
   * POST a GraphQL request and count the SQL statements it cost: the batching tests compare this
   * count over small and large data (it must not grow with the rows). Fails the test on errors.
   */
  statementsFor<T = any>(query: string, variables?: Record<string, unknown>, opts?: { token?: string | null; lang?: string }): Promise<{ statements: number; rows: number; data: T }>;
  close(): Promise<void>;
}

const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

async function freshPostgres(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `gongzhi_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      // pool.end() resolves before its clients' sockets have closed; a forced drop meanwhile would
      // send them FATAL 57P01 as unhandled errors. Wait (up to 2 s) for their sessions to go first.
      for (let i = 0; i < 100; i++) {
        const { rows } = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0]!.n === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A deployment's config, all optional: the plugins installed, the localities, the regimes they enable (with options). */
export type TestServerOptions = Partial<GongzhiConfigInput> & { plugins?: AnyPlugin[] };

/**
 * A real server on a random port over a fresh database, for tests that meet the API as users do
 * (HTTP, tokens, Accept-Language). PGlite in memory by default; a fresh PostgreSQL database
 * (created and dropped) when DATABASE_URL is set. Migrations and the config's seed have run.
 */
export async function startTestServer(configInput: TestServerOptions = {}, extra: { logger?: Logger } = {}): Promise<TestServer> {
  const config = validateConfig({ localities: [], governance: [], ...configInput, auth: { secret: TEST_SECRET, ...(configInput.auth ?? {}) } }, 'test config');
  const pgUrl = process.env.DATABASE_URL;
  const fresh = pgUrl ? await freshPostgres(pgUrl) : null;
  const c = config.database;
  const database = await openDatabase({
    url: fresh?.url ?? null,
    dataDir: 'memory',
    poolSize: c.poolSize,
    acquireTimeoutMs: c.acquireTimeoutMs,
    statementTimeoutMs: c.statementTimeoutMs,
    lockTimeoutMs: c.lockTimeoutMs,
    idleInTransactionTimeoutMs: c.idleInTransactionTimeoutMs,
  });
  await database.migrate(config.plugins);
  const registry = new Registry(config.plugins);
  await seedFromConfig(database.db, registry, config);
  const person = lifetimeSeconds(config.auth.maxTokenLifetime, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS);
  const auth: AuthSettings = {
    secret: secretKey(TEST_SECRET),
    issuer: config.auth.issuer,
    allowAnonymousRead: config.auth.allowAnonymousRead,
    maxTokenLifetimeSeconds: person,
    serviceAccountMaxTokenLifetimeSeconds: lifetimeSeconds(config.auth.serviceAccountMaxTokenLifetime, person),
  };
  const app = await createApp({
    registry,
    database,
    auth,
    maxQueryDepth: config.server.maxQueryDepth,
    limits: config.server.limits,
    production: isProduction(config),
    routerSecret: routerSecret(config),
    logger: extra.logger,
  });
  const { url, server: http } = await app.listen(0);
  // A test may keep the event loop busy for longer than Node's 5 s keep-alive (an import on PGlite
  // runs in this process); the server would then close the idle socket just as fetch reuses it, and
  // the next request fails with ECONNRESET. The client's own idle timeout closes it first instead.
  http.keepAliveTimeout = 10 * 60_000;
  const roots = config.localities.map((l) => l.code);
  const token: TestServer['token'] = (p = {}, expiresIn = '1h') =>
    signToken(auth, { sub: p.sub ?? 'test-admin', roles: p.roles ?? ['admin', 'editor'], localities: p.localities ?? roots, pii: p.pii ?? roots }, expiresIn);
  let adminToken: string | null = null;
  const server: TestServer = {
    url,
    db: database.db,
    database,
    app,
    registry,
    auth,
    token,
    async gql(query, variables, opts = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      let t = opts.token;
      if (t === undefined) t = adminToken ??= await token();
      if (t) headers.authorization = `Bearer ${t}`;
      if (opts.lang) headers['accept-language'] = opts.lang;
      const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as GqlResult;
      return { ...body, status: res.status };
    },
    async statementsFor(query, variables, opts) {
      const before = database.statements.count;
      const rowsBefore = database.statements.rows;
      const r = await server.gql(query, variables, opts);
      if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
      return { statements: database.statements.count - before, rows: database.statements.rows - rowsBefore, data: r.data };
    },
    async close() {
      await app.stop();
      await database.close();
      await fresh?.drop();
    },
  };
  return server;
}
