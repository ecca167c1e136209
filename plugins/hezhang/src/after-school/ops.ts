/**
 * Annex 1's writes, called inside runMutation's transaction (mutations and the seed share them). Each
 * returns the changes the write rules judge; amounts are computed here from their rate, units and
 * waiver (money.ts) and judged again by the rules, so a caller's figure that differs is refused.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { badInput, notFound, tables as core, type Change, type Db } from '@gongzhi/core';
import { pupils } from '../tables.js';
import { settleWithdrawal, summerCharge, termCharge, type Waiver } from './money.js';
import { minutesOf, schoolDays, type ChargeItem } from './domain.js';
import * as t from './tables.js';
import { rateOn, ratesOfCounty, sessionsUsed, type EnrolmentRow } from './repo.js';

type Out<T> = { row: T; changes: Change[] };
const one = async <T>(p: Promise<T[]>): Promise<T> => (await p)[0]!;

export async function getPlan(db: Db, id: string) {
  const [p] = await db.select().from(t.plans).where(eq(t.plans.id, id));
  if (!p) throw notFound('HezhangAfterSchoolPlan', id);
  return p;
}
export async function getEnrolment(db: Db, id: string) {
  const [e] = await db.select().from(t.enrolments).where(eq(t.enrolments.id, id));
  if (!e) throw notFound('HezhangAfterSchoolEnrolment', id);
  return e;
}
export async function getPupil(db: Db, id: string) {
  const [p] = await db.select().from(pupils).where(eq(pupils.id, id));
  if (!p) throw notFound('HezhangPupil', id);
  return p;
}
export async function getStaffList(db: Db, id: string) {
  const [l] = await db.select().from(t.staffLists).where(eq(t.staffLists.id, id));
  if (!l) throw notFound('HezhangOutsideStaffList', id);
  return l;
}
export async function getSession(db: Db, id: string) {
  const [s] = await db.select().from(t.sessions).where(eq(t.sessions.id, id));
  if (!s) throw notFound('HezhangAfterSchoolSession', id);
  return s;
}
export async function getSummerCare(db: Db, id: string) {
  const [s] = await db.select().from(t.summerCare).where(eq(t.summerCare.id, id));
  if (!s) throw notFound('HezhangSummerCare', id);
  return s;
}

export interface PlanInput {
  schoolCode: string;
  term: string;
  title: string;
  startsOn: string;
  endsOn: string;
  filedOn?: string | null;
  filingRef?: string | null;
  eveningStudyRef?: string | null;
  isSample?: boolean | null;
}
/** A school's plan for a term (一校一案); a second plan for the same term replaces the first's text and dates. */
export async function recordPlan(db: Db, i: PlanInput): Promise<Out<typeof t.plans.$inferSelect>> {
  const values = { title: i.title, startsOn: i.startsOn, endsOn: i.endsOn, filedOn: i.filedOn ?? null, filingRef: i.filingRef ?? null, eveningStudyRef: i.eveningStudyRef ?? null, isSample: i.isSample ?? false };
  const row = await one(
    db
      .insert(t.plans)
      .values({ schoolCode: i.schoolCode, term: i.term, ...values })
      .onConflictDoUpdate({ target: [t.plans.schoolCode, t.plans.term], set: { ...values, updatedAt: new Date() } })
      .returning(),
  );
  return { row, changes: [{ entity: 'HezhangAfterSchoolPlan', key: row.id }] };
}
/** 审核备案: the bureau files (or re-files) a plan; its sessions are judged again. */
export async function filePlan(db: Db, id: string, filedOn: string, filingRef: string): Promise<Out<typeof t.plans.$inferSelect>> {
  await getPlan(db, id);
  const row = await one(db.update(t.plans).set({ filedOn, filingRef, updatedAt: new Date() }).where(eq(t.plans.id, id)).returning());
  return { row, changes: [{ entity: 'HezhangAfterSchoolPlan', key: row.id }] };
}

export interface SessionInput {
  schoolCode: string;
  stage: string;
  heldOn: string;
  startsAt: string;
  endsAt: string;
  contentKind: string;
  title?: string | null;
  personIds?: readonly string[] | null;
  outsideStaffIds?: readonly string[] | null;
  isSample?: boolean | null;
}
/**
 * A session, under the school's plan whose period holds its day (none: planId null, which
 * hezhang.after-school-plan-filed refuses), with the staff who serve it.
 */
