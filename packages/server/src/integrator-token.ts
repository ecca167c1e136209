import { parseArgs } from 'node:util';
import { divisionCovers, isDivisionCode } from '@gongzhi/core';
import { loadConfig, parseDuration, type GongzhiConfig } from './config.js';
import { authSettings } from './boot.js';
import { maxLifetime, signToken } from './auth.js';

/**
 * Service accounts for provincial integrators (issue 15, docs/integrators.md): the `integrator`
 * role reads only (it is neither editor nor admin), is scoped to one province, reads no personal
 * data unless `pii` is granted explicitly, and is a service account, so its token may live as
 * long as `auth.serviceAccountMaxTokenLifetime` allows — set only by config, never by the token.
 */
export interface IntegratorTokenRequest {
  /** Who the system is, e.g. `gx-edu-platform` (the audit log names it). */
  sub: string;
  /** The province (xx0000) the account reads. */
  province: string;
  /** Localities inside the province whose staff personal data it may read: none unless granted. */
  pii?: string[];
  /** How long it lives (30d, 12h …); at most the config's service-account maximum, which is also the default. */
  expiresIn?: string;
}

export interface IntegratorToken {
  token: string;
  sub: string;
  roles: string[];
  localities: string[];
  pii: string[];
  issuedAt: Date;
  expiresAt: Date;
  /** The longest life the config allows a service account, in seconds. */
  maxLifetimeSeconds: number;
}

export class IntegratorTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntegratorTokenError';
  }
}

export const isProvinceCode = (code: string) => /^\d{2}0000$/.test(code) && isDivisionCode(code);

export async function mintIntegratorToken(config: GongzhiConfig, req: IntegratorTokenRequest, now = new Date()): Promise<IntegratorToken> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]{1,99}$/.test(req.sub)) throw new IntegratorTokenError(`--sub "${req.sub}": name the system with letters, digits and . _ : - (2–100 characters)`);
  if (!isProvinceCode(req.province)) throw new IntegratorTokenError(`--province ${req.province}: an integrator is scoped to a province, a code ending in 0000 (e.g. 450000)`);
  const pii = req.pii ?? [];
  for (const code of pii)
    if (!isDivisionCode(code) || !divisionCovers(req.province, code)) throw new IntegratorTokenError(`--pii ${code}: must be a division code inside ${req.province}`);
  const settings = authSettings(config, false);
  const max = maxLifetime(settings, true);
  const seconds = req.expiresIn === undefined ? max : parseDuration(req.expiresIn);
  if (!seconds || seconds <= 0) throw new IntegratorTokenError(`--expires ${req.expiresIn}: not a duration such as 30d or 12h`);
  if (seconds > max)
    throw new IntegratorTokenError(`--expires ${req.expiresIn}: longer than auth.serviceAccountMaxTokenLifetime (${max} s); a longer life is set in the config, not asked for here`);
  const iat = Math.floor(now.getTime() / 1000);
  const claims = { sub: req.sub, roles: ['integrator'], localities: [req.province], pii, serviceAccount: true };
  const token = await signToken(settings, claims, iat + seconds);
  return { token, sub: req.sub, roles: claims.roles, localities: claims.localities, pii, issuedAt: new Date(iat * 1000), expiresAt: new Date((iat + seconds) * 1000), maxLifetimeSeconds: max };
}

const USAGE = `gongzhi token integrator --sub NAME --province CODE [--pii CODE]... [--expires DURATION] [--config FILE]

Mint a read-only service-account token for a provincial integrator (docs/integrators.md): role
integrator, scoped to the province, no personal data unless --pii names localities inside it, valid
for --expires (default and maximum: auth.serviceAccountMaxTokenLifetime of the config).
`;

/** `gongzhi token integrator …`: prints the token, then its scope and expiry. */
export async function tokenCommand(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      sub: { type: 'string' },
      province: { type: 'string' },
      pii: { type: 'string', multiple: true },
      expires: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || positionals[0] !== 'integrator' || !values.sub || !values.province) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  const { config } = await loadConfig(values.config);
  try {
    const t = await mintIntegratorToken(config, { sub: values.sub, province: values.province, pii: values.pii ?? [], expiresIn: values.expires });
    out(t.token);
    out('');
    out(`subject:    ${t.sub} (service account)`);
    out(`roles:      ${t.roles.join(', ')} (read-only)`);
    out(`scope:      ${t.localities.join(', ')} and every division inside it`);
    out(`pii:        ${t.pii.length ? t.pii.join(', ') : 'none (personal fields read null)'}`);
    out(`issued:     ${t.issuedAt.toISOString()}`);
    out(`expires:    ${t.expiresAt.toISOString()} (service accounts may live at most ${Math.round(t.maxLifetimeSeconds / 3600)} h: auth.serviceAccountMaxTokenLifetime)`);
    return 0;
  } catch (e) {
    if (e instanceof IntegratorTokenError) {
      console.error(`gongzhi token: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
