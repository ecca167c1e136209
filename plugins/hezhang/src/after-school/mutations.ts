/**
 * Annex 1's mutations: one `input` validated field by field (a bad value is BAD_USER_INPUT naming the
 * field, nothing written), a payload, one transaction through core's runMutation with plugin 'hezhang'
 * at the school's county, where the write rules judge the changes.
 */
import { z } from 'zod';
import {
  badInput,
  exceptionsInputField,
  getSchool,
  payloadType,
  runMutation,
  SCHOOL_TYPES,
  zCrossField,
  zDate,
  zDivisionCode,
  zNodeId,
  zPattern,
  zPersonId,
  zSchoolCode,
  zSchoolYear,
  zStage,
  type Db,
  type GongzhiContext,
  type PluginSchemaApi,
  type SchoolRow,
} from '@gongzhi/core';
import { A1, PLUGIN_ID, SERVICE_STAGES, isTerm, minutesOf, summerTerm } from './domain.js';
import * as ops from './ops.js';
import { zTerm, type AfterSchoolTypes } from './schema.js';

const zText = (max: number) => z.string().trim().min(1).max(max);
const zTime = zPattern(/^([01]\d|2[0-3]):[0-5]\d$/, { en: 'a time is HH:MM (24-hour)', zh: '时间格式应为 HH:MM（24 小时制）' });
const zId = (type: string, en: string, zh: string) => zNodeId(type, { en, zh });
const zUuid = (en: string, zh: string) => zNodeId(null, { en, zh });
const zFen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const REASON_ORDER = { zh: '结束时间应晚于开始时间', en: 'the end comes after the start' };
const REASON_DAYS = { zh: '结束日期早于开始日期', en: 'ends before it starts' };

/** The stage a school serves a session or an enrolment at: given, or the school's only 中小学 stage. */
function serviceStage(school: SchoolRow, given: string | null | undefined, field: string): string {
  const stages = ((SCHOOL_TYPES[school.schoolType]?.stages ?? school.stages) as string[]).filter((s) => (SERVICE_STAGES as readonly string[]).includes(s));
  if (given) {
    if (!stages.includes(given)) throw badInput(field, { zh: `该校不设 ${given} 学段`, en: `the school has no ${given} stage` });
    return given;
  }
  if (stages.length === 1) return stages[0]!;
  throw badInput(field, stages.length ? { zh: '该校有多个学段，请指明', en: 'the school serves several stages: name one' } : { zh: '该校不是中小学', en: 'the school is not a primary or secondary school' });
}

/** Run a write at the school's county, under the Hezhang regime there. */
async function atSchool<T>(ctx: GongzhiContext, schoolCode: string, spec: { operation: string; fields: string[]; exceptions?: readonly unknown[] | null; needsAdmin?: boolean }, body: (tx: Db, school: SchoolRow) => Promise<{ result: T; changes: import('@gongzhi/core').Change[] }>) {
  const school = await getSchool(ctx.db, schoolCode);
  return runMutation(ctx, { ...spec, localityCode: school.countyCode, plugin: PLUGIN_ID }, (tx) => body(tx, school));
}