export async function scheduleSession(db: Db, i: SessionInput): Promise<Out<typeof t.sessions.$inferSelect>> {
  const [plan] = await db.select().from(t.plans).where(eq(t.plans.schoolCode, i.schoolCode)).then((ps) => ps.filter((p) => p.startsOn <= i.heldOn && i.heldOn <= p.endsOn));
  const row = await one(
    db
      .insert(t.sessions)
      .values({ schoolCode: i.schoolCode, planId: plan?.id ?? null, stage: i.stage, heldOn: i.heldOn, startsAt: i.startsAt, endsAt: i.endsAt, contentKind: i.contentKind, title: i.title ?? null, isSample: i.isSample ?? false })
      .returning(),
  );
  await assignStaff(db, row.id, i.schoolCode, i.personIds ?? [], i.outsideStaffIds ?? []);
  return { row, changes: [{ entity: 'HezhangAfterSchoolSession', key: row.id }] };
}

/** Staff for a session: people on core's roster, outside staff of the same school's lists. */
export async function assignStaff(db: Db, sessionId: string, schoolCode: string, personIds: readonly string[], outsideStaffIds: readonly string[]): Promise<Change[]> {
  const ps = [...new Set(personIds)];
  const os = [...new Set(outsideStaffIds)];
  if (ps.length) {
    const found = new Set((await db.select({ id: core.people.id }).from(core.people).where(inArray(core.people.id, ps))).map((r) => r.id));
    const missing = ps.find((p) => !found.has(p));
    if (missing) throw notFound('Person', missing);
  }
  if (os.length) {
    const found = await db.select({ id: t.outsideStaff.id, schoolCode: t.outsideStaff.schoolCode }).from(t.outsideStaff).where(inArray(t.outsideStaff.id, os));
    const missing = os.find((o) => !found.some((f) => f.id === o));
    if (missing) throw notFound('HezhangOutsideStaff', missing);
    if (found.some((f) => f.schoolCode !== schoolCode)) throw badInput('input.outsideStaffIds', { zh: '校外人员不在本校名单上', en: 'an outside person is on another school’s list' });
  }
  const rows = [...ps.map((personId) => ({ sessionId, personId })), ...os.map((outsideStaffId) => ({ sessionId, outsideStaffId }))];
  if (rows.length) await db.insert(t.sessionStaff).values(rows);
  return [{ entity: 'HezhangAfterSchoolSession', key: sessionId }];
}

export interface StaffListInput {
  schoolCode: string;
  submittedOn: string;
  members: readonly { name: string; kind: string; vettedOn: string }[];
}
export async function submitStaffList(db: Db, i: StaffListInput): Promise<Out<typeof t.staffLists.$inferSelect>> {
  const row = await one(db.insert(t.staffLists).values({ schoolCode: i.schoolCode, submittedOn: i.submittedOn }).returning());
  if (i.members.length) await db.insert(t.outsideStaff).values(i.members.map((m) => ({ listId: row.id, schoolCode: i.schoolCode, name: m.name, kind: m.kind, vettedOn: m.vettedOn })));
  return { row, changes: [{ entity: 'HezhangOutsideStaffList', key: row.id }] };
}
export async function approveStaffList(db: Db, id: string, approvedOn: string, approvalRef: string): Promise<Out<typeof t.staffLists.$inferSelect>> {
  const list = await getStaffList(db, id);
  if (approvedOn < list.submittedOn) throw badInput('input.approvedOn', { zh: '审批日期早于报送日期', en: 'approved before it was submitted' });
  const row = await one(db.update(t.staffLists).set({ approvedOn, approvalRef, updatedAt: new Date() }).where(eq(t.staffLists.id, id)).returning());
  return { row, changes: [{ entity: 'HezhangOutsideStaffList', key: row.id }] };
}

export interface PupilDetailsInput {
  pupilId: string;
  name: string;
  guardianName?: string | null;
  guardianPhone?: string | null;
  waiverCategory?: string | null;
  priorityGroups?: readonly string[] | null;
}
export async function recordPupilDetails(db: Db, i: PupilDetailsInput): Promise<Out<typeof t.pupilDetails.$inferSelect>> {
  const values = { name: i.name, guardianName: i.guardianName ?? null, guardianPhone: i.guardianPhone ?? null, waiverCategory: i.waiverCategory ?? null, priorityGroups: [...new Set(i.priorityGroups ?? [])] };
  const row = await one(db.insert(t.pupilDetails).values({ pupilId: i.pupilId, ...values }).onConflictDoUpdate({ target: t.pupilDetails.pupilId, set: { ...values, updatedAt: new Date() } }).returning());
  return { row, changes: [{ entity: 'HezhangAfterSchoolPupil', key: i.pupilId }] };
}

