/**
 * The plugin's writes, called inside a mutation's transaction (core's runMutation), or by the seed.
 * Input shape is validated by the schema's zod parsers; these check what needs the database.
 */
import { eq, inArray } from 'drizzle-orm';
import {
  archivePost,
  badInput,
  createExchange,
  createGroup,
  createPlan,
  createPost,
  getGroup,
  GongzhiError,
  isUuid,
  membersOn,
  notFound,
  tables as core,
  updateGroup,
  updatePost,
  type Db,
  type ExchangeInput,
  type Registry,
  type SchoolGroupRow,
} from '@gongzhi/core';
import { addDays } from './dates.js';
import { postsOn, profilesOf, ROLE, XUEQU_KIND, type XuequForm } from './repo.js';
import { jointMeetingAttendees, jointMeetings, moralTeamMembers, moralTeams, offices, subjectGroupMembers, subjectGroups, xuequProfiles } from './tables.js';

function missing(entity: string, zh: string, key: string) {
  return new GongzhiError('NOT_FOUND', { zh: `未找到${zh}：${key}`, en: `${entity} not found: ${key}` }, { entity, key });
}

export async function getXuequ(db: Db, id: string): Promise<SchoolGroupRow> {
  return getGroup(db, id, XUEQU_KIND);
}

/** People must exist (NOT_FOUND naming the field otherwise). */
export async function checkPeople(db: Db, ids: string[], field: string): Promise<void> {
  const unique = [...new Set(ids)];
  const bad = unique.find((id) => !isUuid(id));
  if (bad) throw notFound('Person', bad, field);
  if (unique.length === 0) return;
  const found = await db.select({ id: core.people.id, archivedAt: core.people.archivedAt }).from(core.people).where(inArray(core.people.id, unique));
  const missing = unique.find((id) => !found.some((r) => r.id === id && !r.archivedAt));
  if (missing) throw notFound('Person', missing, field);
}

function inForce(group: SchoolGroupRow, date: string, field: string) {
  if (date < group.validFrom || (group.validTo && date > group.validTo))
    throw badInput(field, { zh: `学区「${group.name}」在 ${date} 不存在（${group.validFrom} 起）`, en: `学区 “${group.name}” is not in force on ${date} (from ${group.validFrom})` });
}

export interface FormXuequInput {
  localityCode: string;
  name: string;
  form: XuequForm;
  leadSchoolCode: string;
  memberSchoolCodes: string[];
  validFrom: string;
  admissionsZoning: string;
  isSample?: boolean | null;
}

/** Form a 学区: the core group with its lead and members, its Beihai profile, and its head and deputies. */
export async function formXuequ(db: Db, registry: Registry, input: FormXuequInput): Promise<SchoolGroupRow> {
  const group = await createGroup(db, { kind: XUEQU_KIND, ...input });
  await db.insert(xuequProfiles).values({ groupId: group.id, form: input.form, admissionsZoning: input.admissionsZoning });
  await syncLeadership(db, registry, group, input.validFrom, 'input.leadSchoolCode');
  return group;
}

/**
 * Make the 学区's leadership posts match the principals on a date (五(一)): the 学区长 is the lead
 * school's principal — in all three forms, since the 总校 principal and the strong school's
 * principal are "统一称为学区长" — and the 副学区长 are the other member schools' principals (五(一)1).
 * A 集团化办学 学区 (GROUP) has no 副学区长: its branches have no principal of their own but are run by
 * vice-principals and middle managers the 总校 sends (五(一)2 "统一实行(总校)校长负责制，集团内其他分校区
 * 由总校派出副校长和中层管理干部负责管理"). Posts of people who no longer qualify end the day before; a
 * lead school without a principal is refused.
 */
