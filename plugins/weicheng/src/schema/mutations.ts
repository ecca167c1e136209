/**
 * Weicheng mutations: one `input` (validated field by field: a bad value is BAD_USER_INPUT naming
 * the field, and nothing is written), a payload, one transaction through core's runMutation with
 * `plugin: 'weicheng'`, where the regime's write rules judge the changes.
 */
import { z } from 'zod';
import {
  badInput,
  exceptionsInputField,
  getGroup,
  getPerson,
  getSchool,
  payloadType,
  runMutation,
  zCrossField,
  zDate,
  zDivisionCode,
  zGroupId,
  zName,
  zPersonId,
  zSchoolCode,
  type Change,
  type Db,
  type GongzhiContext,
  type GovernanceInEffect,
  type PluginSchemaApi,
  type SchoolGroupRow,
} from '@gongzhi/core';
import { DOC, PLUGIN_ID, XUEQU_KIND, type PlanElement } from '../domain.js';
import type { WeichengOptions } from '../options.js';
import {
  addParticipation,
  adoptCharter,
  appointZongxiaozhang,
  awardRank,
  formXuequ,
  getDecision,
  placeTeacher,
  rateSchool,
  recordDecision,
  recordDevelopmentPlan,
  setAliases,
  setFestival,
  setPartyBrand,
  setPartyOrganisation,
  startProject,
  upsertProfile,
} from '../repo.js';
import type { WeichengRefs } from './types.js';

const zText = (max: number) => z.string().trim().min(1).max(max);
const zRef = zText(200);
type Period = { validFrom: string; validTo?: string | null };
const REASON_ENDS = { zh: '结束日期早于开始日期', en: 'ends before it starts' };
/** validTo, when given, is not before validFrom (an input type's check across its fields). */
const periodCheck = zCrossField<Period>({ ok: (v) => !v.validTo || v.validTo >= v.validFrom, field: 'validTo', reason: REASON_ENDS });

/** A mutation on an existing 学区 acts under the 学区's locality and the Weicheng regime there. */
async function onXuequ<T>(
  ctx: GongzhiContext,
  groupId: string,
  spec: { operation: string; fields: string[]; exceptions?: readonly unknown[] | null },
  body: (tx: Db, g: SchoolGroupRow, options: WeichengOptions) => Promise<{ result: T; changes: Change[] }>,
): Promise<T> {
  const g = await getGroup(ctx.db, groupId, XUEQU_KIND);
  return runMutation(ctx, { ...spec, localityCode: g.localityCode, plugin: PLUGIN_ID }, (tx, gov: GovernanceInEffect | null) => body(tx, g, gov!.options as WeichengOptions));
}

