/**
 * Annex 1's reads: each takes many keys and costs one statement (rules judge many changes at once,
 * loaders batch a request's rows), and orders totally (id last).
 */
import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { byKey, defineLoader, groupByKey, tables as core, type Db } from '@gongzhi/core';
import { pupils } from '../tables.js';
import * as t from './tables.js';

export type PlanRow = typeof t.plans.$inferSelect;
export type SessionRow = typeof t.sessions.$inferSelect;
export type StaffListRow = typeof t.staffLists.$inferSelect;
export type OutsideStaffRow = typeof t.outsideStaff.$inferSelect;
export type SessionStaffRow = typeof t.sessionStaff.$inferSelect;
export type PupilDetailsRow = typeof t.pupilDetails.$inferSelect;
export type EnrolmentRow = typeof t.enrolments.$inferSelect;
export type RateRow = typeof t.rates.$inferSelect;
export type WaiverRow = typeof t.waivers.$inferSelect;
export type ChargeRow = typeof t.charges.$inferSelect;
export type WithdrawalRow = typeof t.withdrawals.$inferSelect;
export type SummerCareRow = typeof t.summerCare.$inferSelect;
export type PupilRow = typeof pupils.$inferSelect;

const none = <T>(): Promise<T[]> => Promise.resolve([]);

export const plansById = (db: Db, ids: readonly string[]) => (ids.length ? db.select().from(t.plans).where(inArray(t.plans.id, [...ids])).orderBy(asc(t.plans.id)) : none<PlanRow>());
export const plansOfSchools = (db: Db, codes: readonly string[], terms: readonly string[]) =>
  codes.length && terms.length
    ? db.select().from(t.plans).where(and(inArray(t.plans.schoolCode, [...codes]), inArray(t.plans.term, [...terms]))).orderBy(asc(t.plans.schoolCode), asc(t.plans.term), asc(t.plans.id))
    : none<PlanRow>();
/** The plan of a school whose period holds a day (the plan a session on that day belongs to). */
export async function planOn(db: Db, schoolCode: string, day: string): Promise<PlanRow | null> {
  const [p] = await db.select().from(t.plans).where(and(eq(t.plans.schoolCode, schoolCode), lte(t.plans.startsOn, day), gte(t.plans.endsOn, day))).orderBy(asc(t.plans.id)).limit(1);
  return p ?? null;
}

export const sessionsById = (db: Db, ids: readonly string[]) => (ids.length ? db.select().from(t.sessions).where(inArray(t.sessions.id, [...ids])).orderBy(asc(t.sessions.id)) : none<SessionRow>());
export const sessionsOfPlans = (db: Db, planIds: readonly string[]) =>
  planIds.length ? db.select().from(t.sessions).where(inArray(t.sessions.planId, [...planIds])).orderBy(asc(t.sessions.heldOn), asc(t.sessions.id)) : none<SessionRow>();
export const sessionsOfSchoolsFrom = (db: Db, codes: readonly string[], from: string) =>
  codes.length ? db.select().from(t.sessions).where(and(inArray(t.sessions.schoolCode, [...codes]), gte(t.sessions.heldOn, from))).orderBy(asc(t.sessions.heldOn), asc(t.sessions.id)) : none<SessionRow>();

/** Outside staff serving the sessions, with their list's approval (one statement). */
export const outsideStaffOfSessions = (db: Db, sessionIds: readonly string[]) =>
  sessionIds.length
    ? db
        .select({ sessionId: t.sessionStaff.sessionId, staffId: t.outsideStaff.id, name: t.outsideStaff.name, listId: t.staffLists.id, approvedOn: t.staffLists.approvedOn })
        .from(t.sessionStaff)
        .innerJoin(t.outsideStaff, eq(t.outsideStaff.id, t.sessionStaff.outsideStaffId))
        .innerJoin(t.staffLists, eq(t.staffLists.id, t.outsideStaff.listId))
        .where(inArray(t.sessionStaff.sessionId, [...sessionIds]))
        .orderBy(asc(t.sessionStaff.sessionId), asc(t.outsideStaff.id))
    : none<{ sessionId: string; staffId: string; name: string; listId: string; approvedOn: string | null }>();
export const sessionsServedByLists = async (db: Db, listIds: readonly string[]) =>
  listIds.length
    ? (
        await db
          .selectDistinct({ sessionId: t.sessionStaff.sessionId })
          .from(t.sessionStaff)
          .innerJoin(t.outsideStaff, eq(t.outsideStaff.id, t.sessionStaff.outsideStaffId))
          .where(inArray(t.outsideStaff.listId, [...listIds]))
      ).map((r) => r.sessionId)
    : [];

