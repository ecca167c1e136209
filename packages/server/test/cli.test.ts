import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const bin = path.join(root, 'packages/server/bin/gongzhi.mjs');

function gongzhi(args: string[], cwd = root) {
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, DATABASE_URL: '' } });
}

describe('gongzhi CLI', () => {
  it('check accepts the project config for the demo, and for a real start only with a secret of 32 bytes (issue 14)', () => {
    const demo = gongzhi(['check', '--demo']);
    expect(demo.stdout).toContain('config OK');
    expect(demo.status).toBe(0);
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '' };
    delete env.GONGZHI_JWT_SECRET;
    const noSecret = spawnSync(process.execPath, [bin, 'check'], { cwd: root, encoding: 'utf8', timeout: 60_000, env });
    expect(noSecret.status).toBe(1);
    expect(noSecret.stderr).toContain('auth.secret');
  });

  it('check names the key and the problem of a bad config, and exits 1', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-cfg-'));
    const file = path.join(dir, 'gongzhi.config.mjs');
    fs.writeFileSync(file, `export default { localities: [{ code: '4505', name: '北海市' }], server: { port: 'eighty' } };\n`);
    const r = gongzhi(['check', '--config', file], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('localities[0].code');
    expect(r.stderr).toContain('server.port');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a missing config file is named', () => {
    const r = gongzhi(['check', '--config', 'nope.config.ts']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no config file found');
  });

  it('schema prints the SDL with federation keys', () => {
    const r = gongzhi(['schema']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/type School implements Node\s*@key\(fields: "code"\)/);
    // The whole schema reaches the pipe (it was cut at 64 KiB when the process exited mid-write).
    expect(r.stdout.trimEnd()).toBe(fs.readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8').trimEnd());
  });
});