export interface EnrolInput {
  pupilId: string;
  schoolCode: string;
  term: string;
  stage: string;
  summerCareId?: string | null;
  appliedOn?: string | null;
  applicationRef?: string | null;
  approvedOn?: string | null;
  agreementSignedOn?: string | null;
  safetyLetterSignedOn?: string | null;
  isSample?: boolean | null;
}
export async function enrol(db: Db, i: EnrolInput): Promise<Out<EnrolmentRow>> {
  const [dup] = await db.select({ id: t.enrolments.id }).from(t.enrolments).where(and(eq(t.enrolments.pupilId, i.pupilId), eq(t.enrolments.term, i.term)));
  if (dup) throw badInput('input.term', { zh: `该学生已报名 ${i.term}`, en: `the pupil is already enrolled for ${i.term}` });
  const row = await one(
    db
      .insert(t.enrolments)
      .values({
        pupilId: i.pupilId,
        schoolCode: i.schoolCode,
        term: i.term,
        stage: i.stage,
        summerCareId: i.summerCareId ?? null,
        appliedOn: i.appliedOn ?? null,
        applicationRef: i.applicationRef ?? null,
        approvedOn: i.approvedOn ?? null,
        agreementSignedOn: i.agreementSignedOn ?? null,
        safetyLetterSignedOn: i.safetyLetterSignedOn ?? null,
        isSample: i.isSample ?? false,
      })
      .returning(),
  );
  return { row, changes: [{ entity: 'HezhangAfterSchoolEnrolment', key: row.id }] };
}

export interface RateInput {
  countyCode: string;
  stage: string;
  sessionFen: number;
  sessionMinutes: number;
  effectiveFrom: string;
  effectiveTo?: string | null;
  approvalRef: string;
  hearingOn: string;
}
export async function setRate(db: Db, i: RateInput): Promise<Out<typeof t.rates.$inferSelect>> {
  const row = await one(db.insert(t.rates).values({ ...i, effectiveTo: i.effectiveTo ?? null }).returning());
  return { row, changes: [{ entity: 'HezhangAfterSchoolRate', key: row.id }] };
}

export interface WaiverInput {
  pupilId: string;
  term: string;
  amountFen?: number | null;
  shareBp?: number | null;
  approvalRef: string;
  approvedOn: string;
}
export async function recordWaiver(db: Db, i: WaiverInput): Promise<Out<typeof t.waivers.$inferSelect>> {
  const [dup] = await db.select({ id: t.waivers.id }).from(t.waivers).where(and(eq(t.waivers.pupilId, i.pupilId), eq(t.waivers.term, i.term)));
  if (dup) throw badInput('input.term', { zh: `该学生 ${i.term} 已有减免记录`, en: `the pupil already has a waiver for ${i.term}` });
  const row = await one(db.insert(t.waivers).values({ pupilId: i.pupilId, term: i.term, amountFen: i.amountFen ?? null, shareBp: i.shareBp ?? null, approvalRef: i.approvalRef, approvedOn: i.approvedOn }).returning());
  return { row, changes: [{ entity: 'HezhangFeeWaiver', key: row.id }] };
}

export interface ChargeInput {
  enrolmentId: string;
  item: ChargeItem;
  /** Sessions (term) or minutes (summer); summer defaults to the programme's booked minutes. */
  units?: number | null;
  /** What the school charges; computed when omitted, judged by the rules when given. */
  amountFen?: number | null;
  chargedOn: string;
}
/**
 * A charge: the rate in force (term: on the charge day; summer: on the programme's first day) for the
 * enrolment's stage × the units, less the pupil's waiver for the term approved by then. No rate: the
 * charge is written without one (gross 0) and hezhang.fee-rate refuses it with the reason.
 */
export async function charge(db: Db, i: ChargeInput): Promise<Out<typeof t.charges.$inferSelect>> {
  const e = await getEnrolment(db, i.enrolmentId);
  const [dup] = await db.select({ id: t.charges.id }).from(t.charges).where(eq(t.charges.enrolmentId, e.id));
  if (dup) throw badInput('input.enrolmentId', { zh: '该报名已收费（一次收清）', en: 'the enrolment is already charged (one charge per enrolment)' });
  const [school] = await db.select({ countyCode: core.schools.countyCode }).from(core.schools).where(eq(core.schools.code, e.schoolCode));
  const rates = await ratesOfCounty(db, [school!.countyCode]);
  const [w] = await db.select().from(t.waivers).where(and(eq(t.waivers.pupilId, e.pupilId), eq(t.waivers.term, e.term)));
  const waiver: Waiver | null = w && w.approvedOn <= i.chargedOn ? (w.amountFen != null ? { amountFen: w.amountFen } : { shareBp: w.shareBp ?? 0 }) : null;
  let units = i.units ?? 0;
  let fee = { grossFen: 0, waivedFen: 0, chargedFen: 0 };
  let rateId: string | null = null;
  if (i.item === 'SUMMER_CARE' && e.summerCareId) {
    const p = await getSummerCare(db, e.summerCareId);
    units = i.units ?? schoolDays(p.startsOn, p.endsOn).length * (minutesOf(p.dailyEnd) - minutesOf(p.dailyStart));
    const rate = rateOn(rates, school!.countyCode, e.stage, p.startsOn);
    if (rate) ({ rateId, fee } = { rateId: rate.id, fee: summerCharge(rate.sessionFen, rate.sessionMinutes, units, waiver) });
  } else {
    if (i.units == null) throw badInput('input.units', { zh: '请填写所缴服务次数', en: 'give the number of sessions paid for' });
    const rate = rateOn(rates, school!.countyCode, e.stage, i.chargedOn);
    if (rate) ({ rateId, fee } = { rateId: rate.id, fee: termCharge(rate.sessionFen, units, waiver) });
  }
  const row = await one(
    db
      .insert(t.charges)
      .values({ enrolmentId: e.id, item: i.item, rateId, units, grossFen: fee.grossFen, waivedFen: fee.waivedFen, amountFen: i.amountFen ?? fee.chargedFen, chargedOn: i.chargedOn })
      .returning(),
  );
  return { row, changes: [{ entity: 'HezhangAfterSchoolCharge', key: row.id }] };
}

