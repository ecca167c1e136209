/**
 * Reads and writes of the Weicheng tables. Writes run inside runMutation's transaction and check
 * what they refer to first, so a bad reference is a typed error and nothing is written. Reads take
 * lists of keys: one statement whatever their number (the loaders and the rules share them).
 */
import { and, between, eq, ilike, inArray, isNull, or } from 'drizzle-orm';
import {
  badInput,
  createGroup,
  divisionCovers,
  createPlan,
  createPost,
  getPerson,
  getSchool,
  inForceOn,
  inForceOnDate,
  notFound,
  overlapping,
  succession,
  tables as core,
  updatePost,
  withinDivision,
  isUuid,
  type Dated,
  type Db,
  type PlanRow,
  type PostRow,
  type Registry,
  type SchoolGroupRow,
} from '@gongzhi/core';
import {
  decisionParticipations,
  experimentalProjects,
  festivals,
  majorDecisions,
  partyBrands,
  partyOrganisations,
  planElements,
  principalRanks,
  starRatings,
  teacherPlacements,
  xuequAliases,
  xuequProfiles,
} from './tables.js';
import { ROLE, XUEQU_KIND, type AliasKind, type HiringRoute, type MajorMatterKind, type Pairing, type ParticipationStage, type PartyOrganisationKind, type PlanElement, type ProjectCategory } from './domain.js';

export type ProfileRow = typeof xuequProfiles.$inferSelect;
export type AliasRow = typeof xuequAliases.$inferSelect;
export type PartyOrganisationRow = typeof partyOrganisations.$inferSelect;
export type PartyBrandRow = typeof partyBrands.$inferSelect;
export type DecisionRow = typeof majorDecisions.$inferSelect;
export type ParticipationRow = typeof decisionParticipations.$inferSelect;
export type PlanElementRow = typeof planElements.$inferSelect;
export type ProjectRow = typeof experimentalProjects.$inferSelect;
export type RankRow = typeof principalRanks.$inferSelect;
export type RatingRow = typeof starRatings.$inferSelect;
export type FestivalRow = typeof festivals.$inferSelect;
export type PlacementRow = typeof teacherPlacements.$inferSelect;

const now = () => new Date();

// ---------------------------------------------------------------------------------------------
// Reads

export async function profilesOf(db: Db, groupIds: readonly string[]): Promise<ProfileRow[]> {
  return groupIds.length ? db.select().from(xuequProfiles).where(inArray(xuequProfiles.groupId, [...groupIds])) : [];
}

export async function aliasesOf(db: Db, groupIds: readonly string[]): Promise<AliasRow[]> {
  return groupIds.length ? db.select().from(xuequAliases).where(inArray(xuequAliases.groupId, [...groupIds])).orderBy(xuequAliases.alias) : [];
}

