/**
 * Sanming 总校制 tables, in the Postgres schema `sanming`. The 总校 itself is a core school group
 * (kind `sanming.zongxiao`) with its lead, dated members and posts (总校长 at the group, 执行校长 at
 * each member); these tables hold what 明政办〔2017〕118号 adds.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, doublePrecision, index, integer, pgSchema, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { tables as core } from '@gongzhi/core';

export const sanmingSchema = pgSchema('sanming');

const stamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** What a 总校 is beyond a core group (三(二)(三), 五). */
export const zongxiaoProfiles = sanmingSchema.table('zongxiao_profiles', {
  groupId: uuid('group_id').primaryKey().references(() => core.schoolGroups.id),
  /** CITY 市级 / DISTRICT 区级 / COUNTY 县级 (五(一)–(三)). */
  level: text('level').notNull(),
  /** ONE 一个法人 / SEVERAL 多个法人 (三(三)). */
  legalPersons: text('legal_persons'),
  ...stamps,
});

/** 隶属 — the authority a school belongs to (市属 / 区属), from a date, recorded only where known (三(三)). */
export const schoolAuthorities = sanmingSchema.table(
  'school_authorities',
  {
    schoolCode: varchar('school_code', { length: 10 }).notNull().references(() => core.schools.code),
    /** CITY 市属 / DISTRICT 区属 / UNKNOWN. */
    authority: text('authority').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    ...stamps,
  },
  (t) => [primaryKey({ columns: [t.schoolCode, t.validFrom] })],
);

/** The appointing body of a 总校长 or 执行校长 post (四(二)1 统一任命: the text does not say by whom). */
export const appointments = sanmingSchema.table('appointments', {
  postId: uuid('post_id').primaryKey().references(() => core.posts.id),
  appointedBy: text('appointed_by').notNull(),
  documentRef: text('document_ref'),
  decisionId: uuid('decision_id'),
  ...stamps,
});

/**
 * 重要决策 — a personnel, funding or other major decision over a member school, with the
 * consultation of the member's own bureau and the agreement reached (三(三) 征求…意见, 达成共识).
 */
export const decisions = sanmingSchema.table(
  'decisions',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id').notNull().references(() => core.schoolGroups.id),
    schoolCode: varchar('school_code', { length: 10 }).notNull().references(() => core.schools.code),
    /** PERSONNEL 人事调配 / FUNDING 经费安排 / OTHER_MAJOR 其他重要决策. */
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    /** For a personnel decision: the person it concerns (an appointment at the member). */
    personId: uuid('person_id').references(() => core.people.id),
    consultedBureauCode: varchar('consulted_bureau_code', { length: 9 }),
    consultedOn: date('consulted_on', { mode: 'string' }),
    agreementReached: boolean('agreement_reached'),
    /** The recorded agreement (达成共识): its document or minutes. */
    agreement: text('agreement'),
    ...stamps,
  },
  (t) => [index('decisions_group_idx').on(t.groupId, t.schoolCode)],
);

/** HR centre 教师资源管理中心, finance accounting centre 财务核算中心, teacher-development centre 教师发展中心. */
export const centres = sanmingSchema.table(
  'centres',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id').notNull().references(() => core.schoolGroups.id),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    establishedOn: date('established_on', { mode: 'string' }).notNull(),
    closedOn: date('closed_on', { mode: 'string' }),
    ...stamps,
  },
  (t) => [index('centres_group_idx').on(t.groupId)],
);

/** 捆绑考核 — a school year's bundled appraisal of the 总校's schools (四(一)1). */
export const bundledAppraisals = sanmingSchema.table(
  'bundled_appraisals',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id').notNull().references(() => core.schoolGroups.id),
    schoolYear: varchar('school_year', { length: 9 }).notNull(),
    method: text('method').notNull(),
    schoolCodes: text('school_codes').array().notNull(),
    completedOn: date('completed_on', { mode: 'string' }).notNull(),
    ...stamps,
  },
  (t) => [index('bundled_appraisals_group_idx').on(t.groupId, t.schoolYear)],
);

/** A staff member's pay, by component, from a date (四(三)3). Personal: read with the pii scope. */
export const payRecords = sanmingSchema.table(
  'pay_records',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    personId: uuid('person_id').notNull().references(() => core.people.id),
    schoolCode: varchar('school_code', { length: 10 }).notNull().references(() => core.schools.code),
    component: text('component').notNull(),
    /** For component OTHER (四(三)3 "等"): what it is. */
    label: text('label'),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    ...stamps,
  },
  (t) => [index('pay_records_person_idx').on(t.personId, t.component, t.validFrom)],
);

