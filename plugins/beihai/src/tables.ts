/**
 * Beihai 学区制 tables, in the Postgres schema `beihai`. The 学区 itself is a core school group
 * (kind `beihai.xuequ`) with its lead, dated members and leadership posts; these tables hold only
 * what the Beihai document adds (北教基教〔2018〕130号 四、五).
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgSchema, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { tables as core } from '@gongzhi/core';

export const beihaiSchema = pgSchema('beihai');

const stamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
};

/** Beihai-only attributes of a 学区, keyed by the core group id: its form (四(一)) and admissions zoning (五(二)5(7)). */
export const xuequProfiles = beihaiSchema.table('xuequ_profiles', {
  groupId: uuid('group_id').primaryKey().references(() => core.schoolGroups.id),
  /** ALLIANCE 学校联盟 / GROUP 集团化办学 / PAIRED_ASSISTANCE 对口帮扶. */
  form: text('form').notNull().default('ALLIANCE'),
  /** SINGLE_SCHOOL 单校划片 (the default) / MULTI_SCHOOL 多校划片. */
  admissionsZoning: text('admissions_zoning').notNull().default('SINGLE_SCHOOL'),
  ...stamps,
});

/** 校长联席会议 — a joint meeting of the principals (五(二)2). */
export const jointMeetings = beihaiSchema.table(
  'joint_meetings',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id').notNull().references(() => core.schoolGroups.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    chairPersonId: uuid('chair_person_id').references(() => core.people.id),
    decisions: text('decisions').array().notNull().default(sql`'{}'::text[]`),
    /**
     * Whether the meeting took major decisions (重大决策), which the 学区 reports to the bureau in
     * writing (五(二)2 各学区定期向市教育局书面汇报联席会议的重大决策内容); null = not recorded.
     */
    tookMajorDecisions: boolean('took_major_decisions'),
    /** When the written report of its major decisions reached the city bureau (书面汇报); null = not yet. */
    reportFiledOn: date('report_filed_on', { mode: 'string' }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...stamps,
  },
  (t) => [index('joint_meetings_group_idx').on(t.groupId, t.heldOn)],
);

export const jointMeetingAttendees = beihaiSchema.table(
  'joint_meeting_attendees',
  {
    meetingId: uuid('meeting_id').notNull().references(() => jointMeetings.id),
    personId: uuid('person_id').notNull().references(() => core.people.id),
    /**
     * Set when the person attended as the recorded deputy (代表) of this member school's principal
     * (五(二)2: the meeting is made up of the principals); null for a principal or another attendee.
     */
    forSchoolCode: varchar('for_school_code', { length: 10 }).references(() => core.schools.code),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] })],
);

/** 学区管理办公室 — one per 学区, at the lead school (五(二)3). Its director, deputies and staff are core posts at the group. */
export const offices = beihaiSchema.table('offices', {
  groupId: uuid('group_id').primaryKey().references(() => core.schoolGroups.id),
  establishedOn: date('established_on', { mode: 'string' }).notNull(),
  ...stamps,
});

/** 学科中心教研组 — a subject centre group, appointed by the 学区 for a term (五(二)4). */
export const subjectGroups = beihaiSchema.table(
  'subject_groups',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id').notNull().references(() => core.schoolGroups.id),
    /** PRIMARY_CHINESE / PRIMARY_MATHS / PRIMARY_INTEGRATED / JUNIOR_GRADE / OTHER. */
    kind: text('kind').notNull(),
    /** For a junior grade group: the grade (7–9). */
    grade: integer('grade'),
    subject: text('subject'),
    name: text('name').notNull(),
    leaderPersonId: uuid('leader_person_id').notNull().references(() => core.people.id),
    /**
     * 五(二)4 names three recognitions a leader may hold: 名师, 学科带头人 or 骨干教师. The 骨干 level is on
     * the person; a 名师 or 学科带头人 title is recorded here with the level that conferred it.
     */
    leaderHonour: text('leader_honour'),
    leaderHonourLevel: text('leader_honour_level'),
    termStart: date('term_start', { mode: 'string' }).notNull(),
    termEnd: date('term_end', { mode: 'string' }).notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...stamps,
  },
  (t) => [index('subject_groups_group_idx').on(t.groupId)],
);

/** 组员 — the members of a subject centre group, the leader not included. */
export const subjectGroupMembers = beihaiSchema.table(
  'subject_group_members',
  {
    subjectGroupId: uuid('subject_group_id').notNull().references(() => subjectGroups.id),
    personId: uuid('person_id').notNull().references(() => core.people.id),
  },
  (t) => [primaryKey({ columns: [t.subjectGroupId, t.personId] })],
);

/** 德育工作团队 — the 学区's moral-education team (五(二)5(3)). */
export const moralTeams = beihaiSchema.table(
  'moral_teams',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id').notNull().references(() => core.schoolGroups.id),
    leaderPersonId: uuid('leader_person_id').notNull().references(() => core.people.id),
    /** FAMOUS_HEAD_TEACHER 名班主任 / EXCELLENT_HEAD_TEACHER 优秀班主任 / NONE. */
    leaderHonour: text('leader_honour').notNull(),
    /** The level that conferred the honour (SCHOOL … NATIONAL, as backbone levels). */
    leaderHonourLevel: text('leader_honour_level').notNull(),
    establishedOn: date('established_on', { mode: 'string' }).notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...stamps,
  },
  (t) => [index('moral_teams_group_idx').on(t.groupId)],
);

export const moralTeamMembers = beihaiSchema.table(
  'moral_team_members',
  {
    teamId: uuid('team_id').notNull().references(() => moralTeams.id),
    personId: uuid('person_id').notNull().references(() => core.people.id),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.personId] })],
);
