import path from 'node:path';
import crypto from 'node:crypto';
import { Registry, schoolYearOf, todayInShanghai } from '@gongzhi/core';
import { ConfigError, isProduction, routerSecret, securityProblems, tokenSecret, type GongzhiConfig } from './config.js';
import { openDatabase, type Database } from './database.js';
import { createApp, type GongzhiApp } from './app.js';
import { lifetimeSeconds, secretKey, signToken, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, type AuthSettings } from './auth.js';
import { seedFromConfig } from './seed.js';
import { seedDemoCounty } from './demo.js';
import { metricsAccess, tracingEndpoint } from './ops-config.js';
import { startTracing, type TracingHandle } from './tracing.js';
import { scheduleBackups, type BackupSchedule } from './backup.js';

export interface BootOptions {
  config: GongzhiConfig;
  /** The config file's folder: the data folder is relative to it. */
  baseDir: string;
  /** DATABASE_URL, or null for PGlite. */
  databaseUrl?: string | null;
  /** Override the data folder ('memory' for tests). */
  dataDir?: string | null;
  demo?: boolean;
  log?: (line: string) => void;
}

export interface Booted {
  app: GongzhiApp;
  database: Database;
  auth: AuthSettings;
  /** Demo mode only: a token for the demo admin (a fresh one is minted for each GraphiQL page on loopback). */
  demoToken?: string;
  production: boolean;
  /** The tracer provider when an OTLP endpoint is configured (flush it on shutdown), else null. */
  tracing: TracingHandle | null;
  /** Scheduled snapshots when `backup.dir` is set, else null. */
  backups: BackupSchedule | null;
}

/** The token settings of a config; refuses what `gongzhi check` refuses (a short secret by any path, demo in production). */
export function authSettings(config: GongzhiConfig, demo: boolean): AuthSettings {
  const problems = securityProblems(config, { demo });
  if (problems.length) throw new ConfigError('config', problems);
  const { secret } = tokenSecret(config);
  const person = lifetimeSeconds(config.auth.maxTokenLifetime, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS);
  return {
    secret: secretKey(secret ?? crypto.randomBytes(32).toString('hex')),
    issuer: config.auth.issuer,
    allowAnonymousRead: config.auth.allowAnonymousRead,
    maxTokenLifetimeSeconds: person,
    serviceAccountMaxTokenLifetimeSeconds: lifetimeSeconds(config.auth.serviceAccountMaxTokenLifetime, person),
  };
}

/**
 * Open the database, apply every package's migrations, seed, and build the app. Only demo mode puts
 * sample data (plugins' seeds, the demo county) in the database: a real deployment gets its config's
 * localities and regimes, and nothing made up.
 */
export async function boot(o: BootOptions): Promise<Booted> {
  const log = o.log ?? (() => {});
  const demo = !!o.demo;
  const production = isProduction(o.config);
  const auth = authSettings(o.config, demo); // before the database: a bad secret fails fast
  const registry = new Registry(o.config.plugins);
  // Before the database, so the first request's statements find a provider (issue 17).
  const tracing = startTracing({ endpoint: tracingEndpoint(o.config.tracing), serviceName: o.config.tracing.serviceName });
  if (tracing) log(`traces exported over OTLP to ${tracingEndpoint(o.config.tracing)}`);
  const c = o.config.database;
  const database = await openDatabase({
    url: o.databaseUrl,
    dataDir: o.dataDir ?? path.resolve(o.baseDir, c.dataDir),
    poolSize: c.poolSize,
    acquireTimeoutMs: c.acquireTimeoutMs,
    statementTimeoutMs: c.statementTimeoutMs,
    lockTimeoutMs: c.lockTimeoutMs,
    idleInTransactionTimeoutMs: c.idleInTransactionTimeoutMs,
  });
  try {
    await database.migrate(o.config.plugins);
    await seedFromConfig(database.db, registry, o.config, log, { samples: demo });
    if (demo && o.config.demo.county) await seedDemoCounty(database.db, o.config.demo.county, schoolYearOf(todayInShanghai()), undefined, log);
    const roots = [...new Set(o.config.localities.map((l) => l.code).filter((code) => code.endsWith('0000')))];
    const mintDemoToken = demo
      ? () => signToken(auth, { sub: 'demo-admin', roles: ['admin', 'editor', 'viewer'], localities: roots, pii: roots }, `${auth.maxTokenLifetimeSeconds}s`)
      : undefined;
    const demoToken = mintDemoToken ? await mintDemoToken() : undefined;
    const app = await createApp({
      registry,
      database,
      auth,
      demoToken: mintDemoToken,
      maxQueryDepth: o.config.server.maxQueryDepth,
      limits: o.config.server.limits,
      production,
      routerSecret: routerSecret(o.config),
      metrics: metricsAccess(o.config.metrics, production),
    });
    const b = o.config.backup;
    const backups = b.dir ? scheduleBackups(database, { dir: path.resolve(o.baseDir, b.dir), everyMs: b.everyHours * 3_600_000, keep: b.keep, log }) : null;
    return { app, database, auth, demoToken, production, tracing, backups };
  } catch (e) {
    await database.close();
    throw e;
  }
}
