import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { startTestServer, type TestServer } from '@gongzhi/server/testing';
import { validateConfig } from '@gongzhi/server';
import { mintIntegratorToken, tokenCommand } from '../packages/server/src/integrator-token.js';
import { signToken } from '../packages/server/src/auth.js';
import { CREATE_SCHOOL, LOCALITIES, schoolInput } from './fixtures.js';

/**
 * Service accounts (issue 15): the `integrator` role is read-only, scoped to a province, reads
 * no personal data unless granted, and lives longer only as the config allows.
 */
// The test server signs and checks with its own secret (the kit's): the minted tokens use the same.
const SECRET = 'test-secret-test-secret-test-secret-0123456789';
const config = (extra: Record<string, unknown> = {}) => validateConfig({ localities: LOCALITIES, auth: { secret: SECRET, ...extra } });

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ localities: LOCALITIES, auth: { secret: SECRET, serviceAccountMaxTokenLifetime: '30d' } });
  await s.gql(CREATE_SCHOOL, { i: schoolInput('2145020001') });
  await s.gql(`mutation { createPerson(input: { name: "张敏", gender: FEMALE, qualification: BACHELOR, title: SENIOR, localityCode: "450502", phone: "0779-1234567" }) { person { personId } } }`);
}, 60_000);
afterAll(() => s?.close());

describe('integrator service accounts', () => {
  it('a minted token: role integrator, the province, no pii, a service account living as the config allows (30 d here)', async () => {
    const t = await mintIntegratorToken(config({ serviceAccountMaxTokenLifetime: '30d' }), { sub: 'gx-edu-platform', province: '450000', expiresIn: '30d' });
    const c = decodeJwt(t.token);
    expect(c).toMatchObject({ sub: 'gx-edu-platform', roles: ['integrator'], localities: ['450000'], pii: [], serviceAccount: true });
    expect(c.exp! - c.iat!).toBe(30 * 86400);
    expect(t.expiresAt.getTime() - t.issuedAt.getTime()).toBe(30 * 86400 * 1000);
  });

  it('a longer life is set only by config: without auth.serviceAccountMaxTokenLifetime it is a person’s (12 h), and asking for more is refused', async () => {
    await expect(mintIntegratorToken(config(), { sub: 'gx', province: '450000', expiresIn: '30d' })).rejects.toThrow(/serviceAccountMaxTokenLifetime/);
    const t = await mintIntegratorToken(config(), { sub: 'gx', province: '450000' });
    const c = decodeJwt(t.token);
    expect(c.exp! - c.iat!).toBe(12 * 3600);
  });

  it('scoped to a province: a county, or pii outside the province, is refused', async () => {
    await expect(mintIntegratorToken(config(), { sub: 'gx', province: '450500' })).rejects.toThrow(/province/);
    await expect(mintIntegratorToken(config(), { sub: 'gx', province: '450000', pii: ['410108'] })).rejects.toThrow(/inside 450000/);
  });

  it('reads in its province, writes nothing, and reads no personal data unless granted', async () => {
    const token = (await mintIntegratorToken(config({ serviceAccountMaxTokenLifetime: '30d' }), { sub: 'gx', province: '450000', expiresIn: '7d' })).token;
    const read = await s.gql(`{ schools(filter: { localityCode: "450000" }) { nodes { code } } people(filter: { localityCode: "450502" }) { nodes { name phone } } changesHead }`, {}, { token });
    expect(read.errors, JSON.stringify(read.errors)).toBeUndefined();
    expect(read.data.schools.nodes).toEqual([{ code: '2145020001' }]);
    expect(read.data.people.nodes).toEqual([{ name: '张敏', phone: null }]);
    const write = await s.gql(CREATE_SCHOOL, { i: schoolInput('2145020002') }, { token });
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const granted = (await mintIntegratorToken(config({ serviceAccountMaxTokenLifetime: '30d' }), { sub: 'gx', province: '450000', pii: ['450502'], expiresIn: '7d' })).token;
    const withPii = await s.gql(`{ people(filter: { localityCode: "450502" }) { nodes { phone } } }`, {}, { token: granted });
    expect(withPii.data.people.nodes).toEqual([{ phone: '0779-1234567' }]);
  });

  it('the server takes the integrator role only from a read-only service account scoped to provinces', async () => {
    const settings = { ...s.auth, serviceAccountMaxTokenLifetimeSeconds: 30 * 86400 };
    const bad = [
      { sub: 'x', roles: ['integrator', 'editor'], localities: ['450000'], serviceAccount: true },
      { sub: 'x', roles: ['integrator'], localities: ['450502'], serviceAccount: true },
      { sub: 'x', roles: ['integrator'], localities: ['450000'], serviceAccount: false },
    ];
    for (const claims of bad) {
      const token = await signToken(settings, claims, '1h');
      const r = await s.gql(`{ changesHead }`, {}, { token });
      expect(r.errors?.[0]?.extensions?.code, JSON.stringify(claims)).toBe('UNAUTHENTICATED');
    }
  });

  it('gongzhi token integrator prints the token, its scope and its expiry', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-token-'));
    const file = path.join(dir, 'gongzhi.config.mjs');
    fs.writeFileSync(file, `export default ${JSON.stringify({ localities: LOCALITIES, auth: { secret: SECRET, serviceAccountMaxTokenLifetime: '90d' } })};\n`);
    const lines: string[] = [];
    const prev = process.env.GONGZHI_JWT_SECRET;
    delete process.env.GONGZHI_JWT_SECRET;
    try {
      expect(await tokenCommand(['integrator', '--config', file, '--sub', 'gx-edu-platform', '--province', '450000', '--expires', '60d'], (l) => lines.push(l))).toBe(0);
    } finally {
      if (prev !== undefined) process.env.GONGZHI_JWT_SECRET = prev;
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(decodeJwt(lines[0]!)).toMatchObject({ sub: 'gx-edu-platform', roles: ['integrator'], localities: ['450000'] });
    const text = lines.join('\n');
    expect(text).toMatch(/scope:\s+450000/);
    expect(text).toMatch(/pii:\s+none/);
    expect(text).toMatch(/expires:\s+\d{4}-\d\d-\d\dT/);
    expect(text).toMatch(/at most 2160 h/);
  });
});
