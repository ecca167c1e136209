/**
 * Core tables, in the Postgres schema `core`. Plugins keep theirs in their own schema and refer to
 * these by natural keys (school code, locality code) or ids. Dates are ISO strings; history is kept
 * with validFrom/validTo (validTo null = still in force; both inclusive).
 */
import {
  bigint,
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const coreSchema = pgSchema('core');

const audit = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** Optimistic concurrency: an update naming an old version gets CONFLICT. */
  version: integer('version').notNull().default(1),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
};

export const localities = coreSchema.table(
  'localities',
  {
    code: varchar('code', { length: 9 }).primaryKey(),
    name: text('name').notNull(),
    level: text('level').notNull(),
    parentCode: varchar('parent_code', { length: 9 }),
    /**
     * Dated locality history: the first and last day the division existed under this code (null =
     * not recorded / still in force), and the division that took it over (撤并: e.g. 梅列区 350402
     * and 三元区 350403 into 三元区 350404 in 2021). 2017 data keeps its districts.
     */
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    successorCode: varchar('successor_code', { length: 9 }),
    ...audit,
  },
  (t) => [index('localities_parent_idx').on(t.parentCode)],
);

/**
 * Where a school stood before: its county and township for a past period (both dates inclusive;
 * validFrom null = since before records). The current place is on core.schools; a row is written
 * when a school moves (updateSchool) or its county is merged into another (mergeLocalities).
 */
export const schoolPlacements = coreSchema.table(
  'school_placements',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    schoolCode: varchar('school_code', { length: 10 }).notNull().references(() => schools.code),
    countyCode: varchar('county_code', { length: 9 }).notNull().references(() => localities.code),
    townshipCode: varchar('township_code', { length: 9 }),
    authorityCode: varchar('authority_code', { length: 9 }),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('school_placements_school_idx').on(t.schoolCode, t.validTo)],
);

/**
 * A regime (plugin) enabled for a locality, with its validated options. Disabling keeps the data.
 * The row with pluginId `core` holds the locality's options for the national rules (setBalanceOptions).
 */
export const localityGovernance = coreSchema.table(
  'locality_governance',
  {
    localityCode: varchar('locality_code', { length: 9 }).notNull().references(() => localities.code),
    pluginId: text('plugin_id').notNull(),
    options: jsonb('options').notNull().$type<Record<string, unknown>>(),
    enabledAt: timestamp('enabled_at', { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.localityCode, t.pluginId] })],
);

export const schools = coreSchema.table(
  'schools',
  {
    code: varchar('code', { length: 10 }).primaryKey(),
    name: text('name').notNull(),
    stages: text('stages').array().notNull(),
    schoolType: varchar('school_type', { length: 3 }).notNull(),
    countyCode: varchar('county_code', { length: 9 }).notNull().references(() => localities.code),
    townshipCode: varchar('township_code', { length: 9 }).references(() => localities.code),
    /** URBAN 城区 / TOWN 镇区 / RURAL 乡村, as in the national statistics. */
    area: text('area').notNull(),
    /** The bureau that runs the school (e.g. the city bureau for 市直属 schools). */
    authorityCode: varchar('authority_code', { length: 9 }).notNull().references(() => localities.code),
    isLegalPerson: boolean('is_legal_person').notNull().default(true),
    isBoarding: boolean('is_boarding').notNull().default(false),
    isSample: boolean('is_sample').notNull().default(false),
    ...audit,
  },
  // (county, code): a county's schools in code order, the keyset the lists page on; county ranges serve cities and provinces.
  (t) => [index('schools_county_code_idx').on(t.countyCode, t.code), index('schools_township_idx').on(t.townshipCode)],
);

/** Yearly facts of a school (the national statistics' base table). */
export const schoolYearStats = coreSchema.table(
  'school_year_stats',
  {
    schoolCode: varchar('school_code', { length: 10 }).notNull().references(() => schools.code),
    schoolYear: varchar('school_year', { length: 9 }).notNull(),
    enrollmentKindergarten: integer('enrollment_kindergarten').notNull().default(0),
    enrollmentPrimary: integer('enrollment_primary').notNull().default(0),
    enrollmentJunior: integer('enrollment_junior').notNull().default(0),
    enrollmentSenior: integer('enrollment_senior').notNull().default(0),
    classes: integer('classes').notNull().default(0),
    teachingAuxAreaM2: doublePrecision('teaching_aux_area_m2').notNull().default(0),
    sportsGroundAreaM2: doublePrecision('sports_ground_area_m2').notNull().default(0),
    /** Money in integer fen (API.md); bigint because a large school's equipment passes 2^31 fen (21.5 million yuan). */
    equipmentValueFen: bigint('equipment_value_fen', { mode: 'number' }).notNull().default(0),
    multimediaClassrooms: integer('multimedia_classrooms').notNull().default(0),
    ...audit,
  },
  (t) => [primaryKey({ columns: [t.schoolCode, t.schoolYear] })],
);

