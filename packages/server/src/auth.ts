import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { ANONYMOUS, isDivisionCode, unauthenticated, type Principal } from '@gongzhi/core';
import { MIN_SECRET_BYTES, parseDuration } from './config.js';

/**
 * Bearer tokens: HS256 JWTs whose claims say who the caller is (`sub`), what they may do (`roles`:
 * viewer, editor, admin), where (`localities`: division codes; a province covers its descendants)
 * and whose personal data they may read (`pii`: division codes). A service account (a provincial
 * integrator's system, not a person) says so with `serviceAccount: true` and may get a longer life.
 */
const claims = z
  .object({
    sub: z.string().min(1),
    roles: z.array(z.enum(['viewer', 'editor', 'admin', 'integrator'])).default([]),
    localities: z.array(z.string().refine(isDivisionCode)).default([]),
    pii: z.array(z.string().refine(isDivisionCode)).default([]),
    serviceAccount: z.boolean().default(false),
  })
  // An integrator (issue 15) is a read-only service account scoped to provinces: a token that
  // pairs the role with a write role, a person, or a scope below a province is not one.
  .refine((c) => !c.roles.includes('integrator') || (c.serviceAccount && c.roles.every((r) => r === 'integrator' || r === 'viewer') && c.localities.length > 0 && c.localities.every((l) => /^\d{2}0000$/.test(l))));

export interface AuthSettings {
  secret: Uint8Array;
  issuer: string;
  allowAnonymousRead: boolean;
  /** Longest life (exp − iat) of a person's token, in seconds (config auth.maxTokenLifetime; default 12 h). */
  maxTokenLifetimeSeconds?: number;
  /** Longest life of a service account's token, in seconds (auth.serviceAccountMaxTokenLifetime; default: a person's). */
  serviceAccountMaxTokenLifetimeSeconds?: number;
}

export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;
/** Clocks of two machines differ a little: an `iat` up to this far ahead is still taken. */
export const CLOCK_TOLERANCE_SECONDS = 30;

export class WeakSecretError extends Error {
  constructor(bytes: number) {
    super(`令牌密钥只有 ${bytes} 字节，至少需要 ${MIN_SECRET_BYTES} 字节 / The token secret is ${bytes} bytes; it must be at least ${MIN_SECRET_BYTES}`);
    this.name = 'WeakSecretError';
  }
}

/** The secret's bytes; a secret under 32 bytes is refused here, so no path (config, environment, test) can start with one. */
export function secretKey(secret: string): Uint8Array {
  const key = new TextEncoder().encode(secret);
  if (key.length < MIN_SECRET_BYTES) throw new WeakSecretError(key.length);
  return key;
}

/** The longest life a principal's token may have, in seconds. */
export function maxLifetime(settings: Pick<AuthSettings, 'maxTokenLifetimeSeconds' | 'serviceAccountMaxTokenLifetimeSeconds'>, serviceAccount: boolean): number {
  const person = settings.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  return serviceAccount ? (settings.serviceAccountMaxTokenLifetimeSeconds ?? person) : person;
}

export function lifetimeSeconds(v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const s = parseDuration(v);
  if (!s) throw new Error(`not a duration: ${v}`);
  return s;
}

/**
 * Tokens already verified, per settings (a new secret is a new cache), until they expire: a client
 * sends the same token with every request, and checking its HMAC each time was 5% of a page's CPU.
 * Only a token that verified is kept; its expiry is checked again on every use. Bounded: the
 * oldest entries go first.
 */
const verified = new WeakMap<AuthSettings, Map<string, { principal: Principal; exp: number }>>();
const MAX_VERIFIED_TOKENS = 10_000;

