/**
 * Each write rule of Beihai refuses its breach with RULE_VIOLATION naming it, and leaves every table
 * as it was — core's, the audit log and Beihai's own (the kit's expectRefused compares them all).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { Bureau, FORM_XUEQU, expectRefused, start } from './helpers.js';

let s: TestServer;
let b: Bureau;
beforeAll(async () => {
  s = await start();
  b = new Bureau(s);
});
afterAll(() => s?.close());

const ADD = `mutation($i: SchoolGroupMemberInput!){ addSchoolGroupMember(input:$i){ group { id } } }`;
const END = `mutation($i: SchoolGroupMemberInput!){ endSchoolGroupMembership(input:$i){ group { id } } }`;

describe('Beihai write rules leave nothing behind when they refuse', () => {
  it('beihai.same-stage (四, 四(一)): a junior school in a primary alliance', async () => {
    const [p, j] = [await b.led('P'), await b.led('J')];
    const e = await expectRefused(s, FORM_XUEQU, b.formVars({ leadSchoolCode: p.code, memberSchoolCodes: [j.code], form: 'ALLIANCE' }), 'beihai.same-stage');
    expect(e.extensions?.measured).toMatchObject({ offending: [{ schoolCode: j.code }] });
  });

  it('beihai.xuequ-size (四(二)): a fifth school joining', async () => {
    const four = [await b.led(), await b.led(), await b.led(), await b.led()];
    const id = await b.xuequ(four[0]!.code, four.slice(1).map((x) => x.code));
    const fifth = await b.led();
    await expectRefused(s, ADD, { i: { groupId: id, schoolCode: fifth.code, date: '2020-09-01' } }, 'beihai.xuequ-size');
  });

  it('beihai.single-lead (四): the lead school leaving while others stay', async () => {
    const [lead, m1, m2] = [await b.led(), await b.led(), await b.led()];
    const id = await b.xuequ(lead.code, [m1.code, m2.code]);
    await expectRefused(s, END, { i: { groupId: id, schoolCode: lead.code, date: '2020-08-31' } }, 'beihai.single-lead');
  });

  it('beihai.one-xuequ-per-school (四(二)): a school already in another 学区', async () => {
    const [a, c, d] = [await b.led(), await b.led(), await b.led()];
    await b.xuequ(a.code, [c.code]);
    await expectRefused(s, FORM_XUEQU, b.formVars({ leadSchoolCode: d.code, memberSchoolCodes: [c.code] }), 'beihai.one-xuequ-per-school');
  });
});
