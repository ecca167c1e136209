/**
 * Reads and writes of the Beihai tables, and the core queries the rules share. Loaders batch the
 * GraphQL relations (one statement per level of a query).
 */
import { and, inArray, isNull } from 'drizzle-orm';
import {
  byKey,
  groupsInForceBetween,
  defineLoader,
  groupByKey,
  inForceOn,
  tables as core,
  type Db,
  type GroupMemberRow,
  type PostRow,
  type SchoolGroupRow,
} from '@gongzhi/core';
import { jointMeetingAttendees, jointMeetings, moralTeamMembers, moralTeams, offices, subjectGroupMembers, subjectGroups, xuequProfiles } from './tables.js';

export const XUEQU_KIND = 'beihai.xuequ';
export const DOC = '北教基教〔2018〕130号';

export type XuequProfileRow = typeof xuequProfiles.$inferSelect;
export type JointMeetingRow = typeof jointMeetings.$inferSelect;
export type OfficeRow = typeof offices.$inferSelect;
export type SubjectGroupRow = typeof subjectGroups.$inferSelect;
export type MoralTeamRow = typeof moralTeams.$inferSelect;

export const XUEQU_FORMS = ['ALLIANCE', 'GROUP', 'PAIRED_ASSISTANCE'] as const;
export type XuequForm = (typeof XUEQU_FORMS)[number];
export const ZONINGS = ['SINGLE_SCHOOL', 'MULTI_SCHOOL'] as const;

/** Roles the plugin registers; all are held at the 学区 (the core group). */
export const ROLE = {
  HEAD: 'BEIHAI_XUEQU_HEAD',
  DEPUTY: 'BEIHAI_DEPUTY_HEAD',
  OFFICE_DIRECTOR: 'BEIHAI_OFFICE_DIRECTOR',
  OFFICE_DEPUTY: 'BEIHAI_OFFICE_DEPUTY_DIRECTOR',
  OFFICE_STAFF: 'BEIHAI_OFFICE_STAFF',
} as const;

// ---------------------------------------------------------------------------------------------
// 学区 (core groups of kind beihai.xuequ)

/** The 学区 of a locality (and the localities inside it) in force at any time between two dates. */
export function xuequsOverlapping(db: Db, localityCode: string, start: string, end: string): Promise<SchoolGroupRow[]> {
  return groupsInForceBetween(db, { localityCode, kind: XUEQU_KIND, start, end });
}

/** Every membership row of the groups (all dates). */
export async function allMemberships(db: Db, groupIds: string[]): Promise<GroupMemberRow[]> {
  if (groupIds.length === 0) return [];
  return db.select().from(core.groupMembers).where(inArray(core.groupMembers.groupId, groupIds));
}

/** Memberships of the groups in force at any time between two dates (core's). */
export { membershipsBetween as membershipsOverlapping, schoolsByCode } from '@gongzhi/core';


/** Posts in force on a date, of the given roles, at schools or at groups. */
export async function postsOn(db: Db, where: { schoolCodes?: string[]; groupIds?: string[] }, roles: string[], asOf: string): Promise<PostRow[]> {
  const owner = where.schoolCodes ? inArray(core.posts.schoolCode, where.schoolCodes) : inArray(core.posts.groupId, where.groupIds ?? []);
  if ((where.schoolCodes ?? where.groupIds ?? []).length === 0) return [];
  return db
    .select()
    .from(core.posts)
    .where(and(owner, inArray(core.posts.role, roles), isNull(core.posts.archivedAt), inForceOn(core.posts.validFrom, core.posts.validTo, asOf)))
    .orderBy(core.posts.validFrom);
}

export async function profilesOf(db: Db, groupIds: string[]): Promise<Map<string, XuequProfileRow>> {
  if (groupIds.length === 0) return new Map();
  const rows = await db.select().from(xuequProfiles).where(inArray(xuequProfiles.groupId, groupIds));
  return new Map(rows.map((r) => [r.groupId, r]));
}

export async function officesOf(db: Db, groupIds: string[]): Promise<Map<string, OfficeRow>> {
  if (groupIds.length === 0) return new Map();
  const rows = await db.select().from(offices).where(inArray(offices.groupId, groupIds));
  return new Map(rows.map((r) => [r.groupId, r]));
}

/** A 学区 without a profile row (formed through the generic createSchoolGroup) counts as a 学校联盟, the document's main form (一). */
export function formOf(profile: XuequProfileRow | undefined): XuequForm {
  return (profile?.form as XuequForm | undefined) ?? 'ALLIANCE';
}

// ---------------------------------------------------------------------------------------------
// Loaders for the GraphQL relations

export const profileLoader = defineLoader<string, XuequProfileRow | null>('beihai.profile', async (db, ids) =>
  byKey(ids, await db.select().from(xuequProfiles).where(inArray(xuequProfiles.groupId, [...ids])), (r) => r.groupId),
);

export const meetingsByGroupLoader = defineLoader<string, JointMeetingRow[]>('beihai.meetings.byGroup', async (db, ids) =>
  groupByKey(
    ids,
    await db.select().from(jointMeetings).where(and(inArray(jointMeetings.groupId, [...ids]), isNull(jointMeetings.archivedAt))).orderBy(jointMeetings.heldOn),
    (r) => r.groupId,
  ),
);

export type JointMeetingAttendeeRow = typeof jointMeetingAttendees.$inferSelect;

/** Everyone recorded at a meeting; a row with `forSchoolCode` is a deputy standing in for that school's principal. */
export const meetingAttendeesLoader = defineLoader<string, JointMeetingAttendeeRow[]>('beihai.meetings.attendees', async (db, ids) =>
  groupByKey(ids, await db.select().from(jointMeetingAttendees).where(inArray(jointMeetingAttendees.meetingId, [...ids])), (r) => r.meetingId),
);

export const officeLoader = defineLoader<string, OfficeRow | null>('beihai.office', async (db, ids) =>
  byKey(ids, await db.select().from(offices).where(inArray(offices.groupId, [...ids])), (r) => r.groupId),
);

export const subjectGroupsByGroupLoader = defineLoader<string, SubjectGroupRow[]>('beihai.subjectGroups.byGroup', async (db, ids) =>
  groupByKey(
    ids,
    await db.select().from(subjectGroups).where(and(inArray(subjectGroups.groupId, [...ids]), isNull(subjectGroups.archivedAt))).orderBy(subjectGroups.name),
    (r) => r.groupId,
  ),
);

export const subjectGroupMembersLoader = defineLoader<string, string[]>('beihai.subjectGroups.members', async (db, ids) =>
  groupByKey(ids, await db.select().from(subjectGroupMembers).where(inArray(subjectGroupMembers.subjectGroupId, [...ids])), (r) => r.subjectGroupId).map((rows) =>
    rows.map((r) => r.personId),
  ),
);

export const moralTeamsByGroupLoader = defineLoader<string, MoralTeamRow[]>('beihai.moralTeams.byGroup', async (db, ids) =>
  groupByKey(
    ids,
    await db.select().from(moralTeams).where(and(inArray(moralTeams.groupId, [...ids]), isNull(moralTeams.archivedAt))).orderBy(moralTeams.establishedOn),
    (r) => r.groupId,
  ),
);

export const moralTeamMembersLoader = defineLoader<string, string[]>('beihai.moralTeams.members', async (db, ids) =>
  groupByKey(ids, await db.select().from(moralTeamMembers).where(inArray(moralTeamMembers.teamId, [...ids])), (r) => r.teamId).map((rows) => rows.map((r) => r.personId)),
);
