/** Reads of the regime's tables, shared by the schema and the rules: each takes many keys and costs one statement. */
import { and, asc, eq, gte, inArray, isNull, or } from 'drizzle-orm';
import { byKey, defineLoader, groupByKey, groupKeysByDate, inForceOn, schoolPlacesOn, tables as core, type Db, type SchoolGroupRow, type SchoolRow } from '@gongzhi/core';
import { COMPULSORY_KIND, GROUP_KINDS, SENIOR_KIND } from './domain.js';
import { groupProfiles, groupTownships, pairingAssessments, pairings, pupils, pupilSkills, schoolProfiles } from './tables.js';

export { DOC } from './domain.js';

export type PupilRow = typeof pupils.$inferSelect;
export type PupilSkillRow = typeof pupilSkills.$inferSelect;

/** A pupil's skills, sports first then by name (one statement per level of a query). */
export const pupilSkillsLoader = defineLoader<string, PupilSkillRow[]>('hezhang.pupilSkills.byPupil', async (db, ids) =>
  groupByKey(ids, await db.select().from(pupilSkills).where(inArray(pupilSkills.pupilId, [...ids])).orderBy(asc(pupilSkills.kind), asc(pupilSkills.skill)), (r) => r.pupilId),
);

// ── Groups ───────────────────────────────────────────────────────────────────────────────────

/**
 * The townships each compulsory group is responsible for on a date (one statement): annex 2 二(二)
 * defines these groups by township, so their members are the schools standing there that day.
 */
export async function townshipsOfGroups(db: Db, groupIds: readonly string[], asOf: string): Promise<Map<string, string[]>> {
  if (groupIds.length === 0) return new Map();
  const rows = await db
    .select({ groupId: groupTownships.groupId, townshipCode: groupTownships.townshipCode })
    .from(groupTownships)
    .where(and(inArray(groupTownships.groupId, [...groupIds]), inForceOn(groupTownships.validFrom, groupTownships.validTo, asOf)))
    .orderBy(asc(groupTownships.townshipCode));
  const out = new Map<string, string[]>(groupIds.map((g) => [g, []]));
  for (const r of rows) out.get(r.groupId)!.push(r.townshipCode);
  return out;
}

/** The county-town schools (县直各校(园)) among these codes (one statement). */
export async function countyTownCodes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .select({ code: schoolProfiles.schoolCode })
    .from(schoolProfiles)
    .where(and(inArray(schoolProfiles.schoolCode, [...codes]), eq(schoolProfiles.isCountyTown, true)));
  return new Set(rows.map((r) => r.code));
}

/**
 * The members of compulsory groups on a date: the schools whose township that day (core's placement
 * history, so a school that moved is judged where it stood) is one of the group's, less the
 * county-town schools (附件2 二(二); 三(四) names 各教育集团 and 县直各校(园) apart). Archived
 * schools are left out. Three statements however many groups.
 */
export async function compulsoryMembersOn(db: Db, groupIds: readonly string[], asOf: string): Promise<Map<string, SchoolRow[]>> {
  const byGroup = await townshipsOfGroups(db, groupIds, asOf);
  const townships = [...new Set([...byGroup.values()].flat())];
  const out = new Map<string, SchoolRow[]>(groupIds.map((g) => [g, []]));
  if (townships.length === 0) return out;
  const moved = db
    .select({ code: core.schoolPlacements.schoolCode })
    .from(core.schoolPlacements)
    .where(and(inArray(core.schoolPlacements.townshipCode, townships), gte(core.schoolPlacements.validTo, asOf)));
  const candidates = await db
    .select()
    .from(core.schools)
    .where(and(isNull(core.schools.archivedAt), or(inArray(core.schools.townshipCode, townships), inArray(core.schools.code, moved))))
    .orderBy(asc(core.schools.code));
  const [places, countyTown] = await Promise.all([schoolPlacesOn(db, candidates, asOf), countyTownCodes(db, candidates.map((s) => s.code))]);
  const groupOfTownship = new Map<string, string>();
  for (const [g, ts] of byGroup) for (const t of ts) groupOfTownship.set(t, g);
  for (const s of candidates) {
    if (countyTown.has(s.code)) continue;
    const g = groupOfTownship.get(places.get(s.code)?.townshipCode ?? '');
    if (g) out.get(g)!.push(s);
  }
  return out;
}

/** Members of compulsory groups, batched per request (keys: group id and date). */
export const compulsoryMembersLoader = defineLoader<{ id: string; asOf: string }, SchoolRow[]>(
  'hezhang.compulsoryGroup.members',
  async (db, keys) => {
    const out = new Map<string, SchoolRow[]>();
    for (const [asOf, ks] of groupKeysByDate(keys)) {
      const m = await compulsoryMembersOn(db, ks.map((k) => k.id), asOf);
      for (const [g, rows] of m) out.set(`${g}|${asOf}`, rows);
    }
    return keys.map((k) => out.get(`${k.id}|${k.asOf}`) ?? []);
  },
  (k) => `${k.id}|${k.asOf}`,
);

