/**
 * Annex 1's GraphQL types and queries: plans, sessions, outside-staff lists, rates, enrolments (a Relay
 * node), charges, withdrawals, summer care and the term statement with its export.
 */
import { z } from 'zod';
import { badInput, keysetConnection, schoolLoader, localityLoader, zDate, zSchoolCode, zSchoolYear, zDivisionCode, type GongzhiContext, type PluginSchemaApi } from '@gongzhi/core';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { A1, CHARGE_ITEMS, CONTENT_KINDS, DOC, OUTSIDE_STAFF_KINDS, PRIORITY_GROUPS, WAIVER_CATEGORIES, isTerm, keysOf, minutesOf, schoolDays, termsOf } from './domain.js';
import * as t from './tables.js';
import {
  chargeByEnrolmentLoader,
  countSessions,
  enrolmentLoader,
  outsideStaffBySessionLoader,
  plansOfSchools,
  ratesOfCounty,
  sessionsPage,
  withdrawalByEnrolmentLoader,
  type ChargeRow,
  type EnrolmentRow,
  type PlanRow,
  type RateRow,
  type SessionRow,
  type StaffListRow,
  type OutsideStaffRow,
  type SummerCareRow,
  type WaiverRow,
  type WithdrawalRow,
} from './repo.js';
import { termStatement, type TermStatementLine } from './rules/fees.js';
import { statementCsv, statementXlsxBase64 } from './export.js';

export const zTerm = z.string().refine(isTerm, { message: 'a term is written 2026-2027-1 (autumn), 2026-2027-2 (spring) or 2026-2027-S (summer)', params: { zh: '学期格式应为 2026-2027-1（秋季）、2026-2027-2（春季）或 2026-2027-S（暑期）' } });

const enumValues = <K extends string>(o: Record<K, { zh: string; en: string }>) =>
  Object.fromEntries(keysOf(o).map((k) => [k, { value: k, description: `${o[k].zh} — ${o[k].en}.` }])) as Record<K, { value: K; description: string }>;

