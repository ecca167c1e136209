/** The shape of a 学区 (四), enforced on write: refused mutations leave nothing behind. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { Bureau, errorOf, ok, start } from './helpers.js';

let s: TestServer;
let b: Bureau;
beforeAll(async () => {
  s = await start();
  b = new Bureau(s);
});
afterAll(() => s?.close());

const DOC = '北教基教〔2018〕130号';

async function xuequCount() {
  return ok(await s.gql(`{ beihaiXuequs(localityCode: "450500") { id } }`)).beihaiXuequs.length as number;
}
async function groupsOf(code: string) {
  return ok(await s.gql(`query($c: SchoolCode!){ school(code:$c){ groups(asOf: "2019-09-01") { id } beihaiXuequ(asOf: "2019-09-01") { id } } }`, { c: code })).school;
}
function violation(r: Awaited<ReturnType<Bureau['form']>>, ruleId: string, clause: string) {
  const e = errorOf(r);
  expect(e.extensions?.code).toBe('RULE_VIOLATION');
  expect(e.extensions?.rule).toMatchObject({ id: ruleId, cite: { doc: DOC, clause } });
  return e;
}
const addMember = (groupId: string, schoolCode: string, date: string) =>
  s.gql(`mutation($i: SchoolGroupMemberInput!){ addSchoolGroupMember(input:$i){ group { id } } }`, { i: { groupId, schoolCode, date } });
const endMember = (groupId: string, schoolCode: string, date: string) =>
  s.gql(`mutation($i: SchoolGroupMemberInput!){ endSchoolGroupMembership(input:$i){ group { id } } }`, { i: { groupId, schoolCode, date } });

describe('formBeihaiXuequ', () => {
  it('forms a 学区 with its lead and members and appoints the lead principal 学区长, the others 副学区长 (五(一))', async () => {
    const [lead, m1, m2] = [await b.led(), await b.led(), await b.led()];
    const x = ok(await b.form({ name: '第一测试学区', leadSchoolCode: lead.code, memberSchoolCodes: [m1.code, m2.code], form: 'PAIRED_ASSISTANCE', admissionsZoning: 'MULTI_SCHOOL' })).formBeihaiXuequ.xuequ;
    expect(x).toMatchObject({ name: '第一测试学区', form: 'PAIRED_ASSISTANCE', admissionsZoning: 'MULTI_SCHOOL' });
    expect(x.members.map((m: any) => m.school.code).sort()).toEqual([lead.code, m1.code, m2.code].sort());
    expect(x.head.person.personId).toBe(lead.principal);
    expect(x.deputyHeads.map((p: any) => p.person.personId).sort()).toEqual([m1.principal, m2.principal].sort());
    const iface = ok(await s.gql(`query($id: ID!){ schoolGroup(id:$id){ __typename kind kindTitle leadership { roleTitle } } }`, { id: x.id }, { lang: 'zh' })).schoolGroup;
    expect(iface).toMatchObject({ __typename: 'BeihaiXuequ', kind: 'beihai.xuequ', kindTitle: '学区' });
    expect(iface.leadership.map((p: any) => p.roleTitle).sort()).toEqual(['副学区长', '副学区长', '学区长']);
  });

  it('a 学区 is a Relay node: node(id:) refetches it, groupId is its UUID, and arguments naming a group take either', async () => {
    const [lead, m1, m2] = [await b.led(), await b.led(), await b.led()];
    const x = ok(await b.form({ leadSchoolCode: lead.code, memberSchoolCodes: [m1.code] })).formBeihaiXuequ.xuequ;
    const ids = ok(await s.gql(`query($id: ID!){ beihaiXuequ(id:$id){ id groupId } }`, { id: x.id })).beihaiXuequ;
    expect(ids.id).toBe(x.id);
    expect(ids.groupId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(ids.id).not.toBe(ids.groupId);
    const node = ok(await s.gql(`query($id: ID!){ node(id:$id){ __typename ... on SchoolGroup { groupId name } } }`, { id: x.id })).node;
    expect(node).toMatchObject({ __typename: 'BeihaiXuequ', groupId: ids.groupId });
    expect(ok(await s.gql(`query($id: ID!){ schoolGroup(id:$id){ id } }`, { id: ids.groupId })).schoolGroup.id).toBe(x.id);
    // A mutation takes the global id as well as the UUID.
    ok(await addMember(x.id, m2.code, '2020-09-01'));
    const members = ok(await s.gql(`query($id: ID!){ schoolGroup(id:$id){ members(asOf: "2020-09-01") { school { code } } } }`, { id: ids.groupId })).schoolGroup.members;
    expect(members.map((m: any) => m.school.code).sort()).toEqual([lead.code, m1.code, m2.code].sort());
    // Anything else is refused, naming the field.
    expect(errorOf(await addMember('not-a-group', m2.code, '2020-09-01')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.groupId' });
  });

  it('refuses a 学区 whose lead school has no principal, naming the field, and writes nothing', async () => {
    const lead = await b.school();
    const m = await b.led();
    const before = await xuequCount();
    const e = errorOf(await b.form({ leadSchoolCode: lead, memberSchoolCodes: [m.code] }, undefined));
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.leadSchoolCode' });
    expect(e.message).toContain('校长');
    expect(await xuequCount()).toBe(before);
    expect((await groupsOf(m.code)).groups).toEqual([]);
  });

  it('fails with GOVERNANCE_NOT_ENABLED where Beihai is not enabled', async () => {
    ok(await s.gql(`mutation { createLocality(input: { code: "450600", name: "防城港市" }) { locality { code } } }`));
    const a = await b.led();
    const c = await b.led();
    const e = errorOf(await b.form({ localityCode: '450600', leadSchoolCode: a.code, memberSchoolCodes: [c.code] }));
    expect(e.extensions).toMatchObject({ code: 'GOVERNANCE_NOT_ENABLED', localityCode: '450600', plugin: 'beihai' });
  });

  it('answers BAD_USER_INPUT naming the field for a malformed school code', async () => {
    const a = await b.led();
    const e = errorOf(await b.form({ leadSchoolCode: a.code, memberSchoolCodes: ['12345'] }));
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.memberSchoolCodes.0' });
  });

  it('answers NOT_FOUND for an unknown 学区, and for a group of another kind', async () => {
    const r = await s.gql(`mutation($i: FileBeihaiWorkPlanInput!){ fileBeihaiWorkPlan(input:$i){ plan { id } } }`, { i: { groupId: '00000000-0000-4000-8000-000000000000', schoolYear: '2019-2020', title: '计划' } });
    expect(errorOf(r).extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'SchoolGroup' });
    const m = await s.gql(`mutation($i: FileBeihaiJointMeetingReportInput!){ fileBeihaiJointMeetingReport(input:$i){ meeting { id } } }`, { i: { meetingId: '00000000-0000-4000-8000-000000000000', filedOn: '2019-10-01' } });
    expect(errorOf(m).extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'BeihaiJointMeeting' });
    expect(errorOf(m).message).toContain('校长联席会议');
  });

  it('refuses an editor of another city', async () => {
    const a = await b.led();
    const c = await b.led();
    const token = await s.token({ roles: ['editor'], localities: ['350400'] });
    expect(errorOf(await b.form({ leadSchoolCode: a.code, memberSchoolCodes: [c.code] }, token)).extensions?.code).toBe('FORBIDDEN');
  });
});

describe('beihai.xuequ-size (四(二))', () => {
  it('beihai.xuequ-size (四(二)): refuses a 学区 of 5 schools, and nothing is written', async () => {
    const schools = [await b.led(), await b.led(), await b.led(), await b.led(), await b.led()];
    const before = await xuequCount();
    const r = await b.form({ leadSchoolCode: schools[0]!.code, memberSchoolCodes: schools.slice(1).map((x) => x.code) });
    const e = violation(r, 'beihai.xuequ-size', '四(二)');
    expect(e.extensions).toMatchObject({ measured: { schools: 5 }, expected: { min: 2, max: 4 } });
    expect(await xuequCount()).toBe(before);
    for (const x of schools) expect(await groupsOf(x.code)).toEqual({ groups: [], beihaiXuequ: null });
    // The refused formation appointed nobody either.
    const staff = ok(await s.gql(`query($c: SchoolCode!){ school(code:$c){ staff(asOf: "2019-09-01") { nodes { role } } } }`, { c: schools[0]!.code })).school.staff.nodes;
    expect(staff.map((p: any) => p.role)).toEqual(['PRINCIPAL']);
  });

  it('beihai.xuequ-size (四(二)): refuses a lone lead school', async () => {
    const a = await b.led();
    const e = violation(await b.form({ leadSchoolCode: a.code, memberSchoolCodes: [] }), 'beihai.xuequ-size', '四(二)');
    expect(e.extensions?.measured).toMatchObject({ schools: 1 });
  });

  it('beihai.xuequ-size (四(二)): accepts 2 and 4 schools, and refuses a fifth joining later', async () => {
    const two = [await b.led(), await b.led()];
    await b.xuequ(two[0]!.code, [two[1]!.code]);
    const four = [await b.led(), await b.led(), await b.led(), await b.led()];
    const id = await b.xuequ(four[0]!.code, four.slice(1).map((x) => x.code));
    const fifth = await b.led();
    const e = errorOf(await addMember(id, fifth.code, '2020-09-01'));
    expect(e.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: { id: 'beihai.xuequ-size' }, measured: { schools: 5, on: '2020-09-01' } });
    expect((await groupsOf(fifth.code)).groups).toEqual([]);
  });
});

describe('beihai.single-lead (四)', () => {
  it('beihai.single-lead (四): refuses a 学区 formed with no lead school (generic createSchoolGroup)', async () => {
    const [a, c] = [await b.led(), await b.led()];
    const r = await s.gql(`mutation($i: CreateSchoolGroupInput!){ createSchoolGroup(input:$i){ group { id } } }`, {
      i: { kind: 'beihai.xuequ', name: '无龙头学区', localityCode: '450500', memberSchoolCodes: [a.code, c.code], validFrom: '2019-09-01' },
    });
    violation(r, 'beihai.single-lead', '四');
  });

  it('beihai.single-lead (四): refuses the lead school leaving while others stay, but lets a member leave', async () => {
    const [lead, m1, m2] = [await b.led(), await b.led(), await b.led()];
    const id = await b.xuequ(lead.code, [m1.code, m2.code]);
    const e = errorOf(await endMember(id, lead.code, '2020-08-31'));
    expect(e.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: { id: 'beihai.single-lead' }, measured: { leadSchoolCode: lead.code, notMemberOn: '2020-09-01' } });
    ok(await endMember(id, m2.code, '2020-08-31'));
  });
});

describe('beihai.same-stage (四, 四(一))', () => {
  it('beihai.same-stage (四, 四(一)): refuses a junior school in a primary alliance, and nothing is written', async () => {
    const [p, j] = [await b.led('P'), await b.led('J')];
    const before = await xuequCount();
    const e = violation(await b.form({ leadSchoolCode: p.code, memberSchoolCodes: [j.code], form: 'ALLIANCE' }), 'beihai.same-stage', '四, 四(一)');
    expect(e.extensions?.measured).toMatchObject({ leadStages: ['PRIMARY'], offending: [{ schoolCode: j.code, stages: ['JUNIOR'] }] });
    expect(await xuequCount()).toBe(before);
    expect((await groupsOf(j.code)).groups).toEqual([]);
  });

  it('beihai.same-stage (四, 四(一)): refuses a junior school in a paired-assistance 学区', async () => {
    const [p, j] = [await b.led('P'), await b.led('J')];
    violation(await b.form({ leadSchoolCode: p.code, memberSchoolCodes: [j.code], form: 'PAIRED_ASSISTANCE' }), 'beihai.same-stage', '四, 四(一)');
  });

  it('beihai.same-stage (四, 四(一)): accepts a nine-year school in a primary alliance (through its primary section), and in a GROUP', async () => {
    const [p, nine] = [await b.led('P'), await b.led('NINE')];
    await b.xuequ(p.code, [nine.code], { form: 'ALLIANCE' });
    const [p2, nine2] = [await b.led('P'), await b.led('NINE')];
    await b.xuequ(p2.code, [nine2.code], { form: 'GROUP' });
  });

  it('beihai.same-stage (四, 四(一)): a mixed-stage GROUP needs a recorded exception (学区(集团)一般…同学段)', async () => {
    const [p, j] = [await b.led('P'), await b.led('J')];
    violation(await b.form({ leadSchoolCode: p.code, memberSchoolCodes: [j.code], form: 'GROUP' }), 'beihai.same-stage', '四, 四(一)');
    const exceptions = [{ ruleId: 'beihai.same-stage', approvedBy: '北海市教育局', documentRef: '北教基〔2026〕3号', reason: '初中部并入总校' }];
    const id = await b.xuequ(p.code, [j.code], { form: 'GROUP', exceptions });
    expect(ok(await s.gql(`query($id: ID!){ beihaiXuequ(id:$id){ form } }`, { id })).beihaiXuequ.form).toBe('GROUP');
  });
});

describe('beihai.one-xuequ-per-school (四(二))', () => {
  it('beihai.one-xuequ-per-school (四(二)): refuses a school already in another 学区, naming it', async () => {
    const [a, c, d] = [await b.led(), await b.led(), await b.led()];
    const first = await b.xuequ(a.code, [c.code]);
    const r = await b.form({ leadSchoolCode: d.code, memberSchoolCodes: [c.code] });
    const e = violation(r, 'beihai.one-xuequ-per-school', '四(二)');
    expect(e.extensions?.measured).toMatchObject({ schoolCode: c.code, otherGroup: { groupId: first } });
  });

  it('beihai.one-xuequ-per-school (四(二)): refuses a seeded sample school, in English on request', async () => {
    const d = await b.led();
    const r = await s.gql(`mutation($i: FormBeihaiXuequInput!){ formBeihaiXuequ(input:$i){ xuequ { id } } }`, { i: { localityCode: '450500', name: 'x', leadSchoolCode: d.code, memberSchoolCodes: ['2145990102'], validFrom: '2019-09-01' } }, { lang: 'en' });
    const e = errorOf(r);
    expect(e.extensions?.rule).toMatchObject({ id: 'beihai.one-xuequ-per-school' });
    expect(e.message).toMatch(/^Breaks rule beihai\.one-xuequ-per-school/);
  });

  it('beihai.one-xuequ-per-school (四(二)): accepts a school moving to another 学区 after it left the first', async () => {
    const [a, c, m, d] = [await b.led(), await b.led(), await b.led(), await b.led()];
    const first = await b.xuequ(a.code, [c.code, m.code]);
    ok(await endMember(first, m.code, '2020-08-31'));
    await b.xuequ(d.code, [m.code], { validFrom: '2020-09-01' });
    expect(ok(await s.gql(`query($c: SchoolCode!){ school(code:$c){ beihaiXuequ(asOf: "2020-09-01") { leadSchool { code } } } }`, { c: m.code })).school.beihaiXuequ.leadSchool.code).toBe(d.code);
  });
});
