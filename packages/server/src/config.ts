import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { isDivisionCode, Registry, type AnyPlugin } from '@gongzhi/core';
import { backupConfigSchema, metricsConfigSchema, tracingConfigSchema } from './ops-config.js';

/**
 * The deployment's config (gongzhi.config.ts): which plugins are installed, which localities exist
 * and which regimes they enable, where the data lives, how tokens are checked.
 */
const zPlugin = z.custom<AnyPlugin>(
  (v) => !!v && typeof v === 'object' && typeof (v as AnyPlugin).id === 'string' && typeof (v as AnyPlugin).options === 'object',
  { message: 'is not a plugin: import the default export of a plugin package (built with definePlugin)' },
);
/** Token secrets shorter than this are refused by every path (config, environment, `check`, start). */
export const MIN_SECRET_BYTES = 32;

/** A duration such as `90s`, `30m`, `12h`, `7d`, in seconds; null when it does not read as one. */
export function parseDuration(v: string): number | null {
  const m = /^(\d+)\s*(s|m|h|d)$/.exec(v.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return n * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd'];
}
const zDuration = z.string().refine((v) => (parseDuration(v) ?? 0) > 0, { message: 'is not a duration such as 30m, 12h or 2d' });

const zCode = z.string().refine(isDivisionCode, { message: 'is not a GB/T 2260 division code (6 digits, or 9 for a township)' });

export const configSchema = z
  .object({
    plugins: z.array(zPlugin).default([]),
    localities: z.array(z.object({ code: zCode, name: z.string().min(1) }).strict()).default([]),
    governance: z
      .array(z.object({ locality: zCode, plugin: z.string(), options: z.record(z.string(), z.unknown()).default({}) }).strict())
      .default([]),
    server: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(4000),
        /**
         * production: introspection and "did you mean" suggestions off, `_service` only with the
         * router's secret, no demo anything. Unset: production when NODE_ENV=production.
         */
        mode: z.enum(['development', 'production']).optional(),
        /** Operations nesting fields deeper than this are refused before they run (GRAPHQL_VALIDATION_FAILED). */
        maxQueryDepth: z.number().int().min(5).max(100).default(20),
        /** Request limits, checked before an operation runs (issue 14). */
        limits: z
          .object({
            /** Aliases in one operation: 15 covers a screen that asks for a few years side by side. */
            maxAliases: z.number().int().min(1).max(1000).default(15),
            /** Lexical tokens of one document: bounds parsing work and the 200-__schema kind of answer. */
            maxTokens: z.number().int().min(100).max(1_000_000).default(10_000),
            /** Directives in one operation. */
            maxDirectives: z.number().int().min(1).max(1000).default(30),
            /** Estimated cost of one operation (see cost.ts: a report costs far more than a field). */
            maxCost: z.number().int().min(100).max(100_000_000).default(200_000),
            /** Request body in bytes; larger bodies get 413. 20,000 import rows need about 6 MB. */
            maxBodyBytes: z.number().int().min(1024).max(1024 * 1024 * 1024).default(16 * 1024 * 1024),
            /** A request still running after this many ms is answered with a typed timeout error. */
            requestTimeoutMs: z.number().int().min(100).max(600_000).default(30_000),
          })
          .strict()
          .prefault({}),
        /**
         * The shared secret the provincial router sends in `x-gongzhi-router-secret`; in production
         * `_service { sdl }` answers only to it. GONGZHI_ROUTER_SECRET wins.
         */
        routerSecret: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
      })
      .strict()
      .prefault({}),
    database: z
      .object({
        /** PGlite data folder, relative to the config file. DATABASE_URL, when set, wins. */
        dataDir: z.string().default('.gongzhi-data'),
        /** PostgreSQL connections per replica (N replicas × this ≤ the server's max_connections). */
        poolSize: z.number().int().min(1).max(1000).default(10),
        /** Wait at most this long for a free connection, then answer SERVICE_UNAVAILABLE (retry hint). */
        acquireTimeoutMs: z.number().int().min(50).max(120_000).default(3_000),
        /** PostgreSQL `statement_timeout` per connection: a statement stuck on a lock ends. */
        statementTimeoutMs: z.number().int().min(100).max(3_600_000).default(15_000),
        /** PostgreSQL `lock_timeout`: a statement waiting this long on a lock gives up (SERVICE_UNAVAILABLE, retry). */
        lockTimeoutMs: z.number().int().min(50).max(3_600_000).default(2_000),
        /** PostgreSQL `idle_in_transaction_session_timeout`: a transaction left open is ended. */
        idleInTransactionTimeoutMs: z.number().int().min(100).max(3_600_000).default(30_000),
      })
      .strict()
      .prefault({}),
    auth: z
      .object({
        /** HS256 secret for bearer tokens, at least 32 bytes; GONGZHI_JWT_SECRET wins. Demo mode makes one up when absent. */
        secret: z.string().refine((v) => Buffer.byteLength(v, 'utf8') >= MIN_SECRET_BYTES, { message: `must be at least ${MIN_SECRET_BYTES} bytes` }).optional(),
        issuer: z.string().default('gongzhi'),
        /** Public (non-personal) data can be read without a token. */
        allowAnonymousRead: z.boolean().default(true),
        /** Longest life (exp − iat) of a person's token: longer ones are refused. `30m`, `12h`, `2d`. */
        maxTokenLifetime: zDuration.default('12h'),
        /**
         * Longest life of a service account's token (claim `serviceAccount: true`, e.g. a provincial
         * integrator). Unset: the same as a person's; longer only when set here.
         */
        serviceAccountMaxTokenLifetime: zDuration.optional(),
      })
      .strict()
      .prefault({}),
    /** /metrics (docs/operations.md): on in development; in production only with a token. */
    metrics: metricsConfigSchema,
    /** OpenTelemetry traces over OTLP/HTTP when an endpoint is set; a no-op otherwise. */
    tracing: tracingConfigSchema,
    /** Snapshots the server takes itself, relative to the config file (docs/operations.md). */
    backup: backupConfigSchema,
    demo: z
      .object({
        /** The county that gets sample schools and staff in demo mode. */
        county: zCode.optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export type GongzhiConfig = z.output<typeof configSchema>;
export type GongzhiConfigInput = z.input<typeof configSchema>;

export function defineConfig(c: GongzhiConfigInput): GongzhiConfigInput {
  return c;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { key: string; problem: string }[],
  ) {
    super(
      `配置有误 / Invalid config (${file}):\n` + problems.map((p) => `  - ${p.key}: ${p.problem}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

function keyOf(pathParts: readonly PropertyKey[]): string {
  return pathParts.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '') || '(root)';
}

/** Validate a config object, including each governance entry against its plugin’s options. */
export function validateConfig(raw: unknown, file = 'gongzhi.config'): GongzhiConfig {
  const r = configSchema.safeParse(raw);
  if (!r.success) throw new ConfigError(file, r.error.issues.map((i) => ({ key: keyOf(i.path), problem: i.message })));
  const c = r.data;
  const problems: { key: string; problem: string }[] = [];
  try {
    new Registry(c.plugins);
  } catch (e) {
    problems.push({ key: 'plugins', problem: (e as Error).message });
  }
  const installed = new Map(c.plugins.map((p) => [p.id, p]));
  const known = new Set(c.localities.map((l) => l.code));
  c.governance.forEach((g, i) => {
    const plugin = installed.get(g.plugin);
    if (!plugin) {
      problems.push({ key: `governance[${i}].plugin`, problem: `plugin "${g.plugin}" is not installed (installed: ${[...installed.keys()].join(', ') || 'none'})` });
      return;
    }
    if (!known.has(g.locality)) problems.push({ key: `governance[${i}].locality`, problem: `locality ${g.locality} is not listed under localities` });
    const o = plugin.options.strict().safeParse(g.options);
    if (!o.success) for (const issue of o.error.issues) problems.push({ key: `governance[${i}].options.${keyOf(issue.path)}`, problem: issue.message });
  });
  if (c.demo.county && !known.has(c.demo.county)) problems.push({ key: 'demo.county', problem: `locality ${c.demo.county} is not listed under localities` });
  if (problems.length) throw new ConfigError(file, problems);
  return c;
}

export const DEFAULT_CONFIG_FILES = ['gongzhi.config.ts', 'gongzhi.config.mjs', 'gongzhi.config.js'];

/**
 * Import a config module. A TypeScript config imports directly under tsx (development, tests); a
 * built server runs on Node alone (`node --conditions=gongzhi-built …/dist/cli.js`), which cannot
 * import .ts, so the file's types are stripped by esbuild into a module beside it (its relative
 * imports and packages resolve as from the original), imported once and removed.
 */
async function importConfigModule(found: string): Promise<{ default?: unknown }> {
  try {
    return await import(pathToFileURL(found).href);
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION' || !/\.[cm]?ts$/.test(found)) throw e;
  }
  const { transform } = await import('esbuild');
  const { code } = await transform(fs.readFileSync(found, 'utf8'), { loader: 'ts', format: 'esm', target: 'node20', sourcefile: found });
  const stripped = path.join(path.dirname(found), `.${path.basename(found).replace(/\.[cm]?ts$/, '')}.${process.pid}-${Date.now()}.mjs`);
  fs.writeFileSync(stripped, code);
  try {
    return await import(pathToFileURL(stripped).href);
  } finally {
    fs.rmSync(stripped, { force: true });
  }
}

/** Load and validate the config file (TypeScript under tsx, or stripped of its types by a built server). */
export async function loadConfig(file?: string, cwd = process.cwd()): Promise<{ config: GongzhiConfig; file: string; dir: string }> {
  const candidates = file ? [path.resolve(cwd, file)] : DEFAULT_CONFIG_FILES.map((f) => path.resolve(cwd, f));
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) throw new ConfigError(file ?? DEFAULT_CONFIG_FILES[0]!, [{ key: '(file)', problem: `no config file found (looked for ${candidates.join(', ')})` }]);
  let mod: { default?: unknown };
  try {
    mod = await importConfigModule(found);
  } catch (e) {
    throw new ConfigError(found, [{ key: '(file)', problem: `cannot be loaded: ${(e as Error).message.split('\n')[0]}` }]);
  }
  if (mod.default === undefined) throw new ConfigError(found, [{ key: '(file)', problem: 'has no default export (export default defineConfig({...}))' }]);
  return { config: validateConfig(mod.default, path.basename(found)), file: found, dir: path.dirname(found) };
}

/** Production when the config says so, or, when it is silent, when NODE_ENV=production. */
export function isProduction(config: GongzhiConfig, env: NodeJS.ProcessEnv = process.env): boolean {
  return (config.server.mode ?? (env.NODE_ENV === 'production' ? 'production' : 'development')) === 'production';
}

/** The token secret in force: GONGZHI_JWT_SECRET wins over auth.secret. */
export function tokenSecret(config: GongzhiConfig, env: NodeJS.ProcessEnv = process.env): { secret?: string; source: string } {
  if (env.GONGZHI_JWT_SECRET !== undefined) return { secret: env.GONGZHI_JWT_SECRET, source: 'GONGZHI_JWT_SECRET' };
  return { secret: config.auth.secret, source: 'auth.secret' };
}

/** The router's shared secret in force: GONGZHI_ROUTER_SECRET wins over server.routerSecret. */
export function routerSecret(config: GongzhiConfig, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.GONGZHI_ROUTER_SECRET || config.server.routerSecret;
}

/**
 * What keeps this config from serving safely, checked by `gongzhi check` and at every start (the
 * same list, so `check` never calls OK what start refuses): the secret by every path is ≥ 32 bytes;
 * a non-demo server has one; production has no demo.
 */
export function securityProblems(config: GongzhiConfig, o: { demo?: boolean; env?: NodeJS.ProcessEnv } = {}): { key: string; problem: string }[] {
  const env = o.env ?? process.env;
  const problems: { key: string; problem: string }[] = [];
  const { secret, source } = tokenSecret(config, env);
  if (secret !== undefined && Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES)
    problems.push({ key: source, problem: `the token secret is ${Buffer.byteLength(secret, 'utf8')} bytes; it must be at least ${MIN_SECRET_BYTES} (e.g. openssl rand -hex 32)` });
  if (secret === undefined && !o.demo) problems.push({ key: 'auth.secret', problem: 'no token secret: set GONGZHI_JWT_SECRET or auth.secret (only demo mode makes one up)' });
  if (o.demo && isProduction(config, env)) problems.push({ key: 'server.mode', problem: 'demo mode (--demo) cannot run in production: it puts sample data and a demo token in the server' });
  const rs = env.GONGZHI_ROUTER_SECRET;
  if (rs !== undefined && rs !== '' && rs.length < 16) problems.push({ key: 'GONGZHI_ROUTER_SECRET', problem: 'must be at least 16 characters' });
  return problems;
}
