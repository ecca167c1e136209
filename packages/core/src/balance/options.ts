/**
 * Options of the national balance rules (core.exchange-rate) that a locality may set: who is
 * eligible for exchange (符合交流条件) and which movements count. 教督〔2017〕6号 第七条（十一） leaves
 * "符合交流条件" to the exchange policy (教师〔2014〕4号), whose conditions provinces set themselves,
 * so the years at a school and any age limits are a bureau's choice; the thresholds (10%, 20%) are
 * national and stay fixed.
 *
 * Stored as the `core` row of `locality_governance` (the national regime's options at a locality)
 * and inherited like a regime's: the nearest setting at or above a locality is in force as a whole;
 * what it leaves out takes the defaults below.
 */
import { z } from 'zod';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db.js';
import { divisionAncestors } from '../codes.js';
import { localityGovernance } from '../tables.js';
import { defineLoader } from '../loaders.js';
import { EXCHANGE_KINDS, type ExchangeKind } from '../repos/exchanges.js';

/** The `pluginId` under which a locality's balance options are stored. */
export const BALANCE_OPTIONS_ID = 'core';

const KINDS = Object.keys(EXCHANGE_KINDS) as [ExchangeKind, ...ExchangeKind[]];
const zAge = z.number().int().min(18).max(70).nullable().default(null);

export const balanceOptions = z
  .object({
    exchangeMinYearsAtSchool: z
      .number()
      .int()
      .min(0)
      .max(40)
      .default(6)
      .describe('符合交流条件的任教年限 — a full-time teacher is eligible for exchange with at least this many consecutive years at the same school on 1 September of the year. Default 6 (教师〔2014〕4号: 在同一所学校连续任教达到一定年限; 6 is the common provincial figure). 0: no condition of years, every teacher in post during the year is eligible.'),
    exchangeMaxAgeMale: zAge.describe('男教师交流年龄上限 — the oldest age (周岁 on 1 September) at which a male teacher is still eligible; null: no limit (default). E.g. 54 for "男教师满55周岁可不参与交流". A teacher with no birth date recorded is not excluded.'),
    exchangeMaxAgeFemale: zAge.describe('女教师交流年龄上限 — the oldest age (周岁 on 1 September) at which a female teacher is still eligible; null: no limit (default). E.g. 49 for "女教师满50周岁可不参与交流". A teacher with no birth date recorded is not excluded.'),
    exchangeKinds: z
      .array(z.enum(KINDS))
      .min(1)
      .refine((a) => new Set(a).size === a.length, { message: 'lists a kind twice', params: { zh: '交流形式重复' } })
      .default(['ROTATION'])
      .describe('计入交流轮岗的交流形式 — the kinds of exchange counted. Default [ROTATION]: 交流轮岗, what 第七条（十一） names; a locality that counts 支教 or 蹲点 as exchange adds them.'),
  })
  .strict();

export type BalanceOptions = z.output<typeof balanceOptions>;
export const BALANCE_OPTION_DEFAULTS: BalanceOptions = balanceOptions.parse({});

export interface BalanceOptionsInEffect {
  /** The options in force: the defaults with the nearest setting's overrides applied. */
  options: BalanceOptions;
  /** Where they were set: the locality itself or an ancestor; null when the defaults apply. */
  setAt: string | null;
  /** Only what `setAt` set. */
  overrides: Record<string, unknown>;
}

type Row = { localityCode: string; options: Record<string, unknown> };

/** The nearest setting at or above `code` among rows (each a `core` row not disabled). */
export function balanceOptionsFrom(code: string, rows: readonly Row[]): BalanceOptionsInEffect {
  const ancestors = divisionAncestors(code);
  let best: Row | null = null;
  for (const r of rows) {
    const i = ancestors.indexOf(r.localityCode);
    if (i >= 0 && (!best || i < ancestors.indexOf(best.localityCode))) best = r;
  }
  // Stored options were validated on write; a default added later fills what an old row lacks.
  return best ? { options: balanceOptions.parse(best.options), setAt: best.localityCode, overrides: best.options } : { options: BALANCE_OPTION_DEFAULTS, setAt: null, overrides: {} };
}

/** The balance options in force at each locality asked for (one statement for all). */
export async function balanceOptionsInEffectMany(db: Db, codes: readonly string[]): Promise<BalanceOptionsInEffect[]> {
  const all = [...new Set(codes.flatMap((c) => divisionAncestors(c)))];
  const rows = all.length
    ? await db
        .select({ localityCode: localityGovernance.localityCode, options: localityGovernance.options })
        .from(localityGovernance)
        .where(and(eq(localityGovernance.pluginId, BALANCE_OPTIONS_ID), inArray(localityGovernance.localityCode, all), isNull(localityGovernance.disabledAt)))
    : [];
  return codes.map((c) => balanceOptionsFrom(c, rows));
}

/** Per request, batched: `Locality.balanceOptions` and the balance reports' exchange rates. */
export const balanceOptionsLoader = defineLoader<string, BalanceOptionsInEffect>('core.balanceOptions', (db, codes) => balanceOptionsInEffectMany(db, codes));
