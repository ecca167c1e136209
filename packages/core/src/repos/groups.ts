import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { uuidOf } from '../ids.js';
import { anyOf, preparedQuery } from '../prepared.js';
import type { Db } from '../db.js';
import { groupMembers, schoolGroups, schools } from '../tables.js';
import { byKey, defineLoader, groupByKey } from '../loaders.js';
import { groupKeysByDate, inForceOn, isInForce, withinDivision } from './common.js';
import { badInput, notFound } from '../errors.js';

export type SchoolGroupRow = typeof schoolGroups.$inferSelect;
export type GroupMemberRow = typeof groupMembers.$inferSelect;

export const schoolGroupLoader = defineLoader<string, SchoolGroupRow | null>('core.group', async (db, ids) =>
  byKey(ids, await db.select().from(schoolGroups).where(inArray(schoolGroups.id, [...ids])), (r) => r.id),
);

/** Memberships of a group in force on a date (the lead is a member too). */
export const groupMembersLoader = defineLoader<{ id: string; asOf: string }, GroupMemberRow[]>(
  'core.group.members',
  async (db, keys) => {
    const out = new Map<string, GroupMemberRow[]>();
    for (const [asOf, ks] of groupKeysByDate(keys)) {
      const ids = ks.map((k) => k.id);
      const rows = await db
        .select()
        .from(groupMembers)
        .where(and(inArray(groupMembers.groupId, ids), inForceOn(groupMembers.validFrom, groupMembers.validTo, asOf)))
        .orderBy(groupMembers.schoolCode);
      groupByKey(ids, rows, (r) => r.groupId).forEach((list, i) => out.set(`${ids[i]}|${asOf}`, list));
    }
    return keys.map((k) => out.get(`${k.id}|${k.asOf}`) ?? []);
  },
  (k) => `${k.id}|${k.asOf}`,
);

/** The groups a school belongs to on a date. */
/** A school's groups in force on a date, in name order (then id: a total order). */
const groupsOfSchools = preparedQuery((db) =>
  db
    .select({ group: schoolGroups, schoolCode: groupMembers.schoolCode })
    .from(groupMembers)
    .innerJoin(schoolGroups, eq(schoolGroups.id, groupMembers.groupId))
    .where(and(anyOf(groupMembers.schoolCode, 'codes'), inForceOn(groupMembers.validFrom, groupMembers.validTo, sql.placeholder('asOf')), isNull(schoolGroups.archivedAt)))
    .orderBy(schoolGroups.name, schoolGroups.id)
    .prepare(),
);

export const groupsBySchoolLoader = defineLoader<{ id: string; asOf: string }, SchoolGroupRow[]>(
  'core.group.bySchool',
  async (db, keys) => {
    const out = new Map<string, SchoolGroupRow[]>();
    for (const [asOf, ks] of groupKeysByDate(keys)) {
      const codes = ks.map((k) => k.id);
      const rows = await groupsOfSchools(db, { codes, asOf });
      groupByKey(codes, rows, (r) => r.schoolCode).forEach((list, i) => out.set(`${codes[i]}|${asOf}`, list.map((r) => r.group)));
    }
    return keys.map((k) => out.get(`${k.id}|${k.asOf}`) ?? []);
  },
  (k) => `${k.id}|${k.asOf}`,
);

export async function listGroups(db: Db, f: { localityCode: string; kind?: string | null; asOf?: string | null; includeArchived?: boolean | null }) {
  const conds = [withinDivision(schoolGroups.localityCode, f.localityCode)];
  if (f.kind) conds.push(eq(schoolGroups.kind, f.kind));
  if (f.asOf) conds.push(inForceOn(schoolGroups.validFrom, schoolGroups.validTo, f.asOf));
  if (!f.includeArchived) conds.push(isNull(schoolGroups.archivedAt));
  return db.select().from(schoolGroups).where(and(...conds)).orderBy(schoolGroups.name);
}

/** A group by its UUID or Relay global ID; NOT_FOUND when archived or of another kind. */
export async function getGroup(db: Db, id: string, kind?: string): Promise<SchoolGroupRow> {
  const uuid = uuidOf(id);
  const [row] = uuid ? await db.select().from(schoolGroups).where(eq(schoolGroups.id, uuid)) : [];
  if (!row || row.archivedAt || (kind && row.kind !== kind)) throw notFound('SchoolGroup', id);
  return row;
}

export async function membersOn(db: Db, groupId: string, asOf: string): Promise<GroupMemberRow[]> {
  return db.select().from(groupMembers).where(and(eq(groupMembers.groupId, groupId), inForceOn(groupMembers.validFrom, groupMembers.validTo, asOf)));
}

