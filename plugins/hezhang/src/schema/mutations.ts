/**
 * Hezhang mutations: one `input` (validated field by field: a bad value is BAD_USER_INPUT naming the
 * field, and nothing is written), a payload, one transaction through core's runMutation under the
 * regime (GOVERNANCE_NOT_ENABLED where it is not in force), where the write rules judge the changes.
 */
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { pairings } from '../tables.js';
import {
  addGroupFormMutation,
  badInput,
  exceptionsInputField,
  getGroup,
  getSchool,
  notFound,
  schoolLoader,
  schoolYearOf,
  groupIdField,
  payloadType,
  runMutation,
  schoolGroupLoader,
  zCrossField,
  zDate,
  zDivisionCode,
  zNodeId,
  zPersonId,
  zSchoolCode,
  zSchoolYear,
  zStage,
  type Change,
  type Db,
  type GongzhiContext,
  type PluginSchemaApi,
} from '@gongzhi/core';
import { AWARD_TIERS, COMPULSORY_KIND, DOC, PLUGIN_ID, QUOTA_KINDS, SENIOR_KIND, keysOf } from '../domain.js';
import {
  arrangeFlexibleHours,
  assessPairing,
  awardUnit,
  grantQuota,
  closeRoundOne,
  fileAttendanceRules,
  formEducationGroup,
  pairSchools,
  publishWeek,
  recordAttendance,
  recordLessonVisit,
  recordPlacement,
  recordPupil,
  recordTransfer,
  recordUnionActivity,
  setEstablishment,
  setGroupProfile,
  setSchoolProfile,
} from '../ops.js';
import { minutesOf } from '../rules/common.js';
import type { HezhangTypes } from './types.js';

const zText = (max: number) => z.string().trim().min(1).max(max);
const zTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:MM');
const zPairingId = zNodeId(null, { zh: '对口帮扶', en: 'a pairing' });
const ENDS = { zh: '结束日期早于开始日期', en: 'ends before it starts' };

/** A write about a school runs under the school's county and the regime there. */
async function onSchool<T>(ctx: GongzhiContext, schoolCode: string, spec: { operation: string; input: Record<string, unknown> }, body: (tx: Db) => Promise<{ result: T; changes: Change[] }>) {
  const school = await getSchool(ctx.db, schoolCode);
  const { exceptions } = spec.input as { exceptions?: readonly unknown[] | null };
  return runMutation(ctx, { operation: spec.operation, localityCode: school.countyCode, plugin: PLUGIN_ID, fields: Object.keys(spec.input), exceptions }, body);
}

/** A write about one of the regime's groups, under the group's locality. */
async function onGroup<T>(ctx: GongzhiContext, groupId: string, spec: { operation: string; input: Record<string, unknown> }, body: (tx: Db) => Promise<{ result: T; changes: Change[] }>) {
  const g = await getGroup(ctx.db, groupId);
  if (g.kind !== SENIOR_KIND && g.kind !== COMPULSORY_KIND) await getGroup(ctx.db, groupId, COMPULSORY_KIND);
  const { exceptions } = spec.input as { exceptions?: readonly unknown[] | null };
  return runMutation(ctx, { operation: spec.operation, localityCode: g.localityCode, plugin: PLUGIN_ID, fields: Object.keys(spec.input), exceptions }, body);
}

