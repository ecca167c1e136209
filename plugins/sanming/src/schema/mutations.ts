/** Sanming mutations: one `input`, a payload, one transaction through core's runMutation with `plugin: 'sanming'`. */
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import {
  badInput,
  canReadPersonalData,
  exceptionsInputField,
  forbidden,
  getPerson,
  getSchool,
  parseInput,
  payloadType,
  runMutation,
  zDate,
  zDivisionCode,
  zGroupId,
  zName,
  zPersonId,
  zSchoolCode,
  zSchoolYear,
  type Change,
  type Db,
  type GongzhiContext,
  type PluginSchemaApi,
  type SchoolGroupRow,
  tables as core,
} from '@gongzhi/core';
import { ADMISSION_METHODS, AUTHORITIES, CENTRE_KINDS, DECISION_KINDS, LEGAL_PERSONS, LEVELS, PAY_COMPONENTS, STAFF_STATUSES } from '../repo.js';
import { appointExecutivePrincipal, appointGeneralPrincipal, formZongxiao, getZongxiao, recordDecision, setAuthority } from '../ops.js';
import { admissionPolicies, bundledAppraisals, centres, districtPlans, evaluations, experimentalClasses, leaderPostQuotas, payRecords, payStandards, staffStatuses, titlePriorityEntries } from '../tables.js';
import type { SanmingRefs } from './types.js';

const zText = (max = 500) => z.string().trim().min(1).max(max);
const zConsultation = z.object({ bureauCode: zDivisionCode, consultedOn: zDate, agreementReached: z.boolean(), agreement: zText(2000).nullish() });
const zPercent = z.number().min(0).max(100).nullish();
const zFen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A mutation on an existing 总校 acts under its locality and the Sanming regime there. */
async function onZongxiao<T>(ctx: GongzhiContext, groupId: string, operation: string, input: Record<string, unknown>, body: (tx: Db, g: SchoolGroupRow) => Promise<{ result: T; changes: Change[] }>): Promise<T> {
  const g = await getZongxiao(ctx.db, groupId);
  return runMutation(ctx, { operation, localityCode: g.localityCode, plugin: 'sanming', fields: Object.keys(input), exceptions: input.exceptions as unknown[] | null }, (tx) => body(tx, g));
}

/** A school that must be a member of the 总校 on a date. */
async function memberOf(tx: Db, g: SchoolGroupRow, schoolCode: string, on: string | null, field = 'input.schoolCode') {
  const rows = await tx.select().from(core.groupMembers).where(and(eq(core.groupMembers.groupId, g.id), eq(core.groupMembers.schoolCode, schoolCode)));
  if (!rows.some((m) => !on || (m.validFrom <= on && (!m.validTo || m.validTo >= on))))
    throw badInput(field, { zh: `学校 ${schoolCode} ${on ? `在 ${on} ` : ''}不是总校「${g.name}」的成员`, en: `school ${schoolCode} is not a member of 总校 “${g.name}”${on ? ` on ${on}` : ''}` });
}