export function addAfterSchoolMutations(api: PluginSchemaApi, a: AfterSchoolTypes) {
  const { builder, refs } = api;
  const { Stage } = refs;

  const PlanPayload = payloadType(builder, 'HezhangAfterSchoolPlanPayload', 'plan', a.Plan, 'The plan after the mutation.');
  const SessionPayload = payloadType(builder, 'HezhangAfterSchoolSessionPayload', 'session', a.Session, 'The session after the mutation.');
  const ListPayload = payloadType(builder, 'HezhangOutsideStaffListPayload', 'list', a.StaffList, 'The list after the mutation.');
  const EnrolmentPayload = payloadType(builder, 'HezhangAfterSchoolEnrolmentPayload', 'enrolment', a.Enrolment, 'The enrolment after the mutation.');
  const RatePayload = payloadType(builder, 'HezhangAfterSchoolRatePayload', 'rate', a.Rate, 'The rate recorded.');
  const WaiverPayload = payloadType(builder, 'HezhangFeeWaiverPayload', 'waiver', a.Waiver, 'The waiver recorded.');
  const ChargePayload = payloadType(builder, 'HezhangAfterSchoolChargePayload', 'charge', a.Charge, 'The charge recorded.');
  const WithdrawalPayload = payloadType(builder, 'HezhangAfterSchoolWithdrawalPayload', 'withdrawal', a.Withdrawal, 'The withdrawal and its settlement.');
  const SummerPayload = payloadType(builder, 'HezhangSummerCarePayload', 'summerCare', a.SummerCare, 'The summer-care programme recorded.');

  const PlanInput = builder.inputType('RecordHezhangAfterSchoolPlanInput', {
    description: `A school’s plan for a term (一校一案, ${A1} 三(四)); a second one for the same term replaces it, and its sessions are judged again.`,
    validate: zCrossField<{ startsOn: string; endsOn: string }>({ ok: (v) => v.endsOn >= v.startsOn, field: 'endsOn', reason: REASON_DAYS }),
    fields: (t) => ({
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }),
      term: t.string({ required: true, validate: zTerm.refine((x) => !x.endsWith('-S'), { message: 'a plan is for the autumn or spring term', params: { zh: '实施方案按秋季或春季学期制定' } }), description: '学期: `2026-2027-1` (autumn) or `2026-2027-2` (spring).' }),
      title: t.string({ required: true, validate: zText(200), description: 'Its title.' }),
      startsOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day of service.' }),
      endsOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'Last day of service.' }),
      filedOn: t.field({ type: 'Date', validate: zDate, description: '审核备案 — the day the bureau filed it, if it has.' }),
      filingRef: t.string({ validate: zText(200), description: 'The bureau’s filing reference.' }),
      eveningStudyApprovalRef: t.string({ validate: zText(200), description: '晚自习 — a junior or senior day school’s approval to run evening study as boarding schools do (三(二)1–2).' }),
      isSample: t.boolean({ description: 'Sample data, not a real plan.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const FileInput = builder.inputType('FileHezhangAfterSchoolPlanInput', {
    description: '审核备案 — the bureau files a plan (sessions may then take place from that day).',
    fields: (t) => ({
      planId: t.id({ required: true, validate: zUuid('a plan', '实施方案'), description: 'The plan (UUID).' }),
      filedOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'Filed on.' }),
      filingRef: t.string({ required: true, validate: zText(200), description: 'The filing reference.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const SessionInput = builder.inputType('ScheduleHezhangAfterSchoolSessionInput', {
    description: `A session on a school day (${A1} 三(二), 三(三)): judged by hezhang.after-school-plan-filed, -duration, -end-time, -content and hezhang.outside-staff-approved.`,
    validate: zCrossField<{ startsAt: string; endsAt: string }>({ ok: (v) => minutesOf(v.endsAt) > minutesOf(v.startsAt), field: 'endsAt', reason: REASON_ORDER }),
    fields: (t) => ({
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }),
      stage: t.field({ type: Stage, validate: zStage, description: 'The stage served; needed only where the school has two (a nine-year school).' }),
      heldOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'The school day.' }),
      startsAt: t.field({ type: 'LocalTime', required: true, validate: zTime, description: 'Start, HH:MM.' }),
      endsAt: t.field({ type: 'LocalTime', required: true, validate: zTime, description: 'End, HH:MM.' }),
      contentKind: t.field({ type: a.ContentKind, required: true, description: 'What it does.' }),
      title: t.string({ validate: zText(200), description: 'Its name, e.g. 葫芦丝社团.' }),
      personIds: t.idList({ validate: z.array(zPersonId).max(20), description: 'Staff (core people) serving it.' }),
      outsideStaffIds: t.idList({ validate: z.array(zUuid('an outside person', '校外人员')).max(20), description: 'Outside staff serving it (from the school’s lists).' }),
      isSample: t.boolean({ description: 'Sample data.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const AssignInput = builder.inputType('AssignHezhangAfterSchoolStaffInput', {
    description: 'Add staff to a session (hezhang.outside-staff-approved judges outside staff).',
    fields: (t) => ({
      sessionId: t.id({ required: true, validate: zUuid('a session', '课后服务'), description: 'The session (UUID).' }),
      personIds: t.idList({ validate: z.array(zPersonId).max(20), description: 'Staff (core people).' }),
      outsideStaffIds: t.idList({ validate: z.array(zUuid('an outside person', '校外人员')).max(20), description: 'Outside staff.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const MemberInput = builder.inputType('HezhangOutsideStaffMemberInput', {
    description: 'A vetted outside person.',
    fields: (t) => ({
      name: t.string({ required: true, validate: zText(100), description: '姓名.' }),
      kind: t.field({ type: a.OutsideStaffKind, required: true, description: 'Retired teacher, professional or volunteer.' }),
      vettedOn: t.field({ type: 'Date', required: true, validate: zDate, description: '资格政审和入职审查 passed on.' }),
    }),
  });
  const ListInput = builder.inputType('SubmitHezhangOutsideStaffListInput', {
    description: `A school’s list of vetted outside staff, sent to the bureau (${A1} 三(五)三).`,
    fields: (t) => ({
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }),
      submittedOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'Sent on.' }),
      members: t.field({ type: [MemberInput], required: true, validate: z.array(z.unknown()).min(1).max(100), description: 'The people (1–100).' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const ApproveInput = builder.inputType('ApproveHezhangOutsideStaffListInput', {
    description: 'The bureau approves a list; its people may serve from that day.',
    fields: (t) => ({
      listId: t.id({ required: true, validate: zUuid('a list', '名单'), description: 'The list (UUID).' }),
      approvedOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'Approved on.' }),
      approvalRef: t.string({ required: true, validate: zText(200), description: 'The approval reference.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const PupilInput = builder.inputType('RecordHezhangAfterSchoolPupilInput', {
    description: `A pupil’s personal data as annex 1 needs it (name, guardian contact, waiver category, priority groups): stored for the \`pii\` scope only, and read back only with it.`,
    fields: (t) => ({
      pupilId: t.id({ required: true, validate: zUuid('a pupil', '学生'), description: 'The pupil (hezhang pupils, UUID).' }),
      name: t.string({ required: true, validate: zText(100), description: '姓名 (personal).' }),
      guardianName: t.string({ validate: zText(100), description: '监护人姓名 (personal).' }),
      guardianPhone: t.string({ validate: zPattern(/^\+?[\d-]{7,20}$/, { en: 'a phone number is 7–20 digits', zh: '电话号码应为 7–20 位数字' }), description: '监护人电话 (personal).' }),
      waiverCategory: t.field({ type: a.WaiverCategory, description: '费用减免对象 (personal): the pupil may be charged only after a waiver is recorded (hezhang.fee-waiver).' }),
      priorityGroups: t.field({ type: [a.PriorityGroup], validate: z.array(z.string()).max(5), description: '重点保障群体 (personal).' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const EnrolInput = builder.inputType('EnrolHezhangAfterSchoolPupilInput', {
    description: `A pupil’s enrolment for a term (or a summer-care programme): hezhang.after-school-consent refuses it without the parent’s written application, the school’s approval, the agreement and the safety letter.`,
    fields: (t) => ({
      pupilId: t.id({ required: true, validate: zUuid('a pupil', '学生'), description: 'The pupil (UUID).' }),
      term: t.string({ validate: zTerm, description: '学期 for term service (`2026-2027-1`, `2026-2027-2`); omit with summerCareId.' }),
      summerCareId: t.id({ validate: zUuid('a summer-care programme', '暑期托管'), description: 'The summer-care programme, for summer care.' }),
      stage: t.field({ type: Stage, validate: zStage, description: 'The pupil’s stage; needed only where the school has two.' }),
      appliedOn: t.field({ type: 'Date', validate: zDate, description: '家长书面申请 — the written application’s day.' }),
      applicationRef: t.string({ validate: zText(200), description: 'The written application as filed.' }),
      approvedOn: t.field({ type: 'Date', validate: zDate, description: '学校同意 — approved on.' }),
      agreementSignedOn: t.field({ type: 'Date', validate: zDate, description: '课后服务协议 signed on.' }),
      safetyLetterSignedOn: t.field({ type: 'Date', validate: zDate, description: '安全责任书 signed on.' }),
      isSample: t.boolean({ description: 'Sample data.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const RateInput = builder.inputType('SetHezhangAfterSchoolRateInput', {
    description: `The county’s rate for a stage (${A1} 二(三)): per session of a length, from a date, under the 发改局’s document after a hearing. Overlapping rates of a stage are refused (hezhang.fee-rate).`,
    validate: zCrossField<{ effectiveFrom: string; effectiveTo?: string | null; hearingOn: string }>(
      { ok: (v) => !v.effectiveTo || v.effectiveTo >= v.effectiveFrom, field: 'effectiveTo', reason: REASON_DAYS },
      { ok: (v) => v.hearingOn <= v.effectiveFrom, field: 'hearingOn', reason: { zh: '听证会应在标准生效之前', en: 'the hearing comes before the rate takes effect' } },
    ),
    fields: (t) => ({
      countyCode: t.field({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: 'The county (520527 赫章县).' }),
      stage: t.field({ type: Stage, required: true, validate: z.enum(SERVICE_STAGES), description: '小学 PRIMARY, 初中 JUNIOR or 高中 SENIOR.' }),
      sessionFen: t.field({ type: 'Fen', required: true, validate: zFen, description: 'Per pupil per session, in fen.' }),
      sessionMinutes: t.int({ required: true, validate: z.number().int().min(30).max(240), description: 'The session length the rate is for (30–240 minutes).' }),
      effectiveFrom: t.field({ type: 'Date', required: true, validate: zDate, description: 'In force from.' }),
      effectiveTo: t.field({ type: 'Date', validate: zDate, description: 'In force until.' }),
      approvalRef: t.string({ required: true, validate: zText(200), description: 'The 发改局’s approving document.' }),
      hearingOn: t.field({ type: 'Date', required: true, validate: zDate, description: '听证会 — the hearing’s day.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const WaiverInput = builder.inputType('RecordHezhangFeeWaiverInput', {
    description: `A waiver for a pupil and a term, recorded case by case with its approval (${A1} 二(三)): a sum or a share, exactly one.`,
    validate: zCrossField<{ amountFen?: number | null; shareBp?: number | null }>({ ok: (v) => (v.amountFen == null) !== (v.shareBp == null), field: 'amountFen', reason: { zh: '减免金额与减免比例须且只能填一项', en: 'give either amountFen or shareBp, not both' } }),
    fields: (t) => ({
      pupilId: t.id({ required: true, validate: zUuid('a pupil', '学生'), description: 'The pupil (UUID).' }),
      term: t.string({ required: true, validate: zTerm, description: 'The term (or `<year>-S` for summer care).' }),
      amountFen: t.field({ type: 'Fen', validate: zFen, description: 'A sum taken off, in fen.' }),
      shareBp: t.int({ validate: z.number().int().min(1).max(10000), description: 'Or a share in basis points (10000 = all).' }),
      approvalRef: t.string({ required: true, validate: zText(200), description: 'Who approved it, where.' }),
      approvedOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'Approved on.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const ChargeInput = builder.inputType('ChargeHezhangAfterSchoolFeeInput', {
    description: 'Charge an enrolment once: the rate × the units less the waiver, computed here; an `amountFen` that differs is refused (hezhang.fee-rate, hezhang.summer-care-limits), as is any item but the service or summer-care fee.',
    fields: (t) => ({
      enrolmentId: t.id({ required: true, validate: zId('HezhangAfterSchoolEnrolment', 'an enrolment', '报名'), description: 'The enrolment (Relay id or UUID).' }),
      item: t.field({ type: a.ChargeItem, required: true, description: 'What it is for.' }),
      units: t.int({ validate: z.number().int().min(1).max(400), description: 'Sessions paid for (term); for summer care, minutes (default: the programme’s booked minutes).' }),
      amountFen: t.field({ type: 'Fen', validate: zFen, description: 'What the school charges (default: computed).' }),
      chargedOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'Charged on.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const AttendanceInput = builder.inputType('RecordHezhangAfterSchoolAttendanceInput', {
    description: 'Pupils at a session: the actual use withdrawals are settled on.',
    fields: (t) => ({
      sessionId: t.id({ required: true, validate: zUuid('a session', '课后服务'), description: 'The session (UUID).' }),
      pupilIds: t.idList({ required: true, validate: z.array(zUuid('a pupil', '学生')).min(1).max(500), description: 'The pupils present (enrolled for the term).' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const WithdrawInput = builder.inputType('WithdrawHezhangAfterSchoolPupilInput', {
    description: `中途退出 — on the parent’s written application, settled on actual use and the rest refunded (${A1} 三(六)二; hezhang.withdrawal-refund).`,
    fields: (t) => ({
      enrolmentId: t.id({ required: true, validate: zId('HezhangAfterSchoolEnrolment', 'an enrolment', '报名'), description: 'The enrolment (Relay id or UUID).' }),
      appliedOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'The written application’s day.' }),
      applicationRef: t.string({ required: true, validate: zText(200), description: '书面申请 — the application as filed.' }),
      refundFen: t.field({ type: 'Fen', validate: zFen, description: 'The refund the school paid (default: computed); one that differs is refused.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const SummerInput = builder.inputType('OrganiseHezhangSummerCareInput', {
    description: `暑期托管 — a school’s summer-care programme (${A1} 三(二)3): at most 3 weeks and 6 h a day, in principle (an exception may be recorded).`,
    validate: zCrossField<{ startsOn: string; endsOn: string; dailyStart: string; dailyEnd: string }>(
      { ok: (v) => v.endsOn >= v.startsOn, field: 'endsOn', reason: REASON_DAYS },
      { ok: (v) => minutesOf(v.dailyEnd) > minutesOf(v.dailyStart), field: 'dailyEnd', reason: REASON_ORDER },
    ),
    fields: (t) => ({
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }),
      schoolYear: t.field({ type: 'SchoolYear', required: true, validate: zSchoolYear, description: 'The school year whose summer it is.' }),
      startsOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day.' }),
      endsOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'Last day.' }),
      dailyStart: t.field({ type: 'LocalTime', required: true, validate: zTime, description: 'Daily start.' }),
      dailyEnd: t.field({ type: 'LocalTime', required: true, validate: zTime, description: 'Daily end.' }),
      isSample: t.boolean({ description: 'Sample data.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const fieldsOf = (i: object) => Object.keys(i).filter((k) => k !== 'exceptions');

  builder.mutationFields((m) => ({
    recordHezhangAfterSchoolPlan: m.field({
      type: PlanPayload,
      description: '一校一案 — record a school’s plan for a term (filed or not yet).',
      args: { input: m.arg({ type: PlanInput, required: true, description: 'The plan.' }) },
      resolve: (_, { input: i }, ctx) =>
        atSchool(ctx, i.schoolCode, { operation: 'recordHezhangAfterSchoolPlan', fields: fieldsOf(i), exceptions: i.exceptions }, async (tx) => {
          const { row, changes } = await ops.recordPlan(tx, { ...i, eveningStudyRef: i.eveningStudyApprovalRef });
          return { result: { plan: row }, changes };
        }),
    }),
    fileHezhangAfterSchoolPlan: m.field({
      type: PlanPayload,
      description: '审核备案 — the bureau files a plan.',
      args: { input: m.arg({ type: FileInput, required: true, description: 'The plan and the filing.' }) },
      resolve: async (_, { input: i }, ctx) => {
        const plan = await ops.getPlan(ctx.db, i.planId);
        return atSchool(ctx, plan.schoolCode, { operation: 'fileHezhangAfterSchoolPlan', fields: fieldsOf(i), exceptions: i.exceptions }, async (tx) => {
          const { row, changes } = await ops.filePlan(tx, plan.id, i.filedOn, i.filingRef);
          return { result: { plan: row }, changes };
        });
      },
    }),
    scheduleHezhangAfterSchoolSession: m.field({
      type: SessionPayload,
      description: '课后服务 — schedule (or record) a session.',
      args: { input: m.arg({ type: SessionInput, required: true, description: 'The session.' }) },
      resolve: (_, { input: i }, ctx) =>
        atSchool(ctx, i.schoolCode, { operation: 'scheduleHezhangAfterSchoolSession', fields: fieldsOf(i), exceptions: i.exceptions }, async (tx, school) => {
          const stage = serviceStage(school, i.stage, 'input.stage');
          const { row, changes } = await ops.scheduleSession(tx, { ...i, stage, contentKind: i.contentKind, personIds: i.personIds as string[] | null, outsideStaffIds: i.outsideStaffIds as string[] | null });
          return { result: { session: row }, changes };
        }),
    }),
    assignHezhangAfterSchoolStaff: m.field({
      type: SessionPayload,
      description: 'Add staff to a session.',
      args: { input: m.arg({ type: AssignInput, required: true, description: 'The session and the staff.' }) },
      resolve: async (_, { input: i }, ctx) => {
        const s = await ops.getSession(ctx.db, i.sessionId);
        return atSchool(ctx, s.schoolCode, { operation: 'assignHezhangAfterSchoolStaff', fields: fieldsOf(i), exceptions: i.exceptions }, async (tx) => {
          const changes = await ops.assignStaff(tx, s.id, s.schoolCode, (i.personIds ?? []) as string[], (i.outsideStaffIds ?? []) as string[]);
          return { result: { session: s }, changes };
        });
      },
    }),
    submitHezhangOutsideStaffList: m.field({
      type: ListPayload,
      description: '校外聘用人员名单 — send a list of vetted outside staff to the bureau.',
      args: { input: m.arg({ type: ListInput, required: true, description: 'The list.' }) },
      resolve: (_, { input: i }, ctx) =>
        atSchool(ctx, i.schoolCode, { operation: 'submitHezhangOutsideStaffList', fields: fieldsOf(i), exceptions: i.exceptions }, async (tx) => {
          const { row, changes } = await ops.submitStaffList(tx, { schoolCode: i.schoolCode, submittedOn: i.submittedOn, members: i.members as never });
          return { result: { list: row }, changes };
        }),
    }),
    approveHezhangOutsideStaffList: m.field({
      type: ListPayload,
      description: 'The bureau approves an outside-staff list.',
      args: { input: m.arg({ type: ApproveInput, required: true, description: 'The list and the approval.' }) },
      resolve: async (_, { input: i }, ctx) => {
        const list = await ops.getStaffList(ctx.db, i.listId);
        return atSchool(ctx, list.schoolCode, { operation: 'approveHezhangOutsideStaffList', fields: fieldsOf(i), exceptions: i.exceptions }, async (tx) => {
          const { row, changes } = await ops.approveStaffList(tx, list.id, i.approvedOn, i.approvalRef);
          return { result: { list: row }, changes };
        });
      },
    }),
  }));

  builder.mutationFields((m) => ({
    enrolHezhangAfterSchoolPupil: m.field({
      type: EnrolmentPayload,
      description: '报名登记 — enrol a pupil for a term or a summer-care programme.',
      args: { input: m.arg({ type: EnrolInput, required: true, description: 'The enrolment.' }) },
      resolve: async (_, { input: i }, ctx) => {
        const pupil = await ops.getPupil(ctx.db, i.pupilId);
        const summer = i.summerCareId ? await ops.getSummerCare(ctx.db, i.summerCareId) : null;
        if (!summer && !i.term) throw badInput('input.term', { zh: '请填写学期或暑期托管', en: 'give a term or a summer-care programme' });
        if (summer && summer.schoolCode !== pupil.schoolCode) throw badInput('input.summerCareId', { zh: '暑期托管不在该生学校', en: 'the programme is at another school' });
        const term = summer ? summerTerm(summer.schoolYear) : i.term!;
        if (!isTerm(term) || (!summer && term.endsWith('-S'))) throw badInput('input.term', { zh: '暑期请填写暑期托管', en: 'summer care is enrolled by its programme (summerCareId)' });
        return atSchool(ctx, pupil.schoolCode, { operation: 'enrolHezhangAfterSchoolPupil', fields: fieldsOf(i), exceptions: i.exceptions }, async (tx, school) => {
          const stage = serviceStage(school, i.stage, 'input.stage');
          const { row, changes } = await ops.enrol(tx, { ...i, schoolCode: pupil.schoolCode, term, stage, summerCareId: summer?.id ?? null });
          return { result: { enrolment: row }, changes };
        });
      },
    }),
    setHezhangAfterSchoolRate: m.field({
      type: RatePayload,
      description: '收费标准 — record the county’s rate for a stage (admin).',
      args: { input: m.arg({ type: RateInput, required: true, description: 'The rate.' }) },
      resolve: (_, { input: i }, ctx) =>
        runMutation(ctx, { operation: 'setHezhangAfterSchoolRate', localityCode: i.countyCode, plugin: PLUGIN_ID, needsAdmin: true, fields: fieldsOf(i), exceptions: i.exceptions }, async (tx) => {
          const { row, changes } = await ops.setRate(tx, { ...i, stage: i.stage as string });
          return { result: { rate: row }, changes };
        }),
    }),
    recordHezhangFeeWaiver: m.field({
      type: WaiverPayload,
      description: '费用减免 — record a pupil’s waiver for a term.',
      args: { input: m.arg({ type: WaiverInput, required: true, description: 'The waiver.' }) },
      resolve: async (_, { input: i }, ctx) => {
        const pupil = await ops.getPupil(ctx.db, i.pupilId);
        return atSchool(ctx, pupil.schoolCode, { operation: 'recordHezhangFeeWaiver', fields: fieldsOf(i), exceptions: i.exceptions }, async (tx) => {
          const { row, changes } = await ops.recordWaiver(tx, i);
          return { result: { waiver: row }, changes };
        });
      },
    }),
    chargeHezhangAfterSchoolFee: m.field({
      type: ChargePayload,
      description: '收费 — charge an enrolment (hezhang.fee-rate, hezhang.fee-waiver, hezhang.summer-care-limits).',
      args: { input: m.arg({ type: ChargeInput, required: true, description: 'The charge.' }) },
      resolve: async (_, { input: i }, ctx) => {
        const e = await ops.getEnrolment(ctx.db, i.enrolmentId);
        return atSchool(ctx, e.schoolCode, { operation: 'chargeHezhangAfterSchoolFee', fields: fieldsOf(i), exceptions: i.exceptions }, async (tx) => {
          const { row, changes } = await ops.charge(tx, { ...i, enrolmentId: e.id, item: i.item as never });
          return { result: { charge: row }, changes };
        });
      },
    }),
    recordHezhangAfterSchoolAttendance: m.field({
      type: SessionPayload,
      description: '考勤 — the pupils at a session.',
      args: { input: m.arg({ type: AttendanceInput, required: true, description: 'The session and the pupils.' }) },
      resolve: async (_, { input: i }, ctx) => {
        const s = await ops.getSession(ctx.db, i.sessionId);
        return atSchool(ctx, s.schoolCode, { operation: 'recordHezhangAfterSchoolAttendance', fields: fieldsOf(i), exceptions: i.exceptions }, async (tx) => {
          const changes = await ops.recordAttendance(tx, s.id, i.pupilIds as string[]);
          return { result: { session: s }, changes };
        });
      },
    }),
    withdrawHezhangAfterSchoolPupil: m.field({
      type: WithdrawalPayload,
      description: '中途退出 — a pupil withdraws; the fee is settled on actual use and the rest refunded.',
      args: { input: m.arg({ type: WithdrawInput, required: true, description: 'The withdrawal.' }) },
      resolve: async (_, { input: i }, ctx) => {
        const e = await ops.getEnrolment(ctx.db, i.enrolmentId);
        return atSchool(ctx, e.schoolCode, { operation: 'withdrawHezhangAfterSchoolPupil', fields: fieldsOf(i), exceptions: i.exceptions }, async (tx) => {
          const { row, changes } = await ops.withdraw(tx, { ...i, enrolmentId: e.id });
          return { result: { withdrawal: row }, changes };
        });
      },
    }),
    organiseHezhangSummerCare: m.field({
      type: SummerPayload,
      description: '暑期托管 — record a school’s summer-care programme (hezhang.summer-care-limits).',
      args: { input: m.arg({ type: SummerInput, required: true, description: 'The programme.' }) },
      resolve: (_, { input: i }, ctx) =>
        atSchool(ctx, i.schoolCode, { operation: 'organiseHezhangSummerCare', fields: fieldsOf(i), exceptions: i.exceptions }, async (tx) => {
          const { row, changes } = await ops.organiseSummerCare(tx, i);
          return { result: { summerCare: row }, changes };
        }),
    }),
  }));
  return { PupilInput };
}
