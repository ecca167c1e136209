/**
 * Annex 1's fixtures: a server with the regime enabled for 赫章县 (without the plugin's demo seed), schools
 * made through core's createSchool, pupils (the other part of the plugin's records, inserted as its seed
 * would), and the bureau's and schools' calls that annex 1's scenarios build on.
 */
import { ok, startTestServer, type TestServer } from '@gongzhi/server/testing';
import plugin from '../../src/index.js';
import { SEED_LOCALITIES } from '../../src/seed.js';
import { pupils } from '../../src/tables.js';
import { schoolProfiles } from '../../src/tables.js';

export { errorOf, expectRefused, expectUnchanged, finding, findings, ok } from '@gongzhi/server/testing';

export const COUNTY = '520527';
export const YEAR = '2026-2027';
export const TERM = '2026-2027-1';

export function start(options: Record<string, unknown> = {}): Promise<TestServer> {
  return startTestServer({ plugins: [{ ...plugin, seed: undefined }], localities: SEED_LOCALITIES, governance: [{ locality: COUNTY, plugin: 'hezhang', options }] });
}

const CATEGORY: Record<string, string> = { '211': '21', '311': '31', '312': '21', '342': '34' };
let seq = 0;
/** A school in the county (test codes: digits 5–6 = 97); a county-town one gets the regime's profile. */
export async function school(s: TestServer, o: { type?: '211' | '311' | '312' | '342'; isBoarding?: boolean; countyTown?: boolean; name?: string } = {}): Promise<string> {
  seq++;
  const type = o.type ?? '211';
  const code = `${CATEGORY[type]}5297${String(seq).padStart(4, '0')}`;
  ok(await s.gql(`mutation($i: CreateSchoolInput!){ createSchool(input:$i){ school { code } } }`, { i: { code, name: o.name ?? `测试学校${code}`, schoolType: type, countyCode: COUNTY, area: 'URBAN', isBoarding: o.isBoarding ?? false, isSample: true } }));
  if (o.countyTown) await s.db.insert(schoolProfiles).values({ schoolCode: code, isCountyTown: true, isPilot: false });
  return code;
}

let pseq = 0;
/** A pupil of the school (hezhang.pupils: pseudonymous id and class only). */
export async function pupil(s: TestServer, schoolCode: string): Promise<string> {
  pseq++;
  const [row] = await s.db.insert(pupils).values({ schoolCode, pupilRef: `P${String(pseq).padStart(5, '0')}`, className: '三年级(2)班', isSample: true }).returning();
  return row!.id;
}

export const RATE = `mutation($i: SetHezhangAfterSchoolRateInput!){ setHezhangAfterSchoolRate(input:$i){ rate { rateId sessionFen } } }`;
export async function rate(s: TestServer, stage = 'PRIMARY', sessionFen = 1500, sessionMinutes = 120, effectiveFrom = '2021-09-01'): Promise<string> {
  return ok(await s.gql(RATE, { i: { countyCode: COUNTY, stage, sessionFen, sessionMinutes, effectiveFrom, approvalRef: '赫发改〔2021〕测试号', hearingOn: '2021-08-20' } })).setHezhangAfterSchoolRate.rate.rateId;
}

export const PLAN = `mutation($i: RecordHezhangAfterSchoolPlanInput!){ recordHezhangAfterSchoolPlan(input:$i){ plan { planId isFiled } } }`;
export async function plan(s: TestServer, schoolCode: string, o: { term?: string; startsOn?: string; endsOn?: string; filedOn?: string | null; eveningStudy?: boolean } = {}): Promise<string> {
  const filedOn = o.filedOn === undefined ? '2026-08-25' : o.filedOn;
  const d = ok(
    await s.gql(PLAN, {
      i: {
        schoolCode,
        term: o.term ?? TERM,
        title: '课后服务实施方案',
        startsOn: o.startsOn ?? '2026-09-01',
        endsOn: o.endsOn ?? '2027-01-15',
        filedOn,
        filingRef: filedOn ? '赫教科备〔2026〕1号' : null,
        eveningStudyApprovalRef: o.eveningStudy ? '赫教科〔2026〕晚自习批复' : null,
      },
    }),
  );
  return d.recordHezhangAfterSchoolPlan.plan.planId;
}

export const SESSION = `mutation($i: ScheduleHezhangAfterSchoolSessionInput!){ scheduleHezhangAfterSchoolSession(input:$i){ session { sessionId minutes endsAt } } }`;
export async function session(s: TestServer, schoolCode: string, heldOn: string, startsAt = '16:00', endsAt = '18:00', more: Record<string, unknown> = {}): Promise<string> {
  return ok(await s.gql(SESSION, { i: { schoolCode, heldOn, startsAt, endsAt, contentKind: 'HOMEWORK_HELP', ...more } })).scheduleHezhangAfterSchoolSession.session.sessionId;
}

export const ENROL = `mutation($i: EnrolHezhangAfterSchoolPupilInput!){ enrolHezhangAfterSchoolPupil(input:$i){ enrolment { id enrolmentId term } } }`;
export const CONSENT = { appliedOn: '2026-08-28', applicationRef: '家长申请书 2026-001', approvedOn: '2026-08-30', agreementSignedOn: '2026-08-30', safetyLetterSignedOn: '2026-08-30' };
export async function enrol(s: TestServer, pupilId: string, more: Record<string, unknown> = {}): Promise<string> {
  return ok(await s.gql(ENROL, { i: { pupilId, term: TERM, ...CONSENT, ...more } })).enrolHezhangAfterSchoolPupil.enrolment.enrolmentId;
}

export const CHARGE = `mutation($i: ChargeHezhangAfterSchoolFeeInput!){ chargeHezhangAfterSchoolFee(input:$i){ charge { chargeId units grossFen waivedFen amountFen } } }`;
export const ATTEND = `mutation($i: RecordHezhangAfterSchoolAttendanceInput!){ recordHezhangAfterSchoolAttendance(input:$i){ session { sessionId } } }`;
export const WITHDRAW = `mutation($i: WithdrawHezhangAfterSchoolPupilInput!){ withdrawHezhangAfterSchoolPupil(input:$i){ withdrawal { sessionsUsed refundFen keptFen } } }`;
export const PUPIL = `mutation($i: RecordHezhangAfterSchoolPupilInput!){ recordHezhangAfterSchoolPupil(input:$i){ pupil { pupilId name } } }`;
export const WAIVER = `mutation($i: RecordHezhangFeeWaiverInput!){ recordHezhangFeeWaiver(input:$i){ waiver { waiverId amountFen shareBp } } }`;
export const SUMMER = `mutation($i: OrganiseHezhangSummerCareInput!){ organiseHezhangSummerCare(input:$i){ summerCare { summerCareId bookedMinutes } } }`;

/** The school days (Mon–Fri) from a Monday: n of them. */
export function weekdays(from: string, n: number): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); out.length < n; d.setUTCDate(d.getUTCDate() + 1)) {
    const wd = d.getUTCDay();
    if (wd >= 1 && wd <= 5) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}