export function addAfterSchoolTypes(api: PluginSchemaApi) {
  const { builder, refs } = api;
  const { School, Locality, Stage } = refs;

  const ContentKind = builder.enumType('HezhangAfterSchoolContentKind', { description: `课后服务内容 — what a session does (${DOC} ${A1} 三(三)); the four marked forbidden are refused (hezhang.after-school-content).`, values: enumValues(CONTENT_KINDS) });
  const WaiverCategory = builder.enumType('HezhangWaiverCategory', { description: `费用减免对象 — the families whose fees are reduced case by case (${A1} 二(三)).`, values: enumValues(WAIVER_CATEGORIES) });
  const PriorityGroup = builder.enumType('HezhangPriorityGroup', { description: `重点保障群体 — the groups whose access the school secures (${A1} 三(一)).`, values: enumValues(PRIORITY_GROUPS) });
  const ChargeItem = builder.enumType('HezhangChargeItem', { description: `收费项目 — what a charge is for; only the service and summer-care fees may be charged (${A1} 三(六)二, hezhang.fee-rate).`, values: enumValues(CHARGE_ITEMS) });
  const OutsideStaffKind = builder.enumType('HezhangOutsideStaffKind', { description: `校外人员类别 — who a school may bring in (${A1} 三(五)二).`, values: enumValues(OUTSIDE_STAFF_KINDS) });

  const Plan = builder.objectRef<PlanRow>('HezhangAfterSchoolPlan').implement({
    description: `课后服务实施方案 — a school’s plan for a term (一校一案), reviewed and filed with the 教育科技局 before any session (${A1} 三(四)).`,
    fields: (f) => ({
      planId: f.exposeID('id', { description: 'The raw identifier (UUID).' }),
      school: f.field({ type: School, description: 'The school.', resolve: async (p, _, ctx) => (await schoolLoader(ctx).load(p.schoolCode))! }),
      term: f.exposeString('term', { description: '学期 — `2026-2027-1` (autumn) or `2026-2027-2` (spring).' }),
      title: f.exposeString('title', { description: 'The plan’s title.' }),
      startsOn: f.field({ type: 'Date', description: 'First day of service under the plan.', resolve: (p) => p.startsOn }),
      endsOn: f.field({ type: 'Date', description: 'Last day of service under the plan.', resolve: (p) => p.endsOn }),
      filedOn: f.field({ type: 'Date', nullable: true, description: '审核备案 — the day the bureau filed it; null: not yet filed, so no session may take place.', resolve: (p) => p.filedOn }),
      filingRef: f.exposeString('filingRef', { nullable: true, description: 'The bureau’s filing reference.' }),
      eveningStudyApprovalRef: f.exposeString('eveningStudyRef', { nullable: true, description: '晚自习 — for a junior or senior day school: the approval under which it runs evening study as boarding schools do (their end time then applies, 三(二)1–2).' }),
      isFiled: f.boolean({ description: 'Whether the bureau has filed it.', resolve: (p) => !!p.filedOn && !!p.filingRef }),
      isSample: f.exposeBoolean('isSample', { description: 'Sample data, not a real plan.' }),
    }),
  });

  const OutsideStaff = builder.objectRef<OutsideStaffRow>('HezhangOutsideStaff').implement({
    description: `校外聘用人员 — an outside person on a school’s list (${A1} 三(五)二、三).`,
    fields: (f) => ({
      outsideStaffId: f.exposeID('id', { description: 'The raw identifier (UUID).' }),
      name: f.exposeString('name', { description: '姓名 — as the list gives it.' }),
      kind: f.field({ type: OutsideStaffKind, description: 'Retired teacher, professional or volunteer.', resolve: (s) => s.kind as never }),
      vettedOn: f.field({ type: 'Date', description: '资格政审和入职审查 — the day the school’s vetting was passed.', resolve: (s) => s.vettedOn }),
    }),
  });
  const ServingStaff = builder.objectRef<{ staffId: string; name: string; listId: string; approvedOn: string | null }>('HezhangSessionOutsideStaff').implement({
    description: 'An outside person serving a session, with the approval of their list.',
    fields: (f) => ({
      outsideStaffId: f.exposeID('staffId', { description: 'The outside person (UUID).' }),
      name: f.exposeString('name', { description: '姓名.' }),
      listApprovedOn: f.field({ type: 'Date', nullable: true, description: 'When the bureau approved their list (null: not approved).', resolve: (s) => s.approvedOn }),
    }),
  });

  const Session = builder.objectRef<SessionRow>('HezhangAfterSchoolSession').implement({
    description: `课后服务 — one after-school session: its day, times, stage and content (${A1} 三(二), 三(三)).`,
    fields: (f) => ({
      sessionId: f.exposeID('id', { description: 'The raw identifier (UUID).' }),
      school: f.field({ type: School, description: 'The school.', resolve: async (s, _, ctx) => (await schoolLoader(ctx).load(s.schoolCode))! }),
      stage: f.field({ type: Stage, description: 'The stage it serves (its end-time cap follows it).', resolve: (s) => s.stage as never }),
      heldOn: f.field({ type: 'Date', description: 'The school day.', resolve: (s) => s.heldOn }),
      startsAt: f.field({ type: 'LocalTime', description: 'Start (Asia/Shanghai).', resolve: (s) => s.startsAt }),
      endsAt: f.field({ type: 'LocalTime', description: 'End (Asia/Shanghai).', resolve: (s) => s.endsAt }),
      minutes: f.int({ description: 'Its length in minutes.', resolve: (s) => minutesOf(s.endsAt) - minutesOf(s.startsAt) }),
      contentKind: f.field({ type: ContentKind, description: 'What it does.', resolve: (s) => s.contentKind as never }),
      title: f.exposeString('title', { nullable: true, description: 'Its name, e.g. 葫芦丝社团.' }),
      outsideStaff: f.field({ type: [ServingStaff], description: 'The outside staff serving it.', resolve: (s, _, ctx) => outsideStaffBySessionLoader(ctx).load(s.id) }),
      isSample: f.exposeBoolean('isSample', { description: 'Sample data, not a real session.' }),
    }),
  });

  const StaffList = builder.objectRef<StaffListRow & { members?: OutsideStaffRow[] }>('HezhangOutsideStaffList').implement({
    description: `校外聘用人员名单 — a school’s list of vetted outside staff, approved by the 教育科技局 before any of them serves (${A1} 三(五)三).`,
    fields: (f) => ({
      listId: f.exposeID('id', { description: 'The raw identifier (UUID).' }),
      school: f.field({ type: School, description: 'The school.', resolve: async (l, _, ctx) => (await schoolLoader(ctx).load(l.schoolCode))! }),
      submittedOn: f.field({ type: 'Date', description: 'Sent to the bureau on.', resolve: (l) => l.submittedOn }),
      approvedOn: f.field({ type: 'Date', nullable: true, description: 'Approved on (null: not yet).', resolve: (l) => l.approvedOn }),
      approvalRef: f.exposeString('approvalRef', { nullable: true, description: 'The bureau’s approval reference.' }),
      members: f.field({ type: [OutsideStaff], description: 'The people on it (at most 100).', resolve: async (l, _, ctx) => l.members ?? ctx.db.select().from(t.outsideStaff).where(eq(t.outsideStaff.listId, l.id)).orderBy(asc(t.outsideStaff.id)) }),
    }),
  });

  const Rate = builder.objectRef<RateRow>('HezhangAfterSchoolRate').implement({
    description: `课后服务收费标准 — the county’s rate for a stage, per session of a stated length, set by the 发改局 after cost accounting and a hearing (${A1} 二(三)).`,
    fields: (f) => ({
      rateId: f.exposeID('id', { description: 'The raw identifier (UUID).' }),
      county: f.field({ type: Locality, description: 'The county.', resolve: async (r, _, ctx) => (await localityLoader(ctx).load(r.countyCode))! }),
      stage: f.field({ type: Stage, description: '小学, 初中 or 高中.', resolve: (r) => r.stage as never }),
      sessionFen: f.field({ type: 'Fen', description: 'Per pupil per session, in fen.', resolve: (r) => r.sessionFen }),
      sessionMinutes: f.exposeInt('sessionMinutes', { description: 'The session length the rate is for; the hourly rate (summer care) is sessionFen × 60 / sessionMinutes.' }),
      effectiveFrom: f.field({ type: 'Date', description: 'In force from.', resolve: (r) => r.effectiveFrom }),
      effectiveTo: f.field({ type: 'Date', nullable: true, description: 'In force until (null: open).', resolve: (r) => r.effectiveTo }),
      approvalRef: f.exposeString('approvalRef', { description: 'The 发改局’s approving document.' }),
      hearingOn: f.field({ type: 'Date', description: '听证会 — the day of the hearing.', resolve: (r) => r.hearingOn }),
    }),
  });

  const Waiver = builder.objectRef<WaiverRow>('HezhangFeeWaiver').implement({
    description: `费用减免 — a waiver recorded case by case for a pupil and a term, with its approval (${A1} 二(三)).`,
    fields: (f) => ({
      waiverId: f.exposeID('id', { description: 'The raw identifier (UUID).' }),
      term: f.exposeString('term', { description: 'The term it covers.' }),
      amountFen: f.field({ type: 'Fen', nullable: true, description: 'A sum taken off (at most the fee).', resolve: (w) => w.amountFen }),
      shareBp: f.exposeInt('shareBp', { nullable: true, description: 'Or a share, in basis points (10000 = the whole fee); rounded up to the fen for the family.' }),
      approvalRef: f.exposeString('approvalRef', { description: 'Who approved it, where.' }),
      approvedOn: f.field({ type: 'Date', description: 'Approved on.', resolve: (w) => w.approvedOn }),
    }),
  });

  const Charge = builder.objectRef<ChargeRow>('HezhangAfterSchoolCharge').implement({
    description: 'A charge: the rate × the units, less the waiver — each figure kept, so it traces to its rate and its days.',
    fields: (f) => ({
      chargeId: f.exposeID('id', { description: 'The raw identifier (UUID).' }),
      item: f.field({ type: ChargeItem, description: 'What it is for.', resolve: (c) => c.item as never }),
      units: f.exposeInt('units', { description: 'Sessions paid for (term) or minutes of care (summer).' }),
      rateId: f.exposeID('rateId', { nullable: true, description: 'The rate applied.' }),
      grossFen: f.field({ type: 'Fen', description: 'Rate × units.', resolve: (c) => c.grossFen }),
      waivedFen: f.field({ type: 'Fen', description: 'Taken off by the waiver.', resolve: (c) => c.waivedFen }),
      amountFen: f.field({ type: 'Fen', description: 'What the family paid: gross − waived.', resolve: (c) => c.amountFen }),
      chargedOn: f.field({ type: 'Date', description: 'Charged on.', resolve: (c) => c.chargedOn }),
    }),
  });

  const Withdrawal = builder.objectRef<WithdrawalRow>('HezhangAfterSchoolWithdrawal').implement({
    description: `中途退出 — a withdrawal on the parent’s written application, settled on actual use (${A1} 三(六)二). Refund rounded up to the fen; kept = paid − refund.`,
    fields: (f) => ({
      withdrawalId: f.exposeID('id', { description: 'The raw identifier (UUID).' }),
      appliedOn: f.field({ type: 'Date', description: 'The application’s day: use is counted up to it.', resolve: (w) => w.appliedOn }),
      applicationRef: f.exposeString('applicationRef', { description: '书面申请 — the written application as filed.' }),
      sessionsUsed: f.exposeInt('sessionsUsed', { description: 'Sessions attended (actual use), at most those paid for.' }),
      refundFen: f.field({ type: 'Fen', description: 'Refunded: the unused share of what was paid.', resolve: (w) => w.refundFen }),
      keptFen: f.field({ type: 'Fen', description: 'Kept for the sessions used.', resolve: (w) => w.keptFen }),
    }),
  });

  const SummerCare = builder.objectRef<SummerCareRow>('HezhangSummerCare').implement({
    description: `暑期托管 — a school’s summer-care programme: at most 3 weeks and 6 h a day, charged per hour (${A1} 三(二)3).`,
    fields: (f) => ({
      summerCareId: f.exposeID('id', { description: 'The raw identifier (UUID).' }),
      school: f.field({ type: School, description: 'The school.', resolve: async (s, _, ctx) => (await schoolLoader(ctx).load(s.schoolCode))! }),
      schoolYear: f.field({ type: 'SchoolYear', description: 'The school year whose summer it is.', resolve: (s) => s.schoolYear }),
      startsOn: f.field({ type: 'Date', description: 'First day.', resolve: (s) => s.startsOn }),
      endsOn: f.field({ type: 'Date', description: 'Last day.', resolve: (s) => s.endsOn }),
      dailyStart: f.field({ type: 'LocalTime', description: 'Daily start.', resolve: (s) => s.dailyStart }),
      dailyEnd: f.field({ type: 'LocalTime', description: 'Daily end.', resolve: (s) => s.dailyEnd }),
      bookedMinutes: f.int({ description: 'Minutes of care a pupil gets (weekdays × daily minutes): what a summer charge is for.', resolve: (s) => schoolDays(s.startsOn, s.endsOn).length * (minutesOf(s.dailyEnd) - minutesOf(s.dailyStart)) }),
      isSample: f.exposeBoolean('isSample', { description: 'Sample data.' }),
    }),
  });

  const Enrolment = builder.objectRef<EnrolmentRow>('HezhangAfterSchoolEnrolment');
  builder.node(Enrolment, {
    description: `课后服务报名 — a pupil’s enrolment for a term or a summer-care programme, with the parent’s written application, the school’s approval, the agreement and the safety letter (${A1} 二(二), 三(六)一, 四(二)). The pupil’s personal data needs the \`pii\` scope.`,
    id: { resolve: (e) => e.id },
    loadMany: async (ids, ctx: GongzhiContext) => (await enrolmentLoader(ctx).loadMany(ids)).map((r) => (r instanceof Error ? null : r)),
    fields: (f) => ({
      enrolmentId: f.exposeID('id', { description: 'The raw identifier (UUID); `id` is the Relay global ID.' }),
      school: f.field({ type: School, description: 'The school.', resolve: async (e, _, ctx) => (await schoolLoader(ctx).load(e.schoolCode))! }),
      term: f.exposeString('term', { description: '学期, or `<year>-S` for summer care.' }),
      stage: f.field({ type: Stage, description: 'The stage whose rate applies.', resolve: (e) => e.stage as never }),
      appliedOn: f.field({ type: 'Date', nullable: true, description: '家长书面申请 — the day of the parent’s written application.', resolve: (e) => e.appliedOn }),
      applicationRef: f.exposeString('applicationRef', { nullable: true, description: 'The written application as filed.' }),
      approvedOn: f.field({ type: 'Date', nullable: true, description: '学校同意 — the school’s approval.', resolve: (e) => e.approvedOn }),
      agreementSignedOn: f.field({ type: 'Date', nullable: true, description: '课后服务协议 — the service agreement signed on.', resolve: (e) => e.agreementSignedOn }),
      safetyLetterSignedOn: f.field({ type: 'Date', nullable: true, description: '安全责任书 — the safety-responsibility letter signed on.', resolve: (e) => e.safetyLetterSignedOn }),
      charge: f.field({ type: Charge, nullable: true, description: 'Its charge, if charged.', resolve: (e, _, ctx) => chargeByEnrolmentLoader(ctx).load(e.id) }),
      withdrawal: f.field({ type: Withdrawal, nullable: true, description: 'Its withdrawal, if withdrawn.', resolve: (e, _, ctx) => withdrawalByEnrolmentLoader(ctx).load(e.id) }),
      isSample: f.exposeBoolean('isSample', { description: 'Sample data.' }),
    }),
  });

  const Line = builder.objectRef<TermStatementLine>('HezhangTermStatementLine').implement({
    description: 'One charged enrolment of a term statement.',
    fields: (f) => ({
      enrolment: f.field({ type: Enrolment, description: 'The enrolment (its pupil’s personal data needs the `pii` scope).', resolve: async (l, _, ctx) => (await enrolmentLoader(ctx).load(l.enrolmentId))! }),
      item: f.field({ type: ChargeItem, description: 'What was charged.', resolve: (l) => l.item as never }),
      units: f.exposeInt('units', { description: 'Sessions (or minutes) paid for.' }),
      grossFen: f.field({ type: 'Fen', description: 'Rate × units.', resolve: (l) => l.grossFen }),
      waivedFen: f.field({ type: 'Fen', description: 'Waived.', resolve: (l) => l.waivedFen }),
      chargedFen: f.field({ type: 'Fen', description: 'Paid.', resolve: (l) => l.chargedFen }),
      refundFen: f.field({ type: 'Fen', description: 'Refunded on withdrawal.', resolve: (l) => l.refundFen }),
      keptFen: f.field({ type: 'Fen', description: 'Kept by the fund.', resolve: (l) => l.keptFen }),
    }),
  });
  type Statement = Awaited<ReturnType<typeof termStatement>>;
  const Totals = builder.objectRef<Statement['totals']>('HezhangTermStatementTotals').implement({
    description: 'The statement’s totals: gross − waived = charged, and kept + refunded = charged, to the fen.',
    fields: (f) => ({
      lineCount: f.int({ description: 'Charged enrolments.', resolve: (x) => x.lines }),
      grossFen: f.field({ type: 'Fen', description: 'Fees at the rates.', resolve: (x) => x.grossFen }),
      waivedFen: f.field({ type: 'Fen', description: 'Waived.', resolve: (x) => x.waivedFen }),
      chargedFen: f.field({ type: 'Fen', description: 'Paid.', resolve: (x) => x.chargedFen }),
      refundFen: f.field({ type: 'Fen', description: 'Refunded.', resolve: (x) => x.refundFen }),
      keptFen: f.field({ type: 'Fen', description: 'Kept.', resolve: (x) => x.keptFen }),
      reconciles: f.exposeBoolean('reconciles', { description: 'Whether every line and the totals add up.' }),
    }),
  });
  const StatementRef = builder.objectRef<Statement>('HezhangTermStatement').implement({
    description: `学期收费结算表 — a school’s term statement: fees charged, waived and refunded, reconciling to the fen (${A1} 三(六)二: 单独建账、定期公开). Exportable as CSV or XLSX with Chinese headers; pupils appear by enrolment id only.`,
    fields: (f) => ({
      school: f.field({ type: School, description: 'The school.', resolve: async (s, _, ctx) => (await schoolLoader(ctx).load(s.schoolCode))! }),
      term: f.exposeString('term', { description: 'The term.' }),
      totals: f.field({ type: Totals, description: 'The totals.', resolve: (s) => s.totals }),
      lines: f.connection({
        type: Line,
        description: 'The lines, in enrolment id order, a page at a time.',
        resolve: (s, args) =>
          keysetConnection<TermStatementLine>(
            args,
            (l) => l.enrolmentId,
            async ({ after, limit }) => s.lines.filter((l) => !after || l.enrolmentId > after).slice(0, limit),
            async () => s.lines.length,
          ),
      }, { name: 'HezhangTermStatementLineConnection', description: 'A page of statement lines.', fields: (c) => ({ totalCount: c.int({ description: 'All lines.', resolve: (x) => (x as unknown as { totalCount: () => Promise<number> }).totalCount() }) }) }, { name: 'HezhangTermStatementLineEdge', description: 'A statement line and its cursor.' }),
      csv: f.string({ description: 'The statement as CSV (UTF-8 with BOM, Chinese headers, amounts in yuan to the fen, a totals row).', resolve: (s) => statementCsv(s) }),
      xlsxBase64: f.string({ description: 'The statement as an XLSX workbook, base64 (Chinese headers, amounts in yuan, a totals row).', resolve: (s) => statementXlsxBase64(s) }),
    }),
  });

  builder.queryFields((q) => ({
    hezhangAfterSchoolPlans: q.field({
      type: [Plan],
      description: `课后服务实施方案 — a school’s plans for the terms of a school year (${A1} 三(四)).`,
      args: {
        schoolCode: q.arg({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }),
        schoolYear: q.arg({ type: 'SchoolYear', required: true, validate: zSchoolYear, description: 'The school year.' }),
      },
      resolve: (_, a, ctx) => plansOfSchools(ctx.db, [a.schoolCode], termsOf(a.schoolYear)),
    }),
    hezhangAfterSchoolSessions: q.connection(
      {
        type: Session,
        description: 'A school’s sessions in (heldOn, id) order, a page at a time.',
        args: {
          schoolCode: q.arg({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }),
          from: q.arg({ type: 'Date', validate: zDate, description: 'From this day (inclusive).' }),
          to: q.arg({ type: 'Date', validate: zDate, description: 'To this day (inclusive).' }),
        },
        resolve: (_, a, ctx) => {
          const f = { schoolCode: a.schoolCode, from: a.from, to: a.to };
          return keysetConnection<SessionRow>(
            a,
            (s) => `${s.heldOn}|${s.id}`,
            async ({ after, limit }) => sessionsPage(ctx.db, f, after ? sessionCursor(after) : null, limit),
            () => countSessions(ctx.db, f),
          );
        },
      },
      { name: 'HezhangAfterSchoolSessionConnection', description: 'A page of sessions.', fields: (c) => ({ totalCount: c.int({ description: 'All sessions that match.', resolve: (x) => (x as unknown as { totalCount: () => Promise<number> }).totalCount() }) }) },
      { name: 'HezhangAfterSchoolSessionEdge', description: 'A session and its cursor.' },
    ),
    hezhangAfterSchoolEnrolments: q.connection(
      {
        type: Enrolment,
        description: 'A school’s enrolments for a term, in id order, a page at a time (pupils’ personal data needs the `pii` scope).',
        args: {
          schoolCode: q.arg({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }),
          term: q.arg.string({ required: true, validate: zTerm, description: '学期: `2026-2027-1`, `2026-2027-2` or `2026-2027-S`.' }),
        },
        resolve: (_, a, ctx) => {
          const base = and(eq(t.enrolments.schoolCode, a.schoolCode), eq(t.enrolments.term, a.term));
          return keysetConnection<EnrolmentRow>(
            a,
            (e) => e.id,
            async ({ after, limit }) => ctx.db.select().from(t.enrolments).where(after ? and(base, gt(t.enrolments.id, after)) : base).orderBy(asc(t.enrolments.id)).limit(limit),
            async () => (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(t.enrolments).where(base))[0]?.n ?? 0,
          );
        },
      },
      { name: 'HezhangAfterSchoolEnrolmentConnection', description: 'A page of enrolments.', fields: (c) => ({ totalCount: c.int({ description: 'All enrolments that match.', resolve: (x) => (x as unknown as { totalCount: () => Promise<number> }).totalCount() }) }) },
      { name: 'HezhangAfterSchoolEnrolmentEdge', description: 'An enrolment and its cursor.' },
    ),
    hezhangAfterSchoolRates: q.field({
      type: [Rate],
      description: `课后服务收费标准 — a county’s rates, by stage and date (${A1} 二(三)).`,
      args: { countyCode: q.arg({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: 'The county (520527 赫章县).' }) },
      resolve: (_, a, ctx) => ratesOfCounty(ctx.db, [a.countyCode]),
    }),
    hezhangOutsideStaffLists: q.field({
      type: [StaffList],
      description: `校外聘用人员名单 — a school’s outside-staff lists, oldest first (${A1} 三(五)三).`,
      args: { schoolCode: q.arg({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }) },
      resolve: (_, a, ctx) => ctx.db.select().from(t.staffLists).where(eq(t.staffLists.schoolCode, a.schoolCode)).orderBy(asc(t.staffLists.submittedOn), asc(t.staffLists.id)),
    }),
    hezhangTermStatement: q.field({
      type: StatementRef,
      description: `学期收费结算表 — a school’s term statement: charged, waived, refunded, kept, reconciling to the fen (${A1} 三(六)二).`,
      args: {
        schoolCode: q.arg({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }),
        term: q.arg.string({ required: true, validate: zTerm, description: '学期: `2026-2027-1`, `2026-2027-2` or `2026-2027-S`.' }),
      },
      resolve: (_, a, ctx) => termStatement(ctx.db, a.schoolCode, a.term),
    }),
  }));

  return { Plan, Session, StaffList, OutsideStaff, Rate, Waiver, Charge, Withdrawal, SummerCare, Enrolment, ContentKind, WaiverCategory, PriorityGroup, ChargeItem, OutsideStaffKind };
}
export type AfterSchoolTypes = ReturnType<typeof addAfterSchoolTypes>;

/** A session cursor is `heldOn|id`: anything else did not come from this list (BAD_USER_INPUT, not an SQL error). */
function sessionCursor(after: string): { heldOn: string; id: string } {
  const m = /^(\d{4}-\d{2}-\d{2})\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(after);
  if (!m) throw badInput('after', { zh: '游标无效：请使用本列表返回的游标', en: 'not a cursor of this list: use a cursor it returned' });
  return { heldOn: m[1]!, id: m[2]! };
}
