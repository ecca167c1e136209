/**
 * Weicheng regime tables, in the Postgres schema `weicheng`. The 学区 itself is a core school group
 * (kind `weicheng.xuequ`) with its lead, dated members and the 总校长's post; development plans and
 * charters are core plans. These tables hold what the report adds. Core rows are referred to by
 * natural key (school code) or id (group, person, post, plan); the mutations check they exist.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

export const weichengSchema = pgSchema('weicheng');

const stamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};
const period = {
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validTo: date('valid_to', { mode: 'string' }),
};

/** What the report says of a 学区 beyond core's group: how the lead brings on the others, and whether its lead is our reading. */
export const xuequProfiles = weichengSchema.table('xuequ_profiles', {
  groupId: uuid('group_id').primaryKey(),
  /** FAMOUS_WITH_BRANCH / STRONG_WITH_WEAK / BIG_WITH_SMALL (二(一)); empty when not recorded. */
  pairings: text('pairings').array().notNull().default(sql`'{}'::text[]`),
  /** The lead was inferred (from the 学区's name), not stated by a source. */
  leadIsInferred: boolean('lead_is_inferred').notNull().default(false),
  note: text('note'),
  ...stamps,
});

/** Other names of a 学区 that search finds: the source's traditional spelling, short names. */
export const xuequAliases = weichengSchema.table(
  'xuequ_aliases',
  {
    groupId: uuid('group_id').notNull(),
    alias: text('alias').notNull(),
    kind: text('kind').notNull(),
    ...stamps,
  },
  (t) => [primaryKey({ columns: [t.groupId, t.alias] })],
);

/** 学区党委 / 学区党总支 (一(二)3), dated: a new one (e.g. a 党总支 become a 党委) ends the one before. */
export const partyOrganisations = weichengSchema.table(
  'party_organisations',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** 批复文件 — the approval that set it up, if recorded. */
    approvalRef: text('approval_ref'),
    isSample: boolean('is_sample').notNull().default(false),
    ...period,
    ...stamps,
  },
  (t) => [uniqueIndex('party_organisations_group_from_uq').on(t.groupId, t.validFrom)],
);

/** 一学区一品牌 (一(二)3(2)): the 学区's party-building brand, dated. */
export const partyBrands = weichengSchema.table(
  'party_brands',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    ...period,
    ...stamps,
  },
  (t) => [uniqueIndex('party_brands_group_from_uq').on(t.groupId, t.validFrom)],
);

/** A decision of one of the four major kinds (一(二)3). */
export const majorDecisions = weichengSchema.table(
  'major_decisions',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    /** For an investment or a spending: the sum, in fen. */
    amountFen: bigint('amount_fen', { mode: 'number' }),
    isSample: boolean('is_sample').notNull().default(false),
    ...stamps,
  },
  (t) => [index('major_decisions_group_idx').on(t.groupId, t.decidedOn)],
);

/**
 * The 学区 party organisation's part in a decision, stage by stage (全程参与), each with its record.
 * The organisation is the one in force that day (weicheng.major-decision-participation checks there
 * was one), so correcting the organisation's dates re-judges the decisions.
 */
export const decisionParticipations = weichengSchema.table(
  'decision_participations',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    decisionId: uuid('decision_id').notNull(),
    stage: text('stage').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    /** 会议纪要 / 记录 — the minutes or record that shows it. */
    recordRef: text('record_ref').notNull(),
    ...stamps,
  },
  (t) => [index('decision_participations_decision_idx').on(t.decisionId)],
);

/** What a development plan (a core plan of kind DEVELOPMENT_PLAN) says on each of the six elements. */
export const planElements = weichengSchema.table(
  'plan_elements',
  {
    planId: uuid('plan_id').notNull(),
    element: text('element').notNull(),
    content: text('content').notNull(),
    ...stamps,
  },
  (t) => [primaryKey({ columns: [t.planId, t.element] })],
);

/** 实验项目 (一(二)2), led by a 学区. */
export const experimentalProjects = weichengSchema.table(
  'experimental_projects',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id').notNull(),
    category: text('category').notNull(),
    name: text('name').notNull(),
    ...period,
    ...stamps,
  },
  (t) => [index('experimental_projects_group_idx').on(t.groupId)],
);

/** 校长职级 (一(二)4(2), 二(二)): a principal's rank, dated, with the document that conferred it. */
export const principalRanks = weichengSchema.table(
  'principal_ranks',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    personId: uuid('person_id').notNull(),
    rank: text('rank').notNull(),
    documentRef: text('document_ref').notNull(),
    ...period,
    ...stamps,
  },
  (t) => [uniqueIndex('principal_ranks_person_from_uq').on(t.personId, t.validFrom)],
);

/** 星级评价 (二(四)): a school's star rating under the 星级学校管理办法, dated. */
export const starRatings = weichengSchema.table(
  'star_ratings',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    schoolCode: varchar('school_code', { length: 10 }).notNull(),
    stars: integer('stars').notNull(),
    documentRef: text('document_ref').notNull(),
    ...period,
    ...stamps,
  },
  (t) => [uniqueIndex('star_ratings_school_from_uq').on(t.schoolCode, t.validFrom)],
);

/** 四大节 (一(二)4(7)): a festival a 学区 holds for its schools. */
export const festivals = weichengSchema.table(
  'festivals',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id').notNull(),
    name: text('name').notNull(),
    ...period,
    ...stamps,
  },
  (t) => [uniqueIndex('festivals_group_name_uq').on(t.groupId, t.name)],
);

/**
 * 区管校聘 (一(二)4(4)): a teacher hired by the district and placed at a school. The school and the
 * dates are the core TEACHER post's (so the national measures count the teacher there); this row
 * adds who hired them, how, for which post and under which contract.
 */
export const teacherPlacements = weichengSchema.table(
  'teacher_placements',
  {
    postId: uuid('post_id').primaryKey(),
    /** The district bureau that hired the teacher (学校人 → 系统人). */
    hiredByCode: varchar('hired_by_code', { length: 9 }).notNull(),
    hiringRoute: text('hiring_route').notNull(),
    /** 按需设岗 — the post the school set for the need. */
    positionTitle: text('position_title').notNull(),
    /** 合同管理 — the contract's reference. */
    contractRef: text('contract_ref').notNull(),
    ...stamps,
  },
  (t) => [index('teacher_placements_hired_by_idx').on(t.hiredByCode)],
);
