/**
 * Writes of the regime, called inside runMutation's transaction (or the seed's): each returns the
 * rows it wrote and the changes the write rules judge. Existence of core rows is checked here, so a
 * bad reference is NOT_FOUND naming the field, never a foreign-key error.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { createGroup, getPerson, getSchool, notFound, tables as core, type Change, type Db, type SchoolGroupRow } from '@gongzhi/core';
import { COMPULSORY_KIND, SENIOR_KIND } from './domain.js';
import {
  attendance,
  attendanceRulesFilings,
  attendanceWeeks,
  establishments,
  flexibleArrangements,
  groupProfiles,
  groupTownships,
  lessonVisits,
  pairingAssessments,
  pairings,
  placements,
  pupils,
  pupilSkills,
  quotaGrants,
  roundClosures,
  schoolProfiles,
  transfers,
  unionActivities,
  unitAwards,
} from './tables.js';

type Out<T> = { row: T; changes: Change[] };

// ── Schools and groups ───────────────────────────────────────────────────────────────────────

export async function setSchoolProfile(db: Db, input: { schoolCode: string; isCountyTown: boolean; isPilot: boolean }): Promise<Out<typeof schoolProfiles.$inferSelect>> {
  await getSchool(db, input.schoolCode);
  const [row] = await db
    .insert(schoolProfiles)
    .values(input)
    .onConflictDoUpdate({ target: schoolProfiles.schoolCode, set: { isCountyTown: input.isCountyTown, isPilot: input.isPilot, updatedAt: sql`now()` } })
    .returning();
  return { row: row!, changes: [{ entity: 'HezhangSchoolProfile', key: input.schoolCode }, { entity: 'School', key: input.schoolCode }] };
}

export interface EducationGroupInput {
  kind: typeof SENIOR_KIND | typeof COMPULSORY_KIND;
  name: string;
  localityCode: string;
  leadSchoolCode?: string | null;
  memberSchoolCodes: string[];
  townshipCodes: string[];
  validFrom: string;
  isSample?: boolean | null;
}

/** A group of either kind: a senior group lists its schools, a compulsory group its townships. */
export async function formEducationGroup(db: Db, input: EducationGroupInput): Promise<Out<SchoolGroupRow>> {
  const group = await createGroup(db, {
    kind: input.kind,
    name: input.name,
    localityCode: input.localityCode,
    leadSchoolCode: input.leadSchoolCode ?? null,
    memberSchoolCodes: input.kind === SENIOR_KIND ? input.memberSchoolCodes : [],
    validFrom: input.validFrom,
    isSample: input.isSample,
  });
  if (input.townshipCodes.length) {
    const found = await db.select({ code: core.localities.code }).from(core.localities).where(inArray(core.localities.code, input.townshipCodes));
    const missing = input.townshipCodes.find((c) => !found.some((f) => f.code === c));
    if (missing) throw notFound('Locality', missing, 'input.townshipCodes');
    await db.insert(groupTownships).values(input.townshipCodes.map((townshipCode) => ({ groupId: group.id, townshipCode, validFrom: input.validFrom })));
  }
  return { row: group, changes: [{ entity: 'SchoolGroup', key: group.id }, ...input.townshipCodes.map((t) => ({ entity: 'HezhangGroupTownship', key: `${group.id}|${t}` }))] };
}

export async function setGroupProfile(db: Db, input: { groupId: string; partyCommitteeOn?: string | null; partyCommitteeRef?: string | null; generalOfficeOn?: string | null }) {
  const values = { groupId: input.groupId, partyCommitteeOn: input.partyCommitteeOn ?? null, partyCommitteeRef: input.partyCommitteeRef ?? null, generalOfficeOn: input.generalOfficeOn ?? null };
  const [row] = await db
    .insert(groupProfiles)
    .values(values)
    .onConflictDoUpdate({ target: groupProfiles.groupId, set: { ...values, updatedAt: sql`now()` } })
    .returning();
  return { row: row!, changes: [{ entity: 'HezhangGroupProfile', key: input.groupId }] as Change[] };
}

export async function pairSchools(
  db: Db,
  input: { helperSchoolCode: string; groupId: string; stage: string; helpedSchoolCode?: string | null; validFrom: string; validTo?: string | null; isSample?: boolean | null },
): Promise<Out<typeof pairings.$inferSelect>> {
  await getSchool(db, input.helperSchoolCode);
  if (input.helpedSchoolCode) await getSchool(db, input.helpedSchoolCode);
  const [row] = await db
    .insert(pairings)
    .values({ ...input, helpedSchoolCode: input.helpedSchoolCode ?? null, validTo: input.validTo ?? null, isSample: input.isSample ?? false })
    .returning();
  return { row: row!, changes: [{ entity: 'HezhangPairing', key: row!.id }] };
}

