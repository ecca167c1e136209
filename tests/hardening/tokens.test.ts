import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { authSettings, secretKey, securityProblems, signToken, validateConfig } from '@gongzhi/server';
import { startTestServer, type TestServer } from '@gongzhi/server/testing';
import { LOCALITIES } from '../fixtures.js';

/** Issue 14, "weak token secrets and endless tokens". */
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ localities: LOCALITIES, auth: { serviceAccountMaxTokenLifetime: '30d' } });
});
afterAll(() => s?.close());

const raw = (claims: Record<string, unknown>, o: { iat?: number | null; exp?: number | null } = {}) => {
  const now = Math.floor(Date.now() / 1000);
  const j = new SignJWT({ roles: ['viewer'], localities: ['450000'], ...claims }).setProtectedHeader({ alg: 'HS256' }).setSubject('u').setIssuer('gongzhi');
  if (o.iat !== null) j.setIssuedAt(o.iat ?? now);
  if (o.exp !== null) j.setExpirationTime(o.exp ?? now + 3600);
  return j.sign(s.auth.secret);
};
const who = (token: string) => s.gql(`{ __typename }`, {}, { token });

describe('token secrets (issue 14)', () => {
  it('a secret under 32 bytes is refused by every path: config, environment, secretKey, check, start', () => {
    expect(() => validateConfig({ auth: { secret: 'x' } })).toThrow(/auth\.secret.*32 bytes/s);
    // 16 CJK characters are 48 bytes: bytes count, not characters.
    expect(() => validateConfig({ auth: { secret: '共治共治共治共治共治共治共治共治' } })).not.toThrow();
    expect(() => secretKey('x')).toThrow(/32/);
    const config = validateConfig({});
    expect(securityProblems(config, { env: { GONGZHI_JWT_SECRET: 'x' } })).toEqual([expect.objectContaining({ key: 'GONGZHI_JWT_SECRET' })]);
    expect(securityProblems(config, { env: { GONGZHI_JWT_SECRET: 'a'.repeat(32) } })).toEqual([]);
    expect(securityProblems(config, { env: {} })).toEqual([expect.objectContaining({ key: 'auth.secret' })]);
    const before = process.env.GONGZHI_JWT_SECRET;
    process.env.GONGZHI_JWT_SECRET = 'x';
    try {
      expect(() => authSettings(config, false)).toThrow(/32/);
    } finally {
      if (before === undefined) delete process.env.GONGZHI_JWT_SECRET;
      else process.env.GONGZHI_JWT_SECRET = before;
    }
  });

  it('`gongzhi check` fails on a 1-character GONGZHI_JWT_SECRET and passes on a long one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-check-'));
    fs.writeFileSync(path.join(dir, 'gongzhi.config.mjs'), `export default { localities: [{ code: '450000', name: '广西' }] };\n`);
    const require = createRequire(import.meta.url);
    const cli = path.resolve(path.dirname(require.resolve('@gongzhi/server')), 'cli.ts');
    const run = (secret: string) => spawnSync(process.execPath, [require.resolve('tsx/cli'), cli, 'check'], { cwd: dir, env: { ...process.env, GONGZHI_JWT_SECRET: secret }, encoding: 'utf8' });
    const bad = run('x');
    expect(bad.status).toBe(1);
    expect(bad.stdout + bad.stderr).toMatch(/GONGZHI_JWT_SECRET.*32/);
    const good = run('0123456789abcdef0123456789abcdef');
    expect(good.stdout + good.stderr).toMatch(/config OK/);
    expect(good.status).toBe(0);
  }, 60_000);
});

describe('token lifetimes (issue 14)', () => {
  it('a token without exp is refused; with exp it passes', async () => {
    expect((await who(await raw({}, { exp: null }))).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await who(await raw({}, { iat: null }))).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await who(await raw({}))).errors).toBeUndefined();
  });

  it('a ten-year token is refused; 12 h (the default maximum) passes, 13 h does not', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await who(await raw({}, { exp: now + 10 * 365 * 86400 }))).status).toBe(401);
    expect((await who(await raw({}, { exp: now + 12 * 3600 }))).errors).toBeUndefined();
    expect((await who(await raw({}, { exp: now + 13 * 3600 }))).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('iat in the future is refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    const r = await who(await raw({}, { iat: now + 3600, exp: now + 7200 }));
    expect(r.status).toBe(401);
    expect(r.errors?.[0]?.message).toMatch(/签发时间|future/);
  });

  it('a service account may live longer only as configured (serviceAccountMaxTokenLifetime 30d here)', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await who(await raw({ serviceAccount: true }, { exp: now + 20 * 86400 }))).errors).toBeUndefined();
    expect((await who(await raw({ serviceAccount: true }, { exp: now + 40 * 86400 }))).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await who(await raw({}, { exp: now + 20 * 86400 }))).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('signToken refuses to mint past the maximum', async () => {
    await expect(signToken(s.auth, { sub: 'x', roles: [], localities: [] }, '30d')).rejects.toThrow(/at most/);
  });
});