export const people = coreSchema.table(
  'people',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    name: text('name').notNull(),
    gender: text('gender').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    /** 居民身份证号: personal, read only with the pii scope. */
    idNumber: varchar('id_number', { length: 18 }),
    phone: varchar('phone', { length: 20 }),
    qualification: text('qualification').notNull(),
    title: text('title').notNull(),
    backboneLevel: text('backbone_level').notNull().default('NONE'),
    subjects: text('subjects').array().notNull().default(sql`'{}'::text[]`),
    /** The bureau that manages the person (their scope for authorisation). */
    localityCode: varchar('locality_code', { length: 9 }).notNull().references(() => localities.code),
    isSample: boolean('is_sample').notNull().default(false),
    ...audit,
  },
  (t) => [
    uniqueIndex('people_id_number_uq').on(t.idNumber),
    index('people_locality_idx').on(t.localityCode),
  ],
);

export const schoolGroups = coreSchema.table(
  'school_groups',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    /** Owned by a plugin: `<plugin>.<kind>`, e.g. `beihai.xuequ`. */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    localityCode: varchar('locality_code', { length: 9 }).notNull().references(() => localities.code),
    leadSchoolCode: varchar('lead_school_code', { length: 10 }).references(() => schools.code),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    isSample: boolean('is_sample').notNull().default(false),
    ...audit,
  },
  (t) => [index('school_groups_locality_idx').on(t.localityCode, t.kind)],
);

export const groupMembers = coreSchema.table(
  'group_members',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id').notNull().references(() => schoolGroups.id),
    schoolCode: varchar('school_code', { length: 10 }).notNull().references(() => schools.code),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [index('group_members_group_idx').on(t.groupId), index('group_members_school_idx').on(t.schoolCode)],
);

/** A person's role at a school or a group for a period. Roles are strings registered by core and plugins. */
export const posts = coreSchema.table(
  'posts',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    personId: uuid('person_id').notNull().references(() => people.id),
    role: text('role').notNull(),
    schoolCode: varchar('school_code', { length: 10 }).references(() => schools.code),
    groupId: uuid('group_id').references(() => schoolGroups.id),
    /** For a teacher in a multi-stage school, the stage taught (nine-year schools are split by stage). */
    stage: text('stage'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    ...audit,
  },
  (t) => [
    index('posts_person_idx').on(t.personId),
    // A school's staff page: in force on a date, by role, first day and id (School.staff's order).
    index('posts_school_role_idx').on(t.schoolCode, t.role, t.validFrom, t.id),
    index('posts_group_idx').on(t.groupId),
  ],
);

/** A staff movement between schools (轮岗, 支教, 跨校兼课 …). */
export const exchanges = coreSchema.table(
  'exchanges',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    personId: uuid('person_id').notNull().references(() => people.id),
    fromSchoolCode: varchar('from_school_code', { length: 10 }).notNull().references(() => schools.code),
    toSchoolCode: varchar('to_school_code', { length: 10 }).notNull().references(() => schools.code),
    kind: text('kind').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    /** The person's backbone level when the exchange began (the rate rules count it then). */
    backboneLevel: text('backbone_level').notNull(),
    groupId: uuid('group_id').references(() => schoolGroups.id),
    note: text('note'),
    ...audit,
  },
  (t) => [
    index('exchanges_person_idx').on(t.personId),
    index('exchanges_from_idx').on(t.fromSchoolCode),
    index('exchanges_to_idx').on(t.toSchoolCode),
  ],
);

