/**
 * Annex 1 (课后服务, "5+2"): the after-school service's tables, in the same Postgres schema
 * `hezhang` (drizzle.config.ts lists this file beside ../tables.ts, so one migration chain covers both).
 *
 * Money is integer fen (bigint, read as a JS number: < 2^53). Every amount keeps what it came from:
 * a charge its rate and units, a withdrawal its sessions used. Pupils' personal data (name, guardian
 * contact, waiver category, priority groups) sits in `after_school_pupils`, one row per hezhang.pupils
 * row, read only with the `pii` scope.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { tables as core } from '@gongzhi/core';
import { hezhangSchema, pupils } from '../tables.js';

const stamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};
const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const schoolCode = () =>
  varchar('school_code', { length: 10 })
    .notNull()
    .references(() => core.schools.code);
const fen = (name: string) => bigint(name, { mode: 'number' }).notNull();

/**
 * 一校一案 (三(四)): a school's plan for a term, reviewed and filed (审核备案) with the 教育科技局 before
 * the first session. `filedOn` null: drafted, not yet filed. `eveningStudyRef`: the approval under which a
 * junior or senior day school runs evening study as boarding schools do (三(二)1–2).
 */
export const plans = hezhangSchema.table(
  'after_school_plans',
  {
    id: id(),
    schoolCode: schoolCode(),
    /** 学期: `2026-2027-1` (autumn) or `2026-2027-2` (spring). */
    term: varchar('term', { length: 11 }).notNull(),
    title: text('title').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    filedOn: date('filed_on', { mode: 'string' }),
    filingRef: text('filing_ref'),
    eveningStudyRef: text('evening_study_ref'),
    isSample: boolean('is_sample').notNull().default(false),
    ...stamps,
  },
  (t) => [uniqueIndex('after_school_plans_school_term_uq').on(t.schoolCode, t.term)],
);

/** One session (课后服务) on a school day: its times, its stage, its content (三(二), 三(三)). */
export const sessions = hezhangSchema.table(
  'after_school_sessions',
  {
    id: id(),
    schoolCode: schoolCode(),
    planId: uuid('plan_id').references(() => plans.id),
    /** The stage served (a nine-year school serves two). */
    stage: text('stage').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    /** `HH:MM`, Asia/Shanghai. */
    startsAt: varchar('starts_at', { length: 5 }).notNull(),
    endsAt: varchar('ends_at', { length: 5 }).notNull(),
    contentKind: text('content_kind').notNull(),
    title: text('title'),
    isSample: boolean('is_sample').notNull().default(false),
    ...stamps,
  },
  (t) => [index('after_school_sessions_school_day_idx').on(t.schoolCode, t.heldOn, t.id), index('after_school_sessions_plan_idx').on(t.planId)],
);

/** 校外聘用人员名单 (三(五)三): the outside staff a school vetted, sent to the bureau for approval. */
export const staffLists = hezhangSchema.table(
  'after_school_staff_lists',
  {
    id: id(),
    schoolCode: schoolCode(),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    approvedOn: date('approved_on', { mode: 'string' }),
    approvalRef: text('approval_ref'),
    ...stamps,
  },
  (t) => [index('after_school_staff_lists_school_idx').on(t.schoolCode)],
);

