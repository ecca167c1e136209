import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finding, ok, type TestServer } from '@gongzhi/server/testing';
import { schoolYearOf, todayInShanghai } from '@gongzhi/core';
import plugin from '../src/index.js';
import { schoolPlans } from '../src/tables.js';
import { SAMPLE_SCHOOL } from '../src/seed.js';
import { COUNTY, school, start } from './helpers.js';

const Y = '2026-2027';
const RULE = 'hezhang.plan-filed';

let s: TestServer;
let onTime: string;
let late: string;
let none: string;
beforeAll(async () => {
  s = await start();
  [onTime, late, none] = [await school(s), await school(s), await school(s)];
  // Plans are data the regime keeps; the test writes them as an import would.
  await s.db.insert(schoolPlans).values([
    { schoolCode: onTime, schoolYear: Y, title: '学年工作计划', filedOn: '2026-09-20' },
    { schoolCode: late, schoolYear: Y, title: '学年工作计划', filedOn: '2026-11-15' },
  ]);
});
afterAll(() => s?.close());

describe(`${RULE} (一)`, () => {
  it('passes a school that filed by 1 September + 30 days, fails one that filed late and one that filed none', async () => {
    const pass = await finding(s, { localityCode: COUNTY, schoolYear: Y, ruleId: RULE, subject: onTime });
    expect(pass).toMatchObject({ status: 'PASS', measured: { filedOn: '2026-09-20' }, expected: { dueBy: '2026-10-01' }, rule: { cite: { doc: plugin.policy.doc, clause: '一' }, enforce: 'REPORT' } });
    const tardy = await finding(s, { localityCode: COUNTY, schoolYear: Y, ruleId: RULE, subject: late });
    expect(tardy).toMatchObject({ status: 'FAIL', measured: { filedOn: '2026-11-15' } });
    expect(tardy.message).toContain('2026-10-01');
    expect((await finding(s, { localityCode: COUNTY, schoolYear: Y, ruleId: RULE, subject: none })).status).toBe('FAIL');
  });

  it('planDueDays moves the due day: when the county sets 90 days the late plan is on time', async () => {
    const ENABLE = `mutation($o: JSON) { enableGovernance(input: { localityCode: "${COUNTY}", plugin: "hezhang", options: $o }) { locality { code } } }`;
    ok(await s.gql(ENABLE, { o: { planDueDays: 90 } }));
    try {
      expect(await finding(s, { localityCode: COUNTY, schoolYear: Y, ruleId: RULE, subject: late })).toMatchObject({ status: 'PASS', expected: { dueBy: '2026-11-30' } });
    } finally {
      ok(await s.gql(ENABLE, { o: {} }));
    }
  });
});

describe('hezhangSchoolPlan and the seed', () => {
  const Q = `query($c: SchoolCode!, $y: SchoolYear!) { hezhangSchoolPlan(schoolCode: $c, schoolYear: $y) { school { code } schoolYear title filedOn } }`;

  it('returns a school’s plan, and null for a school that filed none', async () => {
    expect(ok(await s.gql(Q, { c: onTime, y: Y })).hezhangSchoolPlan).toEqual({ school: { code: onTime }, schoolYear: Y, title: '学年工作计划', filedOn: '2026-09-20' });
    expect(ok(await s.gql(Q, { c: none, y: Y })).hezhangSchoolPlan).toBeNull();
  });

  it('seeds its sample school with an on-time plan for the current school year', async () => {
    const year = schoolYearOf(todayInShanghai());
    expect(ok(await s.gql(Q, { c: SAMPLE_SCHOOL.code, y: year })).hezhangSchoolPlan).toMatchObject({ school: { code: SAMPLE_SCHOOL.code }, schoolYear: year });
    expect((await finding(s, { localityCode: COUNTY, schoolYear: year, ruleId: RULE, subject: SAMPLE_SCHOOL.code })).status).toBe('PASS');
  });
});