export async function syncLeadership(db: Db, registry: Registry, group: SchoolGroupRow, date: string, field: string): Promise<void> {
  inForce(group, date, 'input.date');
  const members = (await membersOn(db, group.id, date)).map((m) => m.schoolCode);
  const principals = await postsOn(db, { schoolCodes: members }, ['PRINCIPAL'], date);
  const leadPrincipal = principals.find((p) => p.schoolCode === group.leadSchoolCode);
  if (!leadPrincipal)
    throw badInput(field, {
      zh: `学区长学校 ${group.leadSchoolCode} 在 ${date} 没有在任校长，无法任命学区长（五(一)：学区长由学区长学校校长兼任）；请先任命校长`,
      en: `the lead school ${group.leadSchoolCode} has no principal on ${date}, so no 学区长 can be appointed (五(一): the head is the lead school’s principal); appoint a principal first`,
    });
  const want = new Map<string, string>([[leadPrincipal.personId, ROLE.HEAD]]);
  const form = (await profilesOf(db, [group.id])).get(group.id)?.form;
  if (form !== 'GROUP') for (const p of principals) if (p.schoolCode !== group.leadSchoolCode && !want.has(p.personId)) want.set(p.personId, ROLE.DEPUTY);
  const current = await postsOn(db, { groupIds: [group.id] }, [ROLE.HEAD, ROLE.DEPUTY], date);
  for (const post of current) {
    if (want.get(post.personId) === post.role) {
      want.delete(post.personId);
      continue;
    }
    // A post that began that very day was never held: remove it rather than end it before it began.
    if (post.validFrom >= date) await archivePost(db, post.id);
    else await updatePost(db, registry, post.id, { validTo: addDays(date, -1) });
  }
  for (const [personId, role] of want) await createPost(db, registry, { personId, role, groupId: group.id, validFrom: date });
}

export async function updateXuequ(db: Db, id: string, patch: { name?: string | null; form?: string | null; admissionsZoning?: string | null }): Promise<SchoolGroupRow> {
  const group = patch.name ? await updateGroup(db, id, { name: patch.name }) : await getXuequ(db, id);
  const set = { ...(patch.form ? { form: patch.form } : {}), ...(patch.admissionsZoning ? { admissionsZoning: patch.admissionsZoning } : {}) };
  await db
    .insert(xuequProfiles)
    .values({ groupId: id, ...set })
    .onConflictDoUpdate({ target: xuequProfiles.groupId, set: { ...set, updatedAt: new Date() } });
  return group;
}

export interface JointMeetingInput {
  heldOn: string;
  chairPersonId?: string | null;
  attendeePersonIds: string[];
  /** 代表: who attended in place of a member school's principal, and for which school. */
  deputies?: { personId: string; schoolCode: string }[] | null;
  decisions?: string[] | null;
  tookMajorDecisions?: boolean | null;
  reportFiledOn?: string | null;
}

export async function recordJointMeeting(db: Db, group: SchoolGroupRow, input: JointMeetingInput) {
  inForce(group, input.heldOn, 'input.heldOn');
  await checkPeople(db, input.attendeePersonIds, 'input.attendeePersonIds');
  const deputies = input.deputies ?? [];
  await checkPeople(db, deputies.map((d) => d.personId), 'input.deputies');
  const members = deputies.length ? (await membersOn(db, group.id, input.heldOn)).map((m) => m.schoolCode) : [];
  deputies.forEach((d, i) => {
    if (!members.includes(d.schoolCode))
      throw badInput(`input.deputies.${i}.schoolCode`, {
        zh: `学校 ${d.schoolCode} 在 ${input.heldOn} 不是学区「${group.name}」的成员，不能派代表出席联席会议`,
        en: `school ${d.schoolCode} is not a member of 学区 “${group.name}” on ${input.heldOn}, so no one attends on its behalf`,
      });
    if (deputies.findIndex((x) => x.personId === d.personId) !== i)
      throw badInput(`input.deputies.${i}.personId`, { zh: '同一人只能代表一所学校', en: 'a person attends on behalf of one school only' });
  });
  // 重大决策: a meeting says whether it took any, and lists them if it did; left out, it took
  // decisions when some are listed and is "not recorded" (null) otherwise — the rule asks for it.
  const decisions = input.decisions ?? [];
  if (input.tookMajorDecisions === true && decisions.length === 0)
    throw badInput('input.decisions', { zh: '会议有重大决策时须列明决策内容', en: 'list the major decisions the meeting took' });
  if (input.tookMajorDecisions === false && decisions.length > 0)
    throw badInput('input.tookMajorDecisions', { zh: '已列出重大决策，却填写为无重大决策', en: 'decisions are listed, yet the meeting is recorded as taking none' });
  const tookMajorDecisions = input.tookMajorDecisions ?? (decisions.length > 0 ? true : null);
  if (input.reportFiledOn && input.reportFiledOn < input.heldOn)
    throw badInput('input.reportFiledOn', { zh: '书面汇报日期早于会议日期', en: 'the report is filed before the meeting was held' });
  // The 学区长 chairs (五(二)2 校长联席会议主席由学区长学校校长兼任) unless another chair is named.
  let chair = input.chairPersonId ?? null;
  if (chair) await checkPeople(db, [chair], 'input.chairPersonId');
  else chair = (await postsOn(db, { groupIds: [group.id] }, [ROLE.HEAD], input.heldOn))[0]?.personId ?? null;
  const [row] = await db
    .insert(jointMeetings)
    .values({ groupId: group.id, heldOn: input.heldOn, chairPersonId: chair, decisions, tookMajorDecisions, reportFiledOn: input.reportFiledOn ?? null })
    .returning();
  const forSchool = new Map(deputies.map((d) => [d.personId, d.schoolCode]));
  const attendees = [...new Set([...input.attendeePersonIds, ...forSchool.keys()])];
  if (attendees.length) await db.insert(jointMeetingAttendees).values(attendees.map((personId) => ({ meetingId: row!.id, personId, forSchoolCode: forSchool.get(personId) ?? null })));
  return row!;
}

