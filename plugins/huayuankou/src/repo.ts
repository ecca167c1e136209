/**
 * Reads of the regime's data, shared by the rules, the loaders and the mutations. Each takes many
 * keys and costs one statement.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { overlapping, schoolYearRange, tables as core, type Db } from '@gongzhi/core';
import { districtBrands, facilityUses, integrationTargets, sharedFacilities, specialities } from './tables.js';

export type IntegrationTargetRow = typeof integrationTargets.$inferSelect;
export type SpecialityRow = typeof specialities.$inferSelect;
export type BrandRow = typeof districtBrands.$inferSelect;
export type FacilityRow = typeof sharedFacilities.$inferSelect;
export type FacilityUseRow = typeof facilityUses.$inferSelect;

export { schoolsByCode } from '@gongzhi/core';

export async function integrationTargetsOf(db: Db, groupIds: readonly string[], schoolYear: string): Promise<IntegrationTargetRow[]> {
  if (groupIds.length === 0) return [];
  return db
    .select()
    .from(integrationTargets)
    .where(and(inArray(integrationTargets.groupId, [...groupIds]), eq(integrationTargets.schoolYear, schoolYear)));
}

/** Specialities of schools in force on any day between two dates. */
export async function specialitiesOf(db: Db, schoolCodes: readonly string[], from: string, to: string): Promise<SpecialityRow[]> {
  if (schoolCodes.length === 0) return [];
  return db
    .select()
    .from(specialities)
    .where(and(inArray(specialities.schoolCode, [...schoolCodes]), overlapping(specialities.validFrom, specialities.validTo, from, to)))
    .orderBy(specialities.schoolCode, specialities.name);
}

export async function brandsOf(db: Db, groupIds: readonly string[]): Promise<BrandRow[]> {
  if (groupIds.length === 0) return [];
  return db.select().from(districtBrands).where(inArray(districtBrands.groupId, [...groupIds])).orderBy(districtBrands.validFrom);
}

/** Shared facilities of 学区 in force on any day of a school year (all of them without a year). */
export async function facilitiesOf(db: Db, groupIds: readonly string[], schoolYear?: string): Promise<FacilityRow[]> {
  if (groupIds.length === 0) return [];
  const conds = [inArray(sharedFacilities.groupId, [...groupIds])];
  if (schoolYear) {
    const { start, end } = schoolYearRange(schoolYear);
    conds.push(overlapping(sharedFacilities.validFrom, sharedFacilities.validTo, start, end));
  }
  return db.select().from(sharedFacilities).where(and(...conds)).orderBy(sharedFacilities.name);
}

export async function facilityUsesOf(db: Db, facilityIds: readonly string[], schoolYear: string): Promise<FacilityUseRow[]> {
  if (facilityIds.length === 0) return [];
  return db
    .select()
    .from(facilityUses)
    .where(and(inArray(facilityUses.facilityId, [...facilityIds]), eq(facilityUses.schoolYear, schoolYear)))
    .orderBy(facilityUses.schoolCode);
}

/** Posts of given roles held at groups on any day between two dates (with the person's name). */
export async function groupPostsOf(db: Db, groupIds: readonly string[], roles: readonly string[], from: string, to: string) {
  if (groupIds.length === 0) return [];
  return db
    .select({ post: core.posts, personName: core.people.name })
    .from(core.posts)
    .innerJoin(core.people, eq(core.people.id, core.posts.personId))
    .where(
      and(
        inArray(core.posts.groupId, [...groupIds]),
        inArray(core.posts.role, [...roles]),
        isNull(core.posts.archivedAt),
        overlapping(core.posts.validFrom, core.posts.validTo, from, to),
      ),
    );
}
