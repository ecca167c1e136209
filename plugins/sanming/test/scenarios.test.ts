/**
 * The scenarios, through GraphQL, each naming the rule id and its clause (明政办〔2017〕118号).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, type TestServer } from '@gongzhi/server/testing';
import { Bureau, CITY, CONSULTED, expectRefused, FORM, ok, start } from './helpers.js';

let s: TestServer;
let b: Bureau;
beforeAll(async () => {
  s = await start();
  b = new Bureau(s);
});
afterAll(() => s?.close());

const YEAR = '2019-2020';

describe('sanming.backbone-flow-out (四(一)3)', () => {
  it('fails a member served by one school-level leader and one city-level backbone teacher, naming a middle-level leader and a second backbone teacher', async () => {
    const lead = await b.school('P', '350401');
    const member = await b.school('P');
    const id = await b.zongxiao(lead, [member]);
    const leader = await b.person('副校长');
    const teacher = await b.person('市级骨干', 'CITY');
    for (const p of [leader, teacher]) ok(await b.post(p, 'TEACHER', lead, '2015-09-01'));
    // Serving at the member: an exchange and a post there (a school-level leader needs the member's agreement, 三(三)).
    ok(await b.mutate('recordSanmingDecision', { groupId: id, schoolCode: member, kind: 'PERSONNEL', subject: '派驻副校长', decidedOn: '2019-09-01', personId: leader, consultation: CONSULTED('350402') }));
    ok(await b.post(leader, 'VICE_PRINCIPAL', member, '2019-09-01', '2020-07-15'));
    ok(await b.post(teacher, 'TEACHER', member, '2019-09-01', '2020-07-15'));
    await b.exchange(leader, lead, member);
    await b.exchange(teacher, lead, member);
    // A dispatch event without serving (no post at the member) is not counted.
    const ghost = await b.person('市级骨干2', 'CITY');
    await b.exchange(ghost, lead, member);
    const f = await b.findingFor(YEAR, 'sanming.backbone-flow-out', member);
    expect(f.rule.cite.clause).toBe('四(一)3');
    expect(f.status).toBe('FAIL');
    expect(f.measured).toMatchObject({ schoolLeaders: 1, middleLeaders: 0, backboneTeachers: 1, missing: [{ kind: 'MIDDLE_LEADER', count: 1 }, { kind: 'BACKBONE_TEACHER', count: 1 }] });
    const en = await s.gql(`query{ complianceReport(localityCode:"${CITY}", schoolYear:"${YEAR}"){ findings(ruleId:"sanming.backbone-flow-out", subjectKey:"${member}", first:5){ nodes { message } } } }`, {}, { lang: 'en' });
    expect(ok(en).complianceReport.findings.nodes[0].message).toContain('a middle-level leader and a second city-level backbone teacher');
    // The flow the 总校 shows is the same count.
    const d = ok(await s.gql(`query($id: ID!){ sanmingZongxiao(id:$id){ flows(schoolYear:"${YEAR}"){ direction schoolLeaders middleLeaders backboneTeachers } } }`, { id }));
    expect(d.sanmingZongxiao.flows).toEqual([
      { direction: 'OUT', schoolLeaders: 1, middleLeaders: 0, backboneTeachers: 1 },
      { direction: 'BACK', schoolLeaders: 0, middleLeaders: 0, backboneTeachers: 0 },
    ]);
    // sanming.backbone-flow-back (四(一)3): the member sent nobody back.
    expect((await b.findingFor(YEAR, 'sanming.backbone-flow-back', member)).status).toBe('FAIL');
  });
});

describe('sanming.backbone-flow-out / -back (四(一)3): passing data', () => {
  it('sanming.backbone-flow-out (四(一)3) and sanming.backbone-flow-back (四(一)3): pass a member served by a school-level leader, a middle-level leader and two city-level backbone teachers, which sends the same back', async () => {
    const lead = await b.school('P', '350401');
    const member = await b.school('P');
    await b.zongxiao(lead, [member]);
    const serve = async (from: string, to: string, role: string, backbone = 'NONE', decide = false) => {
      const p = await b.person(`${role}${backbone}`, backbone);
      ok(await b.post(p, 'TEACHER', from, '2015-09-01'));
      // A leader post over the member, either way, is a personnel decision agreed with the member's bureau (三(三)).
      if (decide) ok(await b.mutate('recordSanmingDecision', { groupId: (await groupOf(lead))!, schoolCode: to === lead ? from : to, kind: 'PERSONNEL', subject: `派驻${role}`, decidedOn: '2019-09-01', personId: p, consultation: CONSULTED('350402') }));
      ok(await b.post(p, role, to, '2019-09-01', '2020-07-15'));
      await b.exchange(p, from, to);
    };
    const groupOf = async (code: string) => ok(await s.gql(`query($c: SchoolCode!){ school(code:$c){ groups { groupId } } }`, { c: code })).school.groups[0]?.groupId as string | undefined;
    for (const [from, to] of [[lead, member], [member, lead]] as const) {
      await serve(from, to, 'VICE_PRINCIPAL', 'NONE', true);
      await serve(from, to, 'MIDDLE_MANAGER', 'NONE', true);
      await serve(from, to, 'TEACHER', 'CITY');
      await serve(from, to, 'TEACHER', 'CITY');
    }
    const out = await b.findingFor(YEAR, 'sanming.backbone-flow-out', member);
    expect(out.status, JSON.stringify(out)).toBe('PASS');
    expect(out.measured).toMatchObject({ schoolLeaders: 1, middleLeaders: 1, backboneTeachers: 2 });
    expect((await b.findingFor(YEAR, 'sanming.backbone-flow-back', member)).status).toBe('PASS');
  });
});

describe('sanming.pay-not-lowered (四(三)3)', () => {
  it('refuses lowering any pay component of a member teacher with the old and new amounts, writing nothing; raising a member’s standard to the lead’s passes', async () => {
    const lead = await b.school('P', '350401');
    const member = await b.school('P');
    await b.zongxiao(lead, [member]);
    const t = await b.person();
    ok(await b.post(t, 'TEACHER', member, '2019-09-01'));
    const PAY = `mutation($i: RecordSanmingPayInput!){ recordSanmingPay(input:$i){ payRecord { amountFen component } } }`;
    ok(await s.gql(PAY, { i: { personId: t, schoolCode: member, component: 'CIVILISED_UNIT_BONUS', amountFen: 300000, validFrom: '2019-09-01' } }));
    for (const component of ['CIVILISED_UNIT_BONUS']) {
      const e = await expectRefused(s, PAY, { i: { personId: t, schoolCode: member, component, amountFen: 250000, validFrom: '2020-01-01' } }, 'sanming.pay-not-lowered');
      expect(e.extensions!.rule.cite.clause).toBe('四(三)3');
      expect(e.extensions!.measured).toMatchObject({ oldFen: 300000, newFen: 250000, component });
    }
    // A raise passes.
    ok(await s.gql(PAY, { i: { personId: t, schoolCode: member, component: 'CIVILISED_UNIT_BONUS', amountFen: 320000, validFrom: '2020-01-01' } }));
    // A member's standard raised to the lead's level (就高不就低) passes; lowering it again is refused.
    const STD = `mutation($i: RecordSanmingPayStandardInput!){ recordSanmingPayStandard(input:$i){ payStandard { amountFen } } }`;
    ok(await s.gql(STD, { i: { schoolCode: lead, component: 'PUBLIC_SECURITY_AWARD', amountFen: 500000, validFrom: '2019-09-01' } }));
    ok(await s.gql(STD, { i: { schoolCode: member, component: 'PUBLIC_SECURITY_AWARD', amountFen: 200000, validFrom: '2019-09-01' } }));
    expect(ok(await s.gql(STD, { i: { schoolCode: member, component: 'PUBLIC_SECURITY_AWARD', amountFen: 500000, validFrom: '2020-09-01' } })).recordSanmingPayStandard.payStandard.amountFen).toBe(500000);
    const e = await expectRefused(s, STD, { i: { schoolCode: member, component: 'PUBLIC_SECURITY_AWARD', amountFen: 400000, validFrom: '2021-09-01' } }, 'sanming.pay-not-lowered');
    expect(e.extensions!.measured).toMatchObject({ oldFen: 500000, newFen: 400000 });
  });

  it('pay amounts are personal: null without the pii scope, and recording pay needs it', async () => {
    const school = await b.school('P');
    const t = await b.person();
    ok(await s.gql(`mutation($i: RecordSanmingPayInput!){ recordSanmingPay(input:$i){ payRecord { amountFen } } }`, { i: { personId: t, schoolCode: school, component: 'BASIC_SALARY', amountFen: 450000, validFrom: '2019-09-01' } }));
    const noPii = await s.token({ pii: [] });
    const q = `query($id: ID!){ person(id:$id){ sanmingPay { component amountFen } } }`;
    expect(ok(await s.gql(q, { id: t }, { token: noPii })).person.sanmingPay).toEqual([{ component: 'BASIC_SALARY', amountFen: null }]);
    expect(ok(await s.gql(q, { id: t })).person.sanmingPay).toEqual([{ component: 'BASIC_SALARY', amountFen: 450000 }]);
    const r = await s.gql(`mutation($i: RecordSanmingPayInput!){ recordSanmingPay(input:$i){ payRecord { amountFen } } }`, { i: { personId: t, schoolCode: school, component: 'BASIC_SALARY', amountFen: 460000, validFrom: '2020-09-01' } }, { token: noPii });
    expect(errorOf(r).extensions?.code).toBe('FORBIDDEN');
  });

  it('bad input is BAD_USER_INPUT with field and reason, nothing written', async () => {
    const school = await b.school('P');
    const t = await b.person();
    const r = await s.gql(`mutation($i: RecordSanmingPayInput!){ recordSanmingPay(input:$i){ payRecord { amountFen } } }`, { i: { personId: t, schoolCode: school, component: 'OTHER', amountFen: 100, validFrom: '2019-09-01' } });
    const e = errorOf(r);
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.label' });
    expect(e.extensions?.reason).toBeTruthy();
  });
});

describe('sanming.authority-consensus (三(三))', () => {
  it('refuses an appointment over a member without the recorded agreement of its own bureau, through the plugin and through core', async () => {
    const lead = await b.school('P', '350401');
    const member = await b.school('P', '350403');
    const id = await b.zongxiao(lead, [member]);
    const p = await b.person('执行校长');
    const EXEC = `mutation($i: AppointSanmingExecutivePrincipalInput!){ appointSanmingExecutivePrincipal(input:$i){ appointment { appointedBy } } }`;
    const base = { groupId: id, schoolCode: member, personId: p, validFrom: '2019-09-01', appointedBy: '三明市教育局' };
    // No consultation; the wrong bureau (the city's for a 区属 member); no agreement reached.
    for (const consultation of [null, CONSULTED('350400'), CONSULTED('350403', false)]) {
      const e = await expectRefused(s, EXEC, { i: { ...base, consultation } }, 'sanming.authority-consensus');
      expect(e.extensions!.rule.cite.clause).toBe('三(三)');
    }
    // Through core's createPost: a vice-principal at the member with no decision at all.
    const vp = await b.person('副校长');
    await expectRefused(s, `mutation($i: CreatePostInput!){ createPost(input:$i){ post { id } } }`, { i: { personId: vp, role: 'VICE_PRINCIPAL', schoolCode: member, validFrom: '2019-10-01' } }, 'sanming.authority-consensus');
    // With its own bureau's agreement it passes, and sanming.executive-principal (三(三), 四(二)1) is satisfied.
    expect(ok(await s.gql(EXEC, { i: { ...base, consultation: CONSULTED('350403') } })).appointSanmingExecutivePrincipal.appointment.appointedBy).toBe('三明市教育局');
    expect((await b.findingFor(YEAR, 'sanming.executive-principal', id)).status).toBe('PASS');
    // A funding decision without agreement is refused too.
    await expectRefused(s, `mutation($i: RecordSanmingDecisionInput!){ recordSanmingDecision(input:$i){ decision { id } } }`, { i: { groupId: id, schoolCode: member, kind: 'FUNDING', subject: '统筹经费', decidedOn: '2019-10-01' } }, 'sanming.authority-consensus');
  });
});

describe('sanming.scope (三(一))', () => {
  it('a vocational school cannot join a 总校, by the plugin or by core; a complete middle school can (等: the source over the catalogue)', async () => {
    const lead = await b.school('S', '350401');
    const vocational = await b.school('V');
    const head = await b.person();
    const e = await expectRefused(s, FORM, b.formVars(lead, [vocational], head), 'sanming.scope');
    expect(e.extensions!.rule.cite.clause).toBe('三(一)');
    const id = await b.zongxiao(lead, [await b.school('S')]);
    await expectRefused(s, `mutation($i: SchoolGroupMemberInput!){ addSchoolGroupMember(input:$i){ group { id } } }`, { i: { groupId: id, schoolCode: vocational, date: '2020-01-01' } }, 'sanming.scope');
    // core's updateSchool turning a member into a vocational school is refused too.
    const member = await b.school('P');
    ok(await s.gql(`mutation($i: SchoolGroupMemberInput!){ addSchoolGroupMember(input:$i){ group { id } } }`, { i: { groupId: id, schoolCode: member, date: '2020-01-01' } }));
    await expectRefused(s, `mutation($i: UpdateSchoolInput!){ updateSchool(input:$i){ school { code } } }`, { i: { code: member, schoolType: '361' } }, 'sanming.scope');
  });
});

describe('sanming.one-head (三(三))', () => {
  it('a 总校 cannot be formed without its 总校长 (core createSchoolGroup), nor keep two at once', async () => {
    const lead = await b.school('P', '350401');
    const m = await b.school('P');
    await expectRefused(s, `mutation($i: CreateSchoolGroupInput!){ createSchoolGroup(input:$i){ group { id } } }`, { i: { kind: 'sanming.zongxiao', name: '无总校长', localityCode: CITY, leadSchoolCode: lead, memberSchoolCodes: [m], validFrom: '2019-09-01' } }, 'sanming.one-head');
    const id = await b.zongxiao(lead, [m]);
    const other = await b.person('第二总校长');
    await expectRefused(s, `mutation($i: CreatePostInput!){ createPost(input:$i){ post { id } } }`, { i: { personId: other, role: 'SANMING_GENERAL_PRINCIPAL', groupId: id, validFrom: '2020-01-01' } }, 'sanming.one-head');
    // A successor through the plugin ends the predecessor's post: one head at a time.
    ok(await b.mutate('appointSanmingGeneralPrincipal', { groupId: id, personId: other, validFrom: '2020-01-01', appointedBy: '三明市人民政府' }));
    const f = await b.findingFor(YEAR, 'sanming.one-head', id);
    expect(f.status).toBe('PASS');
  });
});
