import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { ANONYMOUS, isDivisionCode, unauthenticated, type Principal } from '@gongzhi/core';

/**
 * Bearer tokens: HS256 JWTs whose claims say who the caller is (`sub`), what they may do (`roles`:
 * viewer, editor, admin), where (`localities`: division codes; a province covers its descendants)
 * and whose personal data they may read (`pii`: division codes).
 */
const claims = z.object({
  sub: z.string().min(1),
  roles: z.array(z.enum(['viewer', 'editor', 'admin'])).default([]),
  localities: z.array(z.string().refine(isDivisionCode)).default([]),
  pii: z.array(z.string().refine(isDivisionCode)).default([]),
});

export interface AuthSettings {
  secret: Uint8Array;
  issuer: string;
  allowAnonymousRead: boolean;
}

export function secretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function verifyToken(settings: AuthSettings, header: string | undefined | null): Promise<Principal> {
  if (!header) return ANONYMOUS;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!m) throw unauthenticated({ zh: 'Authorization 头应为 "Bearer <令牌>"', en: 'the Authorization header must read "Bearer <token>"' });
  try {
    const { payload } = await jwtVerify(m[1]!, settings.secret, { algorithms: ['HS256'], issuer: settings.issuer });
    const c = claims.safeParse(payload);
    if (!c.success) throw unauthenticated({ zh: '令牌内容不完整或有误', en: 'the token’s claims are missing or malformed' });
    return { subject: c.data.sub, roles: c.data.roles, localities: c.data.localities, pii: c.data.pii, anonymous: false };
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) throw unauthenticated({ zh: '令牌已过期，请重新获取', en: 'the token has expired; get a new one' });
    if (e instanceof joseErrors.JOSEError) throw unauthenticated({ zh: '令牌无效（签名或签发者不符）', en: 'the token is not valid (signature or issuer)' });
    throw e;
  }
}

export async function signToken(
  settings: Pick<AuthSettings, 'secret' | 'issuer'>,
  p: { sub: string; roles: string[]; localities: string[]; pii?: string[] },
  expiresIn: string | number = '12h',
): Promise<string> {
  return new SignJWT({ roles: p.roles, localities: p.localities, pii: p.pii ?? [] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(p.sub)
    .setIssuer(settings.issuer)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(settings.secret);
}