export async function assessPairing(db: Db, input: { pairingId: string; schoolYear: string; assessedOn: string; result: string }) {
  const [p] = await db.select({ id: pairings.id }).from(pairings).where(eq(pairings.id, input.pairingId));
  if (!p) throw notFound('HezhangPairing', input.pairingId, 'input.pairingId');
  const [row] = await db
    .insert(pairingAssessments)
    .values(input)
    .onConflictDoUpdate({ target: [pairingAssessments.pairingId, pairingAssessments.schoolYear], set: { assessedOn: input.assessedOn, result: input.result, updatedAt: sql`now()` } })
    .returning();
  return { row: row!, changes: [{ entity: 'HezhangPairingAssessment', key: `${input.pairingId}|${input.schoolYear}` }] as Change[] };
}

// ── Staff ────────────────────────────────────────────────────────────────────────────────────

export async function setEstablishment(db: Db, input: { personId: string; schoolCode: string }) {
  await getPerson(db, input.personId);
  await getSchool(db, input.schoolCode);
  const [row] = await db
    .insert(establishments)
    .values(input)
    .onConflictDoUpdate({ target: establishments.personId, set: { schoolCode: input.schoolCode, updatedAt: sql`now()` } })
    .returning();
  return { row: row!, changes: [{ entity: 'HezhangEstablishment', key: input.personId }] as Change[] };
}

export async function closeRoundOne(db: Db, input: { schoolCode: string; schoolYear: string; closedOn: string }) {
  await getSchool(db, input.schoolCode);
  const [row] = await db.insert(roundClosures).values(input).onConflictDoUpdate({ target: [roundClosures.schoolCode, roundClosures.schoolYear], set: { closedOn: input.closedOn } }).returning();
  return { row: row!, changes: [{ entity: 'HezhangRoundClosure', key: `${input.schoolCode}|${input.schoolYear}` }] as Change[] };
}

export async function recordPlacement(db: Db, input: typeof placements.$inferInsert) {
  await getPerson(db, input.personId);
  await getSchool(db, input.schoolCode);
  await getSchool(db, input.originSchoolCode);
  if (input.hiredByPersonId) await getPerson(db, input.hiredByPersonId);
  const [row] = await db.insert(placements).values(input).returning();
  return { row: row!, changes: [{ entity: 'HezhangPlacement', key: row!.id }] as Change[] };
}

/** The person's 编制 school, or the school of their post in force on the day when none is recorded. */
export async function establishmentOf(db: Db, personId: string, on: string): Promise<string | null> {
  const [e] = await db.select().from(establishments).where(eq(establishments.personId, personId));
  if (e) return e.schoolCode;
  const [p] = await db
    .select({ schoolCode: core.posts.schoolCode })
    .from(core.posts)
    .where(and(eq(core.posts.personId, personId), sql`${core.posts.schoolCode} is not null`, sql`${core.posts.validFrom} <= ${on}`, sql`(${core.posts.validTo} is null or ${core.posts.validTo} >= ${on})`, isNull(core.posts.archivedAt)))
    .orderBy(core.posts.validFrom)
    .limit(1);
  return p?.schoolCode ?? null;
}

export async function recordTransfer(
  db: Db,
  input: {
    groupId: string;
    personId: string;
    schoolYear: string;
    fromSchoolCode: string;
    toSchoolCode: string;
    startDate: string;
    endDate?: string | null;
    consentOn?: string | null;
    consentRef?: string | null;
    isSample?: boolean | null;
  },
) {
  await getPerson(db, input.personId);
  await getSchool(db, input.fromSchoolCode);
  await getSchool(db, input.toSchoolCode);
  // 三(二) 在编制单位不变的情况下: the transfer records the 编制 school it keeps.
  const establishmentSchoolCode = (await establishmentOf(db, input.personId, input.startDate)) ?? input.fromSchoolCode;
  const [row] = await db
    .insert(transfers)
    .values({ ...input, endDate: input.endDate ?? null, consentOn: input.consentOn ?? null, consentRef: input.consentRef ?? null, isSample: input.isSample ?? false, establishmentSchoolCode })
    .returning();
  return { row: row!, changes: [{ entity: 'HezhangTransfer', key: row!.id }] as Change[] };
}

// ── Awards ───────────────────────────────────────────────────────────────────────────────────

export async function grantQuota(db: Db, input: typeof quotaGrants.$inferInsert) {
  await getPerson(db, input.personId);
  await getSchool(db, input.schoolCode);
  const [row] = await db.insert(quotaGrants).values(input).returning();
  return { row: row!, changes: [{ entity: 'HezhangQuotaGrant', key: row!.id }] as Change[] };
}