export async function verifyToken(settings: AuthSettings, header: string | undefined | null): Promise<Principal> {
  if (!header) return ANONYMOUS;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!m) throw unauthenticated({ zh: 'Authorization 头应为 "Bearer <令牌>"', en: 'the Authorization header must read "Bearer <token>"' });
  const token = m[1]!;
  let cache = verified.get(settings);
  if (!cache) verified.set(settings, (cache = new Map()));
  const hit = cache.get(token);
  if (hit) {
    if (hit.exp > Date.now() / 1000) return hit.principal;
    cache.delete(token);
  }
  const { principal, exp } = await verifyUncached(settings, token);
  if (cache.size >= MAX_VERIFIED_TOKENS) cache.delete(cache.keys().next().value!);
  cache.set(token, { principal, exp });
  return principal;
}

async function verifyUncached(settings: AuthSettings, token: string): Promise<{ principal: Principal; exp: number }> {
  try {
    // exp and iat are required: a token without exp would never expire, and without iat its life cannot be bounded.
    const { payload } = await jwtVerify(token, settings.secret, { algorithms: ['HS256'], issuer: settings.issuer, requiredClaims: ['exp', 'iat', 'sub'] });
    const c = claims.safeParse(payload);
    if (!c.success) throw unauthenticated({ zh: '令牌内容不完整或有误', en: 'the token’s claims are missing or malformed' });
    const now = Math.floor(Date.now() / 1000);
    const iat = payload.iat!;
    const exp = payload.exp!;
    if (iat > now + CLOCK_TOLERANCE_SECONDS) throw unauthenticated({ zh: '令牌的签发时间（iat）在未来', en: 'the token was issued in the future (iat)' });
    const max = maxLifetime(settings, c.data.serviceAccount);
    if (exp - iat > max) {
      const hours = Math.round((max / 3600) * 10) / 10;
      throw unauthenticated({ zh: `令牌有效期超过上限 ${hours} 小时，请重新签发`, en: `the token lives longer than the limit of ${hours} h; get a shorter one` });
    }
    // Frozen: one principal now serves every request that sends this token.
    const principal: Principal = Object.freeze({ subject: c.data.sub, roles: Object.freeze(c.data.roles), localities: Object.freeze(c.data.localities), pii: Object.freeze(c.data.pii), anonymous: false }) as Principal;
    return { principal, exp };
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) throw unauthenticated({ zh: '令牌已过期，请重新获取', en: 'the token has expired; get a new one' });
    if (e instanceof joseErrors.JWTClaimValidationFailed && (e.claim === 'exp' || e.claim === 'iat'))
      throw unauthenticated({ zh: `令牌缺少 ${e.claim}（有效期必须明确）`, en: `the token has no valid ${e.claim} claim (every token must expire)` });
    if (e instanceof joseErrors.JOSEError) throw unauthenticated({ zh: '令牌无效（签名或签发者不符）', en: 'the token is not valid (signature or issuer)' });
    throw e;
  }
}

/**
 * Sign a token. Its life is at most the settings' maximum for its kind; asking for more is an error
 * here, so no tool of ours mints a token the server would refuse.
 */
export async function signToken(
  settings: Pick<AuthSettings, 'secret' | 'issuer' | 'maxTokenLifetimeSeconds' | 'serviceAccountMaxTokenLifetimeSeconds'>,
  p: { sub: string; roles: string[]; localities: string[]; pii?: string[]; serviceAccount?: boolean },
  expiresIn: string | number = '12h',
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const exp = typeof expiresIn === 'number' ? expiresIn : now + (parseDuration(expiresIn) ?? NaN);
  if (!Number.isFinite(exp)) throw new Error(`not a duration: ${expiresIn}`);
  const max = maxLifetime(settings, !!p.serviceAccount);
  if (exp - now > max) throw new Error(`a token may live at most ${max} s (auth.${p.serviceAccount ? 'serviceAccountMaxTokenLifetime' : 'maxTokenLifetime'}); asked for ${exp - now} s`);
  return new SignJWT({ roles: p.roles, localities: p.localities, pii: p.pii ?? [], ...(p.serviceAccount ? { serviceAccount: true } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(p.sub)
    .setIssuer(settings.issuer)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .sign(settings.secret);
}
