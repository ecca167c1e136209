/**
 * Beihai mutations: one `input` whose fields carry their own validation, a payload, one
 * transaction under the Beihai regime. Forming a 学区 and acting on one are core's shapes
 * (addGroupFormMutation, runGroupMutation); what is Beihai's own is declared here.
 */
import { z } from 'zod';
import {
  addGroupFormMutation,
  exceptionsInputField,
  groupIdField,
  payloadType,
  runGroupMutation,
  zCrossField,
  zDate,
  zName,
  zNodeId,
  zPersonId,
  zSchoolCode,
  zSchoolYear,
  type Db,
  type GongzhiContext,
  type SchoolGroupRow,
  type PluginSchemaApi,
} from '@gongzhi/core';
import type { BeihaiOptions } from '../options.js';
import { termLastDay } from '../dates.js';
import { XUEQU_KIND, type XuequForm } from '../repo.js';
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
  recordJointMeeting,
  recordXuequExchange,
  syncLeadership,
  updateSubjectGroup,
  updateXuequ,
} from '../ops.js';
import type { BeihaiRefs } from './types.js';

const zPeople = z.array(zPersonId).max(100);
const zMeetingId = zNodeId('BeihaiJointMeeting', { zh: '联席会议', en: 'a joint meeting' });
const zSubjectGroupId = zNodeId('BeihaiSubjectGroup', { zh: '学科中心教研组', en: 'a subject centre group' });

/** A title without the level that conferred it cannot be judged against 市级及以上 (五(二)4). */
const honourWithLevel = {
  ok: (v: { leaderHonour?: string | null; leaderHonourLevel?: string | null }) => !v.leaderHonour || !!v.leaderHonourLevel,
  field: 'leaderHonourLevel',
  reason: { zh: '填写组长称号时须填写授予级别', en: 'leaderHonourLevel is required with leaderHonour' },
};

/**
 * A mutation on one of Beihai's 学区 (the input's `groupId`): core's runGroupMutation with this
 * regime's kind; `body` gets the locality's options and names the entity it changed.
 */
function onXuequ<T>(
  ctx: GongzhiContext,
  spec: { groupId: string; operation: string; fields: string[]; exceptions?: readonly unknown[] | null },
  body: (tx: Db, g: SchoolGroupRow, options: BeihaiOptions) => Promise<{ result: T; entity: string; key: string }>,
): Promise<T> {
  return runGroupMutation(ctx, { ...spec, kind: XUEQU_KIND, plugin: 'beihai' }, async (tx, g, governance) => {
    const { result, entity, key } = await body(tx, g, governance.options as BeihaiOptions);
    return { result, changes: [{ entity, key }] };
  });
}