export async function awardUnit(db: Db, input: typeof unitAwards.$inferInsert) {
  if (input.schoolCode) await getSchool(db, input.schoolCode);
  const [row] = await db.insert(unitAwards).values(input).returning();
  return { row: row!, changes: [{ entity: 'HezhangUnitAward', key: row!.id }] as Change[] };
}

// ── Attendance and 集聚大家智慧 ────────────────────────────────────────────────────────────────

export async function fileAttendanceRules(db: Db, input: typeof attendanceRulesFilings.$inferInsert) {
  await getSchool(db, input.schoolCode);
  const [row] = await db
    .insert(attendanceRulesFilings)
    .values(input)
    .onConflictDoUpdate({ target: [attendanceRulesFilings.schoolCode, attendanceRulesFilings.filedOn], set: { title: input.title, documentRef: input.documentRef } })
    .returning();
  return { row: row!, changes: [{ entity: 'HezhangAttendanceRulesFiling', key: `${input.schoolCode}|${input.filedOn}` }] as Change[] };
}

export async function arrangeFlexibleHours(db: Db, input: typeof flexibleArrangements.$inferInsert) {
  await getPerson(db, input.personId);
  await getSchool(db, input.schoolCode);
  const [row] = await db.insert(flexibleArrangements).values(input).returning();
  return { row: row!, changes: [{ entity: 'HezhangFlexibleArrangement', key: row!.id }] as Change[] };
}

export type AttendanceInsert = typeof attendance.$inferInsert;

/** A staff member's day, written again when it comes again (the key is person and day): idempotent. */
export async function recordAttendance(db: Db, input: AttendanceInsert) {
  await getPerson(db, input.personId);
  await getSchool(db, input.schoolCode);
  const set = { schoolCode: input.schoolCode, amIn: input.amIn ?? null, amOut: input.amOut ?? null, pmIn: input.pmIn ?? null, pmOut: input.pmOut ?? null, absenceKind: input.absenceKind ?? null, absenceNote: input.absenceNote ?? null, approvedBy: input.approvedBy ?? null };
  const [row] = await db.insert(attendance).values({ ...input, ...set }).onConflictDoUpdate({ target: [attendance.personId, attendance.day], set }).returning();
  return { row: row!, changes: [{ entity: 'HezhangAttendance', key: `${input.personId}|${input.day}` }] as Change[] };
}

export async function publishWeek(db: Db, input: { schoolCode: string; weekStart: string; publishedBy: string }) {
  await getSchool(db, input.schoolCode);
  const [row] = await db
    .insert(attendanceWeeks)
    .values(input)
    .onConflictDoUpdate({ target: [attendanceWeeks.schoolCode, attendanceWeeks.weekStart], set: { publishedBy: input.publishedBy, publishedAt: sql`now()` } })
    .returning();
  return { row: row!, changes: [{ entity: 'HezhangAttendanceWeek', key: `${input.schoolCode}|${input.weekStart}` }] as Change[] };
}

export async function recordUnionActivity(db: Db, input: typeof unionActivities.$inferInsert) {
  await getSchool(db, input.schoolCode);
  const [row] = await db.insert(unionActivities).values(input).returning();
  return { row: row!, changes: [{ entity: 'HezhangUnionActivity', key: row!.id }] as Change[] };
}

export async function recordLessonVisit(db: Db, input: typeof lessonVisits.$inferInsert) {
  await getSchool(db, input.schoolCode);
  await getPerson(db, input.teacherId);
  const [row] = await db.insert(lessonVisits).values(input).returning();
  return { row: row!, changes: [{ entity: 'HezhangLessonVisit', key: row!.id }] as Change[] };
}

/** A pupil with their skills (the skills given replace those recorded). */
export async function recordPupil(
  db: Db,
  input: { schoolCode: string; pupilRef: string; className: string; skills: { kind: string; skill: string }[]; recordedOn: string; isSample?: boolean | null },
) {
  await getSchool(db, input.schoolCode);
  const [row] = await db
    .insert(pupils)
    .values({ schoolCode: input.schoolCode, pupilRef: input.pupilRef, className: input.className, isSample: input.isSample ?? false })
    .onConflictDoUpdate({ target: [pupils.schoolCode, pupils.pupilRef], set: { className: input.className, updatedAt: sql`now()` } })
    .returning();
  await db.delete(pupilSkills).where(eq(pupilSkills.pupilId, row!.id));
  const unique = [...new Map(input.skills.map((s) => [`${s.kind}|${s.skill}`, s])).values()];
  if (unique.length) await db.insert(pupilSkills).values(unique.map((s) => ({ pupilId: row!.id, kind: s.kind, skill: s.skill, recordedOn: input.recordedOn })));
  return { row: row!, changes: [{ entity: 'HezhangPupil', key: row!.id }] as Change[] };
}
