import { and, eq, inArray, isNull } from 'drizzle-orm';
import { isInForce, isUuid, schoolYearRange, tables as core, type Change, type Db, type GroupMemberRow, type SchoolGroupRow } from '@gongzhi/core';
import { addDays } from '../dates.js';
import { allMemberships, XUEQU_KIND } from '../repo.js';

/** Shared with every regime: core's finding subjects. */
export { groupSubject, schoolSubject } from '@gongzhi/core';

/** The 学区 a mutation touched (other plugins' groups at the same locality are not ours to judge). */
export async function changedXuequs(db: Db, changes: Change[]): Promise<{ group: SchoolGroupRow; members: GroupMemberRow[] }[]> {
  const ids = [...new Set(changes.map((c) => c.key))].filter(isUuid);
  if (ids.length === 0) return [];
  const groups = await db
    .select()
    .from(core.schoolGroups)
    .where(and(inArray(core.schoolGroups.id, ids), eq(core.schoolGroups.kind, XUEQU_KIND), isNull(core.schoolGroups.archivedAt)));
  const members = await allMemberships(db, groups.map((g) => g.id));
  return groups.map((group) => ({ group, members: members.filter((m) => m.groupId === group.id) }));
}

/**
 * Every date on which a 学区's membership changes while it is in force: its first day, each
 * member's first day and the day after each member's last. Membership is constant between two
 * checkpoints, so checking them checks the whole history, future-dated changes included.
 */
export function checkpoints(group: SchoolGroupRow, members: GroupMemberRow[]): string[] {
  const dates = new Set<string>([group.validFrom]);
  for (const m of members) {
    dates.add(m.validFrom);
    if (m.validTo) dates.add(addDays(m.validTo, 1));
  }
  return [...dates].filter((d) => d >= group.validFrom && (!group.validTo || d <= group.validTo)).sort();
}

export function membersAt(members: GroupMemberRow[], date: string): string[] {
  return [...new Set(members.filter((m) => isInForce(m, date)).map((m) => m.schoolCode))].sort();
}

/**
 * The day a report judges standing facts on (who is head, who staffs the office): the school
 * year's last day, or today while the year is running, or its first day for a year to come.
 */
export function referenceDate(schoolYear: string, today: string): string {
  const { start, end } = schoolYearRange(schoolYear);
  return today < start ? start : today > end ? end : today;
}
