import { divisionCovers } from './codes.js';
import { forbidden } from './errors.js';

/**
 * `integrator`: a provincial system's service account (issue 15). It reads, as a viewer does, and
 * never writes (no check below grants it anything); the server takes it only from a service
 * account's token scoped to provinces.
 */
export type Role = 'viewer' | 'editor' | 'admin' | 'integrator';

/**
 * Who is calling. `localities` is the scope of their roles: a province code covers its cities,
 * counties and townships. `pii` lists the localities whose staff personal data they may read.
 */
export interface Principal {
  subject: string;
  roles: Role[];
  localities: string[];
  pii: string[];
  anonymous: boolean;
}

export const ANONYMOUS: Principal = { subject: 'anonymous', roles: [], localities: [], pii: [], anonymous: true };

export function inScope(scopes: string[], localityCode: string): boolean {
  return scopes.some((s) => divisionCovers(s, localityCode));
}

export function canEdit(p: Principal, localityCode: string): boolean {
  return (p.roles.includes('editor') || p.roles.includes('admin')) && inScope(p.localities, localityCode);
}

export function canAdminister(p: Principal, localityCode: string): boolean {
  return p.roles.includes('admin') && inScope(p.localities, localityCode);
}

export function canReadPersonalData(p: Principal, localityCode: string): boolean {
  return inScope(p.pii, localityCode);
}

export function assertCanEdit(p: Principal, localityCode: string): void {
  if (!canEdit(p, localityCode))
    throw forbidden(`editor:${localityCode}`, {
      zh: `需要 ${localityCode} 范围内的编辑权限`,
      en: `an editor role covering ${localityCode} is required`,
    });
}

export function assertCanAdminister(p: Principal, localityCode: string): void {
  if (!canAdminister(p, localityCode))
    throw forbidden(`admin:${localityCode}`, {
      zh: `需要 ${localityCode} 范围内的管理员权限`,
      en: `an admin role covering ${localityCode} is required`,
    });
}
