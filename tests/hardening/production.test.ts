import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tables } from '@gongzhi/core';
import { boot, validateConfig } from '@gongzhi/server';
import { startProcess, type StartedProcess } from '@gongzhi/server/testing';
import deployment from '../../gongzhi.config.js';

/**
 * Issue 14, "production leaks" and "stop and start": the README's Production settings, as written,
 * start a production server (spawned as an operator would); and the demo's pieces stay in demo.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const envBlock = /```sh production-env\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
const configBlock = /```js production-config\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

/** The README's `export NAME=value` lines; `$(openssl rand -hex N)` becomes N random bytes in hex. */
function readmeEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const m of envBlock.matchAll(/^export (\w+)=(\$\([^)]*\)|\S+)/gm)) {
    const rand = /^\$\(openssl rand -hex (\d+)\)$/.exec(m[2]!);
    env[m[1]!] = rand ? crypto.randomBytes(Number(rand[1])).toString('hex') : m[2]!;
  }
  return env;
}

let server: StartedProcess;
let base = '';
const env = readmeEnv();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-production-'));

beforeAll(async () => {
  expect(configBlock).toMatch(/mode: 'production'/);
  fs.writeFileSync(path.join(dir, 'gongzhi.config.mjs'), configBlock);
  // The README's DATABASE_URL names the operator's server; here the embedded database stands in.
  const { DATABASE_URL: _db, ...rest } = env;
  server = await startProcess(process.execPath, [path.join(root, 'packages/server/bin/gongzhi.mjs'), 'serve', '--port', '0', '--data-dir', path.join(dir, 'data')], {
    cwd: dir,
    env: { ...process.env, ...rest, DATABASE_URL: '', GONGZHI_LOG_LEVEL: 'warn' },
  });
  base = server.base;
}, 120_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

describe('the README’s Production settings start a production server (issue 14)', () => {
  it('starts in production mode, prints no demo token, and is ready', async () => {
    expect(server.output()).toMatch(/Mode:\s+production/);
    expect(server.output()).not.toMatch(/Bearer/);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
  });

  it('introspection and "did you mean" suggestions are off', async () => {
    const intro = await post({ query: '{ __schema { types { name } } }' });
    expect(intro.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const typo = await post({ query: '{ schoolz { totalCount } }' });
    expect(JSON.stringify(typo.body)).not.toMatch(/Did you mean/);
    expect((await post({ query: '{ __typename }' })).body.data).toEqual({ __typename: 'Query' });
  });

  it('`_service { sdl }` answers only the router’s shared secret', async () => {
    const anonymous = await post({ query: '{ _service { sdl } }' });
    expect(anonymous.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', scope: 'router' });
    expect(anonymous.body.data?._service?.sdl).toBeUndefined();
    const wrong = await post({ query: '{ _service { sdl } }' }, { 'x-gongzhi-router-secret': 'x'.repeat(48) });
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const router = await post({ query: '{ _service { sdl } }' }, { 'x-gongzhi-router-secret': env.GONGZHI_ROUTER_SECRET! });
    expect(router.body.data._service.sdl).toMatch(/type Query/);
  });

  it('GraphiQL is off: / is not found and a browser opening /graphql is not redirected to it', async () => {
    expect((await fetch(`${base}/`)).status).toBe(404);
    const r = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(r.status).not.toBe(302);
  });
});

describe('demo pieces stay in demo (issue 14)', () => {
  it('a non-demo start seeds no sample data; a demo start does', async () => {
    // One regime whose seed is sample schools (Beihai's) is enough, and quick to migrate.
    const beihaiOnly = deployment.plugins!.filter((p) => p.id === 'beihai');
    const config = validateConfig({ plugins: beihaiOnly, localities: deployment.localities, governance: (deployment.governance ?? []).filter((g) => g.plugin === 'beihai'), auth: { secret: 'a'.repeat(32) } });
    const samples = async (demo: boolean) => {
      const b = await boot({ config, baseDir: root, dataDir: 'memory', databaseUrl: null, demo });
      try {
        return (await b.database.db.select({ code: tables.schools.code }).from(tables.schools).where(eq(tables.schools.isSample, true))).length;
      } finally {
        await b.app.stop();
        await b.database.close();
      }
    };
    expect(await samples(false)).toBe(0);
    expect(await samples(true)).toBeGreaterThan(0);
  }, 180_000);

  it('in demo mode the token goes into GraphiQL only on loopback, and a browser at /graphql is sent to GraphiQL', async () => {
    const config = validateConfig({ localities: [{ code: '450000', name: '广西' }] });
    const b = await boot({ config, baseDir: root, dataDir: 'memory', databaseUrl: null, demo: true });
    try {
      const { url } = await b.app.listen(0, '127.0.0.1');
      const page = await (await fetch(url.replace(/\/graphql$/, '/graphiql'))).text();
      expect(page).toMatch(/Bearer ey/);
      const redirect = await fetch(url, { headers: { accept: 'text/html' }, redirect: 'manual' });
      expect(redirect.status).toBe(302);
      expect(redirect.headers.get('location')).toBe('/graphiql');
      await b.app.stop();
      const open = await b.app.listen(0, '0.0.0.0');
      const port = new URL(open.url.replace('0.0.0.0', '127.0.0.1')).port;
      const remotePage = await (await fetch(`http://127.0.0.1:${port}/graphiql`)).text();
      expect(remotePage).not.toMatch(/Bearer/);
    } finally {
      await b.app.stop();
      await b.database.close();
    }
  });

  it('--demo is refused in production', () => {
    const config = validateConfig({ server: { mode: 'production' }, auth: { secret: 'a'.repeat(32) } });
    return expect(boot({ config, baseDir: root, dataDir: 'memory', databaseUrl: null, demo: true })).rejects.toThrow(/production/);
  });
});