/** One outside person on a list: retired teacher or qualified professional (三(五)二). */
export const outsideStaff = hezhangSchema.table(
  'after_school_outside_staff',
  {
    id: id(),
    listId: uuid('list_id')
      .notNull()
      .references(() => staffLists.id),
    schoolCode: schoolCode(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    /** 资格政审和入职审查 passed on. */
    vettedOn: date('vetted_on', { mode: 'string' }).notNull(),
    ...stamps,
  },
  (t) => [index('after_school_outside_staff_list_idx').on(t.listId)],
);

/** Who serves a session: a member of staff (core person) or an outside person (exactly one of them). */
export const sessionStaff = hezhangSchema.table(
  'after_school_session_staff',
  {
    id: id(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id),
    personId: uuid('person_id').references(() => core.people.id),
    outsideStaffId: uuid('outside_staff_id').references(() => outsideStaff.id),
    ...stamps,
  },
  (t) => [index('after_school_session_staff_session_idx').on(t.sessionId), index('after_school_session_staff_outside_idx').on(t.outsideStaffId)],
);

/**
 * A pupil's personal data as annex 1 needs it (minors, PIPL Art. 28): name, guardian contact, the waiver
 * category (二(三)) and the priority groups (三(一)). Behind the `pii` scope, every read audited.
 */
export const pupilDetails = hezhangSchema.table('after_school_pupils', {
  pupilId: uuid('pupil_id')
    .primaryKey()
    .references(() => pupils.id),
  name: text('name').notNull(),
  guardianName: text('guardian_name'),
  guardianPhone: text('guardian_phone'),
  /** POVERTY_ALLEVIATION (建档立卡脱贫户) or HARDSHIP (家庭经济确有困难); null: not eligible. */
  waiverCategory: text('waiver_category'),
  priorityGroups: text('priority_groups').array().notNull().default(sql`'{}'::text[]`),
  ...stamps,
});

/**
 * 报名登记 (二(二), 三(六)一, 四(二)): a pupil's enrolment for a term, or for a summer-care programme,
 * with the parent's written application, the school's approval, the service agreement and the safety
 * letter as recorded.
 */
export const enrolments = hezhangSchema.table(
  'after_school_enrolments',
  {
    id: id(),
    pupilId: uuid('pupil_id')
      .notNull()
      .references(() => pupils.id),
    schoolCode: schoolCode(),
    /** `2026-2027-1`, `2026-2027-2`, or `2026-2027-S` for the summer after the year. */
    term: varchar('term', { length: 11 }).notNull(),
    summerCareId: uuid('summer_care_id').references(() => summerCare.id),
    stage: text('stage').notNull(),
    appliedOn: date('applied_on', { mode: 'string' }),
    applicationRef: text('application_ref'),
    approvedOn: date('approved_on', { mode: 'string' }),
    agreementSignedOn: date('agreement_signed_on', { mode: 'string' }),
    safetyLetterSignedOn: date('safety_letter_signed_on', { mode: 'string' }),
    isSample: boolean('is_sample').notNull().default(false),
    ...stamps,
  },
  (t) => [uniqueIndex('after_school_enrolments_pupil_term_uq').on(t.pupilId, t.term), index('after_school_enrolments_school_term_idx').on(t.schoolCode, t.term, t.id)],
);

/** 收费标准 (二(三)): the county's rate per stage, per session of `sessionMinutes`, set by the 发改局 after a hearing. */
export const rates = hezhangSchema.table(
  'after_school_rates',
  {
    id: id(),
    countyCode: varchar('county_code', { length: 9 })
      .notNull()
      .references(() => core.localities.code),
    stage: text('stage').notNull(),
    sessionFen: fen('session_fen'),
    sessionMinutes: integer('session_minutes').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    /** The 发改局's approving document. */
    approvalRef: text('approval_ref').notNull(),
    /** 收费标准核定听证会: the day of the hearing. */
    hearingOn: date('hearing_on', { mode: 'string' }).notNull(),
    ...stamps,
  },
  (t) => [index('after_school_rates_county_stage_idx').on(t.countyCode, t.stage, t.effectiveFrom)],
);

/** 费用减免 (二(三)): a waiver recorded case by case for a pupil and a term: a sum or a share, with its approval. */
export const waivers = hezhangSchema.table(
  'after_school_waivers',
  {
    id: id(),
    pupilId: uuid('pupil_id')
      .notNull()
      .references(() => pupils.id),
    term: varchar('term', { length: 11 }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    shareBp: integer('share_bp'),
    approvalRef: text('approval_ref').notNull(),
    approvedOn: date('approved_on', { mode: 'string' }).notNull(),
    ...stamps,
  },
  (t) => [uniqueIndex('after_school_waivers_pupil_term_uq').on(t.pupilId, t.term)],
);

/** A charge on an enrolment (one per enrolment: the term or the summer paid at once): rate × units − waiver. */
export const charges = hezhangSchema.table(
  'after_school_charges',
  {
    id: id(),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => enrolments.id),
    item: text('item').notNull(),
    rateId: uuid('rate_id').references(() => rates.id),
    /** Sessions paid for (term) or minutes of care (summer). */
    units: integer('units').notNull(),
    grossFen: fen('gross_fen'),
    waivedFen: fen('waived_fen'),
    amountFen: fen('amount_fen'),
    chargedOn: date('charged_on', { mode: 'string' }).notNull(),
    ...stamps,
  },
  (t) => [uniqueIndex('after_school_charges_enrolment_uq').on(t.enrolmentId)],
);

/** 中途退出 (三(六)二): the parent's written application and the settlement on actual use. */
export const withdrawals = hezhangSchema.table(
  'after_school_withdrawals',
  {
    id: id(),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => enrolments.id),
    appliedOn: date('applied_on', { mode: 'string' }).notNull(),
    applicationRef: text('application_ref').notNull(),
    sessionsUsed: integer('sessions_used').notNull(),
    refundFen: fen('refund_fen'),
    keptFen: fen('kept_fen'),
    ...stamps,
  },
  (t) => [uniqueIndex('after_school_withdrawals_enrolment_uq').on(t.enrolmentId)],
);

/** A pupil at a session: the actual use a withdrawal is settled on. */
export const attendance = hezhangSchema.table(
  'after_school_attendance',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id),
    pupilId: uuid('pupil_id')
      .notNull()
      .references(() => pupils.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.pupilId] }), index('after_school_attendance_pupil_idx').on(t.pupilId)],
);

/** 暑期托管 (三(二)3): a school's summer-care programme: its days and daily hours. */
export const summerCare = hezhangSchema.table(
  'after_school_summer_care',
  {
    id: id(),
    schoolCode: schoolCode(),
    /** The school year whose summer it is (`2026-2027`: July–August 2027). */
    schoolYear: varchar('school_year', { length: 9 }).notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    dailyStart: varchar('daily_start', { length: 5 }).notNull(),
    dailyEnd: varchar('daily_end', { length: 5 }).notNull(),
    isSample: boolean('is_sample').notNull().default(false),
    ...stamps,
  },
  (t) => [index('after_school_summer_care_school_idx').on(t.schoolCode, t.schoolYear)],
);
