/** What annex 1's rules share: the sessions a change concerns, subjects, and the county's schools in scope. */
import { and, eq, inArray } from 'drizzle-orm';
import { COMPULSORY_STAGES, schoolFilterSql, tables as core, type Change, type Db, type ReportFacts, type Subject } from '@gongzhi/core';
import { schoolProfiles } from '../../tables.js';
import { plansById, sessionsById, sessionsOfPlans, sessionsOfSchoolsFrom, type SessionRow } from '../repo.js';

export const keysOf = (changes: readonly Change[], entity: string) => [...new Set(changes.filter((c) => c.entity === entity).map((c) => c.key))];

/**
 * The sessions a change set puts in question: the sessions written, every session of a plan that
 * changed (its filing, its dates, its evening-study approval), and, for a school that changed (its
 * boarding status, its type), its sessions from today on — a past session was held under what was then true.
 */
export async function sessionsConcerned(db: Db, changes: readonly Change[], today: string): Promise<SessionRow[]> {
  const [direct, ofPlans, ofSchools] = await Promise.all([
    sessionsById(db, keysOf(changes, 'HezhangAfterSchoolSession')),
    sessionsOfPlans(db, keysOf(changes, 'HezhangAfterSchoolPlan')),
    sessionsOfSchoolsFrom(db, keysOf(changes, 'School'), today),
  ]);
  const out = new Map<string, SessionRow>();
  for (const s of [...direct, ...ofPlans, ...ofSchools]) out.set(s.id, s);
  return [...out.values()].sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : a.id < b.id ? -1 : 1));
}

export const sessionSubject = (s: SessionRow): Subject => ({ type: 'HezhangAfterSchoolSession', key: s.id, name: `${s.heldOn} ${s.startsAt}–${s.endsAt}` });
export const pupilSubject = (pupilId: string): Subject => ({ type: 'HezhangPupil', key: pupilId });

/** Plans by id, for the sessions' plan ids. */
export async function plansOfSessions(db: Db, sessions: readonly SessionRow[]) {
  const rows = await plansById(db, [...new Set(sessions.map((s) => s.planId).filter((x): x is string => !!x))]);
  return new Map(rows.map((p) => [p.id, p]));
}

export type ScopeSchool = { code: string; name: string; stages: string[]; isBoarding: boolean; isCountyTown: boolean };

/**
 * The locality's schools that serve 中小学 stages, with whether each is a county-town school (县直/县城区,
 * from the regime's school profile) — read once per report (facts.shared).
 */
export function serviceSchools(facts: ReportFacts, localityCode: string): Promise<ScopeSchool[]> {
  return facts.shared(`hezhang.afterSchool.schools:${localityCode}`, async (db) => {
    const rows = await db
      .select({ code: core.schools.code, name: core.schools.name, stages: core.schools.stages, isBoarding: core.schools.isBoarding, isCountyTown: schoolProfiles.isCountyTown })
      .from(core.schools)
      .leftJoin(schoolProfiles, eq(schoolProfiles.schoolCode, core.schools.code))
      .where(and(schoolFilterSql({ localityCode }), inArray(core.schools.schoolType, ['211', '218', '311', '312', '341', '342', '345'])))
      .orderBy(core.schools.code);
    return rows.map((r) => ({ ...r, isCountyTown: !!r.isCountyTown }));
  });
}
export const isCompulsory = (s: { stages: readonly string[] }) => s.stages.some((x) => (COMPULSORY_STAGES as readonly string[]).includes(x));