export const townshipsLoader = defineLoader<{ id: string; asOf: string }, string[]>(
  'hezhang.compulsoryGroup.townships',
  async (db, keys) => {
    const out = new Map<string, string[]>();
    for (const [asOf, ks] of groupKeysByDate(keys)) for (const [g, ts] of await townshipsOfGroups(db, ks.map((k) => k.id), asOf)) out.set(`${g}|${asOf}`, ts);
    return keys.map((k) => out.get(`${k.id}|${k.asOf}`) ?? []);
  },
  (k) => `${k.id}|${k.asOf}`,
);

/** Every education group of the county (both kinds, not archived), by kind then name. */
export async function educationGroups(db: Db, localityCode: string): Promise<SchoolGroupRow[]> {
  return db
    .select()
    .from(core.schoolGroups)
    .where(and(eq(core.schoolGroups.localityCode, localityCode), inArray(core.schoolGroups.kind, [...GROUP_KINDS]), isNull(core.schoolGroups.archivedAt)))
    .orderBy(asc(core.schoolGroups.kind), asc(core.schoolGroups.name), asc(core.schoolGroups.id));
}

/**
 * The education groups of schools on a date — the senior group it is listed in (core membership),
 * the compulsory group its township puts it in — as group ids per school code. For the whole county
 * (the groups of a locality): a handful of statements, whatever the number of schools.
 */
export async function groupsOfSchoolsOn(db: Db, localityCode: string, asOf: string): Promise<Map<string, SchoolGroupRow[]>> {
  const groups = (await educationGroups(db, localityCode)).filter((g) => g.validFrom <= asOf && (!g.validTo || g.validTo >= asOf));
  const out = new Map<string, SchoolGroupRow[]>();
  const add = (code: string, g: SchoolGroupRow) => out.set(code, [...(out.get(code) ?? []), g]);
  const senior = groups.filter((g) => g.kind === SENIOR_KIND);
  if (senior.length) {
    const rows = await db
      .select()
      .from(core.groupMembers)
      .where(and(inArray(core.groupMembers.groupId, senior.map((g) => g.id)), inForceOn(core.groupMembers.validFrom, core.groupMembers.validTo, asOf)));
    for (const r of rows) add(r.schoolCode, senior.find((g) => g.id === r.groupId)!);
  }
  const compulsory = groups.filter((g) => g.kind === COMPULSORY_KIND);
  for (const [gid, schools] of await compulsoryMembersOn(db, compulsory.map((g) => g.id), asOf)) for (const s of schools) add(s.code, compulsory.find((g) => g.id === gid)!);
  return out;
}

/** The member school codes of one education group on a date, whatever its kind. */
export async function membersOfGroup(db: Db, group: SchoolGroupRow, asOf: string): Promise<string[]> {
  if (group.kind === COMPULSORY_KIND) return ((await compulsoryMembersOn(db, [group.id], asOf)).get(group.id) ?? []).map((s) => s.code);
  const rows = await db
    .select({ code: core.groupMembers.schoolCode })
    .from(core.groupMembers)
    .where(and(eq(core.groupMembers.groupId, group.id), inForceOn(core.groupMembers.validFrom, core.groupMembers.validTo, asOf)));
  return rows.map((r) => r.code);
}

export type GroupProfileRow = typeof groupProfiles.$inferSelect;
export type PairingRow = typeof pairings.$inferSelect;
export type PairingAssessmentRow = typeof pairingAssessments.$inferSelect;

export const groupProfileLoader = defineLoader<string, GroupProfileRow | null>('hezhang.groupProfile', async (db, ids) =>
  byKey(ids, await db.select().from(groupProfiles).where(inArray(groupProfiles.groupId, [...ids])), (r) => r.groupId),
);

/** Pairings of groups in force on a date, by helper school then stage. */
export const pairingsByGroupLoader = defineLoader<{ id: string; asOf: string }, PairingRow[]>(
  'hezhang.pairings.byGroup',
  async (db, keys) => {
    const out = new Map<string, PairingRow[]>();
    for (const [asOf, ks] of groupKeysByDate(keys)) {
      const ids = ks.map((k) => k.id);
      const rows = await db
        .select()
        .from(pairings)
        .where(and(inArray(pairings.groupId, ids), inForceOn(pairings.validFrom, pairings.validTo, asOf)))
        .orderBy(asc(pairings.helperSchoolCode), asc(pairings.stage), asc(pairings.id));
      groupByKey(ids, rows, (r) => r.groupId).forEach((list, i) => out.set(`${ids[i]}|${asOf}`, list));
    }
    return keys.map((k) => out.get(`${k.id}|${k.asOf}`) ?? []);
  },
  (k) => `${k.id}|${k.asOf}`,
);

export const pairingAssessmentsLoader = defineLoader<string, PairingAssessmentRow[]>('hezhang.pairingAssessments.byPairing', async (db, ids) =>
  groupByKey(ids, await db.select().from(pairingAssessments).where(inArray(pairingAssessments.pairingId, [...ids])).orderBy(asc(pairingAssessments.schoolYear)), (r) => r.pairingId),
);

/** The education groups of every school of a county on a date, once per request (School.hezhangEducationGroups). */
export const countyGroupsLoader = defineLoader<{ id: string; asOf: string }, Map<string, SchoolGroupRow[]>>(
  'hezhang.county.groupsOfSchools',
  async (db, keys) => Promise.all(keys.map((k) => groupsOfSchoolsOn(db, k.id, k.asOf))),
  (k) => `${k.id}|${k.asOf}`,
);
