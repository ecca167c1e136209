/**
 * Writes of the regime's own records. Called inside runMutation's transaction; each checks what it
 * refers to first, so a bad reference is a typed error and nothing is written.
 */
import { eq, sql } from 'drizzle-orm';
import { addDays, badInput, getSchool, isUuid, membersInSchoolYear, membersOn, notFound, schoolYearRange, type Db, type SchoolGroupRow } from '@gongzhi/core';
import { districtBrands, facilityUses, integrationTargets, sharedFacilities, specialities } from '../tables.js';
import type { FacilityKind, Integration, IntegrationStatus } from '../domain.js';

/** The school is a member of the 学区 on that date, or BAD_USER_INPUT naming the field. */
export async function assertMemberOn(db: Db, group: SchoolGroupRow, schoolCode: string, date: string, field: string): Promise<void> {
  await getSchool(db, schoolCode);
  if (!(await membersOn(db, group.id, date)).some((m) => m.schoolCode === schoolCode))
    throw badInput(
      field,
      { zh: `学校 ${schoolCode} 在 ${date} 不是「${group.name}」的成员学校`, en: `school ${schoolCode} is not a member of ${group.name} on ${date}` },
      { groupId: group.id, schoolCode },
    );
}

/** The school was a member of the 学区 on some day of the school year. */
export async function assertMemberDuring(db: Db, group: SchoolGroupRow, schoolCode: string, schoolYear: string, field: string): Promise<void> {
  await getSchool(db, schoolCode);
  if (!(await membersInSchoolYear(db, [group.id], schoolYear)).get(group.id)!.some((m) => m.schoolCode === schoolCode))
    throw badInput(
      field,
      { zh: `学校 ${schoolCode} 在 ${schoolYear} 学年不是「${group.name}」的成员学校`, en: `school ${schoolCode} was not a member of ${group.name} in ${schoolYear}` },
      { groupId: group.id, schoolCode },
    );
}

const touched = { updatedAt: sql`now()` };

export async function setIntegrationTarget(
  db: Db,
  input: { groupId: string; schoolYear: string; integration: Integration; target: string; status: IntegrationStatus; note?: string | null },
) {
  const values = { ...input, note: input.note ?? null };
  const [row] = await db
    .insert(integrationTargets)
    .values(values)
    .onConflictDoUpdate({
      target: [integrationTargets.groupId, integrationTargets.schoolYear, integrationTargets.integration],
      set: { target: values.target, status: values.status, note: values.note, ...touched },
    })
    .returning();
  return row!;
}

/** Record (or correct) a school's speciality; the same name at the same school is one speciality. */
export async function recordSpeciality(db: Db, input: { schoolCode: string; name: string; description?: string | null; validFrom: string; validTo?: string | null }) {
  if (input.validTo && input.validTo < input.validFrom) throw badInput('input.validTo', { zh: '结束日期早于开始日期', en: 'ends before it starts' });
  const values = { ...input, description: input.description ?? null, validTo: input.validTo ?? null };
  const [row] = await db
    .insert(specialities)
    .values(values)
    .onConflictDoUpdate({
      target: [specialities.schoolCode, specialities.name],
      set: { description: values.description, validFrom: values.validFrom, validTo: values.validTo, ...touched },
    })
    .returning();
  return row!;
}

/**
 * Set the 学区's brand from a date. The brand in force then ends the day before; one set again for the
 * same day is corrected in place; one set before a later brand ends when that one starts. Past years
 * keep the brand they had.
 */
export async function setBrand(db: Db, input: { groupId: string; name: string; description?: string | null; validFrom: string }) {
  const values = { ...input, description: input.description ?? null };
  const history = await db.select().from(districtBrands).where(eq(districtBrands.groupId, input.groupId));
  const sameDay = history.find((b) => b.validFrom === input.validFrom);
  if (sameDay) {
    const [row] = await db.update(districtBrands).set({ name: values.name, description: values.description, ...touched }).where(eq(districtBrands.id, sameDay.id)).returning();
    return row!;
  }
  const before = history.filter((b) => b.validFrom < input.validFrom && (b.validTo === null || b.validTo >= input.validFrom));
  for (const b of before) await db.update(districtBrands).set({ validTo: addDays(input.validFrom, -1), ...touched }).where(eq(districtBrands.id, b.id));
  const next = history.filter((b) => b.validFrom > input.validFrom).sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0];
  const [row] = await db
    .insert(districtBrands)
    .values({ ...values, validTo: next ? addDays(next.validFrom, -1) : null })
    .returning();
  return row!;
}

export async function createFacility(
  db: Db,
  group: SchoolGroupRow,
  input: { hostSchoolCode: string; kind: FacilityKind; name: string; validFrom: string; validTo?: string | null },
) {
  if (input.validTo && input.validTo < input.validFrom) throw badInput('input.validTo', { zh: '结束日期早于开始日期', en: 'ends before it starts' });
  // Only a member's facility can be opened to the 学区 (三(三)2: "在学区内学校开放共享").
  await assertMemberOn(db, group, input.hostSchoolCode, input.validFrom, 'input.hostSchoolCode');
  const [row] = await db
    .insert(sharedFacilities)
    .values({ groupId: group.id, ...input, validTo: input.validTo ?? null })
    .returning();
  return row!;
}

export async function getFacility(db: Db, id: string) {
  const [row] = isUuid(id) ? await db.select().from(sharedFacilities).where(eq(sharedFacilities.id, id)) : [];
  if (!row) throw notFound('HuayuankouSharedFacility', id, 'input.facilityId');
  return row;
}

/** Record how often a member school used a facility in a school year (recording again replaces it). */
export async function recordFacilityUse(
  db: Db,
  group: SchoolGroupRow,
  facility: { validFrom: string; validTo: string | null },
  input: { facilityId: string; schoolCode: string; schoolYear: string; sessions: number },
) {
  // A use is of the facility while it is shared: a year wholly outside that period is a mistake.
  const { start, end } = schoolYearRange(input.schoolYear);
  if (facility.validFrom > end || (facility.validTo !== null && facility.validTo < start))
    throw badInput('input.schoolYear', {
      zh: `该场所在 ${input.schoolYear} 学年未开放共享（共享期 ${facility.validFrom} 至 ${facility.validTo ?? '今'}）`,
      en: `the facility was not shared in ${input.schoolYear} (shared ${facility.validFrom} to ${facility.validTo ?? 'now'})`,
    });
  await assertMemberDuring(db, group, input.schoolCode, input.schoolYear, 'input.schoolCode');
  const [row] = await db
    .insert(facilityUses)
    .values(input)
    .onConflictDoUpdate({ target: [facilityUses.facilityId, facilityUses.schoolYear, facilityUses.schoolCode], set: { sessions: input.sessions, ...touched } })
    .returning();
  return row!;
}
