import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'graphql';
import { buildSchema, Registry } from '@gongzhi/core';
import { operationCost, secretKey, signToken, verifyToken, type AuthSettings } from '../src/index.js';

/**
 * What a request no longer recomputes (issue 9): a token already verified, and an operation's cost
 * for the same document and variables. Each cache must answer exactly as the computation would.
 */
describe('per-request work kept between requests', () => {
  afterEach(() => vi.useRealTimers());

  const settings = (): AuthSettings => ({ secret: secretKey('a-secret-of-at-least-thirty-two-bytes!!'), issuer: 'gongzhi-test', allowAnonymousRead: false });

  it('a verified token is served from the cache until its exp, then refused as expired', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-01T08:00:00Z'), toFake: ['Date'] });
    const s = settings();
    const token = await signToken(s, { sub: 'u1', roles: ['viewer'], localities: ['450502'] }, '1h');
    const first = await verifyToken(s, `Bearer ${token}`);
    expect(first).toMatchObject({ subject: 'u1', roles: ['viewer'], localities: ['450502'], anonymous: false });
    // The same principal object, frozen: no request can change what the next one sees.
    expect(await verifyToken(s, `Bearer ${token}`)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.roles)).toBe(true);
    vi.setSystemTime(new Date('2026-12-01T09:00:01Z'));
    await expect(verifyToken(s, `Bearer ${token}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('a token refused once is refused again (only verified tokens are kept), and another secret does not see the cache', async () => {
    const s = settings();
    const token = await signToken(s, { sub: 'u2', roles: ['viewer'], localities: ['450502'] }, '1h');
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(verifyToken(s, `Bearer ${tampered}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(verifyToken(s, `Bearer ${tampered}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await verifyToken(s, `Bearer ${token}`);
    const rotated: AuthSettings = { ...s, secret: secretKey('another-secret-of-at-least-thirty-two-bytes') };
    await expect(verifyToken(rotated, `Bearer ${token}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('the cost of a document is kept per variables: a bigger page costs more, the same page the same', () => {
    const schema = buildSchema(new Registry([]));
    const doc = parse(`query($first: Int) { schools(first: $first) { nodes { code staff(first: 10) { nodes { role } } } } }`);
    const small = operationCost(schema, doc, { first: 2 });
    const big = operationCost(schema, doc, { first: 200 });
    expect(big).toBeGreaterThan(small * 50);
    expect(operationCost(schema, doc, { first: 2 })).toBe(small);
    // The same text parsed again is another document: priced afresh, to the same figure.
    expect(operationCost(schema, parse(`query($first: Int) { schools(first: $first) { nodes { code staff(first: 10) { nodes { role } } } } }`), { first: 200 })).toBe(big);
  });
});