/** A yearly plan or standing document of a group or locality (work plan, charter, development plan). */
export const plans = coreSchema.table(
  'plans',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    kind: text('kind').notNull(),
    groupId: uuid('group_id').references(() => schoolGroups.id),
    localityCode: varchar('locality_code', { length: 9 }).notNull().references(() => localities.code),
    schoolYear: varchar('school_year', { length: 9 }),
    title: text('title').notNull(),
    filedOn: date('filed_on', { mode: 'string' }),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    ...audit,
  },
  (t) => [index('plans_group_idx').on(t.groupId)],
);

/** Who read personal data or changed anything: one row per unmasked read batch or mutation. */
export const auditLog = coreSchema.table(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actor: text('actor').notNull(),
    localityCode: varchar('locality_code', { length: 9 }),
    operation: text('operation').notNull(),
    entity: text('entity'),
    entityKeys: text('entity_keys').array().notNull().default(sql`'{}'::text[]`),
    fields: text('fields').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [index('audit_log_at_idx').on(t.at)],
);

/**
 * A recorded exception to a rule stated "in principle" (原则上 / 一般): who approved the deviation,
 * under which document and why. Written in the transaction of the mutation it let through (write
 * rules), or recorded for a school year against a report rule's subject. Shown by complianceReport
 * as a WARN naming it, never as a silent PASS.
 */
export const ruleExceptions = coreSchema.table(
  'rule_exceptions',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    ruleId: text('rule_id').notNull(),
    /** The locality of the write (or of the report) the exception was approved for. */
    localityCode: varchar('locality_code', { length: 9 }).notNull(),
    /** The mutation it let through, e.g. `addSchoolGroupMember`. */
    operation: text('operation').notNull(),
    actor: text('actor').notNull(),
    approvedBy: text('approved_by').notNull(),
    documentRef: text('document_ref').notNull(),
    reason: text('reason').notNull(),
    /** The changes the rule judged, to re-check in the report whether the deviation still stands. */
    changes: jsonb('changes').$type<{ entity: string; key: string }[]>().notNull(),
    /** The failing findings the exception covered (measured, expected, subjects). */
    findings: jsonb('findings').$type<unknown[]>().notNull(),
    subjectKeys: text('subject_keys').array().notNull().default(sql`'{}'::text[]`),
    /** For an exception to a report rule: the school year it covers. Null for write rules. */
    schoolYear: varchar('school_year', { length: 9 }),
    recordedOn: date('recorded_on', { mode: 'string' }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rule_exceptions_locality_idx').on(t.localityCode, t.ruleId)],
);

/**
 * The data's version: one row, bumped by a statement-level trigger on every table a report reads
 * (core's and every plugin's; installed by `installDataVersionTriggers` after the migrations), in
 * the same transaction as the write. Cached reports are keyed on it, so a write anywhere — by a
 * mutation, an import or a seed — makes every cached report stale at once, on every replica.
 */
export const dataVersion = coreSchema.table('data_version', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});

/**
 * The change feed (issue 15): one row per change of an entity, written by triggers (statement-level,
 * with transition tables: one INSERT … SELECT per statement) on
 * the tables that hold it (core's and those a plugin declares in `changeFeed`), in the writing
 * transaction. Triggers, not the mutation's Change list: they see every write — imports, seeds, a
 * bureau's SQL, cascaded and plain deletes — and the row before and after, so a delete leaves a
 * tombstone and a changed key (a corrected school code) is told as one (old key gone, new key
 * in). `version` is taken only while the writing transaction holds the data_version row's lock
 * (held to its commit, by every writer), so versions grow in commit order: a reader that has seen
 * version v has seen everything below it.
 */
export const changeLog = coreSchema.table(
  'change_log',
  {
    version: bigserial('version', { mode: 'number' }).primaryKey(),
    /** The feed type: `Locality`, `School`, `Person`, `SchoolGroup`, or a plugin's declared type. */
    entity: text('entity').notNull(),
    /** The entity's key: a code, or a UUID. */
    key: text('key').notNull(),
    /** UPSERT (created or changed) or DELETE (a tombstone). */
    op: text('op').notNull(),
    /** A key change: on the DELETE of the old key, the new key; on the UPSERT of the new key, the old. */
    otherKey: text('other_key'),
    /** A group's kind (`beihai.xuequ`), which names its GraphQL type. */
    kind: text('kind'),
    /** Where the entity was (its county, its locality …) when it changed: the feed's scope. */
    localityCode: varchar('locality_code', { length: 9 }),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('change_log_entity_idx').on(t.entity, t.version)],
);