export async function getJointMeeting(db: Db, id: string) {
  const [row] = isUuid(id) ? await db.select().from(jointMeetings).where(eq(jointMeetings.id, id)) : [];
  if (!row || row.archivedAt) throw missing('BeihaiJointMeeting', '校长联席会议', id);
  return row;
}

export async function fileMeetingReport(db: Db, id: string, filedOn: string) {
  const m = await getJointMeeting(db, id);
  if (filedOn < m.heldOn) throw badInput('input.filedOn', { zh: '书面汇报日期早于会议日期', en: 'the report is filed before the meeting was held' });
  const [row] = await db.update(jointMeetings).set({ reportFiledOn: filedOn, version: m.version + 1, updatedAt: new Date() }).where(eq(jointMeetings.id, id)).returning();
  return row!;
}

export async function establishOffice(db: Db, group: SchoolGroupRow, establishedOn: string) {
  inForce(group, establishedOn, 'input.establishedOn');
  const [existing] = await db.select().from(offices).where(eq(offices.groupId, group.id));
  if (existing)
    throw badInput('input.groupId', { zh: `学区已于 ${existing.establishedOn} 设立管理办公室（每个学区一个）`, en: `the 学区 already has its office (since ${existing.establishedOn}); there is one per 学区` });
  const [row] = await db.insert(offices).values({ groupId: group.id, establishedOn }).returning();
  return row!;
}

export const OFFICE_ROLES = { DIRECTOR: ROLE.OFFICE_DIRECTOR, DEPUTY_DIRECTOR: ROLE.OFFICE_DEPUTY, STAFF: ROLE.OFFICE_STAFF } as const;

export async function appointOfficeStaff(
  db: Db,
  registry: Registry,
  group: SchoolGroupRow,
  input: { personId: string; position: keyof typeof OFFICE_ROLES; validFrom: string; validTo?: string | null },
) {
  inForce(group, input.validFrom, 'input.validFrom');
  const [office] = await db.select().from(offices).where(eq(offices.groupId, group.id));
  if (!office) throw badInput('input.groupId', { zh: '学区尚未设立管理办公室', en: 'the 学区 has no office yet: establish it first' });
  await checkPeople(db, [input.personId], 'input.personId');
  return createPost(db, registry, { personId: input.personId, role: OFFICE_ROLES[input.position], groupId: group.id, validFrom: input.validFrom, validTo: input.validTo ?? null });
}

export interface SubjectGroupInput {
  kind: string;
  grade?: number | null;
  subject?: string | null;
  name: string;
  leaderPersonId: string;
  leaderHonour?: string | null;
  leaderHonourLevel?: string | null;
  memberPersonIds: string[];
  termStart: string;
  termEnd: string;
}

async function setMembers(db: Db, table: typeof subjectGroupMembers | typeof moralTeamMembers, ownerId: string, personIds: string[]) {
  const ids = [...new Set(personIds)];
  if (table === subjectGroupMembers) {
    await db.delete(subjectGroupMembers).where(eq(subjectGroupMembers.subjectGroupId, ownerId));
    if (ids.length) await db.insert(subjectGroupMembers).values(ids.map((personId) => ({ subjectGroupId: ownerId, personId })));
  } else {
    await db.delete(moralTeamMembers).where(eq(moralTeamMembers.teamId, ownerId));
    if (ids.length) await db.insert(moralTeamMembers).values(ids.map((personId) => ({ teamId: ownerId, personId })));
  }
}