/** Pupils at a session: each must hold an enrolment at the school for the session's term. */
export async function recordAttendance(db: Db, sessionId: string, pupilIds: readonly string[]): Promise<Change[]> {
  const s = await getSession(db, sessionId);
  const ids = [...new Set(pupilIds)];
  if (!ids.length) return [];
  const [plan] = s.planId ? await db.select().from(t.plans).where(eq(t.plans.id, s.planId)) : [];
  const enrolled = plan ? new Set((await db.select({ pupilId: t.enrolments.pupilId }).from(t.enrolments).where(and(eq(t.enrolments.schoolCode, s.schoolCode), eq(t.enrolments.term, plan.term), inArray(t.enrolments.pupilId, ids)))).map((r) => r.pupilId)) : new Set<string>();
  const idx = ids.findIndex((p) => !enrolled.has(p));
  if (idx >= 0) throw badInput(`input.pupilIds.${idx}`, { zh: '该学生未报名本学期课后服务', en: 'the pupil is not enrolled for this term at the school' });
  await db.insert(t.attendance).values(ids.map((pupilId) => ({ sessionId, pupilId }))).onConflictDoNothing();
  return [{ entity: 'HezhangAfterSchoolAttendance', key: sessionId }];
}

/** 中途退出: settled on the sessions attended up to the application (money.ts). */
export async function withdraw(db: Db, i: { enrolmentId: string; appliedOn: string; applicationRef: string; refundFen?: number | null }): Promise<Out<typeof t.withdrawals.$inferSelect>> {
  const e = await getEnrolment(db, i.enrolmentId);
  if (e.summerCareId) throw badInput('input.enrolmentId', { zh: '暑期托管不按次结算退费', en: 'summer care is not settled by sessions' });
  const [dup] = await db.select({ id: t.withdrawals.id }).from(t.withdrawals).where(eq(t.withdrawals.enrolmentId, e.id));
  if (dup) throw badInput('input.enrolmentId', { zh: '该学生已退出', en: 'the pupil has already withdrawn' });
  const [c] = await db.select().from(t.charges).where(eq(t.charges.enrolmentId, e.id));
  const used = (await sessionsUsed(db, [{ enrolmentId: e.id, pupilId: e.pupilId, schoolCode: e.schoolCode, term: e.term, until: i.appliedOn }])).get(e.id) ?? 0;
  const s = settleWithdrawal(c?.amountFen ?? 0, c?.units ?? 0, used);
  const refundFen = i.refundFen ?? s.refundFen;
  const paid = c?.amountFen ?? 0;
  const row = await one(db.insert(t.withdrawals).values({ enrolmentId: e.id, appliedOn: i.appliedOn, applicationRef: i.applicationRef, sessionsUsed: s.sessionsUsed, refundFen, keptFen: paid - refundFen }).returning());
  return { row, changes: [{ entity: 'HezhangAfterSchoolWithdrawal', key: row.id }] };
}

export interface SummerCareInput {
  schoolCode: string;
  schoolYear: string;
  startsOn: string;
  endsOn: string;
  dailyStart: string;
  dailyEnd: string;
  isSample?: boolean | null;
}
export async function organiseSummerCare(db: Db, i: SummerCareInput): Promise<Out<typeof t.summerCare.$inferSelect>> {
  const row = await one(db.insert(t.summerCare).values({ ...i, isSample: i.isSample ?? false }).returning());
  return { row, changes: [{ entity: 'HezhangSummerCare', key: row.id }] };
}
