import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { isDivisionCode, Registry, type AnyPlugin } from '@gongzhi/core';

/**
 * The deployment's config (gongzhi.config.ts): which plugins are installed, which localities exist
 * and which regimes they enable, where the data lives, how tokens are checked.
 */
const zPlugin = z.custom<AnyPlugin>(
  (v) => !!v && typeof v === 'object' && typeof (v as AnyPlugin).id === 'string' && typeof (v as AnyPlugin).options === 'object',
  { message: 'is not a plugin: import the default export of a plugin package (built with definePlugin)' },
);
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
        /** Operations nesting fields deeper than this are refused before they run (GRAPHQL_VALIDATION_FAILED). */
        maxQueryDepth: z.number().int().min(5).max(100).default(20),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 4000, maxQueryDepth: 20 }),
    database: z
      .object({
        /** PGlite data folder, relative to the config file. DATABASE_URL, when set, wins. */
        dataDir: z.string().default('.gongzhi-data'),
      })
      .strict()
      .default({ dataDir: '.gongzhi-data' }),
    auth: z
      .object({
        /** HS256 secret for bearer tokens; GONGZHI_JWT_SECRET wins. Demo mode makes one up when absent. */
        secret: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
        issuer: z.string().default('gongzhi'),
        /** Public (non-personal) data can be read without a token. */
        allowAnonymousRead: z.boolean().default(true),
      })
      .strict()
      .default({ issuer: 'gongzhi', allowAnonymousRead: true }),
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

/** Load and validate the config file (TypeScript works under tsx). */
export async function loadConfig(file?: string, cwd = process.cwd()): Promise<{ config: GongzhiConfig; file: string; dir: string }> {
  const candidates = file ? [path.resolve(cwd, file)] : DEFAULT_CONFIG_FILES.map((f) => path.resolve(cwd, f));
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) throw new ConfigError(file ?? DEFAULT_CONFIG_FILES[0]!, [{ key: '(file)', problem: `no config file found (looked for ${candidates.join(', ')})` }]);
  let mod: { default?: unknown };
  try {
    mod = await import(pathToFileURL(found).href);
  } catch (e) {
    throw new ConfigError(found, [{ key: '(file)', problem: `cannot be loaded: ${(e as Error).message.split('\n')[0]}` }]);
  }
  if (mod.default === undefined) throw new ConfigError(found, [{ key: '(file)', problem: 'has no default export (export default defineConfig({...}))' }]);
  return { config: validateConfig(mod.default, path.basename(found)), file: found, dir: path.dirname(found) };
}
