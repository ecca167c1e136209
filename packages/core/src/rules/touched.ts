/**
 * From what a mutation changed to the groups a rule must re-judge. Every path that can break a
 * write rule is guarded (POLICIES.md, preamble): a group rule runs not only on its own plugin's
 * group mutations but when core changes a member school (type, stages, township, county …), a post
 * at a member or at the group, an exchange between members, or a membership.
 */
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../db.js';
import { isUuid } from '../ids.js';
import { exchanges, groupMembers, posts, schoolGroups } from '../tables.js';
import type { GroupMemberRow, SchoolGroupRow } from '../repos/groups.js';
import type { Change } from './types.js';

export interface TouchedGroup {
  group: SchoolGroupRow;
  /** Every membership of the group, past and future (a rule checks the whole history). */
  members: GroupMemberRow[];
}

/** The school codes a set of changes names directly or through a post or an exchange. */
async function schoolsTouched(db: Db, changes: readonly Change[]): Promise<{ schoolCodes: string[]; groupIds: string[] }> {
  const keysOf = (entity: string) => [...new Set(changes.filter((c) => c.entity === entity).map((c) => c.key))];
  const schoolCodes = new Set(keysOf('School'));
  for (const k of keysOf('SchoolYearStats')) schoolCodes.add(k.split('|')[0]!);
  const groupIds = new Set([...keysOf('SchoolGroup'), ...keysOf('GroupMembership')].filter(isUuid));
  const postIds = keysOf('Post').filter(isUuid);
  const personIds = keysOf('Person').filter(isUuid);
  if (postIds.length || personIds.length) {
    const rows = await db
      .select({ schoolCode: posts.schoolCode, groupId: posts.groupId })
      .from(posts)
      .where(or(postIds.length ? inArray(posts.id, postIds) : undefined, personIds.length ? inArray(posts.personId, personIds) : undefined));
    for (const r of rows) {
      if (r.schoolCode) schoolCodes.add(r.schoolCode);
      if (r.groupId) groupIds.add(r.groupId);
    }
  }
  const exchangeIds = keysOf('Exchange').filter(isUuid);
  if (exchangeIds.length) {
    const rows = await db.select({ from: exchanges.fromSchoolCode, to: exchanges.toSchoolCode }).from(exchanges).where(inArray(exchanges.id, exchangeIds));
    for (const r of rows) {
      schoolCodes.add(r.from);
      if (r.to) schoolCodes.add(r.to);
    }
  }
  return { schoolCodes: [...schoolCodes], groupIds: [...groupIds] };
}

/** Groups not archived that are named, or have one of the schools as their lead or as a member (at any time). */
function touchedGroupsSql(db: Db, { schoolCodes, groupIds }: { schoolCodes: string[]; groupIds: string[] }) {
  const viaMembers = schoolCodes.length ? db.select({ id: groupMembers.groupId }).from(groupMembers).where(inArray(groupMembers.schoolCode, schoolCodes)) : null;
  return and(
    isNull(schoolGroups.archivedAt),
    or(
      groupIds.length ? inArray(schoolGroups.id, groupIds) : undefined,
      schoolCodes.length ? inArray(schoolGroups.leadSchoolCode, schoolCodes) : undefined,
      viaMembers ? inArray(schoolGroups.id, viaMembers) : undefined,
    ),
  );
}

/**
 * The groups of `kind` (e.g. `beihai.xuequ`) a set of changes touches, with all their memberships:
 * groups changed themselves, and groups that have a changed school as a member (at any time) or as
 * their lead. Archived groups are left out: they no longer count. Three statements at most,
 * whatever the number of changes.
 */
export async function groupsTouchedBy(db: Db, changes: readonly Change[], kind: string): Promise<TouchedGroup[]> {
  const touched = await schoolsTouched(db, changes);
  if (touched.schoolCodes.length === 0 && touched.groupIds.length === 0) return [];
  const groups = await db
    .select()
    .from(schoolGroups)
    .where(and(eq(schoolGroups.kind, kind), touchedGroupsSql(db, touched)))
    .orderBy(schoolGroups.id);
  if (groups.length === 0) return [];
  const members = await db
    .select()
    .from(groupMembers)
    .where(inArray(groupMembers.groupId, groups.map((g) => g.id)))
    .orderBy(groupMembers.validFrom, groupMembers.id);
  return groups.map((group) => ({ group, members: members.filter((m) => m.groupId === group.id) }));
}

/**
 * The localities whose regimes must judge a set of changes: the mutation's own, and those of every
 * group a changed school belongs to or leads. A school moved out of a Beihai district's county is
 * still judged by Beihai's rules for the 学区 it stays a member of.
 */
export async function localitiesTouchedBy(db: Db, changes: readonly Change[], own: string): Promise<string[]> {
  const out = new Set([own]);
  const touched = await schoolsTouched(db, changes);
  if (touched.schoolCodes.length || touched.groupIds.length) {
    const rows = await db.selectDistinct({ localityCode: schoolGroups.localityCode }).from(schoolGroups).where(touchedGroupsSql(db, touched));
    for (const r of rows) out.add(r.localityCode);
  }
  return [...out].sort();
}
