/** Beihai mutations: one `input`, a payload, one transaction through core's runMutation with `plugin: 'beihai'`. */
import { z } from 'zod';
import {
  BACKBONE_LEVELS,
  EXCHANGE_KINDS,
  parseInput,
  payloadType,
  runMutation,
  zDate,
  zDivisionCode,
  zName,
  zSchoolCode,
  zSchoolYear,
  type GongzhiContext,
  type GovernanceInEffect,
  type PluginSchemaApi,
  type SchoolGroupRow,
  zGroupId,
} from '@gongzhi/core';
  zPersonId,
import type { Db } from '@gongzhi/core';
import type { BeihaiOptions } from '../options.js';
import { termLastDay } from '../dates.js';
import { XUEQU_FORMS, ZONINGS } from '../repo.js';
import {
  appointOfficeStaff,
  createSubjectGroup,
  establishOffice,
  fileMeetingReport,
  fileWorkPlan,
  formMoralTeam,
  formXuequ,
  getJointMeeting,
  getSubjectGroup,
  getXuequ,
  OFFICE_ROLES,
  recordJointMeeting,
  recordXuequExchange,
  syncLeadership,
  updateSubjectGroup,
  updateXuequ,
} from '../ops.js';
import type { BeihaiRefs } from './types.js';

const zId = z.string().min(1);
const zPeople = z.array(z.string()).max(100);
const SUBJECT_KINDS = ['PRIMARY_CHINESE', 'PRIMARY_MATHS', 'PRIMARY_INTEGRATED', 'JUNIOR_GRADE', 'OTHER'] as const;
const TEACHER_HONOURS = ['FAMOUS_TEACHER', 'SUBJECT_LEADER'] as const;
/** A title without the level that conferred it cannot be judged against 市级及以上 (五(二)4). */
const honourWithLevel: [(v: { leaderHonour?: string | null; leaderHonourLevel?: string | null }) => boolean, { message: string; path: string[]; params: { zh: string } }] = [
  (v) => !v.leaderHonour || !!v.leaderHonourLevel,
  { message: 'leaderHonourLevel is required with leaderHonour', path: ['leaderHonourLevel'], params: { zh: '填写组长称号时须填写授予级别' } },
];

/** A mutation on an existing 学区 acts under the 学区's locality and the Beihai regime there. */
async function onXuequ<T>(
  ctx: GongzhiContext,
  xuequId: string,
  operation: string,
  fields: string[],
  body: (tx: Db, g: SchoolGroupRow, options: BeihaiOptions) => Promise<{ result: T; entity: string; key: string }>,
): Promise<T> {
  const g = await getXuequ(ctx.db, xuequId);
  return runMutation(ctx, { operation, localityCode: g.localityCode, plugin: 'beihai', fields }, async (tx, gov: GovernanceInEffect | null) => {
    const { result, entity, key } = await body(tx, g, gov!.options as BeihaiOptions);
    return { result, changes: [{ entity, key }] };
  });
}

