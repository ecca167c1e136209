/**
 * Huayuankou regime tables, in the Postgres schema `huayuankou`. Core rows are referred to by their
 * natural keys (school code) or ids (group, person, post), as core's tables.ts asks; the mutations
 * check that they exist before writing.
 */
import { sql } from 'drizzle-orm';
import { date, index, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

export const huayuankouSchema = pgSchema('huayuankou');

const stamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** 十个一体 (三): one target and status per 学区, school year and integration. */
export const integrationTargets = huayuankouSchema.table(
  'integration_targets',
  {
    groupId: uuid('group_id').notNull(),
    schoolYear: varchar('school_year', { length: 9 }).notNull(),
    integration: text('integration').notNull(),
    target: text('target').notNull(),
    status: text('status').notNull(),
    note: text('note'),
    ...stamps,
  },
  (t) => [primaryKey({ columns: [t.groupId, t.schoolYear, t.integration] })],
);

/** 一校一特色 (三(五)4): a school's speciality, in force from a date (validTo null = still). */
export const specialities = huayuankouSchema.table(
  'specialities',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    schoolCode: varchar('school_code', { length: 10 }).notNull(),
    name: text('name').notNull(),
    description: text('description'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    ...stamps,
  },
  // One speciality per name at a school; the index also serves look-ups by school.
  (t) => [uniqueIndex('specialities_school_name_uq').on(t.schoolCode, t.name)],
);

/**
 * 一学区一品牌 (三(五)4): the brand of a 学区, dated. A new brand ends the one before on the day
 * before it starts, so a past year's report still shows the brand that year had.
 */
export const districtBrands = huayuankouSchema.table(
  'district_brands',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    ...stamps,
  },
  (t) => [uniqueIndex('district_brands_group_from_uq').on(t.groupId, t.validFrom)],
);

/** 学区共享场所 (三(三)2): a sports ground, library or laboratory of a member school, open to the 学区. */
export const sharedFacilities = huayuankouSchema.table(
  'shared_facilities',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id').notNull(),
    hostSchoolCode: varchar('host_school_code', { length: 10 }).notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    ...stamps,
  },
  (t) => [index('shared_facilities_group_idx').on(t.groupId)],
);

/** The recorded use of a shared facility by a member school in a school year. */
export const facilityUses = huayuankouSchema.table(
  'facility_uses',
  {
    facilityId: uuid('facility_id').notNull(),
    schoolCode: varchar('school_code', { length: 10 }).notNull(),
    schoolYear: varchar('school_year', { length: 9 }).notNull(),
    /** Times used in the year (sessions, visits): at least 1 for a recorded use. */
    sessions: integer('sessions').notNull(),
    ...stamps,
  },
  (t) => [primaryKey({ columns: [t.facilityId, t.schoolYear, t.schoolCode] })],
);

/**
 * 县管校聘 (三(四)2–3): a teacher hired by the county and placed at a member school of a 学区. The
 * school and the dates live in the core TEACHER post (so the national measures count the teacher
 * there); this row adds the 学区 and whether it was the first placement or a move within it.
 */
export const teacherPlacements = huayuankouSchema.table(
  'teacher_placements',
  {
    postId: uuid('post_id').primaryKey(),
    groupId: uuid('group_id').notNull(),
    kind: text('kind').notNull(),
    ...stamps,
  },
  (t) => [index('teacher_placements_group_idx').on(t.groupId)],
);