export function addMutations(api: PluginSchemaApi, h: HezhangTypes) {
  const { builder, refs } = api;
  const { SchoolGroup } = refs;

  // ── Groups ─────────────────────────────────────────────────────────────────────────────
  addGroupFormMutation(api, {
    name: 'formHezhangSeniorEducationGroup',
    description: `Form a senior-high education group (${DOC} 附件2 二(一)): its lead and its member schools.`,
    plugin: PLUGIN_ID,
    kind: SENIOR_KIND,
    type: h.Senior,
    payload: { name: 'FormHezhangSeniorEducationGroupPayload', field: 'group', description: 'The group formed.' },
    input: {
      name: 'FormHezhangSeniorEducationGroupInput',
      description: 'A senior-high education group: a list of schools.',
      argDescription: 'The group’s name, lead, schools and first day.',
      localityCode: 'The county (520527 赫章县).',
      text: { name: 'Its name, e.g. 高中一教育集团.', leadSchoolCode: 'The lead school (e.g. 赫章县第一中学).', memberSchoolCodes: 'The other schools.', validFrom: 'First day.' },
    },
  });
  addGroupFormMutation(api, {
    name: 'formHezhangCompulsoryEducationGroup',
    description: `Form a compulsory and preschool education group (${DOC} 附件2 二(二)) responsible for townships: the schools standing in them are its members.`,
    plugin: PLUGIN_ID,
    kind: COMPULSORY_KIND,
    type: h.Compulsory,
    payload: { name: 'FormHezhangCompulsoryEducationGroupPayload', field: 'group', description: 'The group formed.' },
    input: {
      name: 'FormHezhangCompulsoryEducationGroupInput',
      description: 'A compulsory and preschool education group, by township. `memberSchoolCodes` must be empty: the townships define the members.',
      argDescription: 'The group’s name, townships and first day.',
      localityCode: 'The county (520527 赫章县).',
      text: { name: 'Its name, e.g. 第一教育集团.', leadSchoolCode: 'A lead school, if the bureau names one.', memberSchoolCodes: 'Leave empty: members follow the townships.', validFrom: 'First day.' },
      fields: (t) => ({
        townshipCodes: t.field({ type: ['DivisionCode'], required: true, validate: z.array(zDivisionCode).min(1).max(30), description: '负责的乡（镇、街道） — the townships it is responsible for.' }),
      }),
    },
    create: async (tx, _ctx, input) => {
      if (input.memberSchoolCodes.length)
        throw badInput('input.memberSchoolCodes', { zh: '义教和学前教育集团的成员由所负责的乡（镇、街道）确定，请留空', en: 'a compulsory group’s members follow its townships: leave memberSchoolCodes empty' });
      return (await formEducationGroup(tx, { kind: COMPULSORY_KIND, name: input.name, localityCode: input.localityCode, leadSchoolCode: input.leadSchoolCode, memberSchoolCodes: [], townshipCodes: input.townshipCodes, validFrom: input.validFrom, isSample: input.isSample })).row;
    },
  });

  const GroupPayload = payloadType(builder, 'HezhangEducationGroupPayload', 'group', SchoolGroup, 'The education group after the mutation.');
  const GroupProfileInput = builder.inputType('SetHezhangGroupProfileInput', {
    description: 'Record a group’s 党委 and 综合办公室 (附件2 三(一)). Its leaders are posts at the group (createPost), its charter a core plan of kind CHARTER.',
    fields: (t) => ({
      groupId: groupIdField(t, 'The education group.'),
      partyCommitteeOn: t.field({ type: 'Date', validate: zDate, description: 'The day the party committee was set up; null: none.' }),
      partyCommitteeRef: t.string({ validate: zText(200), description: 'The document that set it up.' }),
      generalOfficeOn: t.field({ type: 'Date', validate: zDate, description: 'The day the general office was set up; null: none.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const SchoolProfileInput = builder.inputType('SetHezhangSchoolProfileInput', {
    description: 'Mark a school as a county-town school (县直各校(园): not a member of group 1; helps the groups by pairing) and as a pilot of the first phase (二(一)4).',
    fields: (t) => ({
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }),
      isCountyTown: t.boolean({ required: true, description: '县直各校(园) — a county-town school.' }),
      isPilot: t.boolean({ required: true, description: 'A pilot of the first phase (县城区中小学, 第一、第二、第四幼儿园); schools in 水塘堡乡, 威奢乡, 古基镇 are pilots anyway.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const SchoolProfilePayload = builder.objectRef<{ schoolCode: string }>('SetHezhangSchoolProfilePayload').implement({
    description: 'The school whose profile was set.',
    fields: (t) => ({ school: t.field({ type: refs.School, description: 'The school.', resolve: async (p, _, ctx) => schoolLoader(ctx).load(p.schoolCode) as never }) }),
  });

  const PairingPayload = payloadType(builder, 'HezhangPairingPayload', 'pairing', h.Pairing, 'The pairing recorded.');
  const PairInput = builder.inputType('PairHezhangSchoolsInput', {
    description: '协作型对口帮扶 (附件2 二(三)): a county-town school helps a group’s schools of its stage. hezhang.paired-stage-match judges it.',
    validate: zCrossField<{ validFrom: string; validTo?: string | null }>({ ok: (v) => !v.validTo || v.validTo >= v.validFrom, field: 'validTo', reason: ENDS }),
    fields: (t) => ({
      groupId: groupIdField(t, 'The compulsory and preschool group helped.'),
      helperSchoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The county-town school that helps.' }),
      stage: t.field({ type: refs.Stage, required: true, validate: zStage, description: 'The stage helped: JUNIOR (by a secondary school), PRIMARY or KINDERGARTEN.' }),
      helpedSchoolCode: t.field({ type: 'SchoolCode', validate: zSchoolCode, description: 'One helped school, when the pairing is that narrow; omitted: all the group’s schools of the stage.' }),
      validFrom: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day.' }),
      validTo: t.field({ type: 'Date', validate: zDate, description: 'Last day, if known.' }),
      isSample: t.boolean({ description: 'Sample data.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const AssessInput = builder.inputType('AssessHezhangPairingInput', {
    description: '对口帮扶成效评估 (附件2 三(五)): the school year’s assessment of a pairing (recording it again replaces it).',
    fields: (t) => ({
      pairingId: t.id({ required: true, validate: zPairingId, description: 'The pairing (`pairingId`).' }),
      schoolYear: t.field({ type: 'SchoolYear', required: true, validate: zSchoolYear, description: 'The school year assessed.' }),
      assessedOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'The day of the assessment.' }),
      result: t.string({ required: true, validate: zText(200), description: 'The grade given (考核定等).' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  // ── Staff ──────────────────────────────────────────────────────────────────────────────
  const EstablishmentInput = builder.inputType('SetHezhangEstablishmentInput', {
    description: '编制所在学校 — the school that holds a person’s establishment post. hezhang.transfer-keeps-establishment refuses moving it while a transfer stands.',
    fields: (t) => ({
      personId: t.id({ required: true, validate: zPersonId, description: 'The person (Relay id or UUID).' }),
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school of the 编制.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const ClosureInput = builder.inputType('CloseHezhangRoundOneInput', {
    description: '第一轮优化组合结束 — a school closes round 1 of re-combination for a school year (附件2 三(三)); round 2 may follow.',
    fields: (t) => ({
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }),
      schoolYear: t.field({ type: 'SchoolYear', required: true, validate: zSchoolYear, description: 'The school year.' }),
      closedOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'The day round 1 closed.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const PlacementInput = builder.inputType('PlaceHezhangStaffInput', {
    description: '优化组合 — place a person in a round of re-combination (附件2 三(三)). hezhang.recombination-order judges it.',
    fields: (t) => ({
      personId: t.id({ required: true, validate: zPersonId, description: 'The person placed.' }),
      schoolYear: t.field({ type: 'SchoolYear', required: true, validate: zSchoolYear, description: 'The school year.' }),
      round: t.field({ type: h.Round, required: true, description: 'The round.' }),
      originSchoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school of the person’s 编制 (where round 1 runs).' }),
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school placed at.' }),
      post: t.field({ type: h.PlacementPost, required: true, description: 'The post.' }),
      hiredByPersonId: t.id({ validate: zPersonId, description: 'For a subject teacher: the 班主任 who hired them.' }),
      placedOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'The day.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const TransferInput = builder.inputType('RecordHezhangTransferInput', {
    description: '调整交流 (附件2 三(三)) of a group’s staff member between its schools; the 编制 school stays (三(二)). hezhang.transfer-cap, transfer-age-exemption and transfer-keeps-establishment judge it; the first two are in principle (`exceptions`).',
    validate: zCrossField<{ startDate: string; endDate?: string | null; consentOn?: string | null; consentRef?: string | null }>(
      { ok: (v) => !v.endDate || v.endDate >= v.startDate, field: 'endDate', reason: ENDS },
      { ok: (v) => !v.consentOn === !v.consentRef, field: 'consentRef', reason: { zh: '同意日期与同意书须一并填写', en: 'the consent’s day and its record go together' } },
    ),
    fields: (t) => ({
      groupId: groupIdField(t, 'The education group.'),
      personId: t.id({ required: true, validate: zPersonId, description: 'The staff member (Relay id or UUID).' }),
      fromSchoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school left.' }),
      toSchoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school joined.' }),
      startDate: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day; its school year is the one the cap counts it in.' }),
      endDate: t.field({ type: 'Date', validate: zDate, description: 'Last day, if known.' }),
      consentOn: t.field({ type: 'Date', validate: zDate, description: '本人同意 — the day of the person’s consent to a cross-township move.' }),
      consentRef: t.string({ validate: zText(200), description: 'The consent’s record (a signed statement’s reference).' }),
      isSample: t.boolean({ description: 'Sample data.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  // ── Attendance and 集聚大家智慧 ──────────────────────────────────────────────────────────
  const FilingInput = builder.inputType('FileHezhangAttendanceRulesInput', {
    description: '集中办公管理细则备案 (二(一)2、4): a school’s attendance rules filed with the 教育科技局.',
    fields: (t) => ({
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }),
      filedOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'The day filed.' }),
      title: t.string({ required: true, validate: zText(200), description: 'Its title.' }),
      documentRef: t.string({ required: true, validate: zText(200), description: 'The filing’s reference (备案号).' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const FlexibleInput = builder.inputType('ArrangeHezhangFlexibleHoursInput', {
    description: '弹性上下班 (二(一)2): for a staff member with special difficulties; hezhang.flexible-minimum refuses fewer than 5 concentrated hours a day or no difficulty stated.',
    validate: zCrossField<{ validFrom: string; validTo?: string | null }>({ ok: (v) => !v.validTo || v.validTo >= v.validFrom, field: 'validTo', reason: ENDS }),
    fields: (t) => ({
      personId: t.id({ required: true, validate: zPersonId, description: 'The staff member (Relay id or UUID).' }),
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }),
      difficulty: t.string({ required: true, validate: z.string().max(500), description: '特殊困难 — the difficulty (required).' }),
      dailyHours: t.float({ required: true, validate: z.number().min(0).max(12), description: 'Concentrated hours a day (at least 5 by default: option flexibleMinimumHours).' }),
      approvedBy: t.string({ required: true, validate: zText(100), description: 'Who approved it.' }),
      validFrom: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day.' }),
      validTo: t.field({ type: 'Date', validate: zDate, description: 'Last day, if known.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const AttendanceInput = builder.inputType('RecordHezhangAttendanceInput', {
    description: '考勤登记 (二(一)3): a staff member’s day — the punches, or an absence with its kind and approval (hezhang.absence-kind). Recording the day again replaces it.',
    fields: (t) => ({
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }),
      personId: t.id({ required: true, validate: zPersonId, description: 'The staff member (Relay id or UUID).' }),
      day: t.field({ type: 'Date', required: true, validate: zDate, description: 'The day.' }),
      amIn: t.field({ type: 'LocalTime', validate: zTime, description: '上午签到.' }),
      amOut: t.field({ type: 'LocalTime', validate: zTime, description: '上午签退.' }),
      pmIn: t.field({ type: 'LocalTime', validate: zTime, description: '下午签到.' }),
      pmOut: t.field({ type: 'LocalTime', validate: zTime, description: '下午签退.' }),
      absenceKind: t.field({ type: h.AbsenceKind, description: '请假类别, for an absence.' }),
      absenceNote: t.string({ validate: z.string().max(500), description: 'The absence’s description (required for OTHER).' }),
      approvedBy: t.string({ validate: z.string().max(100), description: '审批人 — who approved the leave (required for an absence).' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const PublishInput = builder.inputType('PublishHezhangAttendanceWeekInput', {
    description: '每周公布一次教师考勤情况 (二(一)3): publish a school’s week.',
    fields: (t) => ({
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }),
      weekStart: t.field({ type: 'Date', required: true, validate: zDate.refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, 'a week starts on a Monday'), description: 'The Monday the week starts.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const UnionInput = builder.inputType('RecordHezhangUnionActivityInput', {
    description: '工会组织活动 (二(二)5) with its duration.',
    fields: (t) => ({
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }),
      heldOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'The day.' }),
      minutes: t.int({ required: true, validate: z.number().int().min(1).max(720), description: 'Its duration in minutes.' }),
      title: t.string({ required: true, validate: zText(200), description: 'What it was.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const VisitInput = builder.inputType('RecordHezhangLessonVisitInput', {
    description: '推门听课 (二(二)3): a visit with its rating.',
    fields: (t) => ({
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }),
      teacherId: t.id({ required: true, validate: zPersonId, description: 'The teacher visited (Relay id or UUID).' }),
      visitedOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'The day.' }),
      visitor: t.string({ required: true, validate: zText(100), description: 'Who visited.' }),
      subject: t.string({ validate: zText(50), description: 'The lesson’s subject.' }),
      rating: t.field({ type: h.VisitRating, required: true, description: 'The rating.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const SkillInput = builder.inputType('HezhangPupilSkillInput', {
    description: 'A skill a pupil has mastered.',
    fields: (t) => ({
      kind: t.field({ type: h.SkillKind, required: true, description: 'Sports or arts.' }),
      skill: t.string({ required: true, validate: zText(50), description: 'The skill.' }),
    }),
  });
  const PupilInput = builder.inputType('RecordHezhangPupilInput', {
    description: '学生技能 (二(二)2): a pupil (pseudonymous id, class) and the skills recorded, which replace those before. Needs the `pii` scope to read back.',
    fields: (t) => ({
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }),
      pupilRef: t.string({ required: true, validate: zText(40).regex(/^[A-Za-z0-9-]+$/, 'letters, digits and dashes: a pseudonymous id, never a name'), description: '学生编号 — the pseudonymous id the school gives (letters, digits, dashes; never a name or ID number).' }),
      className: t.string({ required: true, validate: zText(40), description: '班级.' }),
      skills: t.field({ type: [SkillInput], required: true, validate: z.array(z.unknown()).max(10), description: 'Its sports and arts skills.' }),
      recordedOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'The day recorded.' }),
      isSample: t.boolean({ description: 'Sample data.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const QuotaKind = builder.enumType('HezhangQuotaKind', {
    description: '名额 — what a quota is for (附件2 三(五): 评职晋级、评先选优、绩效考核、年度考核优秀等名额).',
    values: Object.fromEntries(keysOf(QUOTA_KINDS).map((k) => [k, { value: k, description: `${QUOTA_KINDS[k].zh} — ${QUOTA_KINDS[k].en}.` }])) as Record<keyof typeof QUOTA_KINDS, { value: keyof typeof QUOTA_KINDS; description: string }>,
  });
  const AwardTier = builder.enumType('HezhangAwardTier', {
    description: '奖励等次 — the tiers of the annual appraisal’s awards (main 三(四)).',
    values: Object.fromEntries(keysOf(AWARD_TIERS).map((k) => [k, { value: k, description: `${AWARD_TIERS[k].zh} — ${AWARD_TIERS[k].en}.` }])) as Record<keyof typeof AWARD_TIERS, { value: keyof typeof AWARD_TIERS; description: string }>,
  });
  const QuotaInput = builder.inputType('GrantHezhangQuotaInput', {
    description: 'A quota granted to a person (附件2 三(五)); hezhang.frontline-award-share judges the year’s share of front-line teachers.',
    fields: (t) => ({
      schoolYear: t.field({ type: 'SchoolYear', required: true, validate: zSchoolYear, description: 'The school year of the appraisal.' }),
      kind: t.field({ type: QuotaKind, required: true, description: 'What the quota is for.' }),
      personId: t.id({ required: true, validate: zPersonId, description: 'The person granted (Relay id or UUID).' }),
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school the person is counted at.' }),
      grantedOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'The day of the grant.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const AwardInput = builder.inputType('AwardHezhangUnitInput', {
    description: 'The tier an education group or a county-town school received in the annual appraisal (main 三(四)); name exactly one of groupId and schoolCode.',
    validate: zCrossField<{ groupId?: string | null; schoolCode?: string | null }>({ ok: (v) => !v.groupId !== !v.schoolCode, field: 'schoolCode', reason: { zh: '须且只须填写集团或学校之一', en: 'name exactly one of groupId and schoolCode' } }),
    fields: (t) => ({
      localityCode: t.field({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: 'The county.' }),
      schoolYear: t.field({ type: 'SchoolYear', required: true, validate: zSchoolYear, description: 'The school year of the appraisal.' }),
      groupId: t.id({ validate: zNodeId(null, { zh: '教育集团', en: 'an education group' }), description: 'The education group awarded (its Relay id or `groupId`).' }),
      schoolCode: t.field({ type: 'SchoolCode', validate: zSchoolCode, description: 'The county-town school awarded.' }),
      tier: t.field({ type: AwardTier, required: true, description: 'The tier.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const payload = <T>(name: string, field: string, ref: Parameters<typeof payloadType<T>>[3], d: string) => payloadType(builder, name, field, ref, d);
  const TransferPayload = payload('RecordHezhangTransferPayload', 'transfer', h.Transfer, 'The transfer recorded.');
  const PlacementPayload = payload('PlaceHezhangStaffPayload', 'placement', h.Placement, 'The placement recorded.');
  const FilingPayload = payload('FileHezhangAttendanceRulesPayload', 'filing', h.Filing, 'The filing recorded.');
  const FlexiblePayload = payload('ArrangeHezhangFlexibleHoursPayload', 'arrangement', h.Flexible, 'The arrangement recorded.');
  const AttendancePayload = payload('RecordHezhangAttendancePayload', 'day', h.AttendanceDay, 'The day recorded.');
  const UnionPayload = payload('RecordHezhangUnionActivityPayload', 'activity', h.Union, 'The activity recorded.');
  const VisitPayload = payload('RecordHezhangLessonVisitPayload', 'visit', h.Visit, 'The visit recorded.');
  const PupilPayload = builder.objectRef<{ pupil: { id: string; schoolCode: string } }>('RecordHezhangPupilPayload').implement({
    description: 'The pupil recorded: only the id comes back (the record itself needs the `pii` scope: hezhangPupils).',
    fields: (t) => ({ pupilId: t.id({ description: 'The pupil’s UUID.', resolve: (p) => p.pupil.id }) }),
  });
  const DonePayload = builder.objectRef<{ ok: true; schoolCode: string }>('HezhangRecordPayload').implement({
    description: 'What was recorded, for mutations whose record has no type of its own.',
    fields: (t) => ({ school: t.field({ type: refs.School, description: 'The school concerned.', resolve: async (p, _, ctx) => schoolLoader(ctx).load(p.schoolCode) as never }) }),
  });

  const groupResult = async (ctx: GongzhiContext, id: string) => (await schoolGroupLoader(ctx).load(id))!;

  builder.mutationFields((t) => ({
    grantHezhangQuota: t.field({
      type: DonePayload,
      description: 'Record a quota granted to a person (附件2 三(五)).',
      args: { input: t.arg({ type: QuotaInput, required: true, description: 'The grant.' }) },
      resolve: (_, { input }, ctx) => onSchool(ctx, input.schoolCode, { operation: 'grantHezhangQuota', input }, async (tx) => {
        const { exceptions: _e, ...data } = input;
        const { changes } = await grantQuota(tx, data);
        return { result: { ok: true as const, schoolCode: input.schoolCode }, changes };
      }),
    }),
    awardHezhangUnit: t.field({
      type: builder.objectRef<{ tier: string }>('AwardHezhangUnitPayload').implement({ description: 'The award recorded.', fields: (f) => ({ tier: f.field({ type: AwardTier, description: 'The tier given.', resolve: (p) => p.tier as never }) }) }),
      description: 'Record the tier a unit received in the annual appraisal (main 三(四)).',
      args: { input: t.arg({ type: AwardInput, required: true, description: 'The unit and its tier.' }) },
      resolve: (_, { input }, ctx) =>
        runMutation(ctx, { operation: 'awardHezhangUnit', localityCode: input.localityCode, plugin: PLUGIN_ID, fields: Object.keys(input), exceptions: input.exceptions }, async (tx) => {
          if (input.groupId) await getGroup(tx, input.groupId);
          const { row, changes } = await awardUnit(tx, { schoolYear: input.schoolYear, groupId: input.groupId ?? null, schoolCode: input.schoolCode ?? null, tier: input.tier });
          return { result: { tier: row.tier }, changes };
        }),
    }),
    setHezhangSchoolProfile: t.field({
      type: SchoolProfilePayload,
      description: 'Mark a school as county-town (县直各校(园)) and/or pilot (二(一)4).',
      args: { input: t.arg({ type: SchoolProfileInput, required: true, description: 'The school and its flags.' }) },
      resolve: (_, { input }, ctx) => onSchool(ctx, input.schoolCode, { operation: 'setHezhangSchoolProfile', input }, async (tx) => {
        const { changes } = await setSchoolProfile(tx, input);
        return { result: { schoolCode: input.schoolCode }, changes };
      }),
    }),
    setHezhangGroupProfile: t.field({
      type: GroupPayload,
      description: 'Record a group’s 党委 and 综合办公室 (附件2 三(一)).',
      args: { input: t.arg({ type: GroupProfileInput, required: true, description: 'The group and its bodies.' }) },
      resolve: (_, { input }, ctx) => onGroup(ctx, input.groupId, { operation: 'setHezhangGroupProfile', input }, async (tx) => {
        const { changes } = await setGroupProfile(tx, input);
        return { result: { group: await groupResult(ctx, input.groupId) }, changes };
      }),
    }),
    pairHezhangSchools: t.field({
      type: PairingPayload,
      description: '协作型对口帮扶 — pair a county-town school with a group’s schools of its stage (附件2 二(三)).',
      args: { input: t.arg({ type: PairInput, required: true, description: 'The pairing.' }) },
      resolve: (_, { input }, ctx) => onGroup(ctx, input.groupId, { operation: 'pairHezhangSchools', input }, async (tx) => {
        const { exceptions: _e, ...data } = input;
        const { row, changes } = await pairSchools(tx, data);
        return { result: { pairing: row }, changes };
      }),
    }),
    assessHezhangPairing: t.field({
      type: PairingPayload,
      description: 'Record a pairing’s assessment for a school year (附件2 三(五)).',
      args: { input: t.arg({ type: AssessInput, required: true, description: 'The pairing, the year and the result.' }) },
      resolve: async (_, { input }, ctx) => {
        const [p] = await ctx.db.select().from(pairings).where(eq(pairings.id, input.pairingId));
        if (!p) throw notFound('HezhangPairing', input.pairingId, 'input.pairingId');
        return onGroup(ctx, p.groupId, { operation: 'assessHezhangPairing', input }, async (tx) => {
          const { changes } = await assessPairing(tx, input);
          return { result: { pairing: p }, changes };
        });
      },
    }),
    setHezhangEstablishment: t.field({
      type: DonePayload,
      description: 'Set a person’s 编制 school (附件2 三(二)); refused while a transfer stands that keeps another.',
      args: { input: t.arg({ type: EstablishmentInput, required: true, description: 'The person and the school.' }) },
      resolve: (_, { input }, ctx) => onSchool(ctx, input.schoolCode, { operation: 'setHezhangEstablishment', input }, async (tx) => {
        const { changes } = await setEstablishment(tx, input);
        return { result: { ok: true as const, schoolCode: input.schoolCode }, changes };
      }),
    }),
    closeHezhangRoundOne: t.field({
      type: DonePayload,
      description: 'Close a school’s round 1 of re-combination for a school year (附件2 三(三)).',
      args: { input: t.arg({ type: ClosureInput, required: true, description: 'The school, the year and the day.' }) },
      resolve: (_, { input }, ctx) => onSchool(ctx, input.schoolCode, { operation: 'closeHezhangRoundOne', input }, async (tx) => {
        const { changes } = await closeRoundOne(tx, input);
        return { result: { ok: true as const, schoolCode: input.schoolCode }, changes };
      }),
    }),
    placeHezhangStaff: t.field({
      type: PlacementPayload,
      description: 'Place a person in a round of re-combination (附件2 三(三)).',
      args: { input: t.arg({ type: PlacementInput, required: true, description: 'The placement.' }) },
      resolve: (_, { input }, ctx) => onSchool(ctx, input.schoolCode, { operation: 'placeHezhangStaff', input }, async (tx) => {
        const { exceptions: _e, ...data } = input;
        const { row, changes } = await recordPlacement(tx, { ...data, hiredByPersonId: data.hiredByPersonId ?? null });
        return { result: { placement: row }, changes };
      }),
    }),
    recordHezhangTransfer: t.field({
      type: TransferPayload,
      description: 'Record a transfer (调整交流) inside a group (附件2 三(三)); the cap and the age exemption are in principle: a recorded exception lets a transfer through and the report shows a WARN.',
      args: { input: t.arg({ type: TransferInput, required: true, description: 'The transfer.' }) },
      resolve: async (_, { input }, ctx) => {
        return onGroup(ctx, input.groupId, { operation: 'recordHezhangTransfer', input }, async (tx) => {
          const { exceptions: _e, ...data } = input;
          const { row, changes } = await recordTransfer(tx, { ...data, schoolYear: schoolYearOf(data.startDate) });
          return { result: { transfer: row }, changes };
        });
      },
    }),
    fileHezhangAttendanceRules: t.field({
      type: FilingPayload,
      description: 'File a school’s attendance rules (细则) with the bureau (二(一)2、4).',
      args: { input: t.arg({ type: FilingInput, required: true, description: 'The filing.' }) },
      resolve: (_, { input }, ctx) => onSchool(ctx, input.schoolCode, { operation: 'fileHezhangAttendanceRules', input }, async (tx) => {
        const { exceptions: _e, ...data } = input;
        const { row, changes } = await fileAttendanceRules(tx, data);
        return { result: { filing: row }, changes };
      }),
    }),
    arrangeHezhangFlexibleHours: t.field({
      type: FlexiblePayload,
      description: '弹性上下班 — arrange flexible hours for a staff member with special difficulties (二(一)2).',
      args: { input: t.arg({ type: FlexibleInput, required: true, description: 'The arrangement.' }) },
      resolve: (_, { input }, ctx) => onSchool(ctx, input.schoolCode, { operation: 'arrangeHezhangFlexibleHours', input }, async (tx) => {
        const { row, changes } = await arrangeFlexibleHours(tx, {
          personId: input.personId,
          schoolCode: input.schoolCode,
          difficulty: input.difficulty,
          dailyMinutes: Math.round(input.dailyHours * 60),
          approvedBy: input.approvedBy,
          validFrom: input.validFrom,
          validTo: input.validTo ?? null,
        });
        return { result: { arrangement: row }, changes };
      }),
    }),
    recordHezhangAttendance: t.field({
      type: AttendancePayload,
      description: 'Record a staff member’s day (二(一)3); the bulk path is the sign-in import (importHezhangAttendance).',
      args: { input: t.arg({ type: AttendanceInput, required: true, description: 'The day.' }) },
      resolve: (_, { input }, ctx) => onSchool(ctx, input.schoolCode, { operation: 'recordHezhangAttendance', input }, async (tx) => {
        const m = (v: string | null | undefined) => (v ? minutesOf(v) : null);
        const { row, changes } = await recordAttendance(tx, {
          schoolCode: input.schoolCode,
          personId: input.personId,
          day: input.day,
          amIn: m(input.amIn),
          amOut: m(input.amOut),
          pmIn: m(input.pmIn),
          pmOut: m(input.pmOut),
          absenceKind: input.absenceKind ?? null,
          absenceNote: input.absenceNote ?? null,
          approvedBy: input.approvedBy ?? null,
        });
        return { result: { day: row }, changes };
      }),
    }),
    publishHezhangAttendanceWeek: t.field({
      type: DonePayload,
      description: '每周公布一次教师考勤情况 — publish a school’s week (二(一)3).',
      args: { input: t.arg({ type: PublishInput, required: true, description: 'The school and the week.' }) },
      resolve: (_, { input }, ctx) => onSchool(ctx, input.schoolCode, { operation: 'publishHezhangAttendanceWeek', input }, async (tx) => {
        const { changes } = await publishWeek(tx, { schoolCode: input.schoolCode, weekStart: input.weekStart, publishedBy: ctx.principal.subject });
        return { result: { ok: true as const, schoolCode: input.schoolCode }, changes };
      }),
    }),
    recordHezhangUnionActivity: t.field({
      type: UnionPayload,
      description: 'Record a union activity (二(二)5).',
      args: { input: t.arg({ type: UnionInput, required: true, description: 'The activity.' }) },
      resolve: (_, { input }, ctx) => onSchool(ctx, input.schoolCode, { operation: 'recordHezhangUnionActivity', input }, async (tx) => {
        const { exceptions: _e, ...data } = input;
        const { row, changes } = await recordUnionActivity(tx, data);
        return { result: { activity: row }, changes };
      }),
    }),
    recordHezhangLessonVisit: t.field({
      type: VisitPayload,
      description: 'Record a 推门听课 lesson visit (二(二)3).',
      args: { input: t.arg({ type: VisitInput, required: true, description: 'The visit.' }) },
      resolve: (_, { input }, ctx) => onSchool(ctx, input.schoolCode, { operation: 'recordHezhangLessonVisit', input }, async (tx) => {
        const { exceptions: _e, ...data } = input;
        const { row, changes } = await recordLessonVisit(tx, { ...data, subject: data.subject ?? null });
        return { result: { visit: row }, changes };
      }),
    }),
    recordHezhangPupil: t.field({
      type: PupilPayload,
      description: 'Record a pupil’s skills (二(二)2), with the least data: a pseudonymous id and a class.',
      args: { input: t.arg({ type: PupilInput, required: true, description: 'The pupil and the skills.' }) },
      resolve: (_, { input }, ctx) => onSchool(ctx, input.schoolCode, { operation: 'recordHezhangPupil', input }, async (tx) => {
        const { row, changes } = await recordPupil(tx, { ...input, skills: input.skills as { kind: string; skill: string }[] });
        return { result: { pupil: row }, changes };
      }),
    }),
  }));
}