export const enrolmentsById = (db: Db, ids: readonly string[]) => (ids.length ? db.select().from(t.enrolments).where(inArray(t.enrolments.id, [...ids])).orderBy(asc(t.enrolments.id)) : none<EnrolmentRow>());
export const enrolmentsOfSchools = (db: Db, codes: readonly string[], terms: readonly string[]) =>
  codes.length && terms.length
    ? db.select().from(t.enrolments).where(and(inArray(t.enrolments.schoolCode, [...codes]), inArray(t.enrolments.term, [...terms]))).orderBy(asc(t.enrolments.id))
    : none<EnrolmentRow>();
export const enrolmentsOfPupils = (db: Db, pupilIds: readonly string[]) =>
  pupilIds.length ? db.select().from(t.enrolments).where(inArray(t.enrolments.pupilId, [...pupilIds])).orderBy(asc(t.enrolments.id)) : none<EnrolmentRow>();

export const pupilsById = (db: Db, ids: readonly string[]) => (ids.length ? db.select().from(pupils).where(inArray(pupils.id, [...ids])).orderBy(asc(pupils.id)) : none<PupilRow>());
export const detailsOf = (db: Db, pupilIds: readonly string[]) =>
  pupilIds.length ? db.select().from(t.pupilDetails).where(inArray(t.pupilDetails.pupilId, [...pupilIds])).orderBy(asc(t.pupilDetails.pupilId)) : none<PupilDetailsRow>();

export const ratesById = (db: Db, ids: readonly string[]) => (ids.length ? db.select().from(t.rates).where(inArray(t.rates.id, [...ids])).orderBy(asc(t.rates.id)) : none<RateRow>());
export const ratesOfCounty = (db: Db, countyCodes: readonly string[]) =>
  countyCodes.length ? db.select().from(t.rates).where(inArray(t.rates.countyCode, [...countyCodes])).orderBy(asc(t.rates.stage), asc(t.rates.effectiveFrom), asc(t.rates.id)) : none<RateRow>();
/** The rate in force on a day for a stage, among a county's rates. */
export const rateOn = (rates: readonly RateRow[], countyCode: string, stage: string, day: string) =>
  rates.find((r) => r.countyCode === countyCode && r.stage === stage && r.effectiveFrom <= day && (!r.effectiveTo || r.effectiveTo >= day)) ?? null;

export const waiversById = (db: Db, ids: readonly string[]) => (ids.length ? db.select().from(t.waivers).where(inArray(t.waivers.id, [...ids])).orderBy(asc(t.waivers.id)) : none<WaiverRow>());
export const waiversOfPupils = (db: Db, pupilIds: readonly string[]) =>
  pupilIds.length ? db.select().from(t.waivers).where(inArray(t.waivers.pupilId, [...pupilIds])).orderBy(asc(t.waivers.id)) : none<WaiverRow>();

export const chargesById = (db: Db, ids: readonly string[]) => (ids.length ? db.select().from(t.charges).where(inArray(t.charges.id, [...ids])).orderBy(asc(t.charges.id)) : none<ChargeRow>());
export const chargesOfEnrolments = (db: Db, enrolmentIds: readonly string[]) =>
  enrolmentIds.length ? db.select().from(t.charges).where(inArray(t.charges.enrolmentId, [...enrolmentIds])).orderBy(asc(t.charges.id)) : none<ChargeRow>();

export const withdrawalsById = (db: Db, ids: readonly string[]) => (ids.length ? db.select().from(t.withdrawals).where(inArray(t.withdrawals.id, [...ids])).orderBy(asc(t.withdrawals.id)) : none<WithdrawalRow>());
export const withdrawalsOfEnrolments = (db: Db, enrolmentIds: readonly string[]) =>
  enrolmentIds.length ? db.select().from(t.withdrawals).where(inArray(t.withdrawals.enrolmentId, [...enrolmentIds])).orderBy(asc(t.withdrawals.id)) : none<WithdrawalRow>();

/**
 * Actual use (据实): per enrolment, the sessions its pupil attended at its school in its term's plan
 * period, held on or before `until` (the withdrawal's application day). One statement.
 */
