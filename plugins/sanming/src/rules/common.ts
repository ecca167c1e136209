/**
 * What the Sanming rules share: the 总校 of a report's year (read once per report through core's
 * facts), the schools they hold, and finding subjects.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { groupSubject, schoolsByCode, schoolSubject, tables as core, type Db, type GroupMemberRow, type ReportFacts, type SchoolGroupRow, type SchoolRow } from '@gongzhi/core';
import { KIND } from '../repo.js';

export { groupSubject, schoolSubject };

export interface Zongxiao {
  group: SchoolGroupRow;
  /** Memberships in force on any day of the year, the lead included. */
  members: GroupMemberRow[];
}

/** The 总校 of the report's locality in force during its year, with their memberships (core's shared fact). */
export async function zongxiaoInYear(facts: ReportFacts): Promise<Zongxiao[]> {
  const { groups, members } = await facts.groupsInYear(KIND);
  return groups.map((group) => ({ group, members: members.get(group.id) ?? [] }));
}

/** Every school of the year's 总校, by code: one statement per report. */
export function schoolsInYear(facts: ReportFacts): Promise<Map<string, SchoolRow>> {
  return facts.shared('sanming.schoolsInYear', async (db) => schoolsByCode(db, (await zongxiaoInYear(facts)).flatMap((z) => z.members.map((m) => m.schoolCode))));
}

export const memberCodes = (z: { members: readonly GroupMemberRow[] }) => [...new Set(z.members.map((m) => m.schoolCode))].sort();
export const nonLeadCodes = (z: { group: SchoolGroupRow; members: readonly GroupMemberRow[] }) => memberCodes(z).filter((c) => c !== z.group.leadSchoolCode);

/** The school's memberships of (not archived) 总校 in force on a date, with the group: one statement. */
export async function zongxiaoMembershipsOn(db: Db, schoolCodes: readonly string[]): Promise<{ group: SchoolGroupRow; member: GroupMemberRow }[]> {
  if (schoolCodes.length === 0) return [];
  const rows = await db
    .select({ group: core.schoolGroups, member: core.groupMembers })
    .from(core.groupMembers)
    .innerJoin(core.schoolGroups, eq(core.schoolGroups.id, core.groupMembers.groupId))
    .where(and(inArray(core.groupMembers.schoolCode, [...new Set(schoolCodes)]), eq(core.schoolGroups.kind, KIND), isNull(core.schoolGroups.archivedAt)));
  return rows;
}

/** Whether a membership (and its group) is in force on a date. */
export function memberOn(x: { group: SchoolGroupRow; member: GroupMemberRow }, date: string): boolean {
  const inForce = (f: string, t: string | null) => f <= date && (!t || t >= date);
  return inForce(x.member.validFrom, x.member.validTo) && inForce(x.group.validFrom, x.group.validTo);
}

export const personSubject = (id: string, name?: string) => (name ? { type: 'Person', key: id, name } : { type: 'Person', key: id });
