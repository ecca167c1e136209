/**
 * Dated locality history. Divisions are merged, split and renamed (撤并、更名): 梅列区 (350402) and
 * 三元区 (350403) became the new 三元区 (350404) in 2021, and data of 2017 keeps its districts. A
 * locality carries its validFrom/validTo and successor; a school keeps its past placements (county,
 * township, running bureau), so any question asked `asOf` a date sees the map of that date.
 */
import { and, asc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../db.js';
import { localities, people, schoolPlacements, schools } from '../tables.js';
import { defineLoader, groupByKey } from '../loaders.js';
import { groupKeysByDate } from './common.js';
import { addDays, divisionLevel, todayInShanghai } from '../codes.js';
import { badInput, notFound } from '../errors.js';
import { createLocality, type LocalityRow } from './localities.js';
import type { SchoolRow } from './schools.js';

export type SchoolPlacementRow = typeof schoolPlacements.$inferSelect;

/** Where a school stood on a date: its county, township and running bureau then. */
export interface SchoolPlace {
  countyCode: string;
  townshipCode: string | null;
  authorityCode: string;
}

/** A locality in force on a date: no recorded start after it, no recorded end before it. */
export function localityInForce(l: Pick<LocalityRow, 'validFrom' | 'validTo'>, asOf: string): boolean {
  return (!l.validFrom || l.validFrom <= asOf) && (!l.validTo || l.validTo >= asOf);
}

/** The place of a school on a date, given its past placements (any order) and its current row. */
export function placeOn(school: SchoolRow, placements: readonly SchoolPlacementRow[], asOf: string): SchoolPlace {
  const past = placements
    .filter((p) => p.schoolCode === school.code && p.validTo >= asOf && (!p.validFrom || p.validFrom <= asOf))
    .sort((a, b) => a.validTo.localeCompare(b.validTo))[0];
  return past
    ? { countyCode: past.countyCode, townshipCode: past.townshipCode, authorityCode: past.authorityCode ?? past.countyCode }
    : { countyCode: school.countyCode, townshipCode: school.townshipCode, authorityCode: school.authorityCode };
}

/** Every past placement of the schools that reaches `from` or later (one statement). */
export async function placementsOf(db: Db, schoolCodes: readonly string[], from?: string): Promise<SchoolPlacementRow[]> {
  if (schoolCodes.length === 0) return [];
  return db
    .select()
    .from(schoolPlacements)
    .where(and(inArray(schoolPlacements.schoolCode, [...new Set(schoolCodes)]), from ? gte(schoolPlacements.validTo, from) : undefined))
    .orderBy(asc(schoolPlacements.validTo));
}

/** The places of schools on a date (one statement for the past placements). */
export async function schoolPlacesOn(db: Db, rows: readonly SchoolRow[], asOf: string): Promise<Map<string, SchoolPlace>> {
  const placements = await placementsOf(db, rows.map((r) => r.code), asOf);
  return new Map(rows.map((r) => [r.code, placeOn(r, placements, asOf)]));
}

/** The past placement in force on a date, per school (null: the school stood where it stands now). One statement per date. */
export const schoolPlacementLoader = defineLoader<{ schoolCode: string; asOf: string }, SchoolPlacementRow | null>(
  'core.school.placementOn',
  async (db, keys) => {
    const out = new Map<string, SchoolPlacementRow | null>();
    for (const [asOf, ks] of groupKeysByDate(keys)) {
      const codes = [...new Set(ks.map((k) => k.schoolCode))];
      const rows = await db
        .select()
        .from(schoolPlacements)
        .where(and(inArray(schoolPlacements.schoolCode, codes), gte(schoolPlacements.validTo, asOf), or(isNull(schoolPlacements.validFrom), lte(schoolPlacements.validFrom, asOf))))
        .orderBy(asc(schoolPlacements.validTo));
      for (const c of codes) out.set(`${c}|${asOf}`, rows.find((r) => r.schoolCode === c) ?? null);
    }
    return keys.map((k) => out.get(`${k.schoolCode}|${k.asOf}`) ?? null);
  },
  (k) => `${k.schoolCode}|${k.asOf}`,
);

/** Every past placement of a school, oldest first. */
export const schoolPlacementsLoader = defineLoader<string, SchoolPlacementRow[]>('core.school.placements', async (db, codes) =>
  groupByKey(codes, await db.select().from(schoolPlacements).where(inArray(schoolPlacements.schoolCode, [...codes])).orderBy(asc(schoolPlacements.validTo)), (r) => r.schoolCode),
);

/** The divisions a locality took over (its predecessors), per code. */
export const localityPredecessorsLoader = defineLoader<string, LocalityRow[]>('core.locality.predecessors', async (db, codes) =>
  groupByKey(codes, await db.select().from(localities).where(inArray(localities.successorCode, [...codes])).orderBy(localities.code), (r) => r.successorCode!),
);

/**
 * Record that a school leaves its current place on `lastDay` (a move or a merger): its county,
 * township and bureau until then become a past placement.
 */
export async function recordPastPlacement(db: Db, school: SchoolRow, lastDay: string): Promise<void> {
  const all = await db.select({ validTo: schoolPlacements.validTo }).from(schoolPlacements).where(eq(schoolPlacements.schoolCode, school.code));
  const latest = all.map((r) => r.validTo).sort().at(-1);
  if (latest && latest >= lastDay) return; // already recorded (a re-run)
  await db.insert(schoolPlacements).values({
    schoolCode: school.code,
    countyCode: school.countyCode,
    townshipCode: school.townshipCode,
    authorityCode: school.authorityCode,
    validFrom: latest ? addDays(latest, 1) : null,
    validTo: lastDay,
  });
}

/** The day before today (Asia/Shanghai): the last day at the old place of a school moved today. */
export function yesterday(): string {
  return addDays(todayInShanghai(), -1);
}

export interface MergeInput {
  /** The county-level divisions that cease (撤销), e.g. 350402 and 350403. */
  fromCodes: string[];
  /** The division that takes them over: new (设立) or one of the old kept under its code. */
  into: { code: string; name: string };
  /** The first day of the new division; the old ones end the day before. */
  effectiveOn: string;
}

export interface MergeOutcome {
  into: LocalityRow;
  /** Schools moved into the new division, their old place kept as history. */
  movedSchoolCodes: string[];
  /** False when the merger was already recorded (idempotent, for seeds). */
  changed: boolean;
}

/**
 * Merge county-level divisions into one (撤并) on a date: the old divisions end the day before and
 * name their successor; each of their schools moves to the new division (county; township cleared,
 * since township codes nest in their county's; a bureau that ceased is replaced by the successor),
 * and keeps its old place as a past placement. People managed by a ceased bureau move to the
 * successor's. Re-running a recorded merger changes nothing.
 */
export async function mergeLocalities(db: Db, input: MergeInput): Promise<MergeOutcome> {
  const fromCodes = [...new Set(input.fromCodes)].filter((c) => c !== input.into.code);
  if (fromCodes.length === 0) throw badInput('input.localityCodes', { zh: '没有要撤并的行政区划', en: 'no division to merge' });
  if (divisionLevel(input.into.code) !== 'COUNTY') throw badInput('input.intoCode', { zh: `${input.into.code} 不是县级行政区划代码`, en: `${input.into.code} is not a county-level code` });
  const found = await db.select().from(localities).where(inArray(localities.code, [...fromCodes, input.into.code]));
  for (const [i, c] of fromCodes.entries()) {
    const l = found.find((r) => r.code === c);
    if (!l || l.archivedAt) throw notFound('Locality', c, `input.localityCodes.${i}`);
    if (l.level !== 'COUNTY') throw badInput(`input.localityCodes.${i}`, { zh: `${c} 不是县级行政区划`, en: `${c} is not a county-level division` });
    if (l.successorCode && l.successorCode !== input.into.code)
      throw badInput(`input.localityCodes.${i}`, { zh: `${c} 已并入 ${l.successorCode}`, en: `${c} was already merged into ${l.successorCode}` });
  }
  const lastDay = addDays(input.effectiveOn, -1);
  const already = fromCodes.every((c) => found.find((r) => r.code === c)!.successorCode === input.into.code);
  let into = found.find((r) => r.code === input.into.code);
  if (!into) {
    into = await createLocality(db, input.into);
    [into] = await db.update(localities).set({ validFrom: input.effectiveOn }).where(eq(localities.code, input.into.code)).returning();
  }
  if (already) return { into: into!, movedSchoolCodes: [], changed: false };
  await db.update(localities).set({ validTo: lastDay, successorCode: input.into.code, updatedAt: new Date() }).where(inArray(localities.code, fromCodes));
  const moving = await db.select().from(schools).where(inArray(schools.countyCode, fromCodes));
  for (const s of moving) {
    await recordPastPlacement(db, s, lastDay);
    await db
      .update(schools)
      .set({ countyCode: input.into.code, townshipCode: null, authorityCode: fromCodes.includes(s.authorityCode) ? input.into.code : s.authorityCode, version: s.version + 1, updatedAt: new Date() })
      .where(eq(schools.code, s.code));
  }
  await db.update(people).set({ localityCode: input.into.code, updatedAt: new Date() }).where(inArray(people.localityCode, fromCodes));
  return { into: into!, movedSchoolCodes: moving.map((s) => s.code), changed: true };
}