/** The 学区 (by id) whose name or one of whose aliases contains the text (case-insensitive). */
export async function xuequIdsNamed(db: Db, text: string): Promise<string[]> {
  const pattern = `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .selectDistinct({ id: core.schoolGroups.id })
    .from(core.schoolGroups)
    .leftJoin(xuequAliases, eq(xuequAliases.groupId, core.schoolGroups.id))
    .where(and(eq(core.schoolGroups.kind, XUEQU_KIND), or(ilike(core.schoolGroups.name, pattern), ilike(xuequAliases.alias, pattern))));
  return rows.map((r) => r.id);
}

/** Every party organisation of the 学区, all dates, oldest first. */
export async function partyOrganisationsOf(db: Db, groupIds: readonly string[]): Promise<PartyOrganisationRow[]> {
  return groupIds.length ? db.select().from(partyOrganisations).where(inArray(partyOrganisations.groupId, [...groupIds])).orderBy(partyOrganisations.validFrom) : [];
}

/** Party brands of the 学区 in force at any time between two dates (all dates when omitted), oldest first. */
export async function partyBrandsOf(db: Db, groupIds: readonly string[], between?: { start: string; end: string }): Promise<PartyBrandRow[]> {
  if (groupIds.length === 0) return [];
  return db
    .select()
    .from(partyBrands)
    .where(and(inArray(partyBrands.groupId, [...groupIds]), between ? overlapping(partyBrands.validFrom, partyBrands.validTo, between.start, between.end) : undefined))
    .orderBy(partyBrands.validFrom);
}

/** Decisions by id, or of the 学区 (optionally decided between two dates), in date order. */
export async function decisionsOf(db: Db, where: { ids?: readonly string[]; groupIds?: readonly string[]; between?: { start: string; end: string } }): Promise<DecisionRow[]> {
  const ids = where.ids ?? [];
  const groupIds = where.groupIds ?? [];
  if (ids.length === 0 && groupIds.length === 0) return [];
  return db
    .select()
    .from(majorDecisions)
    .where(
      and(
        or(ids.length ? inArray(majorDecisions.id, [...ids]) : undefined, groupIds.length ? inArray(majorDecisions.groupId, [...groupIds]) : undefined),
        where.between ? between(majorDecisions.decidedOn, where.between.start, where.between.end) : undefined,
      ),
    )
    .orderBy(majorDecisions.decidedOn, majorDecisions.id);
}

export async function participationsOf(db: Db, decisionIds: readonly string[]): Promise<ParticipationRow[]> {
  return decisionIds.length ? db.select().from(decisionParticipations).where(inArray(decisionParticipations.decisionId, [...decisionIds])).orderBy(decisionParticipations.heldOn) : [];
}

/** Charters and development plans of the 学区 (core plans), not archived. */
export async function standingPlansOf(db: Db, groupIds: readonly string[]): Promise<PlanRow[]> {
  if (groupIds.length === 0) return [];
  return db
    .select()
    .from(core.plans)
    .where(and(inArray(core.plans.groupId, [...groupIds]), inArray(core.plans.kind, ['CHARTER', 'DEVELOPMENT_PLAN']), isNull(core.plans.archivedAt)))
    .orderBy(core.plans.validFrom);
}

export async function planElementsOf(db: Db, planIds: readonly string[]): Promise<PlanElementRow[]> {
  return planIds.length ? db.select().from(planElements).where(inArray(planElements.planId, [...planIds])) : [];
}

/** Ranks of the people in force on a date (all dates when omitted). */
export async function ranksOf(db: Db, personIds: readonly string[], asOf?: string): Promise<RankRow[]> {
  if (personIds.length === 0) return [];
  return db
    .select()
    .from(principalRanks)
    .where(and(inArray(principalRanks.personId, [...personIds]), asOf ? inForceOn(principalRanks.validFrom, principalRanks.validTo, asOf) : undefined))
    .orderBy(principalRanks.validFrom);
}

/** Ranks of the people in force at any time between two dates. */
export async function ranksBetween(db: Db, personIds: readonly string[], start: string, end: string): Promise<RankRow[]> {
  if (personIds.length === 0) return [];
  return db
    .select()
    .from(principalRanks)
    .where(and(inArray(principalRanks.personId, [...personIds]), overlapping(principalRanks.validFrom, principalRanks.validTo, start, end)))
    .orderBy(principalRanks.validFrom);
}

/** Star ratings of the schools in force on a date (all dates when omitted). */
export async function ratingsOf(db: Db, schoolCodes: readonly string[], asOf?: string): Promise<RatingRow[]> {
  if (schoolCodes.length === 0) return [];
  return db
    .select()
    .from(starRatings)
    .where(and(inArray(starRatings.schoolCode, [...schoolCodes]), asOf ? inForceOn(starRatings.validFrom, starRatings.validTo, asOf) : undefined))
    .orderBy(starRatings.validFrom);
}

/** Star ratings of the schools in force at any time between two dates. */
export async function ratingsBetween(db: Db, schoolCodes: readonly string[], start: string, end: string): Promise<RatingRow[]> {
  if (schoolCodes.length === 0) return [];
  return db
    .select()
    .from(starRatings)
    .where(and(inArray(starRatings.schoolCode, [...schoolCodes]), overlapping(starRatings.validFrom, starRatings.validTo, start, end)))
    .orderBy(starRatings.validFrom);
}

/**
 * Posts of some roles at the groups and of some roles at the schools, in force at some time between
 * two dates (all dates when omitted), oldest first. One statement.
 */
export async function leadershipPostsOf(
  db: Db,
  where: { groupIds?: readonly string[]; groupRoles?: readonly string[]; schoolCodes?: readonly string[]; schoolRoles?: readonly string[] },
  between?: { start: string; end: string },
): Promise<PostRow[]> {
  const atGroups = where.groupIds?.length && where.groupRoles?.length ? and(inArray(core.posts.groupId, [...where.groupIds]), inArray(core.posts.role, [...where.groupRoles])) : undefined;
  const atSchools = where.schoolCodes?.length && where.schoolRoles?.length ? and(inArray(core.posts.schoolCode, [...where.schoolCodes]), inArray(core.posts.role, [...where.schoolRoles])) : undefined;
  if (!atGroups && !atSchools) return [];
  return db
    .select()
    .from(core.posts)
    .where(and(isNull(core.posts.archivedAt), or(atGroups, atSchools), between ? overlapping(core.posts.validFrom, core.posts.validTo, between.start, between.end) : undefined))
    .orderBy(core.posts.validFrom, core.posts.id);
}

/**
 * The schools a district must divide into 学区: schools located in the locality, run by its bureau
 * (or one inside it), teaching one of the stages, not archived. One statement.
 */
export async function districtSchools(db: Db, localityCode: string, stages: readonly string[]) {
  return db
    .select()
    .from(core.schools)
    .where(and(withinDivision(core.schools.countyCode, localityCode), withinDivision(core.schools.authorityCode, localityCode), isNull(core.schools.archivedAt)))
    .orderBy(core.schools.code)
    .then((rows) => rows.filter((s) => s.stages.some((st) => stages.includes(st))));
}

/**
 * The standing document of a kind (CHARTER, DEVELOPMENT_PLAN) in force on a date, the latest to
 * start if several are; one whose first day is not recorded counts from the start.
 */
export function standingDocument(plans: readonly PlanRow[], kind: string, on: string): PlanRow | null {
  const list = plans.filter((p) => p.kind === kind && !p.archivedAt);
  const hit = inForceOnDate(list.map((p, i) => ({ i, validFrom: p.validFrom ?? '0000-01-01', validTo: p.validTo })), on);
  return hit ? list[hit.i]! : null;
}

// ---------------------------------------------------------------------------------------------
// Writes

/**
 * Record a dated record that succeeds the one in force (core's `succession`): the one before ends
 * the day before, one recorded again for the same day is corrected, one recorded before a later
 * record ends when that one starts.
 */
async function succeed<R extends Dated & { id: string }>(
  history: readonly R[],
  validFrom: string,
  validTo: string | null,
  ops: { end: (id: string, validTo: string) => Promise<unknown>; correct: (id: string, validTo: string | null) => Promise<R>; insert: (validTo: string | null) => Promise<R> },
): Promise<R> {
  if (validTo && validTo < validFrom) throw badInput('input.validTo', { zh: '结束日期早于开始日期', en: 'ends before it starts' });
  const plan = succession(history, validFrom, validTo);
  for (const c of plan.close) await ops.end(c.row.id, c.validTo);
  return plan.sameDay ? ops.correct(plan.sameDay.id, plan.validTo) : ops.insert(plan.validTo);
}

export interface FormXuequInput {
  localityCode: string;
  name: string;
  leadSchoolCode: string;
  memberSchoolCodes: string[];
  validFrom: string;
  zongxiaozhangPersonId: string;
  aliases: { alias: string; kind: AliasKind }[];
  pairings: Pairing[];
  leadIsInferred: boolean;
  note?: string | null;
  isSample?: boolean | null;
}

/** Form a 学区: the core group (lead and members), its 总校长's post at the group from the first day, its profile and aliases. */
export async function formXuequ(db: Db, registry: Registry, input: FormXuequInput): Promise<{ group: SchoolGroupRow; post: PostRow }> {
  await getPerson(db, input.zongxiaozhangPersonId);
  const group = await createGroup(db, { kind: XUEQU_KIND, name: input.name, localityCode: input.localityCode, leadSchoolCode: input.leadSchoolCode, memberSchoolCodes: input.memberSchoolCodes, validFrom: input.validFrom, isSample: input.isSample });
  await db.insert(xuequProfiles).values({ groupId: group.id, pairings: input.pairings, leadIsInferred: input.leadIsInferred, note: input.note ?? null });
  await setAliases(db, group, input.aliases);
  const post = await createPost(db, registry, { personId: input.zongxiaozhangPersonId, role: ROLE.ZONGXIAOZHANG, groupId: group.id, validFrom: input.validFrom });
  return { group, post };
}

/** Replace the 学区's aliases. An alias equal to its name is pointless and refused. */
export async function setAliases(db: Db, group: SchoolGroupRow, aliases: { alias: string; kind: AliasKind }[]): Promise<AliasRow[]> {
  const seen = new Set<string>();
  aliases.forEach((a, i) => {
    if (a.alias === group.name) throw badInput(`input.aliases.${i}.alias`, { zh: '别名与学区名称相同', en: 'the alias is the 学区’s name itself' });
    if (seen.has(a.alias)) throw badInput(`input.aliases.${i}.alias`, { zh: '别名重复', en: 'the alias is listed twice' });
    seen.add(a.alias);
  });
  await db.delete(xuequAliases).where(eq(xuequAliases.groupId, group.id));
  return aliases.length ? db.insert(xuequAliases).values(aliases.map((a) => ({ groupId: group.id, ...a }))).returning() : [];
}

export async function upsertProfile(db: Db, groupId: string, patch: { pairings?: Pairing[] | null; leadIsInferred?: boolean | null; note?: string | null }) {
  const values = { groupId, pairings: patch.pairings ?? [], leadIsInferred: patch.leadIsInferred ?? false, note: patch.note ?? null };
  const set: Partial<typeof values> & { updatedAt: Date } = { updatedAt: now() };
  if (patch.pairings != null) set.pairings = patch.pairings;
  if (patch.leadIsInferred != null) set.leadIsInferred = patch.leadIsInferred;
  if (patch.note !== undefined) set.note = patch.note;
  await db.insert(xuequProfiles).values(values).onConflictDoUpdate({ target: xuequProfiles.groupId, set });
}

/**
 * A new 总校长 from a date: the one in post then ends the day before (a handover in one write, so
 * the 学区 is never without one); one appointed the same day is replaced.
 */
export async function appointZongxiaozhang(db: Db, registry: Registry, group: SchoolGroupRow, personId: string, validFrom: string): Promise<PostRow> {
  await getPerson(db, personId);
  if (validFrom < group.validFrom) throw badInput('input.validFrom', { zh: `早于学区成立日 ${group.validFrom}`, en: `before the 学区 was formed (${group.validFrom})` });
  const history = await db.select().from(core.posts).where(and(eq(core.posts.groupId, group.id), eq(core.posts.role, ROLE.ZONGXIAOZHANG), isNull(core.posts.archivedAt)));
  const plan = succession(history, validFrom);
  for (const c of plan.close) await updatePost(db, registry, c.row.id, { validTo: c.validTo });
  if (plan.sameDay) await db.update(core.posts).set({ archivedAt: now(), version: plan.sameDay.version + 1 }).where(eq(core.posts.id, plan.sameDay.id));
  return createPost(db, registry, { personId, role: ROLE.ZONGXIAOZHANG, groupId: group.id, validFrom, validTo: plan.validTo });
}

export async function setPartyOrganisation(db: Db, group: SchoolGroupRow, input: { kind: PartyOrganisationKind; name: string; validFrom: string; validTo?: string | null; approvalRef?: string | null; isSample?: boolean | null }) {
  const history = await partyOrganisationsOf(db, [group.id]);
  const values = { kind: input.kind, name: input.name, approvalRef: input.approvalRef ?? null, isSample: input.isSample ?? false };
  return succeed(history, input.validFrom, input.validTo ?? null, {
    end: (id, validTo) => db.update(partyOrganisations).set({ validTo, updatedAt: now() }).where(eq(partyOrganisations.id, id)),
    correct: async (id, validTo) => (await db.update(partyOrganisations).set({ ...values, validTo, updatedAt: now() }).where(eq(partyOrganisations.id, id)).returning())[0]!,
    insert: async (validTo) => (await db.insert(partyOrganisations).values({ groupId: group.id, ...values, validFrom: input.validFrom, validTo }).returning())[0]!,
  });
}

export async function setPartyBrand(db: Db, group: SchoolGroupRow, input: { name: string; description?: string | null; validFrom: string; validTo?: string | null }) {
  const history = await partyBrandsOf(db, [group.id]);
  const values = { name: input.name, description: input.description ?? null };
  return succeed(history, input.validFrom, input.validTo ?? null, {
    end: (id, validTo) => db.update(partyBrands).set({ validTo, updatedAt: now() }).where(eq(partyBrands.id, id)),
    correct: async (id, validTo) => (await db.update(partyBrands).set({ ...values, validTo, updatedAt: now() }).where(eq(partyBrands.id, id)).returning())[0]!,
    insert: async (validTo) => (await db.insert(partyBrands).values({ groupId: group.id, ...values, validFrom: input.validFrom, validTo }).returning())[0]!,
  });
}

export interface DecisionInput {
  kind: MajorMatterKind;
  title: string;
  decidedOn: string;
  amountFen?: number | null;
  participations: { stage: ParticipationStage; heldOn: string; recordRef: string }[];
  isSample?: boolean | null;
}

/** Record a decision with the party organisation's participations; weicheng.major-decision-participation judges them. */
export async function recordDecision(db: Db, group: SchoolGroupRow, input: DecisionInput): Promise<DecisionRow> {
  if (input.decidedOn < group.validFrom || (group.validTo && input.decidedOn > group.validTo))
    throw badInput('input.decidedOn', { zh: `不在学区存续期间（${group.validFrom} 起）`, en: `outside the 学区’s life (from ${group.validFrom}${group.validTo ? ` to ${group.validTo}` : ''})` });
  const [d] = await db.insert(majorDecisions).values({ groupId: group.id, kind: input.kind, title: input.title, decidedOn: input.decidedOn, amountFen: input.amountFen ?? null, isSample: input.isSample ?? false }).returning();
  if (input.participations.length) await db.insert(decisionParticipations).values(input.participations.map((p) => ({ decisionId: d!.id, ...p })));
  return d!;
}

export async function getDecision(db: Db, id: string): Promise<DecisionRow> {
  const [row] = isUuid(id) ? await db.select().from(majorDecisions).where(eq(majorDecisions.id, id)) : [];
  if (!row) throw notFound('WeichengMajorDecision', id, 'input.decisionId');
  return row;
}

export async function addParticipation(db: Db, decision: DecisionRow, p: { stage: ParticipationStage; heldOn: string; recordRef: string }): Promise<ParticipationRow> {
  return (await db.insert(decisionParticipations).values({ decisionId: decision.id, ...p }).returning())[0]!;
}

export async function adoptCharter(db: Db, group: SchoolGroupRow, input: { title: string; adoptedOn: string; validTo?: string | null; filedOn?: string | null }): Promise<PlanRow> {
  return createPlan(db, { kind: 'CHARTER', groupId: group.id, localityCode: group.localityCode, title: input.title, validFrom: input.adoptedOn, validTo: input.validTo ?? null, filedOn: input.filedOn ?? null });
}

export async function recordDevelopmentPlan(
  db: Db,
  group: SchoolGroupRow,
  input: { title: string; validFrom: string; validTo?: string | null; filedOn?: string | null; elements: { element: PlanElement; content: string }[] },
): Promise<PlanRow> {
  const plan = await createPlan(db, { kind: 'DEVELOPMENT_PLAN', groupId: group.id, localityCode: group.localityCode, title: input.title, validFrom: input.validFrom, validTo: input.validTo ?? null, filedOn: input.filedOn ?? null });
  if (input.elements.length) await db.insert(planElements).values(input.elements.map((e) => ({ planId: plan.id, ...e })));
  return plan;
}

export async function startProject(db: Db, group: SchoolGroupRow, input: { category: ProjectCategory; name: string; validFrom: string; validTo?: string | null }): Promise<ProjectRow> {
  if (input.validTo && input.validTo < input.validFrom) throw badInput('input.validTo', { zh: '结束日期早于开始日期', en: 'ends before it starts' });
  return (await db.insert(experimentalProjects).values({ groupId: group.id, ...input, validTo: input.validTo ?? null }).returning())[0]!;
}

export async function awardRank(db: Db, input: { personId: string; rank: string; documentRef: string; validFrom: string; validTo?: string | null }): Promise<RankRow> {
  await getPerson(db, input.personId);
  const history = await ranksOf(db, [input.personId]);
  const values = { rank: input.rank, documentRef: input.documentRef };
  return succeed(history, input.validFrom, input.validTo ?? null, {
    end: (id, validTo) => db.update(principalRanks).set({ validTo, updatedAt: now() }).where(eq(principalRanks.id, id)),
    correct: async (id, validTo) => (await db.update(principalRanks).set({ ...values, validTo, updatedAt: now() }).where(eq(principalRanks.id, id)).returning())[0]!,
    insert: async (validTo) => (await db.insert(principalRanks).values({ personId: input.personId, ...values, validFrom: input.validFrom, validTo }).returning())[0]!,
  });
}

export async function rateSchool(db: Db, input: { schoolCode: string; stars: number; documentRef: string; validFrom: string; validTo?: string | null }): Promise<RatingRow> {
  const history = await ratingsOf(db, [input.schoolCode]);
  const values = { stars: input.stars, documentRef: input.documentRef };
  return succeed(history, input.validFrom, input.validTo ?? null, {
    end: (id, validTo) => db.update(starRatings).set({ validTo, updatedAt: now() }).where(eq(starRatings.id, id)),
    correct: async (id, validTo) => (await db.update(starRatings).set({ ...values, validTo, updatedAt: now() }).where(eq(starRatings.id, id)).returning())[0]!,
    insert: async (validTo) => (await db.insert(starRatings).values({ schoolCode: input.schoolCode, ...values, validFrom: input.validFrom, validTo }).returning())[0]!,
  });
}

/** Record (or correct, by name) a festival of the 学区. */
export async function setFestival(db: Db, group: SchoolGroupRow, input: { name: string; validFrom: string; validTo?: string | null }): Promise<FestivalRow> {
  if (input.validTo && input.validTo < input.validFrom) throw badInput('input.validTo', { zh: '结束日期早于开始日期', en: 'ends before it starts' });
  const values = { groupId: group.id, name: input.name, validFrom: input.validFrom, validTo: input.validTo ?? null };
  return (await db.insert(festivals).values(values).onConflictDoUpdate({ target: [festivals.groupId, festivals.name], set: { validFrom: values.validFrom, validTo: values.validTo, updatedAt: now() } }).returning())[0]!;
}

/**
 * 区管校聘: the district hires the teacher and places them at one of its schools, as a core TEACHER
 * post (so every national measure counts them there) with the hiring recorded beside it.
 */
export async function placeTeacher(
  db: Db,
  registry: Registry,
  input: { hiredByCode: string; personId: string; schoolCode: string; validFrom: string; validTo?: string | null; hiringRoute: HiringRoute; positionTitle: string; contractRef: string },
): Promise<{ placement: PlacementRow; post: PostRow }> {
  await getPerson(db, input.personId);
  const school = await getSchool(db, input.schoolCode);
  if (!divisionCovers(input.hiredByCode, school.countyCode))
    throw badInput('input.schoolCode', { zh: `${school.name} 不在 ${input.hiredByCode} 辖区内`, en: `${school.name} is not within ${input.hiredByCode}` });
  const post = await createPost(db, registry, { personId: input.personId, role: 'TEACHER', schoolCode: input.schoolCode, validFrom: input.validFrom, validTo: input.validTo ?? null });
  const [placement] = await db.insert(teacherPlacements).values({ postId: post.id, hiredByCode: input.hiredByCode, hiringRoute: input.hiringRoute, positionTitle: input.positionTitle, contractRef: input.contractRef }).returning();
  return { placement: placement!, post };
}
