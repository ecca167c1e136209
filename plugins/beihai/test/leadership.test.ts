/** Who leads a 学区 and staffs its office (五(一), 五(二)3), and whether every city-run school is in one (六(一)): report rules. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { Bureau, ok, start } from './helpers.js';

let s: TestServer;
let b: Bureau;
beforeAll(async () => {
  s = await start();
  b = new Bureau(s);
});
afterAll(() => s?.close());

const Y = '2019-2020';
const endPost = (id: string, validTo: string) => s.gql(`mutation($i: UpdatePostInput!){ updatePost(input:$i){ post { id } } }`, { i: { id, validTo } });
const appointLeaders = (xuequId: string, date: string) =>
  s.gql(`mutation($i: AppointBeihaiXuequLeadersInput!){ appointBeihaiXuequLeaders(input:$i){ xuequ { head(asOf: "${date}") { person { personId } } deputyHeads(asOf: "${date}") { person { personId } } } } }`, { i: { groupId: xuequId, date } });

describe('beihai.head-is-lead-principal (五(一))', () => {
  it('beihai.head-is-lead-principal (五(一)): passes after formation, fails once the lead school changes principal, passes again after re-appointment', async () => {
    const lead = await b.school();
    const oldP = await b.person('老校长');
    const oldPost = await b.post(oldP, 'PRINCIPAL', lead);
    const m = await b.led();
    const id = await b.xuequ(lead, [m.code]);
    expect((await b.findingFor(Y, 'beihai.head-is-lead-principal', id)).status).toBe('PASS');

    ok(await endPost(oldPost, '2020-01-31'));
    const newP = await b.person('新校长');
    await b.post(newP, 'PRINCIPAL', lead, '2020-02-01');
    const f = await b.findingFor(Y, 'beihai.head-is-lead-principal', id);
    expect(f).toMatchObject({ status: 'FAIL', rule: { cite: { clause: '五(一)' } }, measured: { asOf: '2020-08-31', headPersonIds: [oldP], leadPrincipalPersonIds: [newP] } });

    const x = ok(await appointLeaders(id, '2020-02-01')).appointBeihaiXuequLeaders.xuequ;
    expect(x.head.person.personId).toBe(newP);
    expect((await b.findingFor(Y, 'beihai.head-is-lead-principal', id)).status).toBe('PASS');
    // History is kept: the old principal was 学区长 before the change.
    const before = ok(await s.gql(`query($id: ID!){ beihaiXuequ(id:$id){ head(asOf: "2020-01-15") { person { personId } validTo } } }`, { id })).beihaiXuequ.head;
    expect(before).toEqual({ person: { personId: oldP }, validTo: '2020-01-31' });
  });

  it('beihai.head-is-lead-principal (五(一)): appointBeihaiXuequLeaders refuses a lead school without a principal', async () => {
    const lead = await b.school();
    const p = await b.person('校长');
    const post = await b.post(p, 'PRINCIPAL', lead);
    const m = await b.led();
    const id = await b.xuequ(lead, [m.code]);
    ok(await endPost(post, '2020-03-31'));
    const r = await appointLeaders(id, '2020-04-01');
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.groupId' });
    expect((await b.findingFor(Y, 'beihai.head-is-lead-principal', id)).status).toBe('FAIL');
  });
});

describe('beihai.deputies-are-member-principals (五(一)1)', () => {
  it('beihai.deputies-are-member-principals (五(一)1): passes for member principals, fails for a deputy who stopped being principal', async () => {
    const lead = await b.led();
    const m = await b.school();
    const dp = await b.person('成员校长');
    const post = await b.post(dp, 'PRINCIPAL', m);
    const id = await b.xuequ(lead.code, [m]);
    const pass = (await b.report(Y, 'beihai.deputies-are-member-principals')).find((f) => f.subjects.some((x) => x.key === dp));
    expect(pass).toMatchObject({ status: 'PASS', measured: { principalOf: m } });

    ok(await endPost(post, '2020-03-31'));
    const fail = (await b.report(Y, 'beihai.deputies-are-member-principals')).find((f) => f.subjects.some((x) => x.key === dp));
    expect(fail).toMatchObject({ status: 'FAIL', measured: { principalOf: null }, expected: { principalOfOneOf: [m] } });

    // Re-appointing on the day after ends the deputy post: the 学区 then has no deputy to judge.
    ok(await appointLeaders(id, '2020-04-01'));
    expect((await b.findingFor(Y, 'beihai.deputies-are-member-principals', id)).status).toBe('NOT_APPLICABLE');
  });

  it('beihai.deputies-are-member-principals (五(一)1): a member school’s principal who is not a 副学区长 fails, named; appointing them passes', async () => {
    const lead = await b.led();
    const m = await b.school();
    const old = await b.person('原成员校长');
    const oldPost = await b.post(old, 'PRINCIPAL', m);
    const id = await b.xuequ(lead.code, [m]);
    // A new principal takes over on 2020-04-01 and nobody re-appoints the 学区's leaders.
    ok(await endPost(oldPost, '2020-03-31'));
    const fresh = await b.person('新成员校长');
    await b.post(fresh, 'PRINCIPAL', m, '2020-04-01');
    const all = (await b.report(Y, 'beihai.deputies-are-member-principals')).filter((f) => f.subjects.some((x) => x.key === id));
    const named = all.find((f) => f.subjects.some((x) => x.key === fresh));
    expect(named).toMatchObject({ status: 'FAIL', measured: { principalOf: m, deputyHead: false }, expected: { deputyHead: true } });
    expect(named!.subjects).toContainEqual(expect.objectContaining({ type: 'School', key: m }));
    expect(named!.rule.cite.clause).toBe('五(一)1');
    // The old deputy, no longer a principal, fails too.
    expect(all.find((f) => f.subjects.some((x) => x.key === old))).toMatchObject({ status: 'FAIL', measured: { principalOf: null } });

    ok(await appointLeaders(id, '2020-04-01'));
    const after = (await b.report(Y, 'beihai.deputies-are-member-principals')).filter((f) => f.subjects.some((x) => x.key === id));
    expect(after.map((f) => f.status)).toEqual(['PASS']);
    expect(after[0]!.subjects).toContainEqual(expect.objectContaining({ type: 'Person', key: fresh }));
  });
});

describe('beihai.deputies-are-member-principals (五(一)2): a 集团化办学 学区', () => {
  it('beihai.deputies-are-member-principals (五(一)2): a GROUP gets a 学区长 but no 副学区长 — its branches are run by the 总校’s vice-principals — and the rule does not judge it', async () => {
    const [lead, branch] = [await b.led(), await b.led()];
    const x = ok(await b.form({ leadSchoolCode: lead.code, memberSchoolCodes: [branch.code], form: 'GROUP' })).formBeihaiXuequ.xuequ;
    expect(x.head.person.personId).toBe(lead.principal);
    expect(x.deputyHeads).toEqual([]);
    expect(await b.findingFor(Y, 'beihai.deputies-are-member-principals', x.groupId)).toMatchObject({ status: 'NOT_APPLICABLE', measured: { form: 'GROUP' } });
    expect((await b.findingFor(Y, 'beihai.head-is-lead-principal', x.groupId)).status).toBe('PASS');
  });
});

describe('beihai.office-staffing (五(二)3)', () => {
  const establish = (xuequId: string) => s.gql(`mutation($i: EstablishBeihaiXuequOfficeInput!){ establishBeihaiXuequOffice(input:$i){ office { establishedOn school { code } } } }`, { i: { groupId: xuequId, establishedOn: '2019-09-01' } });
  const appoint = (xuequId: string, personId: string, position: string) =>
    s.gql(`mutation($i: AppointBeihaiOfficeStaffInput!){ appointBeihaiOfficeStaff(input:$i){ post { id roleTitle } } }`, { i: { groupId: xuequId, personId, position, validFrom: '2019-09-01' } });

  async function staffedXuequ(staffCount: number, directorRole = 'VICE_PRINCIPAL') {
    const [lead, m] = [await b.led(), await b.led()];
    const id = await b.xuequ(lead.code, [m.code]);
    expect(ok(await establish(id)).establishBeihaiXuequOffice.office.school.code).toBe(lead.code);
    const director = await b.person('办公室主任');
    await b.post(director, directorRole, lead.code);
    const deputy = await b.person('办公室副主任');
    await b.post(deputy, 'VICE_PRINCIPAL', m.code);
    ok(await appoint(id, director, 'DIRECTOR'));
    ok(await appoint(id, deputy, 'DEPUTY_DIRECTOR'));
    for (let i = 0; i < staffCount; i++) {
      const p = await b.person(`干事${i}`);
      await b.post(p, 'MIDDLE_MANAGER', i % 2 ? m.code : lead.code);
      ok(await appoint(id, p, 'STAFF'));
    }
    return id;
  }

  it('beihai.office-staffing (五(二)3): passes with a lead vice-principal director, a member vice-principal deputy and 2 middle-manager staff', async () => {
    const id = await staffedXuequ(2);
    const f = await b.findingFor(Y, 'beihai.office-staffing', id);
    expect(f).toMatchObject({ status: 'PASS', measured: { directors: 1, deputyDirectors: 1, staff: 2 }, expected: { staff: { min: 2, max: 4 } } });
    const office = ok(await s.gql(`query($id: ID!){ beihaiXuequ(id:$id){ office { director(asOf: "2019-10-01") { roleTitle } staff(asOf: "2019-10-01") { id } } } }`, { id }, { lang: 'zh' })).beihaiXuequ.office;
    expect(office).toMatchObject({ director: { roleTitle: '学区管理办公室主任' } });
    expect(office.staff.length).toBe(2);
  });

  it('beihai.office-staffing (五(二)3): fails with 1 staff member, with a director who is not a vice-principal, and with no office', async () => {
    const one = await b.findingFor(Y, 'beihai.office-staffing', await staffedXuequ(1));
    expect(one).toMatchObject({ status: 'FAIL', measured: { staff: 1, problems: ['1 staff'] } });
    const teacher = await b.findingFor(Y, 'beihai.office-staffing', await staffedXuequ(2, 'TEACHER'));
    expect(teacher.measured.problems).toEqual(['director is not a vice-principal of the lead school']);
    const [lead, m] = [await b.led(), await b.led()];
    const bare = await b.findingFor(Y, 'beihai.office-staffing', await b.xuequ(lead.code, [m.code]));
    expect(bare).toMatchObject({ status: 'FAIL', measured: { hasOffice: false } });
  });

  it('beihai.office-staffing (五(二)3): fails with 5 staff, with a staff member who is no cadre, and with a deputy director who is not a member school’s vice-principal', async () => {
    const five = await b.findingFor(Y, 'beihai.office-staffing', await staffedXuequ(5));
    expect(five).toMatchObject({ status: 'FAIL', measured: { staff: 5, problems: ['5 staff'] }, expected: { staff: { min: 2, max: 4 } } });

    const id = await staffedXuequ(1);
    const clerk = await b.person('普通教师');
    const lead = (await s.gql(`query($id: ID!){ beihaiXuequ(id:$id){ leadSchool { code } } }`, { id })).data.beihaiXuequ.leadSchool.code;
    await b.post(clerk, 'TEACHER', lead);
    ok(await appoint(id, clerk, 'STAFF'));
    const teacherStaff = await b.findingFor(Y, 'beihai.office-staffing', id);
    expect(teacherStaff.status).toBe('FAIL');
    expect(teacherStaff.measured.problems).toEqual(['1 staff not a middle-level cadre or above at a member school']);

    const id2 = await staffedXuequ(2);
    const outsider = await b.person('外校副校长');
    await b.post(outsider, 'VICE_PRINCIPAL', await b.school());
    ok(await appoint(id2, outsider, 'DEPUTY_DIRECTOR'));
    const deputy = await b.findingFor(Y, 'beihai.office-staffing', id2);
    expect(deputy.measured.problems).toEqual(['1 deputy director(s) not a vice-principal of another member school']);
  });

  it('beihai.office-staffing (五(二)3): a second office for the same 学区 is refused', async () => {
    const id = await staffedXuequ(2);
    expect((await establish(id)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.groupId' });
  });
});

describe('beihai.all-schools-covered (六(一))', () => {
  it('beihai.all-schools-covered (六(一)): a city-run school outside every 学区 fails; members pass; county-run schools are not judged', async () => {
    const loose = await b.school('P');
    const countyRun = await b.school('P', { authority: '450502' });
    const [lead, m] = [await b.led(), await b.led()];
    const id = await b.xuequ(lead.code, [m.code]);
    const all = await b.report(Y, 'beihai.all-schools-covered');
    expect(all.find((f) => f.subjects[0]!.key === loose)).toMatchObject({ status: 'FAIL', expected: { inXuequ: true }, measured: { xuequ: null } });
    expect(all.find((f) => f.subjects[0]!.key === m.code)).toMatchObject({ status: 'PASS', measured: { xuequ: { groupId: id } } });
    expect(all.find((f) => f.subjects[0]!.key === countyRun)).toBeUndefined();
    // The seeded sample schools are all in their sample 学区.
    expect(all.filter((f) => f.subjects[0]!.key.startsWith('2145990') || f.subjects[0]!.key.startsWith('3145990')).every((f) => f.status === 'PASS')).toBe(true);
  });
});
