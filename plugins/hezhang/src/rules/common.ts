/** What the rules share: subjects, the county's schools in scope, the phase of 二(一)4, times and ages. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { schoolFilterSql, tables as core, type Db, type ReportFacts, type SchoolRow, type Subject } from '@gongzhi/core';
import { EVERYWHERE_FROM, PILOT_TOWNSHIPS } from '../domain.js';
import { schoolProfiles } from '../tables.js';

export const personSubject = (p: { id: string; name?: string }): Subject => (p.name ? { type: 'Person', key: p.id, name: p.name } : { type: 'Person', key: p.id });

/** `08:30` → 510 minutes after midnight. */
export const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
/** 510 → `08:30`. */
export const timeOf = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Full years of age on a date. */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

export interface ScopedSchool extends SchoolRow {
  /** A pilot of the first phase (二(一)4): in 水塘堡乡, 威奢乡 or 古基镇, or marked (county-town primary and secondary schools, kindergartens 1, 2, 4). */
  isPilot: boolean;
  isCountyTown: boolean;
}

/**
 * The locality's schools with their pilot and county-town flags, read once per report (facts.shared):
 * every attendance rule asks for them.
 */
export function scopedSchools(db: Db, facts: ReportFacts | null, localityCode: string): Promise<ScopedSchool[]> {
  const load = async (d: Db) => {
    const rows = await d
      .select({ s: core.schools, isPilot: schoolProfiles.isPilot, isCountyTown: schoolProfiles.isCountyTown })
      .from(core.schools)
      .leftJoin(schoolProfiles, eq(schoolProfiles.schoolCode, core.schools.code))
      .where(and(schoolFilterSql({ localityCode }), isNull(core.schools.archivedAt)))
      .orderBy(core.schools.code);
    return rows.map((r) => ({ ...r.s, isPilot: !!r.isPilot || (!!r.s.townshipCode && PILOT_TOWNSHIPS.includes(r.s.townshipCode)), isCountyTown: !!r.isCountyTown }));
  };
  return facts ? facts.shared(`hezhang.scopedSchools:${localityCode}`, load) : load(db);
}

/**
 * 二(一)4 分步组织实施: before 2022-08-01 the rules of 集中办公 (hours, attendance, 细则) apply to the
 * pilots only. A school year is in scope for a school when some of its days are: a pilot always, any
 * school once the year reaches 2022-08 — except that for the filing of the 细则, OUR READING is that
 * the pilot year 2021-2022 judges the pilots only (the others file for 2022-08, i.e. from 2022-2023).
 */
export const appliesOn = (s: { isPilot: boolean }, day: string) => s.isPilot || day >= EVERYWHERE_FROM;
export { EVERYWHERE_FROM };

/** The SQL array literal of text values (bound as one parameter). */
export const textArray = (xs: readonly string[]) => sql`${`{${xs.map((x) => `"${x.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]`;

/**
 * The weeks (Monday first) in which each school recorded attendance in [start, end], with the last
 * day recorded in each: one pass over the attendance table (the index by school and day), read once
 * per report and shared by hezhang.weekly-attendance-published and hezhang.union-hours.
 */
export function schoolWeeks(db: Db, facts: ReportFacts | null, localityCode: string, codes: readonly string[], start: string, end: string): Promise<Map<string, { week: string; lastDay: string }[]>> {
  const load = async (d: Db) => {
    const out = new Map<string, { week: string; lastDay: string }[]>();
    if (codes.length === 0) return out;
    const result = await d.execute(sql`
      select school_code as "schoolCode", date_trunc('week', day)::date::text as week, max(day)::text as "lastDay"
      from hezhang.attendance where school_code = any(${textArray(codes)}) and day between ${start}::date and ${end}::date
      group by 1, 2 order by 1, 2`);
    const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { schoolCode: string; week: string; lastDay: string }[];
    for (const r of rows) out.set(r.schoolCode, [...(out.get(r.schoolCode) ?? []), { week: r.week, lastDay: r.lastDay }]);
    return out;
  };
  return facts ? facts.shared(`hezhang.schoolWeeks:${localityCode}:${start}:${end}`, load) : load(db);
}
