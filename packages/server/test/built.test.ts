import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess, type StartedProcess } from '../src/testing/index.js';
// @ts-expect-error — plain JavaScript beside the bin, without types
import { builtIsCurrent, BUILD_STAMP } from '../bin/built.mjs';

/**
 * Issue 9 (server RSS): production runs the compiled packages on Node alone, without tsx and the
 * sources it holds in memory. `npm run build` compiles them; `node --conditions=gongzhi-built
 * packages/server/dist/cli.js serve` (or `npx gongzhi serve` while the build is current) runs them,
 * with the deployment's gongzhi.config.ts stripped of its types on load.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('the build stamp (when the bin runs dist/)', () => {
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-built-'));
  const file = (rel: string, text = '') => {
    fs.mkdirSync(path.dirname(path.join(tree, rel)), { recursive: true });
    fs.writeFileSync(path.join(tree, rel), text);
  };
  const age = (rel: string, msAgo: number) => fs.utimesSync(path.join(tree, rel), new Date(Date.now() - msAgo), new Date(Date.now() - msAgo));
  afterAll(() => fs.rmSync(tree, { recursive: true, force: true }));

  it('is current only with a stamp newer than every source and manifest of the packages it names, and their dist/', () => {
    file('packages/a/package.json', '{}');
    file('packages/a/src/index.ts');
    file('packages/a/src/deep/x.ts');
    // Folders count too: a file added or removed changes its folder's time.
    for (const f of ['packages/a/package.json', 'packages/a/src/index.ts', 'packages/a/src/deep/x.ts', 'packages/a/src/deep', 'packages/a/src']) age(f, 60_000);
    expect(builtIsCurrent(tree)).toBe(false); // no stamp: never built
    fs.writeFileSync(path.join(tree, BUILD_STAMP), JSON.stringify({ builtAt: Date.now() - 1_000, packages: ['packages/a'] }));
    expect(builtIsCurrent(tree)).toBe(false); // no dist/
    file('packages/a/dist/index.js');
    expect(builtIsCurrent(tree)).toBe(true);
    file('packages/a/src/deep/x.ts', 'changed'); // a source saved after the build
    expect(builtIsCurrent(tree)).toBe(false);
    age('packages/a/src/deep/x.ts', 60_000);
    expect(builtIsCurrent(tree)).toBe(true);
    file('packages/a/src/new.ts'); // a source added
    expect(builtIsCurrent(tree)).toBe(false);
    fs.rmSync(path.join(tree, 'packages/a/src/new.ts'));
    age('packages/a/src', 60_000);
    expect(builtIsCurrent(tree)).toBe(true);
    file('packages/a/package.json', '{"changed":true}'); // its exports may have changed
    expect(builtIsCurrent(tree)).toBe(false);
    fs.writeFileSync(path.join(tree, BUILD_STAMP), JSON.stringify({ builtAt: Date.now() + 1_000, packages: [] }));
    expect(builtIsCurrent(tree)).toBe(false); // a stamp that names nothing
  });
});

describe('the built server', () => {
  let server: StartedProcess;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-built-serve-'));
  const strippedConfigs = () => fs.readdirSync(root).filter((f) => /^\.gongzhi\.config\..*\.mjs$/.test(f));

  beforeAll(async () => {
    // A current build is reused: rebuilding would delete dist/ under a bin another test started on it.
    if (!builtIsCurrent(root)) execFileSync(process.execPath, [path.join(root, 'scripts/build-packages.mjs')], { cwd: root, stdio: 'pipe' });
    expect(builtIsCurrent(root)).toBe(true);
    // Node alone: without tsx a .ts module cannot load, so an answer proves every module came from dist/.
    server = await startProcess(process.execPath, ['--conditions=gongzhi-built', path.join(root, 'packages/server/dist/cli.js'), 'serve', '--demo', '--port', '0', '--data-dir', dataDir], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', NODE_OPTIONS: '' },
    });
  }, 150_000);

  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the repo’s gongzhi.config.ts with its plugins, serves the demo, and leaves no stripped config behind', async () => {
    const res = await fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: JSON.stringify({ query: '{ schools(filter: { localityCode: "350400" }) { totalCount } locality(code: "520527") { governance { plugin } } }' }),
    });
    const body = (await res.json()) as { data?: { schools: { totalCount: number }; locality: { governance: { plugin: string }[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data!.schools.totalCount).toBeGreaterThan(0);
    expect(body.data!.locality.governance.map((g) => g.plugin)).toContain('hezhang');
    expect(strippedConfigs()).toEqual([]);
    const cmdline = fs.readFileSync(`/proc/${server.child.pid}/cmdline`, 'utf8');
    expect(cmdline).not.toContain('tsx');
  });
});
