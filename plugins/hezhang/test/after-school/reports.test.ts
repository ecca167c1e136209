/**
 * Annex 1 in the compliance report (附件1 一, 二(四), 三(一), 三(二), 三(六)二): coverage of county-town compulsory
 * schools, every school day served, the 2 h daily average (WARN), priority groups served, and the term
 * statements reconciling — each with data that passes and data that fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { TestServer } from '@gongzhi/server/testing';
import * as t from '../../src/after-school/tables.js';
import { CHARGE, COUNTY, PUPIL, TERM, YEAR, enrol, finding, findings, ok, plan, pupil, rate, school, session, start, weekdays } from './helpers.js';

let s: TestServer;
let full: string; // county-town primary: filed plan, a session every day, 2 h each
let none: string; // county-town primary: no plan
let short: string; // county-town junior: sessions of 90 minutes, one day missed
let township: string; // a township school with no plan: not in scope
let today: string;

const WEEK = weekdays('2026-11-23', 5); // Mon 23 – Fri 27 November 2026
beforeAll(async () => {
  s = await start();
  await rate(s, 'PRIMARY', 1500, 120);
  await rate(s, 'JUNIOR', 2000, 120);
  full = await school(s, { countyTown: true });
  none = await school(s, { countyTown: true });
  short = await school(s, { type: '311', countyTown: true });
  township = await school(s);
  await plan(s, full, { startsOn: WEEK[0], endsOn: WEEK[4] });
  for (const d of WEEK) await session(s, full, d, '16:00', '18:00');
  await plan(s, short, { startsOn: WEEK[0], endsOn: WEEK[4] });
  for (const d of WEEK.slice(0, 4)) await session(s, short, d, '16:30', '18:00');
  today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
});
afterAll(() => s?.close());

const of = <F extends { subjects: { key: string }[] }>(list: F[], code: string) => list.filter((f) => f.subjects.some((x) => x.key === code));

describe('hezhang.after-school-coverage (main 二(二)4, 附件1 二(四), 三(一))', () => {
  it('a county-town compulsory school without a filed plan fails; one with it passes; a township school without one is not judged', async () => {
    const fs = await findings(s, { localityCode: COUNTY, schoolYear: YEAR, ruleId: 'hezhang.after-school-coverage' });
    expect(of(fs, none)[0]).toMatchObject({ status: 'FAIL', measured: { termsWithoutFiledPlan: [TERM] } });
    expect(of(fs, full)[0]!.status).toBe('PASS');
    expect(of(fs, township)).toEqual([]);
  });
  it('priority groups served are counted; an applicant left unenrolled fails the school', async () => {
    const p = await pupil(s, full);
    ok(await s.gql(PUPIL, { i: { pupilId: p, name: '留守学生', priorityGroups: ['LEFT_BEHIND', 'LOWER_GRADE'] } }));
    await enrol(s, p);
    let f = of(await findings(s, { localityCode: COUNTY, schoolYear: YEAR, ruleId: 'hezhang.after-school-coverage' }), full)[0]!;
    expect(f.status).toBe('PASS');
    expect(f.measured.priorityGroupsServed).toMatchObject({ LEFT_BEHIND: 1, LOWER_GRADE: 1, MIGRANT: 0 });
    // An application recorded before the regime (or by an import) that the school never approved.
    const q = await pupil(s, full);
    await s.db.insert(t.enrolments).values({ pupilId: q, schoolCode: full, term: TERM, stage: 'PRIMARY', appliedOn: '2026-09-01', applicationRef: '申请' });
    f = of(await findings(s, { localityCode: COUNTY, schoolYear: YEAR, ruleId: 'hezhang.after-school-coverage' }), full)[0]!;
    expect(f).toMatchObject({ status: 'FAIL', measured: { notEnrolled: 1 } });
    await s.db.delete(t.enrolments).where(eq(t.enrolments.pupilId, q));
  });
  it('before the 2021 autumn term a county-town school is not required to offer it', async () => {
    const fs = await findings(s, { localityCode: COUNTY, schoolYear: '2020-2021', ruleId: 'hezhang.after-school-coverage' });
    expect(of(fs, none)).toEqual([]);
  });
});

describe('hezhang.after-school-five-days (附件1 一)', () => {
  it('a session every school day passes; a missed day fails, naming it; no plan fails', async () => {
    const fs = await findings(s, { localityCode: COUNTY, schoolYear: YEAR, ruleId: 'hezhang.after-school-five-days' });
    expect(today >= WEEK[4]!).toBe(true); // the report judges days up to today: the week is past
    expect(of(fs, full)[0]).toMatchObject({ status: 'PASS', measured: { schoolDays: 5, daysWithoutService: 0 } });
    expect(of(fs, short)[0]).toMatchObject({ status: 'FAIL', measured: { daysWithoutService: 1, firstMissing: [WEEK[4]] } });
    expect(of(fs, none)[0]!.status).toBe('FAIL');
  });
});

describe('hezhang.after-school-duration in the report (附件1 一: 每天至少2小时)', () => {
  it('a school averaging under 2 h a day is a WARN; at 2 h it passes', async () => {
    const fs = await findings(s, { localityCode: COUNTY, schoolYear: YEAR, ruleId: 'hezhang.after-school-duration' });
    expect(of(fs, short)[0]).toMatchObject({ status: 'WARN', measured: { averageMinutesPerDay: 90 } });
    expect(of(fs, full)[0]).toMatchObject({ status: 'PASS', measured: { averageMinutesPerDay: 120 } });
  });
});

describe('hezhang.withdrawal-refund in the report: term statements reconcile (附件1 三(六)二)', () => {
  it('a statement built by the mutations reconciles; a refund written around them fails', async () => {
    const c = await school(s, { countyTown: true });
    const eid = await enrol(s, await pupil(s, c));
    ok(await s.gql(CHARGE, { i: { enrolmentId: eid, item: 'SERVICE', units: 20, chargedOn: '2026-09-01' } }));
    const pass = await finding(s, { localityCode: COUNTY, schoolYear: YEAR, ruleId: 'hezhang.withdrawal-refund', subject: c });
    expect(pass).toMatchObject({ status: 'PASS', measured: { chargedFen: 30000, keptFen: 30000 } });
    await s.db.insert(t.withdrawals).values({ enrolmentId: eid, appliedOn: '2026-09-30', applicationRef: '退出', sessionsUsed: 0, refundFen: 30000, keptFen: 1 });
    const fs = (await findings(s, { localityCode: COUNTY, schoolYear: YEAR, ruleId: 'hezhang.withdrawal-refund', subject: c })).map((f) => f.status);
    expect(fs.sort()).toEqual(['FAIL', 'FAIL']);
  });
});
