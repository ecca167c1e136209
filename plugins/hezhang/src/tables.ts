/**
 * Hezhang's tables, in the Postgres schema `hezhang` (recorded apart from core's migrations). The
 * education groups themselves are core school groups (kinds hezhang.senior-group and
 * hezhang.compulsory-group); their leadership posts are core posts, their charters core plans.
 * These tables hold what 赫府办发〔2021〕60号 adds. Core rows are referred to by natural key (school
 * code) or id (group, person); the mutations check they exist.
 *
 * Annex 1 (after-school service) keeps its tables in ./after-school/tables.ts, in the same schema.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgSchema, primaryKey, smallint, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { tables as core } from '@gongzhi/core';

export const hezhangSchema = pgSchema('hezhang');

const stamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};
const schoolCode = () =>
  varchar('school_code', { length: 10 })
    .notNull()
    .references(() => core.schools.code);

/**
 * What the document says of a school beyond core's row: whether it is one of the 县直各校(园) (not a
 * member of group 1 although it stands in its 街道, 附件2 二(二) and main 三(四)), whether it was a
 * pilot of the first phase (二(一)4), and whose office hours a vocational, special or 育新 school keeps.
 */
export const schoolProfiles = hezhangSchema.table('school_profiles', {
  schoolCode: varchar('school_code', { length: 10 })
    .primaryKey()
    .references(() => core.schools.code),
  isCountyTown: boolean('is_county_town').notNull().default(false),
  isPilot: boolean('is_pilot').notNull().default(false),
  ...stamps,
});

// ── Pupils (二(二)2) ──────────────────────────────────────────────────────────────────────────

/**
 * A pupil, with the least the regime needs (pupils are minors, PIPL Art. 28): a pseudonymous id the
 * school gives (never a name or an ID number), a class, and (in pupil_skills) the skills. Read only
 * with the `pii` scope (schema/pupils.ts).
 *
 * Shared with annex 1: the after-school part keeps the pupil's name, guardian contact and waiver
 * category in its own table keyed on pupils.id, and adds fields to the GraphQL type HezhangPupil
 * through the ref that src/schema/pupils.ts exports (pupilRef).
 */
export const pupils = hezhangSchema.table(
  'pupils',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    schoolCode: schoolCode(),
    /** 学生编号 — pseudonymous, unique in its school. */
    pupilRef: text('pupil_ref').notNull(),
    className: text('class_name').notNull(),
    isSample: boolean('is_sample').notNull().default(false),
    ...stamps,
  },
  (t) => [uniqueIndex('pupils_school_ref_uq').on(t.schoolCode, t.pupilRef)],
);

/** A sports or arts skill a pupil has mastered (每位学生掌握1–2项运动技能、1–2项艺术技能). */
export const pupilSkills = hezhangSchema.table(
  'pupil_skills',
  {
    pupilId: uuid('pupil_id')
      .notNull()
      .references(() => pupils.id, { onDelete: 'cascade' }),
    /** SPORTS | ARTS */
    kind: text('kind').notNull(),
    skill: text('skill').notNull(),
    recordedOn: date('recorded_on', { mode: 'string' }).notNull(),
    ...stamps,
  },
  (t) => [primaryKey({ columns: [t.pupilId, t.kind, t.skill] })],
);

// ── Groups (附件2) ────────────────────────────────────────────────────────────────────────────

/** The townships a compulsory group is responsible for (负责…), dated: its members are the schools there. */
export const groupTownships = hezhangSchema.table(
  'group_townships',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => core.schoolGroups.id),
    townshipCode: varchar('township_code', { length: 9 })
      .notNull()
      .references(() => core.localities.code),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    ...stamps,
  },
  (t) => [primaryKey({ columns: [t.groupId, t.townshipCode, t.validFrom] }), index('group_townships_township_idx').on(t.townshipCode)],
);

/** A group's 党委 and 综合办公室 (附件2 三(一)); its charter (章程, 四(二)) is a core plan of kind CHARTER. */
export const groupProfiles = hezhangSchema.table('group_profiles', {
  groupId: uuid('group_id')
    .primaryKey()
    .references(() => core.schoolGroups.id),
  /** The day the party committee was set up (设立党委); null: none recorded. */
  partyCommitteeOn: date('party_committee_on', { mode: 'string' }),
  partyCommitteeRef: text('party_committee_ref'),
  /** The day the general office was set up (设置综合办公室); null: none recorded. */
  generalOfficeOn: date('general_office_on', { mode: 'string' }),
  ...stamps,
});

/**
 * 协作型对口帮扶 (附件2 二(三)): a county-town school helps a group's schools of one stage — many to
 * many (第一小学 helps groups 1 and 2). `helpedSchoolCode` names one helped school when the pairing is
 * that narrow; null means all the group's schools of the stage.
 */