export function addMutations({ builder, refs }: PluginSchemaApi, s: SanmingRefs) {
  const { Post, Locality } = refs;
  const pay = (name: string, field: string, ref: Parameters<typeof payloadType>[3], what: string) => payloadType(builder, name, field, ref as never, what);
  const ZongxiaoPayload = pay('SanmingZongxiaoPayload', 'zongxiao', s.Zongxiao, 'The result of a 总校 mutation.');
  const AppointedPayload = pay('SanmingAppointmentPayload', 'appointment', s.HeadPost, 'The post created, with its appointing body.');
  const DecisionPayload = pay('SanmingDecisionPayload', 'decision', s.Decision, 'The decision recorded.');
  const CentrePayload = pay('SanmingCentrePayload', 'centre', s.Centre, 'The centre set up.');
  const AppraisalPayload = pay('SanmingBundledAppraisalPayload', 'appraisal', s.Appraisal, 'The appraisal recorded.');
  const PayRecordPayload = pay('SanmingPayRecordPayload', 'payRecord', s.PayRecord, 'The pay record written.');
  const StandardPayload = pay('SanmingPayStandardPayload', 'payStandard', s.PayStandard, 'The standard written.');
  const StatusPayload = pay('SanmingStaffStatusPayload', 'staffStatus', s.StaffStatusRef, 'The status recorded.');
  const QuotaPayload = pay('SanmingLeaderPostQuotaPayload', 'quota', s.Quota, 'The quota recorded.');
  const ClassPayload = pay('SanmingExperimentalClassPayload', 'experimentalClass', s.ExperimentalClass, 'The class recorded.');
  const AdmissionPayload = pay('SanmingAdmissionPolicyPayload', 'admissionPolicy', s.Admission, 'The admission record written.');
  const EvaluationPayload = pay('SanmingEvaluationPayload', 'evaluation', s.Evaluation, 'The evaluation recorded.');
  const SchoolPayload = pay('SanmingSchoolAuthorityPayload', 'school', refs.School, 'The school whose authority was recorded.');
  const LocalityPayload = pay('SanmingDistrictPlanPayload', 'locality', Locality, 'The district whose plan was recorded.');

  const Consultation = builder.inputType('SanmingConsultationInput', {
    description: '征求意见 — the consultation of a member’s own bureau before a major decision, and the agreement reached (三(三) 达成共识).',
    fields: (t) => ({
      bureauCode: t.field({ type: 'DivisionCode', required: true, description: 'The bureau consulted: the member’s own (the city’s for 市属, its district’s for 区属).' }),
      consultedOn: t.field({ type: 'Date', required: true, description: 'When it was consulted (on or before the decision).' }),
      agreementReached: t.boolean({ required: true, description: '达成共识 — whether agreement was reached.' }),
      agreement: t.string({ description: 'The agreement reached: its document or minutes (required for a decision to stand).' }),
    }),
  });
  const Head = builder.inputType('SanmingGeneralPrincipalInput', {
    description: '总校长 — who heads the 总校 from its first day, and who appointed them.',
    fields: (t) => ({
      personId: t.id({ required: true, description: 'The person’s Relay id or UUID.' }),
      appointedBy: t.string({ required: true, description: '任命机关 — the body that appointed them.' }),
      documentRef: t.string({ description: '任命文件 — the appointing document.' }),
    }),
  });
  const Member = builder.inputType('SanmingMemberInput', {
    description: 'A member school and, where known, its authority.',
    fields: (t) => ({
      schoolCode: t.field({ type: 'SchoolCode', required: true, description: '学校标识码.' }),
      authority: t.field({ type: s.Authority, description: '隶属; leave it out when not known (UNKNOWN is not a guess).' }),
    }),
  });
  const zHead = z.object({ personId: zPersonId, appointedBy: zText(200), documentRef: zText(200).nullish() });
  const zMember = z.object({ schoolCode: zSchoolCode, authority: z.enum(AUTHORITIES).nullish() });

  const FormInput = builder.inputType('FormSanmingZongxiaoInput', {
    description: 'Form a 总校 (三): its lead school, its members, its 总校长, one legal person or several, and from when.',
    fields: (t) => ({
      localityCode: t.field({ type: 'DivisionCode', required: true, description: 'The bureau whose 总校 it is (350400 三明市 for the city level, a district for its own).' }),
      name: t.string({ required: true, description: 'Its name.' }),
      level: t.field({ type: s.Level, required: true, description: '总校层级.' }),
      legalPersons: t.field({ type: s.LegalPersons, required: true, description: '一个法人 or 多个法人.' }),
      lead: t.field({ type: Member, required: true, description: '总校 — the lead school (牵头学校) the 总校长 runs.' }),
      members: t.field({ type: [Member], required: true, description: '成员学校 — the other schools (一对一: one; 一对多: several).' }),
      validFrom: t.field({ type: 'Date', required: true, description: 'The first day of the 总校.' }),
      generalPrincipal: t.field({ type: Head, required: true, description: '总校长 — 总校长负责制 (三(三)): a 总校 has one from its first day.' }),
      isSample: t.boolean({ description: 'Sample data, not a real 总校.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const zForm = z.object({
    localityCode: zDivisionCode,
    name: zName,
    level: z.enum(LEVELS),
    legalPersons: z.enum(LEGAL_PERSONS),
    lead: zMember,
    members: z.array(zMember).min(1).max(50),
    validFrom: zDate,
    generalPrincipal: zHead,
    isSample: z.boolean().nullish(),
  });

  const AuthorityInput = builder.inputType('SetSanmingSchoolAuthorityInput', {
    description: 'Record a school’s authority (隶属) from a date. A member’s known authority cannot be switched (sanming.status-unchanged).',
    fields: (t) => ({
      schoolCode: t.field({ type: 'SchoolCode', required: true, description: '学校标识码.' }),
      authority: t.field({ type: s.Authority, required: true, description: '市属 or 区属.' }),
      validFrom: t.field({ type: 'Date', required: true, description: 'From when.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const zAuthority = z.object({ schoolCode: zSchoolCode, authority: z.enum(AUTHORITIES), validFrom: zDate });

  const GeneralInput = builder.inputType('AppointSanmingGeneralPrincipalInput', {
    description: 'Appoint a new 总校长 from a date: the current one’s post ends the day before.',
    fields: (t) => ({
      groupId: t.id({ required: true, description: 'The 总校’s id.' }),
      personId: t.id({ required: true, description: 'The person’s Relay id or UUID.' }),
      validFrom: t.field({ type: 'Date', required: true, description: 'First day in post.' }),
      appointedBy: t.string({ required: true, description: '任命机关 — the appointing body.' }),
      documentRef: t.string({ description: '任命文件.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const zGeneral = z.object({ groupId: zGroupId, personId: zPersonId, validFrom: zDate, appointedBy: zText(200), documentRef: zText(200).nullish() });

  const ExecInput = builder.inputType('AppointSanmingExecutivePrincipalInput', {
    description: 'Appoint a member’s 执行校长 (统一任命, 四(二)1): a personnel decision over the member, which needs its own bureau’s agreement (sanming.authority-consensus).',
    fields: (t) => ({
      groupId: t.id({ required: true, description: 'The 总校’s id.' }),
      schoolCode: t.field({ type: 'SchoolCode', required: true, description: 'The member school (not the lead).' }),
      personId: t.id({ required: true, description: 'The person’s Relay id or UUID.' }),
      validFrom: t.field({ type: 'Date', required: true, description: 'First day in post (the decision’s day).' }),
      appointedBy: t.string({ required: true, description: '任命机关 — the appointing body.' }),
      documentRef: t.string({ description: '任命文件.' }),
      consultation: t.field({ type: Consultation, description: 'The consultation of the member’s own bureau and the agreement reached.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const zExec = z.object({ groupId: zGroupId, schoolCode: zSchoolCode, personId: zPersonId, validFrom: zDate, appointedBy: zText(200), documentRef: zText(200).nullish(), consultation: zConsultation.nullish() });

  const DecisionInput = builder.inputType('RecordSanmingDecisionInput', {
    description: 'Record a personnel, funding or other major decision over a member, with its consultation (三(三)). A leader appointed at a member through core’s createPost needs one, naming the person.',
    fields: (t) => ({
      groupId: t.id({ required: true, description: 'The 总校’s id.' }),
      schoolCode: t.field({ type: 'SchoolCode', required: true, description: 'The member school it concerns.' }),
      kind: t.field({ type: s.DecisionKind, required: true, description: 'Personnel, funding or other.' }),
      subject: t.string({ required: true, description: 'What is decided.' }),
      decidedOn: t.field({ type: 'Date', required: true, description: 'The day it is decided.' }),
      personId: t.id({ description: 'For a personnel decision: the person concerned.' }),
      consultation: t.field({ type: Consultation, description: 'The consultation of the member’s own bureau.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const zDecision = z.object({ groupId: zGroupId, schoolCode: zSchoolCode, kind: z.enum(DECISION_KINDS), subject: zText(500), decidedOn: zDate, personId: zPersonId.nullish(), consultation: zConsultation.nullish() });

  const CentreInput = builder.inputType('EstablishSanmingCentreInput', {
    description: 'Set up a centre of the 总校 (四(二)1–2, 四(一)4).',
    fields: (t) => ({
      groupId: t.id({ required: true, description: 'The 总校’s id.' }),
      kind: t.field({ type: s.CentreKind, required: true, description: 'Which centre.' }),
      name: t.string({ required: true, description: 'Its name.' }),
      establishedOn: t.field({ type: 'Date', required: true, description: 'When it was set up.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const zCentre = z.object({ groupId: zGroupId, kind: z.enum(CENTRE_KINDS), name: zName, establishedOn: zDate });

  const AppraisalInput = builder.inputType('RecordSanmingBundledAppraisalInput', {
    description: 'Record a school year’s bundled appraisal (捆绑考核, 四(一)1) of the 总校’s schools.',
    fields: (t) => ({
      groupId: t.id({ required: true, description: 'The 总校’s id.' }),
      schoolYear: t.field({ type: 'SchoolYear', required: true, description: 'The school year appraised.' }),
      method: t.string({ required: true, description: 'How the schools were appraised together.' }),
      schoolCodes: t.field({ type: ['SchoolCode'], required: true, description: 'The schools covered (members of the 总校).' }),
      completedOn: t.field({ type: 'Date', required: true, description: 'When it was completed.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const zAppraisal = z.object({ groupId: zGroupId, schoolYear: zSchoolYear, method: zText(1000), schoolCodes: z.array(zSchoolCode).min(1).max(50), completedOn: zDate });

  const PayInput = builder.inputType('RecordSanmingPayInput', {
    description: 'Record one component of a staff member’s pay from a date (四(三)3). Personal data: needs the `pii` scope for the person’s locality. A lowering is refused (sanming.pay-not-lowered).',
    fields: (t) => ({
      personId: t.id({ required: true, description: 'The person’s Relay id or UUID.' }),
      schoolCode: t.field({ type: 'SchoolCode', required: true, description: 'The school that pays it.' }),
      component: t.field({ type: s.PayComponent, required: true, description: 'Which component.' }),
      label: t.string({ description: 'For OTHER: the component’s name (required then).' }),
      amountFen: t.field({ type: 'Fen', required: true, description: 'The amount in fen.' }),
      validFrom: t.field({ type: 'Date', required: true, description: 'First day of the amount.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const otherNeedsLabel = [(v: { component: string; label?: string | null }) => v.component !== 'OTHER' || !!v.label, { message: 'label is required for OTHER', path: ['label'] as PropertyKey[], params: { zh: '其他项目须填写名称' } }] as const;
  const zPay = z.object({ personId: zPersonId, schoolCode: zSchoolCode, component: z.enum(PAY_COMPONENTS), label: zText(100).nullish(), amountFen: zFen, validFrom: zDate }).refine(...otherNeedsLabel);
  const StandardInput = builder.inputType('RecordSanmingPayStandardInput', {
    description: 'Record a school’s pay standard for one component from a date (四(三)3 就高不就低: a member’s standard moves only up).',
    fields: (t) => ({
      schoolCode: t.field({ type: 'SchoolCode', required: true, description: '学校标识码.' }),
      component: t.field({ type: s.PayComponent, required: true, description: 'Which component.' }),
      label: t.string({ description: 'For OTHER: the component’s name.' }),
      amountFen: t.field({ type: 'Fen', required: true, description: 'The standard in fen.' }),
      validFrom: t.field({ type: 'Date', required: true, description: 'First day of the standard.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const zStandard = z.object({ schoolCode: zSchoolCode, component: z.enum(PAY_COMPONENTS), label: zText(100).nullish(), amountFen: zFen, validFrom: zDate }).refine(...otherNeedsLabel);

  const StatusInput = builder.inputType('RecordSanmingStaffStatusInput', {
    description: 'Record a staff member’s status and establishment school (编制) from a date (四(三)1).',
    fields: (t) => ({
      personId: t.id({ required: true, description: 'The person’s Relay id or UUID.' }),
      status: t.field({ type: s.StaffStatus, required: true, description: '在编, 合同制 or other.' }),
      establishmentSchoolCode: t.field({ type: 'SchoolCode', description: '编制所在学校; omit when not in an establishment.' }),
      validFrom: t.field({ type: 'Date', required: true, description: 'From when.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const zStatus = z.object({ personId: zPersonId, status: z.enum(STAFF_STATUSES), establishmentSchoolCode: zSchoolCode.nullish(), validFrom: zDate });

  const QuotaInput = builder.inputType('RecordSanmingLeaderPostQuotaInput', {
    description: 'Record a school’s approved leader posts (领导职数) from a date (六(三): not reduced while in a 总校).',
    fields: (t) => ({
      schoolCode: t.field({ type: 'SchoolCode', required: true, description: '学校标识码.' }),
      quota: t.int({ required: true, description: 'The number of leader posts.' }),
      validFrom: t.field({ type: 'Date', required: true, description: 'From when.' }),
      documentRef: t.string({ description: 'The approving document.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const zQuota = z.object({ schoolCode: zSchoolCode, quota: z.number().int().min(0).max(100), validFrom: zDate, documentRef: zText(200).nullish() });

  const ClassInput = builder.inputType('RecordSanmingExperimentalClassInput', {
    description: 'Record a junior experimental class (四(一)5) with its junior and senior mentors.',
    fields: (t) => ({
      groupId: t.id({ required: true, description: 'The 总校’s id.' }),
      schoolCode: t.field({ type: 'SchoolCode', required: true, description: 'The member junior school where it is.' }),
      name: t.string({ required: true, description: 'Its name.' }),
      schoolYear: t.field({ type: 'SchoolYear', required: true, description: 'The school year.' }),
      juniorMentorPersonId: t.id({ description: '初中导师.' }),
      seniorMentorPersonId: t.id({ description: '高中导师.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const zClass = z.object({ groupId: zGroupId, schoolCode: zSchoolCode, name: zName, schoolYear: zSchoolYear, juniorMentorPersonId: zPersonId.nullish(), seniorMentorPersonId: zPersonId.nullish() });

  const AdmissionInput = builder.inputType('RecordSanmingAdmissionPolicyInput', {
    description: 'Record how a compulsory member admits pupils in a school year (四(一)6): exam-free; primary by catchment, junior by catchment with feeder schools.',
    fields: (t) => ({
      groupId: t.id({ required: true, description: 'The 总校’s id.' }),
      schoolCode: t.field({ type: 'SchoolCode', required: true, description: 'The member school.' }),
      schoolYear: t.field({ type: 'SchoolYear', required: true, description: 'The school year of admission.' }),
      stage: t.field({ type: refs.Stage, required: true, description: 'PRIMARY or JUNIOR.' }),
      isExamFree: t.boolean({ required: true, description: '免试.' }),
      method: t.field({ type: s.AdmissionMethod, required: true, description: 'How pupils are admitted.' }),
      catchment: t.string({ description: '划片范围.' }),
      feederSchoolCodes: t.field({ type: ['SchoolCode'], description: '对口小学 of a junior school.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const zAdmission = z.object({ groupId: zGroupId, schoolCode: zSchoolCode, schoolYear: zSchoolYear, stage: z.enum(['PRIMARY', 'JUNIOR']), isExamFree: z.boolean(), method: z.enum(ADMISSION_METHODS), catchment: zText(1000).nullish(), feederSchoolCodes: z.array(zSchoolCode).max(30).nullish() });

  const EvaluationInput = builder.inputType('RecordSanmingEvaluationInput', {
    description: 'Record a third-party evaluation of the 总校 (四(一)7), with satisfaction rates in percent.',
    fields: (t) => ({
      groupId: t.id({ required: true, description: 'The 总校’s id.' }),
      schoolYear: t.field({ type: 'SchoolYear', required: true, description: 'The school year evaluated.' }),
      agency: t.string({ required: true, description: '第三方评估机构.' }),
      completedOn: t.field({ type: 'Date', required: true, description: 'When it was completed.' }),
      pupilSatisfaction: t.float({ description: '学生满意度, 0–100.' }),
      parentSatisfaction: t.float({ description: '家长满意度, 0–100.' }),
      communitySatisfaction: t.float({ description: '社区老百姓满意度, 0–100.' }),
      reportRef: t.string({ description: 'The report’s reference.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const zEvaluation = z.object({ groupId: zGroupId, schoolYear: zSchoolYear, agency: zText(200), completedOn: zDate, pupilSatisfaction: zPercent, parentSatisfaction: zPercent, communitySatisfaction: zPercent, reportRef: zText(200).nullish() });

  const PriorityInput = builder.inputType('ListSanmingTitlePriorityInput', {
    description: 'List the teachers with experience in two of the 总校’s schools for title-promotion priority in a school year (六(三)); replaces the year’s list.',
    fields: (t) => ({
      groupId: t.id({ required: true, description: 'The 总校’s id.' }),
      schoolYear: t.field({ type: 'SchoolYear', required: true, description: 'The school year.' }),
      personIds: t.idList({ required: true, description: 'The teachers (Relay ids or UUIDs).' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const zPriority = z.object({ groupId: zGroupId, schoolYear: zSchoolYear, personIds: z.array(zPersonId).max(500) });

  const PlanInput = builder.inputType('RecordSanmingDistrictPlanInput', {
    description: 'Record a district’s plan for forming its own 总校 (六(一) 实施方案).',
    fields: (t) => ({
      localityCode: t.field({ type: 'DivisionCode', required: true, description: 'The district.' }),
      title: t.string({ required: true, description: 'The plan’s title.' }),
      adoptedOn: t.field({ type: 'Date', required: true, description: 'When it was adopted.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const zPlan = z.object({ localityCode: zDivisionCode, title: zName, adoptedOn: zDate });

  /** A write about a school acts under the school's county and the Sanming regime there. */
  async function onSchool<T>(ctx: GongzhiContext, schoolCode: string, operation: string, input: Record<string, unknown>, body: (tx: Db) => Promise<{ result: T; changes: Change[] }>) {
    const school = await getSchool(ctx.db, schoolCode);
    return runMutation(ctx, { operation, localityCode: school.countyCode, plugin: 'sanming', fields: Object.keys(input), exceptions: input.exceptions as unknown[] | null }, body);
  }
  const one = <T>(rows: T[]) => rows[0]!;

  builder.mutationFields((t) => ({
    formSanmingZongxiao: t.field({
      type: ZongxiaoPayload,
      description: 'Form a 总校 with its lead, members and 总校长 (三). Its schools must be in scope (sanming.scope).',
      args: { input: t.arg({ type: FormInput, required: true, description: 'The 总校.' }) },
      resolve: async (_, { input }, ctx) => {
        const d = parseInput(zForm, input);
        return runMutation(ctx, { operation: 'formSanmingZongxiao', localityCode: d.localityCode, plugin: 'sanming', fields: Object.keys(input), exceptions: input.exceptions }, async (tx) => {
          const g = await formZongxiao(tx, { ...d, leadSchoolCode: d.lead.schoolCode, memberSchoolCodes: d.members.map((m) => m.schoolCode) });
          for (const m of [d.lead, ...d.members]) if (m.authority && m.authority !== 'UNKNOWN') await setAuthority(tx, m.schoolCode, m.authority, d.validFrom);
          const head = await appointGeneralPrincipal(tx, ctx.registry, g, { ...d.generalPrincipal, validFrom: d.validFrom });
          return { result: { zongxiao: g }, changes: [{ entity: 'SchoolGroup', key: g.id }, { entity: 'Post', key: head.post.id }] };
        });
      },
    }),
    setSanmingSchoolAuthority: t.field({
      type: SchoolPayload,
      description: 'Record a school’s authority (隶属) from a date. A 总校 member’s known authority cannot be switched (sanming.status-unchanged).',
      args: { input: t.arg({ type: AuthorityInput, required: true, description: 'The school and its authority.' }) },
      resolve: async (_, { input }, ctx) => {
        const d = parseInput(zAuthority, input);
        return onSchool(ctx, d.schoolCode, 'setSanmingSchoolAuthority', input, async (tx) => {
          await setAuthority(tx, d.schoolCode, d.authority, d.validFrom);
          return { result: { school: await getSchool(tx, d.schoolCode) }, changes: [{ entity: 'SanmingSchoolAuthority', key: d.schoolCode }] };
        });
      },
    }),
    appointSanmingGeneralPrincipal: t.field({
      type: AppointedPayload,
      description: 'Appoint the 总校长 from a date; the predecessor’s post ends the day before (sanming.one-head).',
      args: { input: t.arg({ type: GeneralInput, required: true, description: 'The 总校, the person and the appointment.' }) },
      resolve: async (_, { input }, ctx) => {
        const d = parseInput(zGeneral, input);
        return onZongxiao(ctx, d.groupId, 'appointSanmingGeneralPrincipal', input, async (tx, g) => {
          const { post, ended } = await appointGeneralPrincipal(tx, ctx.registry, g, d);
          return { result: { appointment: post }, changes: [post.id, ...ended].map((key) => ({ entity: 'Post', key })) };
        });
      },
    }),
    appointSanmingExecutivePrincipal: t.field({
      type: AppointedPayload,
      description: 'Appoint a member’s 执行校长, recording the personnel decision with its own bureau’s consultation (sanming.authority-consensus).',
      args: { input: t.arg({ type: ExecInput, required: true, description: 'The member, the person, the appointing body and the consultation.' }) },
      resolve: async (_, { input }, ctx) => {
        const d = parseInput(zExec, input);
        return onZongxiao(ctx, d.groupId, 'appointSanmingExecutivePrincipal', input, async (tx, g) => {
          await memberOf(tx, g, d.schoolCode, d.validFrom);
          if (g.leadSchoolCode === d.schoolCode) throw badInput('input.schoolCode', { zh: '总校（牵头学校）由总校长负责，不设执行校长', en: 'the lead school is run by the 总校长; 执行校长 are for the other members' });
          const { post, decision } = await appointExecutivePrincipal(tx, ctx.registry, g, d);
          return { result: { appointment: post }, changes: [{ entity: 'SanmingDecision', key: decision.id }, { entity: 'Post', key: post.id }] };
        });
      },
    }),
    recordSanmingDecision: t.field({
      type: DecisionPayload,
      description: 'Record a major decision over a member with its consultation (三(三)); refused without its own bureau’s agreement.',
      args: { input: t.arg({ type: DecisionInput, required: true, description: 'The decision.' }) },
      resolve: async (_, { input }, ctx) => {
        const d = parseInput(zDecision, input);
        return onZongxiao(ctx, d.groupId, 'recordSanmingDecision', input, async (tx, g) => {
          await memberOf(tx, g, d.schoolCode, d.decidedOn);
          const decision = await recordDecision(tx, { ...d, groupId: g.id });
          return { result: { decision }, changes: [{ entity: 'SanmingDecision', key: decision.id }] };
        });
      },
    }),
    establishSanmingCentre: t.field({
      type: CentrePayload,
      description: 'Set up the HR, finance accounting or teacher-development centre.',
      args: { input: t.arg({ type: CentreInput, required: true, description: 'The centre.' }) },
      resolve: async (_, { input }, ctx) => {
        const d = parseInput(zCentre, input);
        return onZongxiao(ctx, d.groupId, 'establishSanmingCentre', input, async (tx, g) => {
          const centre = one(await tx.insert(centres).values({ groupId: g.id, kind: d.kind, name: d.name, establishedOn: d.establishedOn }).returning());
          return { result: { centre }, changes: [{ entity: 'SanmingCentre', key: centre.id }] };
        });
      },
    }),
    recordSanmingBundledAppraisal: t.field({
      type: AppraisalPayload,
      description: 'Record the school year’s bundled appraisal (捆绑考核).',
      args: { input: t.arg({ type: AppraisalInput, required: true, description: 'The appraisal.' }) },
      resolve: async (_, { input }, ctx) => {
        const d = parseInput(zAppraisal, input);
        return onZongxiao(ctx, d.groupId, 'recordSanmingBundledAppraisal', input, async (tx, g) => {
          for (const [i, c] of d.schoolCodes.entries()) await memberOf(tx, g, c, null, `input.schoolCodes.${i}`);
          const appraisal = one(await tx.insert(bundledAppraisals).values({ ...d, groupId: g.id }).returning());
          return { result: { appraisal }, changes: [{ entity: 'SanmingBundledAppraisal', key: appraisal.id }] };
        });
      },
    }),
    recordSanmingPay: t.field({
      type: PayRecordPayload,
      description: 'Record a pay component of a staff member from a date (personal: needs the `pii` scope). Lowering it is refused with the old and new amounts (sanming.pay-not-lowered).',
      args: { input: t.arg({ type: PayInput, required: true, description: 'The person, component, amount and date.' }) },
      resolve: async (_, { input }, ctx) => {
        const d = parseInput(zPay, input);
        const person = await getPerson(ctx.db, d.personId);
        if (!canReadPersonalData(ctx.principal, person.localityCode)) throw forbidden('pii', { zh: '工资待遇属个人信息，需具备该地区的 pii 权限', en: 'pay is personal data: the pii scope for the person’s locality is needed' });
        await getSchool(ctx.db, d.schoolCode);
        return runMutation(ctx, { operation: 'recordSanmingPay', localityCode: person.localityCode, plugin: 'sanming', fields: Object.keys(input), exceptions: input.exceptions }, async (tx) => {
          const dup = await tx.select().from(payRecords).where(and(eq(payRecords.personId, d.personId), eq(payRecords.component, d.component), eq(payRecords.validFrom, d.validFrom)));
          if (dup.some((r) => (r.label ?? '') === (d.label ?? ''))) throw badInput('input.validFrom', { zh: `该项目在 ${d.validFrom} 已有记录`, en: `this component already has a record from ${d.validFrom}` });
          const row = one(await tx.insert(payRecords).values({ ...d, label: d.label ?? null }).returning());
          return { result: { payRecord: { ...row, localityCode: person.localityCode } }, changes: [{ entity: 'SanmingPayRecord', key: row.id }] };
        });
      },
    }),
    recordSanmingPayStandard: t.field({
      type: StandardPayload,
      description: 'Record a school’s pay standard from a date (就高不就低: lowering a 总校 school’s standard is refused).',
      args: { input: t.arg({ type: StandardInput, required: true, description: 'The school, component, amount and date.' }) },
      resolve: async (_, { input }, ctx) => {
        const d = parseInput(zStandard, input);
        return onSchool(ctx, d.schoolCode, 'recordSanmingPayStandard', input, async (tx) => {
          const dup = await tx.select().from(payStandards).where(and(eq(payStandards.schoolCode, d.schoolCode), eq(payStandards.component, d.component), eq(payStandards.validFrom, d.validFrom)));
          if (dup.some((r) => (r.label ?? '') === (d.label ?? ''))) throw badInput('input.validFrom', { zh: `该项目在 ${d.validFrom} 已有标准`, en: `this component already has a standard from ${d.validFrom}` });
          const row = one(await tx.insert(payStandards).values({ ...d, label: d.label ?? null }).returning());
          return { result: { payStandard: row }, changes: [{ entity: 'SanmingPayStandard', key: row.id }] };
        });
      },
    }),
    recordSanmingStaffStatus: t.field({
      type: StatusPayload,
      description: 'Record a staff member’s status and 编制 school from a date (sanming.status-unchanged).',
      args: { input: t.arg({ type: StatusInput, required: true, description: 'The person, status and establishment school.' }) },
      resolve: async (_, { input }, ctx) => {
        const d = parseInput(zStatus, input);
        const person = await getPerson(ctx.db, d.personId);
        return runMutation(ctx, { operation: 'recordSanmingStaffStatus', localityCode: person.localityCode, plugin: 'sanming', fields: Object.keys(input), exceptions: input.exceptions }, async (tx) => {
          const row = one(await tx.insert(staffStatuses).values({ ...d, establishmentSchoolCode: d.establishmentSchoolCode ?? null }).returning());
          return { result: { staffStatus: row }, changes: [{ entity: 'SanmingStaffStatus', key: row.id }] };
        });
      },
    }),
    recordSanmingLeaderPostQuota: t.field({
      type: QuotaPayload,
      description: 'Record a school’s leader posts (领导职数) from a date (sanming.leader-posts-kept).',
      args: { input: t.arg({ type: QuotaInput, required: true, description: 'The school, number and date.' }) },
      resolve: async (_, { input }, ctx) => {
        const d = parseInput(zQuota, input);
        return onSchool(ctx, d.schoolCode, 'recordSanmingLeaderPostQuota', input, async (tx) => {
          const row = one(await tx.insert(leaderPostQuotas).values({ ...d, documentRef: d.documentRef ?? null }).returning());
          return { result: { quota: row }, changes: [{ entity: 'SanmingLeaderPostQuota', key: row.id }] };
        });
      },
    }),
    recordSanmingExperimentalClass: t.field({
      type: ClassPayload,
      description: 'Record a junior experimental class with 双导师.',
      args: { input: t.arg({ type: ClassInput, required: true, description: 'The class.' }) },
      resolve: async (_, { input }, ctx) => {
        const d = parseInput(zClass, input);
        return onZongxiao(ctx, d.groupId, 'recordSanmingExperimentalClass', input, async (tx, g) => {
          await memberOf(tx, g, d.schoolCode, null);
          const row = one(await tx.insert(experimentalClasses).values({ ...d, juniorMentorPersonId: d.juniorMentorPersonId ?? null, seniorMentorPersonId: d.seniorMentorPersonId ?? null }).returning());
          return { result: { experimentalClass: row }, changes: [{ entity: 'SanmingExperimentalClass', key: row.id }] };
        });
      },
    }),
    recordSanmingAdmissionPolicy: t.field({
      type: AdmissionPayload,
      description: 'Record a compulsory member’s admission for a school year and stage (sanming.zoned-admission).',
      args: { input: t.arg({ type: AdmissionInput, required: true, description: 'The school, year, stage and method.' }) },
      resolve: async (_, { input }, ctx) => {
        const d = parseInput(zAdmission, input);
        return onZongxiao(ctx, d.groupId, 'recordSanmingAdmissionPolicy', input, async (tx, g) => {
          await memberOf(tx, g, d.schoolCode, null);
          const row = one(await tx.insert(admissionPolicies).values({ ...d, catchment: d.catchment ?? null, feederSchoolCodes: d.feederSchoolCodes ?? [] }).returning());
          return { result: { admissionPolicy: row }, changes: [{ entity: 'SanmingAdmissionPolicy', key: row.id }] };
        });
      },
    }),
    recordSanmingEvaluation: t.field({
      type: EvaluationPayload,
      description: 'Record a third-party evaluation with its satisfaction rates (四(一)7).',
      args: { input: t.arg({ type: EvaluationInput, required: true, description: 'The evaluation.' }) },
      resolve: async (_, { input }, ctx) => {
        const d = parseInput(zEvaluation, input);
        return onZongxiao(ctx, d.groupId, 'recordSanmingEvaluation', input, async (tx, g) => {
          const row = one(await tx.insert(evaluations).values({ ...d, pupilSatisfaction: d.pupilSatisfaction ?? null, parentSatisfaction: d.parentSatisfaction ?? null, communitySatisfaction: d.communitySatisfaction ?? null, reportRef: d.reportRef ?? null }).returning());
          return { result: { evaluation: row }, changes: [{ entity: 'SanmingEvaluation', key: row.id }] };
        });
      },
    }),
    listSanmingTitlePriority: t.field({
      type: ZongxiaoPayload,
      description: 'Set the year’s list of teachers with two schools’ teaching experience for title-promotion priority (六(三)).',
      args: { input: t.arg({ type: PriorityInput, required: true, description: 'The 总校, year and teachers.' }) },
      resolve: async (_, { input }, ctx) => {
        const d = parseInput(zPriority, input);
        return onZongxiao(ctx, d.groupId, 'listSanmingTitlePriority', input, async (tx, g) => {
          await tx.delete(titlePriorityEntries).where(and(eq(titlePriorityEntries.groupId, g.id), eq(titlePriorityEntries.schoolYear, d.schoolYear)));
          const ids = [...new Set(d.personIds)];
          if (ids.length) await tx.insert(titlePriorityEntries).values(ids.map((personId) => ({ groupId: g.id, schoolYear: d.schoolYear, personId })));
          return { result: { zongxiao: g }, changes: [{ entity: 'SanmingTitlePriority', key: `${g.id}|${d.schoolYear}` }] };
        });
      },
    }),
    recordSanmingDistrictPlan: t.field({
      type: LocalityPayload,
      description: 'Record a district’s plan for its own 总校 (六(一)).',
      args: { input: t.arg({ type: PlanInput, required: true, description: 'The district, title and date.' }) },
      resolve: async (_, { input }, ctx) => {
        const d = parseInput(zPlan, input);
        return runMutation(ctx, { operation: 'recordSanmingDistrictPlan', localityCode: d.localityCode, plugin: 'sanming', fields: Object.keys(input), exceptions: input.exceptions }, async (tx) => {
          const row = one(await tx.insert(districtPlans).values(d).returning());
                  const [locality] = await tx.select().from(core.localities).where(eq(core.localities.code, d.localityCode));
          if (!locality) throw badInput('input.localityCode', { zh: `没有行政区划 ${d.localityCode}`, en: `there is no locality ${d.localityCode}` });
          return { result: { locality }, changes: [{ entity: 'SanmingDistrictPlan', key: row.id }] };
        });
      },
    }),
  }));
  void Post;
}