export function addMutations({ builder, refs }: PluginSchemaApi, w: WeichengRefs) {
  const { Plan } = refs;

  const XuequPayload = payloadType(builder, 'WeichengXuequPayload', 'xuequ', w.Xuequ, 'The 学区 after the mutation.');
  const OrganisationPayload = payloadType(builder, 'WeichengPartyOrganisationPayload', 'organisation', w.PartyOrganisation, 'The party organisation recorded.');
  const BrandPayload = payloadType(builder, 'WeichengPartyBrandPayload', 'brand', w.PartyBrand, 'The brand recorded.');
  const DecisionPayload = payloadType(builder, 'WeichengMajorDecisionPayload', 'decision', w.Decision, 'The decision as recorded.');
  const CharterPayload = payloadType(builder, 'WeichengCharterPayload', 'charter', Plan, 'The charter recorded (a core Plan of kind CHARTER).');
  const DevelopmentPlanPayload = payloadType(builder, 'WeichengDevelopmentPlanPayload', 'plan', w.DevelopmentPlan, 'The development plan recorded.');
  const ProjectPayload = payloadType(builder, 'WeichengExperimentalProjectPayload', 'project', w.Project, 'The experimental project recorded.');
  const RankPayload = payloadType(builder, 'WeichengPrincipalRankPayload', 'rank', w.Rank, 'The rank recorded.');
  const RatingPayload = payloadType(builder, 'WeichengStarRatingPayload', 'rating', w.Rating, 'The rating recorded.');
  const FestivalPayload = payloadType(builder, 'WeichengFestivalPayload', 'festival', w.Festival, 'The festival recorded.');
  const PlacementPayload = payloadType(builder, 'WeichengTeacherPlacementPayload', 'placement', w.PlacementRef, 'The placement recorded.');

  const AliasInput = builder.inputType('WeichengXuequAliasInput', {
    description: 'Another name of a 学区 that search finds.',
    fields: (t) => ({
      alias: t.string({ required: true, validate: zText(100), description: 'The name, e.g. 濰坊外國語學校學區 (the source’s spelling) or 外国语学校学区.' }),
      kind: t.field({ type: w.AliasKind, required: true, description: 'Where the name comes from.' }),
    }),
  });
  const zAliases = z.array(z.unknown()).max(20);

  const FormInput = builder.inputType('FormWeichengXuequInput', {
    description: `Form a 学区 (${DOC} 二(一)): the lead, the N other schools, and its 总校长 from the first day. weicheng.one-principal and weicheng.one-xuequ-per-school judge it.`,
    fields: (t) => ({
      localityCode: t.field({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: 'The district whose 学区 it is (370702 潍城区).' }),
      name: t.string({ required: true, validate: zName, description: 'Its official name, in simplified characters, e.g. 潍坊外国语学校学区.' }),
      aliases: t.field({ type: [AliasInput], validate: zAliases, description: 'Other names search finds (at most 20): the source’s traditional spelling, short names.' }),
      leadSchoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The lead school (名校 / 强校 / 大校); it is a member too.' }),
      memberSchoolCodes: t.field({ type: ['SchoolCode'], required: true, validate: z.array(zSchoolCode).max(50), description: 'The other member schools (the N of “1+N”), not the lead.' }),
      zongxiaozhangPersonId: t.id({ required: true, validate: zPersonId, description: '总校长 — the person who heads every school of the 学区 from its first day (Relay id or UUID).' }),
      validFrom: t.field({ type: 'Date', required: true, validate: zDate, description: 'The first day of the 学区, its memberships and its 总校长’s post.' }),
      pairings: t.field({ type: [w.Pairing], description: '“1+N”模式 — how the lead brings on the others, where known.' }),
      isLeadInferred: t.boolean({ description: 'The lead is our reading, not stated by a source (false when omitted).' }),
      note: t.string({ validate: zText(500), description: 'A note on the record.' }),
      isSample: t.boolean({ description: 'Sample data, not a real 学区.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const UpdateInput = builder.inputType('UpdateWeichengXuequInput', {
    description: 'Change what the Weicheng regime records of a 学区. Omitted fields stay as they are; `aliases`, when given, replace them all. (Name, lead and members: core’s updateSchoolGroup and membership mutations, which the rules judge too.)',
    fields: (t) => ({
      groupId: t.id({ required: true, validate: zGroupId, description: 'The 学区’s Relay id or UUID (`groupId`).' }),
      aliases: t.field({ type: [AliasInput], validate: zAliases, description: 'All its other names (an empty list removes them).' }),
      pairings: t.field({ type: [w.Pairing], description: '“1+N”模式 — how the lead brings on the others.' }),
      isLeadInferred: t.boolean({ description: 'Whether the lead is our reading.' }),
      note: t.string({ validate: zText(500), description: 'A note on the record.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const AppointInput = builder.inputType('AppointWeichengZongxiaozhangInput', {
    description: '总校长 handover: the person heads the 学区 from `validFrom`; the 总校长 in post then ends the day before, so the 学区 is never without one (weicheng.one-principal).',
    fields: (t) => ({
      groupId: t.id({ required: true, validate: zGroupId, description: 'The 学区’s Relay id or UUID (`groupId`).' }),
      personId: t.id({ required: true, validate: zPersonId, description: 'The new 总校长 (Relay id or UUID).' }),
      validFrom: t.field({ type: 'Date', required: true, validate: zDate, description: 'Their first day.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const OrganisationInput = builder.inputType('SetWeichengPartyOrganisationInput', {
    description: `Record the 学区's party organisation (${DOC} 一(二)3) from a date; the one before ends the day before. Its secretary is a PARTY_SECRETARY post at the 学区 (createPost).`,
    validate: periodCheck,
    fields: (t) => ({
      groupId: t.id({ required: true, validate: zGroupId, description: 'The 学区’s Relay id or UUID (`groupId`).' }),
      kind: t.field({ type: w.PartyOrganisationKind, required: true, description: '党委 or 党总支.' }),
      name: t.string({ required: true, validate: zName, description: 'Its name.' }),
      approvalRef: t.string({ validate: zRef, description: '批复文件 — the approval that set it up.' }),
      validFrom: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day (成立).' }),
      validTo: t.field({ type: 'Date', validate: zDate, description: 'Last day, if known.' }),
      isSample: t.boolean({ description: 'Sample data, not a real organisation.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const BrandInput = builder.inputType('SetWeichengPartyBrandInput', {
    description: `Record the 学区's party-building brand (一学区一品牌, ${DOC} 一(二)3(2)) from a date; the brand before ends the day before.`,
    validate: periodCheck,
    fields: (t) => ({
      groupId: t.id({ required: true, validate: zGroupId, description: 'The 学区’s Relay id or UUID (`groupId`).' }),
      name: t.string({ required: true, validate: zText(100), description: 'The brand, e.g. 红色长廊.' }),
      description: t.string({ validate: zText(1000), description: 'What it is.' }),
      validFrom: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day.' }),
      validTo: t.field({ type: 'Date', validate: zDate, description: 'Last day, if known.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const ParticipationInput = builder.inputType('WeichengPartyParticipationInput', {
    description: 'The 学区 party organisation’s part in one stage of a decision, with the record that shows it.',
    fields: (t) => ({
      stage: t.field({ type: w.ParticipationStage, required: true, description: 'The stage.' }),
      heldOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'The day it took part (DELIBERATION on or before the decision day, DECISION on it, IMPLEMENTATION on or after it).' }),
      recordRef: t.string({ required: true, validate: zRef, description: '会议纪要 — the minutes or record that shows it.' }),
    }),
  });

  const DecisionInput = builder.inputType('RecordWeichengMajorDecisionInput', {
    description: `Record a decision of one of the four major kinds, with the party organisation's participation throughout (${DOC} 一(二)3). weicheng.major-decision-participation refuses it without DELIBERATION and DECISION participations on their days, while the 学区 had a party organisation.`,
    fields: (t) => ({
      groupId: t.id({ required: true, validate: zGroupId, description: 'The 学区’s Relay id or UUID (`groupId`).' }),
      kind: t.field({ type: w.MajorMatterKind, required: true, description: 'Which of the four kinds.' }),
      title: t.string({ required: true, validate: zText(300), description: 'What was decided.' }),
      decidedOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'The decision day.' }),
      amountFen: t.field({ type: 'Fen', description: 'For an investment or a spending: the sum, in fen.' }),
      participations: t.field({ type: [ParticipationInput], required: true, validate: z.array(z.unknown()).max(20), description: 'The party organisation’s participations (an empty list is refused by the rule, not here).' }),
      isSample: t.boolean({ description: 'Sample data, not a real decision.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const AddParticipationInput = builder.inputType('RecordWeichengDecisionParticipationInput', {
    description: 'Add a participation to a recorded decision, e.g. the party organisation’s oversight of its implementation (IMPLEMENTATION). The rule judges the decision again.',
    fields: (t) => ({
      decisionId: t.id({ required: true, validate: z.string().uuid(), description: 'The decision’s UUID (`decisionId`).' }),
      stage: t.field({ type: w.ParticipationStage, required: true, description: 'The stage.' }),
      heldOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'The day it took part.' }),
      recordRef: t.string({ required: true, validate: zRef, description: '会议纪要 — the minutes or record that shows it.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const CharterInput = builder.inputType('AdoptWeichengCharterInput', {
    description: `Record the 学区's charter (统一章程, ${DOC} 二(三)).`,
    validate: zCrossField<{ adoptedOn: string; validTo?: string | null }>({ ok: (v) => !v.validTo || v.validTo >= v.adoptedOn, field: 'validTo', reason: REASON_ENDS }),
    fields: (t) => ({
      groupId: t.id({ required: true, validate: zGroupId, description: 'The 学区’s Relay id or UUID (`groupId`).' }),
      title: t.string({ required: true, validate: zName, description: 'Its title, e.g. 潍坊外国语学校学区章程.' }),
      adoptedOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'The day it was adopted (in force from).' }),
      validTo: t.field({ type: 'Date', validate: zDate, description: 'Last day in force, if superseded.' }),
      filedOn: t.field({ type: 'Date', validate: zDate, description: '报备 — the day it was filed with the bureau, if it was.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const ElementInput = builder.inputType('WeichengPlanElementInput', {
    description: 'What a development plan says on one of the six elements.',
    fields: (t) => ({
      element: t.field({ type: w.PlanElementEnum, required: true, description: 'The element.' }),
      content: t.string({ required: true, validate: zText(5000), description: 'What the plan says on it (not empty: an element named with nothing said is not covered).' }),
    }),
  });

  const PlanInput = builder.inputType('RecordWeichengDevelopmentPlanInput', {
    description: `Record a 学区's mid/long-term development plan (${DOC} 一(二)1(3)) with what it says on each element. A plan that leaves elements out is recorded; weicheng.charter-and-plan reports what is missing.`,
    validate: zCrossField<Period & { elements: { element: string }[] }>(
      { ok: (v) => !v.validTo || v.validTo >= v.validFrom, field: 'validTo', reason: REASON_ENDS },
      { ok: (v) => new Set(v.elements.map((e) => e.element)).size === v.elements.length, field: 'elements', reason: { zh: '要素重复', en: 'an element is listed twice' } },
    ),
    fields: (t) => ({
      groupId: t.id({ required: true, validate: zGroupId, description: 'The 学区’s Relay id or UUID (`groupId`).' }),
      title: t.string({ required: true, validate: zName, description: 'Its title, e.g. 实验小学学区中长期发展规划（2020—2025年）.' }),
      validFrom: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day of its period.' }),
      validTo: t.field({ type: 'Date', validate: zDate, description: 'Last day of its period (a mid/long-term plan usually has one).' }),
      filedOn: t.field({ type: 'Date', validate: zDate, description: '报备 — the day it was filed with the bureau, if it was.' }),
      elements: t.field({ type: [ElementInput], required: true, validate: z.array(z.unknown()).max(6), description: 'What it says on each of the six elements it covers.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const ProjectInput = builder.inputType('StartWeichengExperimentalProjectInput', {
    description: `Record an experimental project the 学区 leads (${DOC} 一(二)2).`,
    validate: periodCheck,
    fields: (t) => ({
      groupId: t.id({ required: true, validate: zGroupId, description: 'The 学区’s Relay id or UUID (`groupId`).' }),
      category: t.field({ type: w.ProjectCategory, required: true, description: 'Its category.' }),
      name: t.string({ required: true, validate: zName, description: 'Its name.' }),
      validFrom: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day.' }),
      validTo: t.field({ type: 'Date', validate: zDate, description: 'Last day, if known.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const RankInput = builder.inputType('AwardWeichengPrincipalRankInput', {
    description: `Record a principal's rank (校长职级, ${DOC} 一(二)4(2)) from a date; the rank held before ends the day before.`,
    validate: periodCheck,
    fields: (t) => ({
      personId: t.id({ required: true, validate: zPersonId, description: 'The principal (Relay id or UUID).' }),
      rank: t.string({ required: true, validate: zText(50), description: 'The rank as the bureau’s scheme names it (e.g. 高级校长).' }),
      documentRef: t.string({ required: true, validate: zRef, description: '认定文件 — the document that conferred it.' }),
      validFrom: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day held.' }),
      validTo: t.field({ type: 'Date', validate: zDate, description: 'Last day held, if known.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const RatingInput = builder.inputType('RateWeichengSchoolInput', {
    description: `Record a school's star rating under the 星级学校管理办法 (${DOC} 二(四)) from a date; the rating before ends the day before.`,
    validate: periodCheck,
    fields: (t) => ({
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: '学校标识码 of the school rated.' }),
      stars: t.int({ required: true, validate: z.number().int().min(1).max(10), description: 'Its stars: 1 … the locality’s `maxStars` (5 by default).' }),
      documentRef: t.string({ required: true, validate: zRef, description: '评定文件 — the document that awarded it.' }),
      validFrom: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day in force.' }),
      validTo: t.field({ type: 'Date', validate: zDate, description: 'Last day in force, if the scheme sets one.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const FestivalInput = builder.inputType('SetWeichengFestivalInput', {
    description: `Record a festival the 学区 holds (${DOC} 一(二)4(7)); the same name again corrects its dates.`,
    validate: periodCheck,
    fields: (t) => ({
      groupId: t.id({ required: true, validate: zGroupId, description: 'The 学区’s Relay id or UUID (`groupId`).' }),
      name: t.string({ required: true, validate: zText(100), description: 'The festival, e.g. 科技创新节.' }),
      validFrom: t.field({ type: 'Date', required: true, validate: zDate, description: 'Since when the 学区 holds it.' }),
      validTo: t.field({ type: 'Date', validate: zDate, description: 'Last day, if it is no longer held.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const PlaceInput = builder.inputType('PlaceWeichengTeacherInput', {
    description: `区管校聘 (${DOC} 一(二)4(4)): the district hires a teacher and places them at one of its schools, as a TEACHER post there. End the post with updatePost; a move is a new placement.`,
    validate: periodCheck,
    fields: (t) => ({
      personId: t.id({ required: true, validate: zPersonId, description: 'The teacher (Relay id or UUID).' }),
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school they are placed at (in the district).' }),
      validFrom: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day at the school.' }),
      validTo: t.field({ type: 'Date', validate: zDate, description: 'Last day, if known.' }),
      hiringRoute: t.field({ type: w.HiringRoute, required: true, description: 'How the district recruited them.' }),
      positionTitle: t.string({ required: true, validate: zText(100), description: '按需设岗 — the post the school set for its need, e.g. 初中数学教师.' }),
      contractRef: t.string({ required: true, validate: zRef, description: '合同管理 — the contract’s reference.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  builder.mutationFields((t) => ({
    formWeichengXuequ: t.field({
      type: XuequPayload,
      description: '学区 — form a Weicheng 学区 with its lead, its other schools and its 总校长 (one transaction). Refused where the regime is not enabled, by weicheng.one-principal (“1+N”, one 总校长) and by weicheng.one-xuequ-per-school.',
      args: { input: t.arg({ type: FormInput, required: true, description: 'The 学区.' }) },
      resolve: (_, { input }, ctx) =>
        runMutation(ctx, { operation: 'formWeichengXuequ', localityCode: input.localityCode, plugin: PLUGIN_ID, fields: Object.keys(input), exceptions: input.exceptions }, async (tx) => {
          const { group, post } = await formXuequ(tx, ctx.registry, {
            localityCode: input.localityCode,
            name: input.name,
            leadSchoolCode: input.leadSchoolCode,
            memberSchoolCodes: input.memberSchoolCodes,
            validFrom: input.validFrom,
            zongxiaozhangPersonId: input.zongxiaozhangPersonId,
            aliases: (input.aliases ?? []) as never,
            pairings: (input.pairings ?? []) as never,
            leadIsInferred: input.isLeadInferred ?? false,
            note: input.note,
            isSample: input.isSample,
          });
          return { result: { xuequ: group }, changes: [{ entity: 'SchoolGroup', key: group.id }, { entity: 'Post', key: post.id }] };
        }),
    }),
    updateWeichengXuequ: t.field({
      type: XuequPayload,
      description: 'Change a 学区’s aliases, “1+N” pattern, lead-inferred flag or note.',
      args: { input: t.arg({ type: UpdateInput, required: true, description: 'The 学区 and what to change.' }) },
      resolve: (_, { input }, ctx) =>
        onXuequ(ctx, input.groupId, { operation: 'updateWeichengXuequ', fields: Object.keys(input), exceptions: input.exceptions }, async (tx, g) => {
          if (input.aliases) await setAliases(tx, g, input.aliases as never);
          if (input.pairings !== undefined || input.isLeadInferred !== undefined || input.note !== undefined)
            await upsertProfile(tx, g.id, { pairings: input.pairings as never, leadIsInferred: input.isLeadInferred, note: input.note });
          return { result: { xuequ: g }, changes: [{ entity: 'WeichengXuequProfile', key: g.id }] };
        }),
    }),
    appointWeichengZongxiaozhang: t.field({
      type: XuequPayload,
      description: '总校长 — hand a 学区 to a new 总校长 from a date (the one before ends the day before). Judged by weicheng.one-principal.',
      args: { input: t.arg({ type: AppointInput, required: true, description: 'The 学区, the person and the day.' }) },
      resolve: (_, { input }, ctx) =>
        onXuequ(ctx, input.groupId, { operation: 'appointWeichengZongxiaozhang', fields: Object.keys(input), exceptions: input.exceptions }, async (tx, g) => {
          const post = await appointZongxiaozhang(tx, ctx.registry, g, input.personId, input.validFrom);
          return { result: { xuequ: g }, changes: [{ entity: 'Post', key: post.id }, { entity: 'SchoolGroup', key: g.id }] };
        }),
    }),
    setWeichengPartyOrganisation: t.field({
      type: OrganisationPayload,
      description: '学区党委 / 党总支 — record the 学区’s party organisation from a date. Decisions it covered are judged again (weicheng.major-decision-participation).',
      args: { input: t.arg({ type: OrganisationInput, required: true, description: 'The 学区 and its organisation.' }) },
      resolve: (_, { input }, ctx) =>
        onXuequ(ctx, input.groupId, { operation: 'setWeichengPartyOrganisation', fields: Object.keys(input), exceptions: input.exceptions }, async (tx, g) => {
          const organisation = await setPartyOrganisation(tx, g, { kind: input.kind as never, name: input.name, approvalRef: input.approvalRef, validFrom: input.validFrom, validTo: input.validTo, isSample: input.isSample });
          return { result: { organisation }, changes: [{ entity: 'WeichengPartyOrganisation', key: g.id }] };
        }),
    }),
    setWeichengPartyBrand: t.field({
      type: BrandPayload,
      description: '党建品牌 — record the 学区’s party-building brand from a date (一学区一品牌).',
      args: { input: t.arg({ type: BrandInput, required: true, description: 'The 学区 and its brand.' }) },
      resolve: (_, { input }, ctx) =>
        onXuequ(ctx, input.groupId, { operation: 'setWeichengPartyBrand', fields: Object.keys(input), exceptions: input.exceptions }, async (tx, g) => {
          const brand = await setPartyBrand(tx, g, { name: input.name, description: input.description, validFrom: input.validFrom, validTo: input.validTo });
          return { result: { brand }, changes: [{ entity: 'WeichengPartyBrand', key: brand.id }] };
        }),
    }),
    recordWeichengMajorDecision: t.field({
      type: DecisionPayload,
      description: '重大事项决策 — record a decision of one of the four major kinds with the party organisation’s participations. Refused by weicheng.major-decision-participation without them.',
      args: { input: t.arg({ type: DecisionInput, required: true, description: 'The 学区, the decision and the participations.' }) },
      resolve: (_, { input }, ctx) =>
        onXuequ(ctx, input.groupId, { operation: 'recordWeichengMajorDecision', fields: Object.keys(input), exceptions: input.exceptions }, async (tx, g) => {
          const decision = await recordDecision(tx, g, { kind: input.kind as never, title: input.title, decidedOn: input.decidedOn, amountFen: input.amountFen, participations: input.participations as never, isSample: input.isSample });
          return { result: { decision }, changes: [{ entity: 'WeichengMajorDecision', key: decision.id }] };
        }),
    }),
    recordWeichengDecisionParticipation: t.field({
      type: DecisionPayload,
      description: 'Add the party organisation’s participation in a stage of a recorded decision (e.g. IMPLEMENTATION). Judged by weicheng.major-decision-participation.',
      args: { input: t.arg({ type: AddParticipationInput, required: true, description: 'The decision and the participation.' }) },
      resolve: async (_, { input }, ctx) => {
        const decision = await getDecision(ctx.db, String(input.decisionId));
        return onXuequ(ctx, decision.groupId, { operation: 'recordWeichengDecisionParticipation', fields: Object.keys(input), exceptions: input.exceptions }, async (tx) => {
          await addParticipation(tx, decision, { stage: input.stage as never, heldOn: input.heldOn, recordRef: input.recordRef });
          return { result: { decision }, changes: [{ entity: 'WeichengMajorDecision', key: decision.id }] };
        });
      },
    }),
    adoptWeichengCharter: t.field({
      type: CharterPayload,
      description: '章程 — record the 学区’s charter (a core Plan of kind CHARTER).',
      args: { input: t.arg({ type: CharterInput, required: true, description: 'The 学区 and its charter.' }) },
      resolve: (_, { input }, ctx) =>
        onXuequ(ctx, input.groupId, { operation: 'adoptWeichengCharter', fields: Object.keys(input), exceptions: input.exceptions }, async (tx, g) => {
          const charter = await adoptCharter(tx, g, { title: input.title, adoptedOn: input.adoptedOn, validTo: input.validTo, filedOn: input.filedOn });
          return { result: { charter }, changes: [{ entity: 'Plan', key: charter.id }] };
        }),
    }),
    recordWeichengDevelopmentPlan: t.field({
      type: DevelopmentPlanPayload,
      description: '中长期发展规划 — record the 学区’s development plan with what it says on the six elements.',
      args: { input: t.arg({ type: PlanInput, required: true, description: 'The 学区 and its plan.' }) },
      resolve: (_, { input }, ctx) =>
        onXuequ(ctx, input.groupId, { operation: 'recordWeichengDevelopmentPlan', fields: Object.keys(input), exceptions: input.exceptions }, async (tx, g) => {
          const plan = await recordDevelopmentPlan(tx, g, { title: input.title, validFrom: input.validFrom, validTo: input.validTo, filedOn: input.filedOn, elements: input.elements as { element: PlanElement; content: string }[] });
          return { result: { plan: { plan } }, changes: [{ entity: 'Plan', key: plan.id }] };
        }),
    }),
    startWeichengExperimentalProject: t.field({
      type: ProjectPayload,
      description: '实验项目 — record an experimental project the 学区 leads.',
      args: { input: t.arg({ type: ProjectInput, required: true, description: 'The 学区 and the project.' }) },
      resolve: (_, { input }, ctx) =>
        onXuequ(ctx, input.groupId, { operation: 'startWeichengExperimentalProject', fields: Object.keys(input), exceptions: input.exceptions }, async (tx, g) => {
          const project = await startProject(tx, g, { category: input.category as never, name: input.name, validFrom: input.validFrom, validTo: input.validTo });
          return { result: { project }, changes: [{ entity: 'WeichengExperimentalProject', key: project.id }] };
        }),
    }),
    setWeichengFestival: t.field({
      type: FestivalPayload,
      description: '学区节日 — record a festival the 学区 holds for its schools.',
      args: { input: t.arg({ type: FestivalInput, required: true, description: 'The 学区 and the festival.' }) },
      resolve: (_, { input }, ctx) =>
        onXuequ(ctx, input.groupId, { operation: 'setWeichengFestival', fields: Object.keys(input), exceptions: input.exceptions }, async (tx, g) => {
          const festival = await setFestival(tx, g, { name: input.name, validFrom: input.validFrom, validTo: input.validTo });
          return { result: { festival }, changes: [{ entity: 'WeichengFestival', key: festival.id }] };
        }),
    }),
    awardWeichengPrincipalRank: t.field({
      type: RankPayload,
      description: '校长职级 — record a principal’s rank from a date. Acts under the person’s locality, where the Weicheng regime must be in force.',
      args: { input: t.arg({ type: RankInput, required: true, description: 'The principal and the rank.' }) },
      resolve: async (_, { input }, ctx) => {
        const person = await getPerson(ctx.db, input.personId);
        return runMutation(ctx, { operation: 'awardWeichengPrincipalRank', localityCode: person.localityCode, plugin: PLUGIN_ID, fields: Object.keys(input), exceptions: input.exceptions }, async (tx) => {
          const rank = await awardRank(tx, { personId: person.id, rank: input.rank, documentRef: input.documentRef, validFrom: input.validFrom, validTo: input.validTo });
          return { result: { rank }, changes: [{ entity: 'WeichengPrincipalRank', key: rank.id }] };
        });
      },
    }),
    rateWeichengSchool: t.field({
      type: RatingPayload,
      description: '星级评价 — record a school’s star rating from a date. Acts under the school’s county; the 学区’s bundled rating follows.',
      args: { input: t.arg({ type: RatingInput, required: true, description: 'The school and its stars.' }) },
      resolve: async (_, { input }, ctx) => {
        const school = await getSchool(ctx.db, input.schoolCode);
        return runMutation(ctx, { operation: 'rateWeichengSchool', localityCode: school.countyCode, plugin: PLUGIN_ID, fields: Object.keys(input), exceptions: input.exceptions }, async (tx, gov) => {
          const max = (gov!.options as WeichengOptions).maxStars;
          if (input.stars > max) throw badInput('input.stars', { zh: `星级最多 ${max} 星`, en: `at most ${max} stars here (option maxStars)` });
          const rating = await rateSchool(tx, { schoolCode: school.code, stars: input.stars, documentRef: input.documentRef, validFrom: input.validFrom, validTo: input.validTo });
          return { result: { rating }, changes: [{ entity: 'WeichengStarRating', key: rating.id }] };
        });
      },
    }),
    placeWeichengTeacher: t.field({
      type: PlacementPayload,
      description: '区管校聘 — the district places a teacher it hired at one of its schools (a TEACHER post). Acts under the school’s county.',
      args: { input: t.arg({ type: PlaceInput, required: true, description: 'The teacher, the school and the hiring.' }) },
      resolve: async (_, { input }, ctx) => {
        const school = await getSchool(ctx.db, input.schoolCode);
        return runMutation(ctx, { operation: 'placeWeichengTeacher', localityCode: school.countyCode, plugin: PLUGIN_ID, fields: Object.keys(input), exceptions: input.exceptions }, async (tx) => {
          const placement = await placeTeacher(tx, ctx.registry, { hiredByCode: school.countyCode, personId: input.personId, schoolCode: school.code, validFrom: input.validFrom, validTo: input.validTo, hiringRoute: input.hiringRoute as never, positionTitle: input.positionTitle, contractRef: input.contractRef });
          return { result: { placement }, changes: [{ entity: 'Post', key: placement.post.id }, { entity: 'WeichengTeacherPlacement', key: placement.post.id }] };
        });
      },
    }),
  }));
}