export const pairings = hezhangSchema.table(
  'pairings',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    helperSchoolCode: varchar('helper_school_code', { length: 10 })
      .notNull()
      .references(() => core.schools.code),
    groupId: uuid('group_id')
      .notNull()
      .references(() => core.schoolGroups.id),
    /** The stage helped: JUNIOR (by a secondary school), PRIMARY, KINDERGARTEN. */
    stage: text('stage').notNull(),
    helpedSchoolCode: varchar('helped_school_code', { length: 10 }).references(() => core.schools.code),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    isSample: boolean('is_sample').notNull().default(false),
    ...stamps,
  },
  (t) => [index('pairings_group_idx').on(t.groupId), index('pairings_helper_idx').on(t.helperSchoolCode)],
);

/** 对口帮扶成效按学年度进行评估 (附件2 三(五)): one assessment per pairing and school year. */
export const pairingAssessments = hezhangSchema.table(
  'pairing_assessments',
  {
    pairingId: uuid('pairing_id')
      .notNull()
      .references(() => pairings.id),
    schoolYear: varchar('school_year', { length: 9 }).notNull(),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    /** The grade given (考核定等), in the bureau's words. */
    result: text('result').notNull(),
    ...stamps,
  },
  (t) => [primaryKey({ columns: [t.pairingId, t.schoolYear] })],
);

// ── Staff (附件2 三(二)、三(三)) ───────────────────────────────────────────────────────────────

/** 编制所在学校 — the school that holds a person's establishment post; a transfer does not move it (三(二)). */
export const establishments = hezhangSchema.table('establishments', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => core.people.id),
  schoolCode: schoolCode(),
  ...stamps,
});

/** A school's round 1 of 优化组合 closed for a school year (第一轮 … 第二轮 only after it). */
export const roundClosures = hezhangSchema.table(
  'round_closures',
  {
    schoolCode: schoolCode(),
    schoolYear: varchar('school_year', { length: 9 }).notNull(),
    closedOn: date('closed_on', { mode: 'string' }).notNull(),
    ...stamps,
  },
  (t) => [primaryKey({ columns: [t.schoolCode, t.schoolYear] })],
);

/** A placement in 优化组合 (附件2 三(三)): who, where, in which round, to which post, hired by whom. */
export const placements = hezhangSchema.table(
  'placements',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    personId: uuid('person_id')
      .notNull()
      .references(() => core.people.id),
    schoolYear: varchar('school_year', { length: 9 }).notNull(),
    /** SCHOOL | TOWNSHIP_GROUP | GROUP_PLACEMENT */
    round: text('round').notNull(),
    /** The school of the person's 编制, whose round 1 comes first. */
    originSchoolCode: varchar('origin_school_code', { length: 10 })
      .notNull()
      .references(() => core.schools.code),
    schoolCode: schoolCode(),
    /** HEAD_TEACHER | SUBJECT_TEACHER | OTHER */
    post: text('post').notNull(),
    /** The 班主任 who hired a subject teacher. */
    hiredByPersonId: uuid('hired_by_person_id').references(() => core.people.id),
    placedOn: date('placed_on', { mode: 'string' }).notNull(),
    ...stamps,
  },
  (t) => [index('placements_origin_idx').on(t.originSchoolCode, t.schoolYear), uniqueIndex('placements_person_year_uq').on(t.personId, t.schoolYear)],
);

/**
 * 集团内跨乡镇（街道）、跨学校调整交流 (附件2 三(三)): a move of a group's staff member between its
 * schools, counted against the cap, with the consent that lets an older teacher cross townships.
 */
export const transfers = hezhangSchema.table(
  'transfers',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id')
      .notNull()
      .references(() => core.schoolGroups.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => core.people.id),
    schoolYear: varchar('school_year', { length: 9 }).notNull(),
    fromSchoolCode: varchar('from_school_code', { length: 10 })
      .notNull()
      .references(() => core.schools.code),
    toSchoolCode: varchar('to_school_code', { length: 10 })
      .notNull()
      .references(() => core.schools.code),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    /** The 编制 school when the transfer was made; it stays the person's (三(二) 编制单位不变). */
    establishmentSchoolCode: varchar('establishment_school_code', { length: 10 })
      .notNull()
      .references(() => core.schools.code),
    /** The person's recorded consent to a cross-township move (本人同意), when given. */
    consentOn: date('consent_on', { mode: 'string' }),
    consentRef: text('consent_ref'),
    isSample: boolean('is_sample').notNull().default(false),
    ...stamps,
  },
  (t) => [index('transfers_group_year_idx').on(t.groupId, t.schoolYear), index('transfers_person_idx').on(t.personId)],
);

// ── Awards (main 三(四), 附件2 三(五)) ────────────────────────────────────────────────────────

/** A quota granted (评职晋级、评先选优、绩效考核、年度考核优秀等名额) to a person, in a unit's allocation. */
export const quotaGrants = hezhangSchema.table(
  'quota_grants',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    schoolYear: varchar('school_year', { length: 9 }).notNull(),
    kind: text('kind').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => core.people.id),
    /** The school the person is counted at (their post's school on grantedOn). */
    schoolCode: schoolCode(),
    grantedOn: date('granted_on', { mode: 'string' }).notNull(),
    isSample: boolean('is_sample').notNull().default(false),
    ...stamps,
  },
  (t) => [index('quota_grants_year_idx').on(t.schoolYear, t.schoolCode)],
);

