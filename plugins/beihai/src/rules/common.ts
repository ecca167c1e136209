import { isInForce, schoolYearRange, type GroupMemberRow, type SchoolGroupRow } from '@gongzhi/core';
import { addDays } from '../dates.js';

/** Shared with every regime: core's finding subjects. */
export { groupSubject, schoolSubject } from '@gongzhi/core';

/**
 * What can change a 学区's shape: the group, its memberships, and its schools (a member re-registered
 * as another type, stage or township by core's updateSchool or an import).
 */
export const XUEQU_CHANGES: ('SchoolGroup' | 'GroupMembership' | 'School')[] = ['SchoolGroup', 'GroupMembership', 'School'];

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
