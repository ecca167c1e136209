/**
 * SQL statements per request grow with the query's depth, never with its rows: annex 1's lists and their
 * nested fields (pupil, personal fields, charge, withdrawal, statement lines) over 2 and over 12 pupils.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { CHARGE, PUPIL, TERM, enrol, ok, plan, pupil, rate, school, session, start } from './helpers.js';

let s: TestServer;
let code: string;
beforeAll(async () => {
  s = await start();
  await rate(s, 'PRIMARY', 1500, 120);
  code = await school(s);
  await plan(s, code);
  await session(s, code, '2026-09-07');
});
afterAll(() => s?.close());

async function add(n: number) {
  for (let i = 0; i < n; i++) {
    const p = await pupil(s, code);
    ok(await s.gql(PUPIL, { i: { pupilId: p, name: `学生${i}`, guardianPhone: '13800000000', priorityGroups: ['LOWER_GRADE'] } }));
    ok(await s.gql(CHARGE, { i: { enrolmentId: await enrol(s, p), item: 'SERVICE', units: 20, chargedOn: '2026-09-01' } }));
  }
}

const LIST = `query($c: SchoolCode!, $t: String!){ hezhangAfterSchoolEnrolments(schoolCode:$c, term:$t, first: 50){ totalCount edges { node { enrolmentId school { code } charge { amountFen } withdrawal { refundFen } pupil { pupilRef name guardianPhone waiverCategory priorityGroups } } } } }`;
const STATEMENT = `query($c: SchoolCode!, $t: String!){ hezhangTermStatement(schoolCode:$c, term:$t){ totals { chargedFen } lines(first: 50) { edges { node { chargedFen enrolment { pupil { name } charge { units } } } } } } }`;
const SESSIONS = `query($c: SchoolCode!){ hezhangAfterSchoolSessions(schoolCode:$c, first: 50){ totalCount edges { node { heldOn outsideStaff { name } school { name } } } } }`;

// One request at a time: the count is the database's, so concurrent requests would mix theirs.
async function measure() {
  const out = [];
  out.push(await s.statementsFor(LIST, { c: code, t: TERM }));
  out.push(await s.statementsFor(STATEMENT, { c: code, t: TERM }));
  out.push(await s.statementsFor(SESSIONS, { c: code }));
  return out;
}

describe('annex 1 reads cost statements by depth, not by rows', () => {
  it('enrolments with pupils and personal fields, statements with lines, sessions with staff: same count at 2 and at 12 pupils', async () => {
    await add(2);
    const small = await measure();
    await add(10);
    for (const d of ['2026-09-08', '2026-09-09', '2026-09-10']) await session(s, code, d);
    const large = await measure();
    expect(large[0].data.hezhangAfterSchoolEnrolments.totalCount).toBe(12);
    expect(large[0].data.hezhangAfterSchoolEnrolments.edges[11].node.pupil.name).toMatch(/^学生/);
    expect(large.map((x) => x.statements)).toEqual(small.map((x) => x.statements));
  });
});