/** A school's pay standard (待遇标准), by component, from a date (四(三)3 就高不就低). */
export const payStandards = sanmingSchema.table(
  'pay_standards',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    schoolCode: varchar('school_code', { length: 10 }).notNull().references(() => core.schools.code),
    component: text('component').notNull(),
    label: text('label'),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    ...stamps,
  },
  (t) => [index('pay_standards_school_idx').on(t.schoolCode, t.component, t.validFrom)],
);

/** 身份 and 编制 — a staff member's status and establishment school, from a date (四(三)1). */
export const staffStatuses = sanmingSchema.table(
  'staff_statuses',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    personId: uuid('person_id').notNull().references(() => core.people.id),
    /** IN_ESTABLISHMENT 在编 / CONTRACT 合同制 / OTHER. */
    status: text('status').notNull(),
    establishmentSchoolCode: varchar('establishment_school_code', { length: 10 }).references(() => core.schools.code),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    ...stamps,
  },
  (t) => [index('staff_statuses_person_idx').on(t.personId, t.validFrom)],
);

/** 领导职数 — a school's approved number of leader posts, from a date (六(三)). */
export const leaderPostQuotas = sanmingSchema.table(
  'leader_post_quotas',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    schoolCode: varchar('school_code', { length: 10 }).notNull().references(() => core.schools.code),
    quota: integer('quota').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    documentRef: text('document_ref'),
    ...stamps,
  },
  (t) => [index('leader_post_quotas_school_idx').on(t.schoolCode, t.validFrom)],
);

/** 初中实验班 — a junior experimental class run jointly by junior and senior, with 双导师 (四(一)5). */
export const experimentalClasses = sanmingSchema.table(
  'experimental_classes',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id').notNull().references(() => core.schoolGroups.id),
    schoolCode: varchar('school_code', { length: 10 }).notNull().references(() => core.schools.code),
    name: text('name').notNull(),
    schoolYear: varchar('school_year', { length: 9 }).notNull(),
    juniorMentorPersonId: uuid('junior_mentor_person_id').references(() => core.people.id),
    seniorMentorPersonId: uuid('senior_mentor_person_id').references(() => core.people.id),
    ...stamps,
  },
  (t) => [index('experimental_classes_group_idx').on(t.groupId, t.schoolYear)],
);

/** 招生入学 — a compulsory member's admission for a school year and stage (四(一)6). */
export const admissionPolicies = sanmingSchema.table(
  'admission_policies',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id').notNull().references(() => core.schoolGroups.id),
    schoolCode: varchar('school_code', { length: 10 }).notNull().references(() => core.schools.code),
    schoolYear: varchar('school_year', { length: 9 }).notNull(),
    stage: text('stage').notNull(),
    isExamFree: boolean('is_exam_free').notNull(),
    /** CATCHMENT 划片就近 / FEEDER 划片对口 / SELECTIVE 择优. */
    method: text('method').notNull(),
    catchment: text('catchment'),
    feederSchoolCodes: text('feeder_school_codes').array().notNull().default(sql`'{}'::text[]`),
    ...stamps,
  },
  (t) => [index('admission_policies_group_idx').on(t.groupId, t.schoolYear)],
);

/** 第三方评估 — a third-party performance evaluation with satisfaction rates (四(一)7). */
export const evaluations = sanmingSchema.table(
  'evaluations',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id').notNull().references(() => core.schoolGroups.id),
    schoolYear: varchar('school_year', { length: 9 }).notNull(),
    agency: text('agency').notNull(),
    completedOn: date('completed_on', { mode: 'string' }).notNull(),
    pupilSatisfaction: doublePrecision('pupil_satisfaction'),
    parentSatisfaction: doublePrecision('parent_satisfaction'),
    communitySatisfaction: doublePrecision('community_satisfaction'),
    reportRef: text('report_ref'),
    ...stamps,
  },
  (t) => [index('evaluations_group_idx').on(t.groupId, t.schoolYear)],
);

/** 两校任教经历 — the teachers a 总校 lists for priority in title promotion in a school year (六(三)). */
export const titlePriorityEntries = sanmingSchema.table(
  'title_priority_entries',
  {
    groupId: uuid('group_id').notNull().references(() => core.schoolGroups.id),
    schoolYear: varchar('school_year', { length: 9 }).notNull(),
    personId: uuid('person_id').notNull().references(() => core.people.id),
    ...stamps,
  },
  (t) => [primaryKey({ columns: [t.groupId, t.schoolYear, t.personId] })],
);

/** 实施方案 — a district's plan for forming its own 总校 (六(一)). */
export const districtPlans = sanmingSchema.table('district_plans', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  localityCode: varchar('locality_code', { length: 9 }).notNull().references(() => core.localities.code),
  title: text('title').notNull(),
  adoptedOn: date('adopted_on', { mode: 'string' }).notNull(),
  ...stamps,
});