export function addMutations(api: PluginSchemaApi, b: BeihaiRefs) {
  const { builder, refs } = api;
  const { Exchange, Plan, Post, ExchangeKind, BackboneLevel } = refs;

  const XuequPayload = addGroupFormMutation(api, {
    name: 'formBeihaiXuequ',
    description:
      'Form a 学区 with its lead and members in one go, appointing the lead school’s principal 学区长 and the other principals 副学区长 (四, 五(一)). Refused where Beihai is not enabled, or when the lead school has no principal.',
    plugin: 'beihai',
    kind: XUEQU_KIND,
    type: b.Xuequ,
    payload: { name: 'BeihaiXuequPayload', field: 'xuequ', description: 'The result of a 学区 mutation.' },
    input: {
      name: 'FormBeihaiXuequInput',
      description: 'Form a 学区 (四): its lead school, its other members, and from when.',
      argDescription: 'The 学区’s name, form, lead school, members and first day.',
      localityCode: 'The bureau whose 学区 it is (450500 北海市 for the city-direct schools).',
      text: {
        name: 'Its name, e.g. 北海市第一学区.',
        leadSchoolCode: '学区长学校 — the lead school; its principal becomes the 学区长.',
        memberSchoolCodes: 'The other member schools (not the lead).',
        validFrom: 'The first day of the 学区.',
        isSample: 'Sample data, not a real 学区.',
      },
      maxMembers: 50,
      fields: (t) => ({
        form: t.field({ type: b.XuequForm, description: '组建形式; ALLIANCE (学校联盟) when omitted.' }),
        admissionsZoning: t.field({ type: b.Zoning, description: '招生划片; SINGLE_SCHOOL when omitted.' }),
      }),
    },
    create: (tx, ctx, input) =>
      formXuequ(tx, ctx.registry, { ...input, form: (input.form ?? 'ALLIANCE') as XuequForm, admissionsZoning: input.admissionsZoning ?? 'SINGLE_SCHOOL' }),
  });
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

  const UpdateInput = builder.inputType('UpdateBeihaiXuequInput', {
    description: 'Change a 学区’s name, form or admissions zoning. Omitted fields stay as they are.',
    fields: (t) => ({
      groupId: groupIdField(t, 'The 学区.'),
      name: t.string({ validate: zName, description: 'A new name.' }),
      form: t.field({ type: b.XuequForm, description: 'A new form (the same-stage rule is checked again).' }),
      admissionsZoning: t.field({ type: b.Zoning, description: 'A new admissions zoning.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const LeadersInput = builder.inputType('AppointBeihaiXuequLeadersInput', {
    description: 'Bring the 学区长 and 副学区长 in line with the principals on a date, e.g. after a principal changes (五(一)).',
    fields: (t) => ({
      groupId: groupIdField(t, 'The 学区.'),
      date: t.field({ type: 'Date', required: true, validate: zDate, description: 'The first day of the new posts.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const MeetingDeputyInput = builder.inputType('BeihaiJointMeetingDeputyInput', {
    description: '代表 — someone who attended in place of a member school’s principal (五(二)2). They count for the school when they hold a post there that day.',
    fields: (t) => ({
      personId: t.id({ required: true, validate: zPersonId, description: 'Who attended: the person’s Relay id or UUID (`personId`).' }),
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The member school whose principal they stood in for.' }),
    }),
  });
  const MeetingInput = builder.inputType('RecordBeihaiJointMeetingInput', {
    description: 'Record a 校长联席会议 (五(二)2): who chaired it, who attended (principals, and deputies for the schools whose principal could not come), and its major decisions.',
    fields: (t) => ({
      groupId: groupIdField(t, 'The 学区 that met.'),
      heldOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'The day it was held.' }),
      chairPersonId: t.id({ validate: zPersonId, description: 'Who chaired it (Relay id or UUID); the 学区长 that day when omitted. Only a meeting the 学区长 chaired counts for beihai.joint-meeting-frequency.' }),
      attendeePersonIds: t.idList({ required: true, validate: zPeople, description: 'Who attended: person Relay ids or UUIDs (the principals, and anyone else present).' }),
      deputies: t.field({ type: [MeetingDeputyInput], validate: z.array(z.unknown()).max(20), description: 'Deputies sent by member schools whose principal did not attend, each with the school they stood for.' }),
      tookMajorDecisions: t.boolean({ description: '是否作出重大决策 — whether the meeting took major decisions. Omitted: true when `decisions` lists some, otherwise not recorded.' }),
      decisions: t.stringList({ validate: z.array(z.string().trim().min(1).max(500)).max(50), description: '重大决策 — the major decisions taken (required when `tookMajorDecisions` is true).' }),
      reportFiledOn: t.field({ type: 'Date', validate: zDate, description: 'When the written report of its major decisions reached the bureau, if it has.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const ReportInput = builder.inputType('FileBeihaiJointMeetingReportInput', {
    description: 'Record that the written report of a joint meeting’s major decisions reached the city bureau (五(二)2).',
    fields: (t) => ({
      meetingId: t.id({ required: true, validate: zMeetingId, description: 'The meeting’s `id`.' }),
      filedOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'The day it was filed.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const OfficeInput = builder.inputType('EstablishBeihaiXuequOfficeInput', {
    description: 'Set up the 学区管理办公室 at the lead school (五(二)3).',
    fields: (t) => ({
      groupId: groupIdField(t, 'The 学区.'),
      establishedOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'The day it was set up.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const StaffInput = builder.inputType('AppointBeihaiOfficeStaffInput', {
    description: 'Appoint a director, deputy director or staff member of the 学区 office (五(二)3). End the post later with updatePost.',
    fields: (t) => ({
      groupId: groupIdField(t, 'The 学区.'),
      personId: t.id({ required: true, validate: zPersonId, description: 'The person appointed: their Relay id or UUID (`personId`).' }),
      position: t.field({ type: OfficePosition, required: true, description: 'The position.' }),
      validFrom: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day in post.' }),
      validTo: t.field({ type: 'Date', validate: zDate, description: 'Last day in post, if known.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const SubjectGroupInput = builder.inputType('CreateBeihaiSubjectGroupInput', {
    description: 'Appoint a 学科中心教研组 (五(二)4). Its size, term and leader are checked by beihai.subject-group-shape.',
    validate: zCrossField<{ kind: string; grade?: number | null; leaderHonour?: string | null; leaderHonourLevel?: string | null }>(honourWithLevel, {
      ok: (v) => (v.kind === 'JUNIOR_GRADE') === (v.grade != null),
      field: 'grade',
      reason: { zh: '初中年级组须填写年级（7–9），其他类型不填', en: 'a grade (7–9) is given for a JUNIOR_GRADE group, and only for it' },
    }),
    fields: (t) => ({
      groupId: groupIdField(t, 'The 学区 that appoints it.'),
      kind: t.field({ type: b.SubjectGroupKind, required: true, description: 'Subject (primary) or grade (junior).' }),
      grade: t.int({ validate: z.number().int().min(7).max(9), description: 'For JUNIOR_GRADE: the grade, 7–9.' }),
      subject: t.string({ validate: z.string().trim().min(1).max(50), description: 'The subject, for OTHER or a junior grade group of one subject.' }),
      name: t.string({ required: true, validate: zName, description: 'Its name.' }),
      leaderPersonId: t.id({ required: true, validate: zPersonId, description: '组长 — the leader: their Relay id or UUID (`personId`).' }),
      leaderHonour: t.field({ type: b.TeacherHonour, description: 'The leader’s 名师 or 学科带头人 title, when that (not the 骨干 level) is what qualifies them.' }),
      leaderHonourLevel: t.field({ type: BackboneLevel, description: 'The level that conferred the title; required with `leaderHonour`.' }),
      memberPersonIds: t.idList({ required: true, validate: zPeople, description: '组员 — the members, the leader not included: Relay ids or UUIDs.' }),
      termStart: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day of the term.' }),
      termEnd: t.field({ type: 'Date', validate: zDate, description: 'Last day of the term; the full term (two years by default) when omitted.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const UpdateSubjectGroupInput = builder.inputType('UpdateBeihaiSubjectGroupInput', {
    description: 'Change a subject centre group during its term (实行动态管理). Omitted fields stay as they are.',
    validate: zCrossField(honourWithLevel),
    fields: (t) => ({
      id: t.id({ required: true, validate: zSubjectGroupId, description: 'The group’s `id`.' }),
      name: t.string({ validate: zName, description: 'A new name.' }),
      leaderPersonId: t.id({ validate: zPersonId, description: 'A new leader: their Relay id or UUID (their title, if any, given again below).' }),
      leaderHonour: t.field({ type: b.TeacherHonour, description: 'The leader’s 名师 or 学科带头人 title.' }),
      leaderHonourLevel: t.field({ type: BackboneLevel, description: 'The level that conferred it; required with `leaderHonour`.' }),
      memberPersonIds: t.idList({ validate: zPeople, description: 'The new member list (replaces the old one): Relay ids or UUIDs.' }),
      termEnd: t.field({ type: 'Date', validate: zDate, description: 'A new last day of the term.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const MoralTeamInput = builder.inputType('FormBeihaiMoralEducationTeamInput', {
    description: 'Form the 学区’s 德育工作团队 (五(二)5(3)).',
    fields: (t) => ({
      groupId: groupIdField(t, 'The 学区.'),
      leaderPersonId: t.id({ required: true, validate: zPersonId, description: '负责人 — the leader: their Relay id or UUID (`personId`).' }),
      leaderHonour: t.field({ type: b.Honour, required: true, description: 'The leader’s head-teacher honour.' }),
      leaderHonourLevel: t.field({ type: BackboneLevel, required: true, description: 'The level that conferred it.' }),
      memberPersonIds: t.idList({ required: true, validate: zPeople, description: 'The members: Relay ids or UUIDs.' }),
      establishedOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'When it was formed.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const ExchangeInput = builder.inputType('RecordBeihaiExchangeInput', {
    description: 'Record a teacher exchange within a 学区 (五(二)5(4)); both schools are members. The backbone level is taken from the person.',
    fields: (t) => ({
      groupId: groupIdField(t, 'The 学区 it is arranged within.'),
      personId: t.id({ required: true, validate: zPersonId, description: 'The teacher exchanged: their Relay id or UUID (`personId`).' }),
      fromSchoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school the teacher leaves.' }),
      toSchoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school the teacher goes to.' }),
      kind: t.field({ type: ExchangeKind, required: true, description: 'ROTATION (轮岗交流) and FIELD_STAY (蹲点交流) are the forms the document counts.' }),
      startDate: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day.' }),
      endDate: t.field({ type: 'Date', validate: zDate, description: 'Last day, if known.' }),
      note: t.string({ validate: z.string().max(2000), description: 'A note.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const PlanInput = builder.inputType('FileBeihaiWorkPlanInput', {
    description: 'Record the 学区’s work plan for a school year and when it was filed with the bureau (六(二)).',
    fields: (t) => ({
      groupId: groupIdField(t, 'The 学区.'),
      schoolYear: t.field({ type: 'SchoolYear', required: true, validate: zSchoolYear, description: 'The school year it plans.' }),
      title: t.string({ required: true, validate: zName, description: 'Its title.' }),
      filedOn: t.field({ type: 'Date', validate: zDate, description: '备案 — the day it was filed with the bureau; omit while it is not.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  builder.mutationFields((t) => ({
    updateBeihaiXuequ: t.field({
      type: XuequPayload,
      description: 'Change a 学区’s name, form or admissions zoning.',
      args: { input: t.arg({ type: UpdateInput, required: true, description: 'The 学区 and the fields to change.' }) },
      resolve: async (_, { input }, ctx) => {
        const { groupId, exceptions, ...patch } = input;
        return onXuequ(ctx, { groupId, operation: 'updateBeihaiXuequ', fields: Object.keys(input), exceptions }, async (tx, g) => ({ result: { xuequ: await updateXuequ(tx, g.id, patch) }, entity: 'SchoolGroup', key: g.id }));
      },
    }),
    appointBeihaiXuequLeaders: t.field({
      type: XuequPayload,
      description: 'Re-appoint the 学区长 and 副学区长 from the principals on a date (五(一)): posts of people who no longer qualify end the day before.',
      args: { input: t.arg({ type: LeadersInput, required: true, description: 'The 学区 and the first day of the new posts.' }) },
      resolve: async (_, { input }, ctx) =>
        onXuequ(ctx, { groupId: input.groupId, operation: 'appointBeihaiXuequLeaders', fields: Object.keys(input), exceptions: input.exceptions }, async (tx, g) => {
          await syncLeadership(tx, ctx.registry, g, input.date, 'input.groupId');
          return { result: { xuequ: g }, entity: 'SchoolGroup', key: g.id };
        }),
    }),
    recordBeihaiJointMeeting: t.field({
      type: MeetingPayload,
      description: 'Record a 校长联席会议 (五(二)2).',
      args: { input: t.arg({ type: MeetingInput, required: true, description: 'The 学区, the day, the chair, the attendees and the decisions.' }) },
      resolve: async (_, { input }, ctx) => {
        const { groupId, exceptions, ...data } = input;
        return onXuequ(ctx, { groupId, operation: 'recordBeihaiJointMeeting', fields: Object.keys(input), exceptions }, async (tx, g) => {
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
        const m = await getJointMeeting(ctx.db, input.meetingId);
        return onXuequ(ctx, { groupId: m.groupId, operation: 'fileBeihaiJointMeetingReport', fields: Object.keys(input), exceptions: input.exceptions }, async (tx) => {
          const meeting = await fileMeetingReport(tx, m.id, input.filedOn);
          return { result: { meeting }, entity: 'BeihaiJointMeeting', key: meeting.id };
        });
      },
    }),
    establishBeihaiXuequOffice: t.field({
      type: OfficePayload,
      description: 'Set up the 学区管理办公室 (五(二)3): one per 学区, at the lead school.',
      args: { input: t.arg({ type: OfficeInput, required: true, description: 'The 学区 and the day the office was set up.' }) },
      resolve: async (_, { input }, ctx) =>
        onXuequ(ctx, { groupId: input.groupId, operation: 'establishBeihaiXuequOffice', fields: Object.keys(input), exceptions: input.exceptions }, async (tx, g) => {
          const office = await establishOffice(tx, g, input.establishedOn);
          return { result: { office: { ...office, group: g } }, entity: 'BeihaiXuequOffice', key: g.id };
        }),
    }),
    appointBeihaiOfficeStaff: t.field({
      type: OfficePostPayload,
      description: 'Appoint the office director, a deputy director or a staff member (五(二)3); beihai.office-staffing reports on the result.',
      args: { input: t.arg({ type: StaffInput, required: true, description: 'The 学区, the person, the position and the period.' }) },
      resolve: async (_, { input }, ctx) => {
        const { groupId, exceptions, ...data } = input;
        return onXuequ(ctx, { groupId, operation: 'appointBeihaiOfficeStaff', fields: Object.keys(input), exceptions }, async (tx, g) => {
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
        const { groupId, exceptions, termEnd, ...data } = input;
        return onXuequ(ctx, { groupId, operation: 'createBeihaiSubjectGroup', fields: Object.keys(input), exceptions }, async (tx, g, o) => {
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
        const { id, exceptions, ...patch } = input;
        const current = await getSubjectGroup(ctx.db, id);
        return onXuequ(ctx, { groupId: current.groupId, operation: 'updateBeihaiSubjectGroup', fields: Object.keys(input), exceptions }, async (tx) => {
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
        const { groupId, exceptions, ...data } = input;
        return onXuequ(ctx, { groupId, operation: 'formBeihaiMoralEducationTeam', fields: Object.keys(input), exceptions }, async (tx, g) => {
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
        const { groupId, exceptions, ...data } = input;
        return onXuequ(ctx, { groupId, operation: 'recordBeihaiExchange', fields: Object.keys(input), exceptions }, async (tx, g) => {
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
        const { groupId, exceptions, ...data } = input;
        return onXuequ(ctx, { groupId, operation: 'fileBeihaiWorkPlan', fields: Object.keys(input), exceptions }, async (tx, g) => {
          const plan = await fileWorkPlan(tx, g, data);
          return { result: { plan }, entity: 'Plan', key: plan.id };
        });
      },
    }),
  }));
}