export function addMutations({ builder, refs }: PluginSchemaApi, b: BeihaiRefs) {
  const { Exchange, Plan, Post, ExchangeKind, BackboneLevel } = refs;

  const XuequPayload = payloadType(builder, 'BeihaiXuequPayload', 'xuequ', b.Xuequ, 'The result of a 学区 mutation.');
  const MeetingPayload = payloadType(builder, 'BeihaiJointMeetingPayload', 'meeting', b.JointMeeting, 'The result of a joint-meeting mutation.');
  const OfficePayload = payloadType(builder, 'BeihaiXuequOfficePayload', 'office', b.Office, 'The result of setting up a 学区 office.');
  const OfficePostPayload = payloadType(builder, 'BeihaiOfficeStaffPayload', 'post', Post, 'The office post created.');
  const SubjectGroupPayload = payloadType(builder, 'BeihaiSubjectGroupPayload', 'subjectGroup', b.SubjectGroup, 'The result of a subject-group mutation.');
  const MoralTeamPayload = payloadType(builder, 'BeihaiMoralEducationTeamPayload', 'team', b.MoralTeam, 'The moral-education team formed.');
  const ExchangePayload = payloadType(builder, 'BeihaiExchangePayload', 'exchange', Exchange, 'The exchange recorded.');
  const PlanPayload = payloadType(builder, 'BeihaiWorkPlanPayload', 'plan', Plan, 'The work plan recorded.');

  const OfficePosition = builder.enumType('BeihaiOfficePosition', {
    description: '学区管理办公室职位 — a position in the 学区 office (五(二)3).',
    values: {
      DIRECTOR: { description: '主任 — director: the lead school’s vice-principal in charge.' },
      DEPUTY_DIRECTOR: { description: '副主任 — deputy director: a member school’s vice-principal in charge.' },
      STAFF: { description: '工作人员 — staff member: a middle-level cadre or above of a member school.' },
    },
  });

  const FormInput = builder.inputType('FormBeihaiXuequInput', {
    description: 'Form a 学区 (四): its lead school, its other members, and from when.',
    fields: (t) => ({
      localityCode: t.field({ type: 'DivisionCode', required: true, description: 'The bureau whose 学区 it is (450500 北海市 for the city-direct schools).' }),
      name: t.string({ required: true, description: 'Its name, e.g. 北海市第一学区.' }),
      form: t.field({ type: b.XuequForm, description: '组建形式; ALLIANCE (学校联盟) when omitted.' }),
      leadSchoolCode: t.field({ type: 'SchoolCode', required: true, description: '学区长学校 — the lead school; its principal becomes the 学区长.' }),
      memberSchoolCodes: t.field({ type: ['SchoolCode'], required: true, description: 'The other member schools (not the lead).' }),
      validFrom: t.field({ type: 'Date', required: true, description: 'The first day of the 学区.' }),
      admissionsZoning: t.field({ type: b.Zoning, description: '招生划片; SINGLE_SCHOOL when omitted.' }),
      isSample: t.boolean({ description: 'Sample data, not a real 学区.' }),
    }),
  });
  const zForm = z.object({
    localityCode: zDivisionCode,
    name: zName,
    form: z.enum(XUEQU_FORMS).nullish().transform((v) => v ?? 'ALLIANCE'),
    leadSchoolCode: zSchoolCode,
    memberSchoolCodes: z.array(zSchoolCode).max(50),
    validFrom: zDate,
    admissionsZoning: z.enum(ZONINGS).nullish().transform((v) => v ?? 'SINGLE_SCHOOL'),
    isSample: z.boolean().nullish(),
  });

  const UpdateInput = builder.inputType('UpdateBeihaiXuequInput', {
    description: 'Change a 学区’s name, form or admissions zoning. Omitted fields stay as they are.',
    fields: (t) => ({
      id: t.id({ required: true, description: 'The 学区’s id.' }),
      name: t.string({ description: 'A new name.' }),
      form: t.field({ type: b.XuequForm, description: 'A new form (the same-stage rule is checked again).' }),
      admissionsZoning: t.field({ type: b.Zoning, description: 'A new admissions zoning.' }),
    }),
  });
  const zUpdate = z.object({ id: zGroupId, name: zName.nullish(), form: z.enum(XUEQU_FORMS).nullish(), admissionsZoning: z.enum(ZONINGS).nullish() });

  const LeadersInput = builder.inputType('AppointBeihaiXuequLeadersInput', {
    description: 'Bring the 学区长 and 副学区长 in line with the principals on a date, e.g. after a principal changes (五(一)).',
    fields: (t) => ({ xuequId: t.id({ required: true, description: 'The 学区’s id.' }), date: t.field({ type: 'Date', required: true, description: 'The first day of the new posts.' }) }),
  });
  const zLeaders = z.object({ xuequId: zGroupId, date: zDate });

  const MeetingInput = builder.inputType('RecordBeihaiJointMeetingInput', {
    description: 'Record a 校长联席会议 (五(二)2): who chaired it, who attended (principals, and deputies for the schools whose principal could not come), and its major decisions.',
  const MeetingDeputyInput = builder.inputType('BeihaiJointMeetingDeputyInput', {
    description: '代表 — someone who attended in place of a member school’s principal (五(二)2). They count for the school when they hold a post there that day.',
    fields: (t) => ({
      personId: t.id({ required: true, description: 'Who attended: the person’s Relay id or UUID (`personId`).' }),
      schoolCode: t.field({ type: 'SchoolCode', required: true, description: 'The member school whose principal they stood in for.' }),
    }),
  });
    fields: (t) => ({
      xuequId: t.id({ required: true, description: 'The 学区’s id.' }),
      heldOn: t.field({ type: 'Date', required: true, description: 'The day it was held.' }),
      chairPersonId: t.id({ description: 'Who chaired it (Relay id or UUID); the 学区长 that day when omitted. Only a meeting the 学区长 chaired counts for beihai.joint-meeting-frequency.' }),
      attendeePersonIds: t.idList({ required: true, description: 'Who attended: person Relay ids or UUIDs (the principals, and anyone else present).' }),
      deputies: t.field({ type: [MeetingDeputyInput], description: 'Deputies sent by member schools whose principal did not attend, each with the school they stood for.' }),
      tookMajorDecisions: t.boolean({ description: '是否作出重大决策 — whether the meeting took major decisions. Omitted: true when `decisions` lists some, otherwise not recorded.' }),
      decisions: t.stringList({ description: '重大决策 — the major decisions taken (required when `tookMajorDecisions` is true).' }),
      reportFiledOn: t.field({ type: 'Date', description: 'When the written report of its major decisions reached the bureau, if it has.' }),
    }),
  });
  const zMeeting = z.object({
    xuequId: zGroupId,
    heldOn: zDate,
    chairPersonId: zPersonId.nullish(),
    attendeePersonIds: z.array(zPersonId).max(100),
    deputies: z.array(z.object({ personId: zPersonId, schoolCode: zSchoolCode })).max(20).nullish(),
    tookMajorDecisions: z.boolean().nullish(),
    decisions: z.array(z.string().trim().min(1).max(500)).max(50).nullish(),
    reportFiledOn: zDate.nullish(),
  });

  const ReportInput = builder.inputType('FileBeihaiJointMeetingReportInput', {
    description: 'Record that the written report of a joint meeting’s major decisions reached the city bureau (五(二)2).',
    fields: (t) => ({ meetingId: t.id({ required: true, description: 'The meeting’s id.' }), filedOn: t.field({ type: 'Date', required: true, description: 'The day it was filed.' }) }),
  });
  const zReport = z.object({ meetingId: zId, filedOn: zDate });

  const OfficeInput = builder.inputType('EstablishBeihaiXuequOfficeInput', {
    description: 'Set up the 学区管理办公室 at the lead school (五(二)3).',
    fields: (t) => ({ xuequId: t.id({ required: true, description: 'The 学区’s id.' }), establishedOn: t.field({ type: 'Date', required: true, description: 'The day it was set up.' }) }),
  });
  const zOffice = z.object({ xuequId: zGroupId, establishedOn: zDate });

  const StaffInput = builder.inputType('AppointBeihaiOfficeStaffInput', {
    description: 'Appoint a director, deputy director or staff member of the 学区 office (五(二)3). End the post later with updatePost.',
    fields: (t) => ({
      xuequId: t.id({ required: true, description: 'The 学区’s id.' }),
      personId: t.string({ required: true, description: 'The person appointed.' }),
      position: t.field({ type: OfficePosition, required: true, description: 'The position.' }),
      validFrom: t.field({ type: 'Date', required: true, description: 'First day in post.' }),
      validTo: t.field({ type: 'Date', description: 'Last day in post, if known.' }),
    }),
  });
  const zStaff = z.object({ xuequId: zGroupId, personId: zId, position: z.enum(Object.keys(OFFICE_ROLES) as [keyof typeof OFFICE_ROLES]), validFrom: zDate, validTo: zDate.nullish() });

  const SubjectGroupInput = builder.inputType('CreateBeihaiSubjectGroupInput', {
    description: 'Appoint a 学科中心教研组 (五(二)4). Its size, term and leader are checked by beihai.subject-group-shape.',
    fields: (t) => ({
      xuequId: t.id({ required: true, description: 'The 学区’s id.' }),
      kind: t.field({ type: b.SubjectGroupKind, required: true, description: 'Subject (primary) or grade (junior).' }),
      grade: t.int({ description: 'For JUNIOR_GRADE: the grade, 7–9.' }),
      subject: t.string({ description: 'The subject, for OTHER or a junior grade group of one subject.' }),
      name: t.string({ required: true, description: 'Its name.' }),
      leaderPersonId: t.string({ required: true, description: '组长 — the leader.' }),
      leaderHonour: t.field({ type: b.TeacherHonour, description: 'The leader’s 名师 or 学科带头人 title, when that (not the 骨干 level) is what qualifies them.' }),
      leaderHonourLevel: t.field({ type: BackboneLevel, description: 'The level that conferred the title; required with `leaderHonour`.' }),
      memberPersonIds: t.stringList({ required: true, description: '组员 — the members, the leader not included.' }),
      termStart: t.field({ type: 'Date', required: true, description: 'First day of the term.' }),
      termEnd: t.field({ type: 'Date', description: 'Last day of the term; the full term (two years by default) when omitted.' }),
    }),
  });
  const zSubjectGroup = z
    .object({
      xuequId: zGroupId,
      kind: z.enum(SUBJECT_KINDS),
      grade: z.number().int().min(7).max(9).nullish(),
      subject: z.string().trim().min(1).max(50).nullish(),
      name: zName,
      leaderPersonId: zId,
      leaderHonour: z.enum(TEACHER_HONOURS).nullish(),
      leaderHonourLevel: z.enum(BACKBONE_LEVELS).nullish(),
      memberPersonIds: zPeople,
      termStart: zDate,
      termEnd: zDate.nullish(),
    })
    .refine(...honourWithLevel)
    .refine((v) => (v.kind === 'JUNIOR_GRADE') === (v.grade != null), { message: 'a grade (7–9) is given for a JUNIOR_GRADE group, and only for it', path: ['grade'], params: { zh: '初中年级组须填写年级（7–9），其他类型不填' } });

  const UpdateSubjectGroupInput = builder.inputType('UpdateBeihaiSubjectGroupInput', {
    description: 'Change a subject centre group during its term (实行动态管理). Omitted fields stay as they are.',
    fields: (t) => ({
      id: t.id({ required: true, description: 'The group’s id.' }),
      name: t.string({ description: 'A new name.' }),
      leaderPersonId: t.string({ description: 'A new leader (their title, if any, given again below).' }),
      leaderHonour: t.field({ type: b.TeacherHonour, description: 'The leader’s 名师 or 学科带头人 title.' }),
      leaderHonourLevel: t.field({ type: BackboneLevel, description: 'The level that conferred it; required with `leaderHonour`.' }),
      memberPersonIds: t.stringList({ description: 'The new member list (replaces the old one).' }),
      termEnd: t.field({ type: 'Date', description: 'A new last day of the term.' }),
    }),
  });
  const zUpdateSubjectGroup = z
    .object({
      id: zId,
      name: zName.nullish(),
      leaderPersonId: z.string().nullish(),
      leaderHonour: z.enum(TEACHER_HONOURS).nullish(),
      leaderHonourLevel: z.enum(BACKBONE_LEVELS).nullish(),
      memberPersonIds: zPeople.nullish(),
      termEnd: zDate.nullish(),
    })
    .refine(...honourWithLevel);

  const MoralTeamInput = builder.inputType('FormBeihaiMoralEducationTeamInput', {
    description: 'Form the 学区’s 德育工作团队 (五(二)5(3)).',
    fields: (t) => ({
      xuequId: t.id({ required: true, description: 'The 学区’s id.' }),
      leaderPersonId: t.string({ required: true, description: '负责人 — the leader.' }),
      leaderHonour: t.field({ type: b.Honour, required: true, description: 'The leader’s head-teacher honour.' }),
      leaderHonourLevel: t.field({ type: BackboneLevel, required: true, description: 'The level that conferred it.' }),
      memberPersonIds: t.stringList({ required: true, description: 'The members.' }),
      establishedOn: t.field({ type: 'Date', required: true, description: 'When it was formed.' }),
    }),
  });
  const zMoralTeam = z.object({
    xuequId: zGroupId,
    leaderPersonId: zId,
    leaderHonour: z.enum(['FAMOUS_HEAD_TEACHER', 'EXCELLENT_HEAD_TEACHER', 'NONE']),
    leaderHonourLevel: z.enum(BACKBONE_LEVELS),
    memberPersonIds: zPeople,
    establishedOn: zDate,
  });

  const ExchangeInput = builder.inputType('RecordBeihaiExchangeInput', {
    description: 'Record a teacher exchange within a 学区 (五(二)5(4)); both schools are members. The backbone level is taken from the person.',
    fields: (t) => ({
      xuequId: t.id({ required: true, description: 'The 学区’s id.' }),
      personId: t.string({ required: true, description: 'The teacher exchanged.' }),
      fromSchoolCode: t.field({ type: 'SchoolCode', required: true, description: 'The school the teacher leaves.' }),
      toSchoolCode: t.field({ type: 'SchoolCode', required: true, description: 'The school the teacher goes to.' }),
      kind: t.field({ type: ExchangeKind, required: true, description: 'ROTATION (轮岗交流) and FIELD_STAY (蹲点交流) are the forms the document counts.' }),
      startDate: t.field({ type: 'Date', required: true, description: 'First day.' }),
      endDate: t.field({ type: 'Date', description: 'Last day, if known.' }),
      note: t.string({ description: 'A note.' }),
    }),
  });
  const kinds = Object.keys(EXCHANGE_KINDS) as [keyof typeof EXCHANGE_KINDS];
  const zExchange = z.object({ xuequId: zGroupId, personId: zId, fromSchoolCode: zSchoolCode, toSchoolCode: zSchoolCode, kind: z.enum(kinds), startDate: zDate, endDate: zDate.nullish(), note: z.string().max(2000).nullish() });

  const PlanInput = builder.inputType('FileBeihaiWorkPlanInput', {
    description: 'Record the 学区’s work plan for a school year and when it was filed with the bureau (六(二)).',
    fields: (t) => ({
      xuequId: t.id({ required: true, description: 'The 学区’s id.' }),
      schoolYear: t.field({ type: 'SchoolYear', required: true, description: 'The school year it plans.' }),
      title: t.string({ required: true, description: 'Its title.' }),
      filedOn: t.field({ type: 'Date', description: '备案 — the day it was filed with the bureau; omit while it is not.' }),
    }),
  });
  const zPlan = z.object({ xuequId: zGroupId, schoolYear: zSchoolYear, title: zName, filedOn: zDate.nullish() });

  const ids = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, k.endsWith('Id') && v != null ? String(v) : v]));

  builder.mutationFields((t) => ({
    formBeihaiXuequ: t.field({
      type: XuequPayload,
      description: 'Form a 学区 with its lead and members in one go, appointing the lead school’s principal 学区长 and the other principals 副学区长 (四, 五(一)). Refused where Beihai is not enabled, or when the lead school has no principal.',
      args: { input: t.arg({ type: FormInput, required: true, description: 'The 学区’s name, form, lead school, members and first day.' }) },
      resolve: async (_, { input }, ctx) => {
        const data = parseInput(zForm, input);
        return runMutation(ctx, { operation: 'formBeihaiXuequ', localityCode: data.localityCode, plugin: 'beihai', fields: Object.keys(input) }, async (tx) => {
          const xuequ = await formXuequ(tx, ctx.registry, data);
          return { result: { xuequ }, changes: [{ entity: 'SchoolGroup', key: xuequ.id }] };
        });
      },
    }),
    updateBeihaiXuequ: t.field({
      type: XuequPayload,
      description: 'Change a 学区’s name, form or admissions zoning.',
      args: { input: t.arg({ type: UpdateInput, required: true, description: 'The 学区 and the fields to change.' }) },
      resolve: async (_, { input }, ctx) => {
        const { id, ...patch } = parseInput(zUpdate, ids(input));
        return onXuequ(ctx, id, 'updateBeihaiXuequ', Object.keys(input), async (tx, g) => ({ result: { xuequ: await updateXuequ(tx, g.id, patch) }, entity: 'SchoolGroup', key: g.id }));
      },
    }),
    appointBeihaiXuequLeaders: t.field({
      type: XuequPayload,
      description: 'Re-appoint the 学区长 and 副学区长 from the principals on a date (五(一)): posts of people who no longer qualify end the day before.',
      args: { input: t.arg({ type: LeadersInput, required: true, description: 'The 学区 and the first day of the new posts.' }) },
      resolve: async (_, { input }, ctx) => {
        const data = parseInput(zLeaders, ids(input));
        return onXuequ(ctx, data.xuequId, 'appointBeihaiXuequLeaders', Object.keys(input), async (tx, g) => {
          await syncLeadership(tx, ctx.registry, g, data.date, 'input.xuequId');
          return { result: { xuequ: g }, entity: 'SchoolGroup', key: g.id };
        });
      },
    }),
    recordBeihaiJointMeeting: t.field({
      type: MeetingPayload,
      description: 'Record a 校长联席会议 (五(二)2).',
      args: { input: t.arg({ type: MeetingInput, required: true, description: 'The 学区, the day, the chair, the attendees and the decisions.' }) },
      resolve: async (_, { input }, ctx) => {
        const { xuequId, ...data } = parseInput(zMeeting, ids(input));
        return onXuequ(ctx, xuequId, 'recordBeihaiJointMeeting', Object.keys(input), async (tx, g) => {
          const meeting = await recordJointMeeting(tx, g, data);
          return { result: { meeting }, entity: 'BeihaiJointMeeting', key: meeting.id };
        });
      },
    }),
    fileBeihaiJointMeetingReport: t.field({
      type: MeetingPayload,
      description: 'Record that a joint meeting’s written report reached the bureau (五(二)2).',
      args: { input: t.arg({ type: ReportInput, required: true, description: 'The meeting and the day its report was filed.' }) },
      resolve: async (_, { input }, ctx) => {
        const data = parseInput(zReport, ids(input));
        const m = await getJointMeeting(ctx.db, data.meetingId);
        return onXuequ(ctx, m.groupId, 'fileBeihaiJointMeetingReport', Object.keys(input), async (tx) => {
          const meeting = await fileMeetingReport(tx, m.id, data.filedOn);
          return { result: { meeting }, entity: 'BeihaiJointMeeting', key: meeting.id };
        });
      },
    }),
    establishBeihaiXuequOffice: t.field({
      type: OfficePayload,
      description: 'Set up the 学区管理办公室 (五(二)3): one per 学区, at the lead school.',
      args: { input: t.arg({ type: OfficeInput, required: true, description: 'The 学区 and the day the office was set up.' }) },
      resolve: async (_, { input }, ctx) => {
        const data = parseInput(zOffice, ids(input));
        return onXuequ(ctx, data.xuequId, 'establishBeihaiXuequOffice', Object.keys(input), async (tx, g) => {
          const office = await establishOffice(tx, g, data.establishedOn);
          return { result: { office: { ...office, group: g } }, entity: 'BeihaiXuequOffice', key: g.id };
        });
      },
    }),
    appointBeihaiOfficeStaff: t.field({
      type: OfficePostPayload,
      description: 'Appoint the office director, a deputy director or a staff member (五(二)3); beihai.office-staffing reports on the result.',
      args: { input: t.arg({ type: StaffInput, required: true, description: 'The 学区, the person, the position and the period.' }) },
      resolve: async (_, { input }, ctx) => {
        const { xuequId, ...data } = parseInput(zStaff, ids(input));
        return onXuequ(ctx, xuequId, 'appointBeihaiOfficeStaff', Object.keys(input), async (tx, g) => {
          const post = await appointOfficeStaff(tx, ctx.registry, g, data);
          return { result: { post }, entity: 'Post', key: post.id };
        });
      },
    }),
    createBeihaiSubjectGroup: t.field({
      type: SubjectGroupPayload,
      description: 'Appoint a 学科中心教研组 (五(二)4); refused by beihai.subject-group-shape when its size, term or leader do not fit.',
      args: { input: t.arg({ type: SubjectGroupInput, required: true, description: 'The group’s kind, name, leader, members and term.' }) },
      resolve: async (_, { input }, ctx) => {
        const { xuequId, termEnd, ...data } = parseInput(zSubjectGroup, ids(input));
        return onXuequ(ctx, xuequId, 'createBeihaiSubjectGroup', Object.keys(input), async (tx, g, o) => {
          // 聘期两年: without an end, the term is the full term of the locality's options.
          const subjectGroup = await createSubjectGroup(tx, g, { ...data, termEnd: termEnd ?? termLastDay(data.termStart, o.subjectGroupTermYears) });
          return { result: { subjectGroup }, entity: 'BeihaiSubjectGroup', key: subjectGroup.id };
        });
      },
    }),
    updateBeihaiSubjectGroup: t.field({
      type: SubjectGroupPayload,
      description: 'Change a subject centre group’s leader, members, name or term end; the shape rule is checked again.',
      args: { input: t.arg({ type: UpdateSubjectGroupInput, required: true, description: 'The group and the fields to change.' }) },
      resolve: async (_, { input }, ctx) => {
        const { id, ...patch } = parseInput(zUpdateSubjectGroup, ids(input));
        const current = await getSubjectGroup(ctx.db, id);
        return onXuequ(ctx, current.groupId, 'updateBeihaiSubjectGroup', Object.keys(input), async (tx) => {
          const subjectGroup = await updateSubjectGroup(tx, id, patch);
          return { result: { subjectGroup }, entity: 'BeihaiSubjectGroup', key: id };
        });
      },
    }),
    formBeihaiMoralEducationTeam: t.field({
      type: MoralTeamPayload,
      description: 'Form the 学区’s 德育工作团队 (五(二)5(3)).',
      args: { input: t.arg({ type: MoralTeamInput, required: true, description: 'The team’s leader, their honour, the members and the day it was formed.' }) },
      resolve: async (_, { input }, ctx) => {
        const { xuequId, ...data } = parseInput(zMoralTeam, ids(input));
        return onXuequ(ctx, xuequId, 'formBeihaiMoralEducationTeam', Object.keys(input), async (tx, g) => {
          const team = await formMoralTeam(tx, g, data);
          return { result: { team }, entity: 'BeihaiMoralEducationTeam', key: team.id };
        });
      },
    }),
    recordBeihaiExchange: t.field({
      type: ExchangePayload,
      description: 'Record a teacher exchange within a 学区 (五(二)5(4)): a core Exchange with the 学区 set; the backbone level is taken from the person.',
      args: { input: t.arg({ type: ExchangeInput, required: true, description: 'The 学区, the teacher, the two member schools, the form and the period.' }) },
      resolve: async (_, { input }, ctx) => {
        const { xuequId, ...data } = parseInput(zExchange, ids(input));
        return onXuequ(ctx, xuequId, 'recordBeihaiExchange', Object.keys(input), async (tx, g) => {
          const exchange = await recordXuequExchange(tx, g, data);
          return { result: { exchange }, entity: 'Exchange', key: exchange.id };
        });
      },
    }),
    fileBeihaiWorkPlan: t.field({
      type: PlanPayload,
      description: 'Record the 学区 work plan of a school year and the day it was filed with the bureau (六(二)); beihai.plan-filed reports on the deadline.',
      args: { input: t.arg({ type: PlanInput, required: true, description: 'The 学区, the school year, the plan’s title and the day it was filed.' }) },
      resolve: async (_, { input }, ctx) => {
        const { xuequId, ...data } = parseInput(zPlan, ids(input));
        return onXuequ(ctx, xuequId, 'fileBeihaiWorkPlan', Object.keys(input), async (tx, g) => {
          const plan = await fileWorkPlan(tx, g, data);
          return { result: { plan }, entity: 'Plan', key: plan.id };
        });
      },
    }),
  }));
}
