import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db.js';
import { groupMembers, schoolGroups } from '../tables.js';
import { schoolYearRange } from '../codes.js';
import { overlapping, withinDivision } from './common.js';
import type { GroupMemberRow, SchoolGroupRow } from './groups.js';

/**
 * What a regime's report rules judge for a school year: its groups of one kind under a locality
 * that were in force on any day of the year, and their memberships during the year. Two
 * statements whatever the number of groups.
 */
export async function groupsInSchoolYear(db: Db, f: { localityCode: string; kind: string; schoolYear: string }): Promise<SchoolGroupRow[]> {
  return groupsInForceBetween(db, { ...f, ...schoolYearRange(f.schoolYear) });
}

/** A regime's groups of one kind under a locality in force on any day between two dates (inclusive). */
export async function groupsInForceBetween(db: Db, f: { localityCode: string; kind: string; start: string; end: string }): Promise<SchoolGroupRow[]> {
  const { start, end } = f;
  return db
    .select()
    .from(schoolGroups)
    .where(
      and(
        withinDivision(schoolGroups.localityCode, f.localityCode),
        eq(schoolGroups.kind, f.kind),
        isNull(schoolGroups.archivedAt),
        overlapping(schoolGroups.validFrom, schoolGroups.validTo, start, end),
      ),
    )
    .orderBy(schoolGroups.name);
}

/** Memberships in force on any day of the school year, per group id (the lead included). */
export async function membersInSchoolYear(db: Db, groupIds: readonly string[], schoolYear: string): Promise<Map<string, GroupMemberRow[]>> {
  const { start, end } = schoolYearRange(schoolYear);
  const out = new Map<string, GroupMemberRow[]>(groupIds.map((id) => [id, []]));
  for (const r of await membershipsBetween(db, groupIds, start, end)) out.get(r.groupId)!.push(r);
  return out;
}

/** Memberships of the groups in force on any day between two dates (inclusive), in school-code order. */
export async function membershipsBetween(db: Db, groupIds: readonly string[], start: string, end: string): Promise<GroupMemberRow[]> {
  if (groupIds.length === 0) return [];
  return db
    .select()
    .from(groupMembers)
    .where(and(inArray(groupMembers.groupId, [...groupIds]), overlapping(groupMembers.validFrom, groupMembers.validTo, start, end)))
    .orderBy(groupMembers.schoolCode);
}