/** 年度综合考核奖励 (main 三(四)): the tier a unit (an education group or a county-town school) received. */
export const unitAwards = hezhangSchema.table(
  'unit_awards',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    schoolYear: varchar('school_year', { length: 9 }).notNull(),
    groupId: uuid('group_id').references(() => core.schoolGroups.id),
    schoolCode: varchar('school_code', { length: 10 }).references(() => core.schools.code),
    /** FIRST | SECOND | THIRD */
    tier: text('tier').notNull(),
    isSample: boolean('is_sample').notNull().default(false),
    ...stamps,
  },
  (t) => [uniqueIndex('unit_awards_unit_uq').on(t.schoolYear, t.groupId, t.schoolCode)],
);

// ── Office hours and attendance (二(一)) ──────────────────────────────────────────────────────

/** 集中办公管理细则 filed with the 教育科技局 (二(一)2, 4 二是 按程序报教育科技局备案). */
export const attendanceRulesFilings = hezhangSchema.table(
  'attendance_rules_filings',
  {
    schoolCode: schoolCode(),
    filedOn: date('filed_on', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    documentRef: text('document_ref').notNull(),
    ...stamps,
  },
  (t) => [primaryKey({ columns: [t.schoolCode, t.filedOn] })],
);

/** 弹性上下班 (二(一)2): for a staff member with special difficulties, at least 5 concentrated hours a day. */
export const flexibleArrangements = hezhangSchema.table(
  'flexible_arrangements',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    personId: uuid('person_id')
      .notNull()
      .references(() => core.people.id),
    schoolCode: schoolCode(),
    /** 特殊困难 — what the difficulty is. */
    difficulty: text('difficulty').notNull(),
    dailyMinutes: integer('daily_minutes').notNull(),
    approvedBy: text('approved_by').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    ...stamps,
  },
  (t) => [index('flexible_person_idx').on(t.personId, t.validFrom)],
);

/**
 * A staff member's school day (考勤登记, 二(一)3): the four punches of the daily sign-in (上午签到,
 * 上午签退, 下午签到, 下午签退) as minutes after midnight, or an absence with its kind, description
 * and approval. The largest table (10,000 staff × 200 days = 2 million rows a year in the county):
 * narrow rows (smallint minutes), one row per person and day (the import's idempotence key), and an
 * index by school and day for the weekly report; the county's yearly finding aggregates in SQL.
 */
export const attendance = hezhangSchema.table(
  'attendance',
  {
    personId: uuid('person_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    schoolCode: varchar('school_code', { length: 10 }).notNull(),
    amIn: smallint('am_in'),
    amOut: smallint('am_out'),
    pmIn: smallint('pm_in'),
    pmOut: smallint('pm_out'),
    /** PERSONAL | SICK | MARRIAGE | MATERNITY | TRAINING | OFFICIAL_TRAVEL | OTHER; null: present. */
    absenceKind: text('absence_kind'),
    absenceNote: text('absence_note'),
    approvedBy: text('approved_by'),
  },
  (t) => [primaryKey({ columns: [t.personId, t.day] }), index('attendance_school_day_idx').on(t.schoolCode, t.day)],
);

/** 每周公布一次教师考勤情况 (二(一)3): a school's week (Monday first) published. */
export const attendanceWeeks = hezhangSchema.table(
  'attendance_weeks',
  {
    schoolCode: schoolCode(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: text('published_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolCode, t.weekStart] })],
);

// ── 集聚大家智慧 (二(二)) ──────────────────────────────────────────────────────────────────────

/** 工会组织活动 (二(二)5): each week at least an hour. */
export const unionActivities = hezhangSchema.table(
  'union_activities',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    schoolCode: schoolCode(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    minutes: integer('minutes').notNull(),
    title: text('title').notNull(),
    isSample: boolean('is_sample').notNull().default(false),
    ...stamps,
  },
  (t) => [index('union_activities_school_idx').on(t.schoolCode, t.heldOn)],
);

/** 推门听课 (二(二)3): an unannounced visit to a teacher's lesson, with its rating. */
export const lessonVisits = hezhangSchema.table(
  'lesson_visits',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    schoolCode: schoolCode(),
    teacherId: uuid('teacher_id')
      .notNull()
      .references(() => core.people.id),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    visitor: text('visitor').notNull(),
    subject: text('subject'),
    rating: text('rating').notNull(),
    isSample: boolean('is_sample').notNull().default(false),
    ...stamps,
  },
  (t) => [index('lesson_visits_school_idx').on(t.schoolCode, t.visitedOn), index('lesson_visits_teacher_idx').on(t.teacherId)],
);