export async function createSubjectGroup(db: Db, group: SchoolGroupRow, input: SubjectGroupInput) {
  inForce(group, input.termStart, 'input.termStart');
  await checkPeople(db, [input.leaderPersonId], 'input.leaderPersonId');
  await checkPeople(db, input.memberPersonIds, 'input.memberPersonIds');
  const { memberPersonIds, ...rest } = input;
  const [row] = await db.insert(subjectGroups).values({ groupId: group.id, ...rest }).returning();
  await setMembers(db, subjectGroupMembers, row!.id, memberPersonIds);
  return row!;
}

export async function getSubjectGroup(db: Db, id: string) {
  const [row] = isUuid(id) ? await db.select().from(subjectGroups).where(eq(subjectGroups.id, id)) : [];
  if (!row || row.archivedAt) throw missing('BeihaiSubjectGroup', '学科中心教研组', id);
  return row;
}

/** 实行动态管理: the leader, members, name and term end may change during the term. */
export async function updateSubjectGroup(
  db: Db,
  id: string,
  patch: { name?: string | null; leaderPersonId?: string | null; leaderHonour?: string | null; leaderHonourLevel?: string | null; memberPersonIds?: string[] | null; termEnd?: string | null },
) {
  const current = await getSubjectGroup(db, id);
  if (patch.leaderPersonId) await checkPeople(db, [patch.leaderPersonId], 'input.leaderPersonId');
  if (patch.memberPersonIds) {
    await checkPeople(db, patch.memberPersonIds, 'input.memberPersonIds');
    await setMembers(db, subjectGroupMembers, id, patch.memberPersonIds);
  }
  const [row] = await db
    .update(subjectGroups)
    .set({
      name: patch.name ?? current.name,
      leaderPersonId: patch.leaderPersonId ?? current.leaderPersonId,
      // A new leader brings their own honour (or none); the old leader's does not carry over.
      leaderHonour: patch.leaderHonour !== undefined ? patch.leaderHonour : patch.leaderPersonId ? null : current.leaderHonour,
      leaderHonourLevel: patch.leaderHonourLevel !== undefined ? patch.leaderHonourLevel : patch.leaderPersonId ? null : current.leaderHonourLevel,
      termEnd: patch.termEnd ?? current.termEnd,
      version: current.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(subjectGroups.id, id))
    .returning();
  return row!;
}

export async function formMoralTeam(
  db: Db,
  group: SchoolGroupRow,
  input: { leaderPersonId: string; leaderHonour: string; leaderHonourLevel: string; memberPersonIds: string[]; establishedOn: string },
) {
  inForce(group, input.establishedOn, 'input.establishedOn');
  await checkPeople(db, [input.leaderPersonId], 'input.leaderPersonId');
  await checkPeople(db, input.memberPersonIds, 'input.memberPersonIds');
  const { memberPersonIds, ...rest } = input;
  const [row] = await db.insert(moralTeams).values({ groupId: group.id, ...rest }).returning();
  await setMembers(db, moralTeamMembers, row!.id, memberPersonIds);
  return row!;
}

/** 学区内交流 (五(二)5(4)): both schools are members of the 学区 when the exchange starts. */
export async function recordXuequExchange(db: Db, group: SchoolGroupRow, input: Omit<ExchangeInput, 'groupId'>) {
  inForce(group, input.startDate, 'input.startDate');
  const members = (await membersOn(db, group.id, input.startDate)).map((m) => m.schoolCode);
  for (const field of ['fromSchoolCode', 'toSchoolCode'] as const)
    if (!members.includes(input[field]))
      throw badInput(`input.${field}`, {
        zh: `学校 ${input[field]} 在 ${input.startDate} 不是学区「${group.name}」的成员（学区内交流）`,
        en: `school ${input[field]} is not a member of 学区 “${group.name}” on ${input.startDate} (exchanges are within the 学区)`,
      });
  return createExchange(db, { ...input, groupId: group.id });
}

export async function fileWorkPlan(db: Db, group: SchoolGroupRow, input: { schoolYear: string; title: string; filedOn?: string | null }) {
  return createPlan(db, { kind: 'WORK_PLAN', groupId: group.id, localityCode: group.localityCode, schoolYear: input.schoolYear, title: input.title, filedOn: input.filedOn ?? null });
}