export async function sessionsUsed(db: Db, items: readonly { enrolmentId: string; pupilId: string; schoolCode: string; term: string; until: string }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!items.length) return out;
  const rows = await db
    .select({ pupilId: t.attendance.pupilId, schoolCode: t.sessions.schoolCode, term: t.plans.term, heldOn: t.sessions.heldOn })
    .from(t.attendance)
    .innerJoin(t.sessions, eq(t.sessions.id, t.attendance.sessionId))
    .innerJoin(t.plans, eq(t.plans.id, t.sessions.planId))
    .where(inArray(t.attendance.pupilId, [...new Set(items.map((i) => i.pupilId))]));
  for (const i of items) out.set(i.enrolmentId, rows.filter((r) => r.pupilId === i.pupilId && r.schoolCode === i.schoolCode && r.term === i.term && r.heldOn <= i.until).length);
  return out;
}
export const attendanceOfSessions = (db: Db, sessionIds: readonly string[]) =>
  sessionIds.length ? db.select().from(t.attendance).where(inArray(t.attendance.sessionId, [...sessionIds])).orderBy(asc(t.attendance.sessionId), asc(t.attendance.pupilId)) : none<typeof t.attendance.$inferSelect>();

export const summerCareById = (db: Db, ids: readonly string[]) => (ids.length ? db.select().from(t.summerCare).where(inArray(t.summerCare.id, [...ids])).orderBy(asc(t.summerCare.id)) : none<SummerCareRow>());

export const schoolsByCodes = (db: Db, codes: readonly string[]) => (codes.length ? db.select().from(core.schools).where(inArray(core.schools.code, [...codes])).orderBy(asc(core.schools.code)) : none<typeof core.schools.$inferSelect>());

// ── Loaders (one statement per level of a query) ─────────────────────────────────────────────

export const pupilDetailsLoader = defineLoader<string, PupilDetailsRow | null>('hezhang.afterSchoolPupilDetails', async (db, ids) => {
  return byKey(ids, await detailsOf(db, ids), (r) => r.pupilId);
});
export const afterSchoolPupilLoader = defineLoader<string, PupilRow | null>('hezhang.afterSchoolPupil', async (db, ids) => {
  return byKey(ids, await pupilsById(db, ids), (r) => r.id);
});
export const enrolmentsByPupilLoader = defineLoader<string, EnrolmentRow[]>('hezhang.afterSchoolEnrolmentsByPupil', async (db, ids) => {
  return groupByKey(ids, await enrolmentsOfPupils(db, ids), (r) => r.pupilId);
});
export const chargeByEnrolmentLoader = defineLoader<string, ChargeRow | null>('hezhang.afterSchoolChargeByEnrolment', async (db, ids) => {
  return byKey(ids, await chargesOfEnrolments(db, ids), (r) => r.enrolmentId);
});
export const withdrawalByEnrolmentLoader = defineLoader<string, WithdrawalRow | null>('hezhang.afterSchoolWithdrawalByEnrolment', async (db, ids) => {
  return byKey(ids, await withdrawalsOfEnrolments(db, ids), (r) => r.enrolmentId);
});
export const outsideStaffBySessionLoader = defineLoader<string, { sessionId: string; staffId: string; name: string; listId: string; approvedOn: string | null }[]>('hezhang.afterSchoolOutsideStaffBySession', async (db, ids) => {
  return groupByKey(ids, await outsideStaffOfSessions(db, ids), (r) => r.sessionId);
});
export const enrolmentLoader = defineLoader<string, EnrolmentRow | null>('hezhang.afterSchoolEnrolment', async (db, ids) => {
  return byKey(ids, await enrolmentsById(db, ids), (r) => r.id);
});

/** A keyset page of a school's sessions in a plan period: (heldOn, id) order. */
export async function sessionsPage(db: Db, f: { schoolCode: string; from?: string | null; to?: string | null }, after: { heldOn: string; id: string } | null, limit: number) {
  const conds = [eq(t.sessions.schoolCode, f.schoolCode)];
  if (f.from) conds.push(gte(t.sessions.heldOn, f.from));
  if (f.to) conds.push(lte(t.sessions.heldOn, f.to));
  if (after) conds.push(or(sql`${t.sessions.heldOn} > ${after.heldOn}`, and(eq(t.sessions.heldOn, after.heldOn), sql`${t.sessions.id} > ${after.id}`))!);
  return db.select().from(t.sessions).where(and(...conds)).orderBy(asc(t.sessions.heldOn), asc(t.sessions.id)).limit(limit);
}
export async function countSessions(db: Db, f: { schoolCode: string; from?: string | null; to?: string | null }) {
  const conds = [eq(t.sessions.schoolCode, f.schoolCode)];
  if (f.from) conds.push(gte(t.sessions.heldOn, f.from));
  if (f.to) conds.push(lte(t.sessions.heldOn, f.to));
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(t.sessions).where(and(...conds));
  return r?.n ?? 0;
}