async function checkSchoolsExist(db: Db, codes: string[], field: string) {
  if (codes.length === 0) return;
  const found = await db.select({ code: schools.code, archivedAt: schools.archivedAt }).from(schools).where(inArray(schools.code, codes));
  const missing = codes.find((c) => !found.some((r) => r.code === c && !r.archivedAt));
  if (missing) throw notFound('School', missing, field);
}

export interface GroupInput {
  kind: string;
  name: string;
  localityCode: string;
  leadSchoolCode?: string | null;
  /** Member school codes besides the lead; the lead is added as a member too. */
  memberSchoolCodes: string[];
  validFrom: string;
  validTo?: string | null;
  isSample?: boolean | null;
}

/** Create a group with its lead and members in one go (call it inside the mutation's transaction). */
export async function createGroup(db: Db, input: GroupInput): Promise<SchoolGroupRow> {
  const codes = [...new Set([...(input.leadSchoolCode ? [input.leadSchoolCode] : []), ...input.memberSchoolCodes])];
  if (codes.length !== (input.leadSchoolCode ? 1 : 0) + input.memberSchoolCodes.length)
    throw badInput('input.memberSchoolCodes', { zh: '成员学校重复（牵头学校无需再列为成员）', en: 'a member school is listed twice (the lead need not be listed again)' });
  await checkSchoolsExist(db, codes, 'input.memberSchoolCodes');
  if (input.validTo && input.validTo < input.validFrom) throw badInput('input.validTo', { zh: '结束日期早于开始日期', en: 'ends before it starts' });
  const [group] = await db
    .insert(schoolGroups)
    .values({
      kind: input.kind,
      name: input.name,
      localityCode: input.localityCode,
      leadSchoolCode: input.leadSchoolCode ?? null,
      validFrom: input.validFrom,
      validTo: input.validTo ?? null,
      isSample: input.isSample ?? false,
    })
    .returning();
  if (codes.length)
    await db.insert(groupMembers).values(codes.map((schoolCode) => ({ groupId: group!.id, schoolCode, validFrom: input.validFrom, validTo: input.validTo ?? null })));
  return group!;
}

export async function addGroupMember(db: Db, groupId: string, schoolCode: string, validFrom: string): Promise<GroupMemberRow> {
  await checkSchoolsExist(db, [schoolCode], 'input.schoolCode');
  const current = await membersOn(db, groupId, validFrom);
  if (current.some((m) => m.schoolCode === schoolCode))
    throw badInput('input.schoolCode', { zh: `学校 ${schoolCode} 已是成员`, en: `school ${schoolCode} is already a member` });
  const [row] = await db.insert(groupMembers).values({ groupId, schoolCode, validFrom, validTo: null }).returning();
  return row!;
}

/** End a membership: `validTo` is its last day. */
export async function endGroupMembership(db: Db, groupId: string, schoolCode: string, validTo: string): Promise<GroupMemberRow> {
  const rows = await db.select().from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.schoolCode, schoolCode)));
  const open = rows.find((r) => isInForce(r, validTo));
  if (!open) throw badInput('input.schoolCode', { zh: `学校 ${schoolCode} 在 ${validTo} 不是成员`, en: `school ${schoolCode} is not a member on ${validTo}` });
  if (validTo < open.validFrom) throw badInput('input.validTo', { zh: '结束日期早于加入日期', en: 'ends before the membership began' });
  const [row] = await db.update(groupMembers).set({ validTo }).where(eq(groupMembers.id, open.id)).returning();
  return row!;
}

export async function updateGroup(db: Db, id: string, patch: { name?: string | null; leadSchoolCode?: string | null; validTo?: string | null }): Promise<SchoolGroupRow> {
  const current = await getGroup(db, id);
  if (patch.leadSchoolCode) await checkSchoolsExist(db, [patch.leadSchoolCode], 'input.leadSchoolCode');
  const [row] = await db
    .update(schoolGroups)
    .set({
      name: patch.name ?? current.name,
      leadSchoolCode: patch.leadSchoolCode ?? current.leadSchoolCode,
      validTo: patch.validTo === undefined ? current.validTo : patch.validTo,
      version: current.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(schoolGroups.id, id))
    .returning();
  return row!;
}

export async function archiveGroup(db: Db, id: string): Promise<SchoolGroupRow> {
  const current = await getGroup(db, id);
  const [row] = await db.update(schoolGroups).set({ archivedAt: new Date(), version: current.version + 1 }).where(eq(schoolGroups.id, id)).returning();
  return row!;
}
