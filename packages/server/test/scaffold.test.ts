/**
 * `gongzhi plugin new`: the scaffold is a plugin that definePlugin accepts, that type-checks and
 * whose own test passes on the first run. It is generated into a scratch workspace (the repo's
 * root tsconfig and vitest config, its node_modules linked), so the real plugins/ stays untouched.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema, Registry, type AnyPlugin } from '@gongzhi/core';
import { scaffoldPlugin, ScaffoldError } from '../src/scaffold.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const bin = path.join(root, 'packages/server/bin/gongzhi.mjs');

let work: string;
let dir: string;
let cli: ReturnType<typeof spawnSync>;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-scaffold-'));
  for (const f of ['tsconfig.json', 'vitest.shared.ts']) fs.copyFileSync(path.join(root, f), path.join(work, f));
  fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module', workspaces: ['plugins/*'] }));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  // From inside the scratch workspace and without --dir: the CLI finds plugins/ of the workspace it is in.
  fs.mkdirSync(path.join(work, 'plugins'));
  cli = spawnSync(process.execPath, [bin, 'plugin', 'new', 'demo1'], { cwd: work, encoding: 'utf8', timeout: 180_000 });
  dir = path.join(work, 'plugins', 'demo1');
}, 200_000);
afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Run a node script in the scaffolded plugin's folder; resolves with its exit code and output. */
function run(script: string, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: dir, env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('gongzhi plugin new', () => {
  it('writes the layout of plugins/README.md, with a migration drizzle-kit generated for its table', () => {
    expect(cli.status, `${cli.stdout}\n${cli.stderr}`).toBe(0);
    const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).replaceAll(path.sep, '/'));
    const migration = files.find((f) => /^migrations\/\d{14}_init\/migration\.sql$/.test(f));
    expect(migration, files.join(', ')).toBeDefined();
    expect(files.sort()).toEqual(
      [
        'README.md', 'drizzle.config.ts', 'package.json', 'tsconfig.json', 'vitest.config.ts',
        migration!, migration!.replace('migration.sql', 'snapshot.json'),
        'src/index.ts', 'src/options.ts', 'src/repo.ts', 'src/seed.ts', 'src/tables.ts',
        'src/rules/index.ts', 'src/rules/plans.ts', 'src/schema/index.ts', 'src/schema/queries.ts', 'src/schema/types.ts',
        'test/helpers.ts', 'test/plan-filed.test.ts', 'test/readme.test.ts',
      ].sort(),
    );
    const sql = fs.readFileSync(path.join(dir, migration!), 'utf8');
    expect(sql).toContain('CREATE SCHEMA "demo1"');
    expect(sql).toMatch(/CREATE TABLE "demo1"\."school_plans"/);
    expect(sql).toContain('REFERENCES "core"."schools"("code")');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))).toMatchObject({ name: '@gongzhi/plugin-demo1', scripts: { typecheck: 'tsc -p tsconfig.json', test: 'vitest run' } });
  });

  it('is a plugin: definePlugin accepts it and the schema gets its type and query, all described', async () => {
    const plugin = (await import(pathToFileURL(path.join(dir, 'src/index.ts')).href)).default as AnyPlugin;
    expect(plugin).toMatchObject({ id: 'demo1', coreVersion: '^0.1.0', policy: { doc: '【示例】demo1文件' } });
    expect(plugin.options.parse({})).toEqual({ planDueDays: 30 });
    expect(plugin.rules?.map((r) => [r.id, r.enforce, r.cite.clause])).toEqual([['demo1.plan-filed', 'report', '一']]);
    const schema = buildSchema(new Registry([plugin]));
    const type = schema.getType('Demo1SchoolPlan');
    expect(type?.description).toBeTruthy();
    expect(schema.getQueryType()?.getFields().demo1SchoolPlan?.description).toBeTruthy();
  });

  it('type-checks, and its own test passes on the first run', async () => {
    const [tsc, vitest] = await Promise.all([
      run(path.join(root, 'node_modules/typescript/bin/tsc'), ['-p', 'tsconfig.json']),
      run(path.join(root, 'node_modules/vitest/vitest.mjs'), ['run']),
    ]);
    expect(tsc.code, tsc.out).toBe(0);
    expect(vitest.code, vitest.out).toBe(0);
    expect(vitest.out.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/Tests\s+5 passed/);
  }, 320_000);

  it('refuses an id that cannot prefix tables and types, the reserved id and an existing folder', () => {
    const pluginsDir = path.join(work, 'plugins');
    expect(() => scaffoldPlugin({ id: 'Demo', pluginsDir, migrate: false })).toThrow(ScaffoldError);
    expect(() => scaffoldPlugin({ id: 'two-words', pluginsDir, migrate: false })).toThrow(/lowercase letters and digits/);
    expect(() => scaffoldPlugin({ id: 'core', pluginsDir, migrate: false })).toThrow(/reserved/);
    expect(() => scaffoldPlugin({ id: 'demo1', pluginsDir, migrate: false })).toThrow(/exists already/);
    const r = spawnSync(process.execPath, [bin, 'plugin', 'new'], { cwd: work, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: gongzhi plugin new <id>');
  });
});
