import { changeDates, isInForce, type GroupMemberRow, type SchoolGroupRow } from '@gongzhi/core';

/** Shared with every regime: core's finding subjects. */
export { groupSubject, schoolSubject } from '@gongzhi/core';

/**
 * What can change a 学区's shape: the group, its memberships, and its schools (a member re-registered
 * as another type, stage or township by core's updateSchool or an import).
 */
export const XUEQU_CHANGES: ('SchoolGroup' | 'GroupMembership' | 'School')[] = ['SchoolGroup', 'GroupMembership', 'School'];

/**
 * Every date on which a 学区's membership changes while it is in force (core's changeDates over its
 * members): membership is constant between two of them, so checking them checks the whole history.
 */
export function checkpoints(group: SchoolGroupRow, members: GroupMemberRow[]): string[] {
  return changeDates({ from: group.validFrom, to: group.validTo }, members);
}

export function membersAt(members: GroupMemberRow[], date: string): string[] {
  return [...new Set(members.filter((m) => isInForce(m, date)).map((m) => m.schoolCode))].sort();
}

/** The day a report judges standing facts on: core's, shared with every regime. */
export { referenceDate } from '@gongzhi/core';
