/**
 * The report rules on plans, ratings, ranks and coverage, through GraphQL, each with passing and
 * failing data: weicheng.charter-and-plan (一(二)1(3), 二(三)), weicheng.star-rating (二(四)),
 * weicheng.principal-rank (一(二)4(2), 二(二)), weicheng.district-coverage (一(二)1(2)).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { Bureau, errorOf, expectUnchanged, findings, ok, start } from './helpers.js';

let s: TestServer;
let b: Bureau;
beforeAll(async () => {
  s = await start();
  b = new Bureau(s);
});
afterAll(() => s?.close());

const CHARTER = `mutation($i: AdoptWeichengCharterInput!){ adoptWeichengCharter(input:$i){ charter { planId kind title validFrom } } }`;
const PLAN = `mutation($i: RecordWeichengDevelopmentPlanInput!){ recordWeichengDevelopmentPlan(input:$i){ plan { plan { planId kind } elements { element } missingElements } } }`;
const RATE = `mutation($i: RateWeichengSchoolInput!){ rateWeichengSchool(input:$i){ rating { stars validFrom validTo } } }`;
const RANK = `mutation($i: AwardWeichengPrincipalRankInput!){ awardWeichengPrincipalRank(input:$i){ rank { rank validFrom validTo } } }`;
const ALL = ['EDUCATION_RESOURCES', 'CURRICULUM', 'TEACHING_RESEARCH', 'CULTURE', 'TEACHERS', 'ADMISSIONS'];
const elements = (keys: string[]) => keys.map((element) => ({ element, content: `${element} 的安排` }));
const rate = (schoolCode: string, stars: number, validFrom = '2025-09-01') => s.gql(RATE, { i: { schoolCode, stars, documentRef: '潍城教〔2025〕1号', validFrom } });
const BUNDLE = `query($id: ID!){ weichengXuequ(id: $id){ bundledRating(asOf: "2026-12-01") { stars weakestStars schools ratedSchools unratedSchools { code } method } } }`;

describe('weicheng.charter-and-plan (一(二)1(3), 二(三))', () => {
  it('reports a 学区 with no charter, and one whose plan leaves out elements, naming what is missing', async () => {
    const noCharter = await b.xuequ(1);
    ok(await s.gql(PLAN, { i: { groupId: noCharter.groupId, title: '发展规划', validFrom: '2020-09-01', validTo: '2030-08-31', elements: elements(ALL) } }));
    const f1 = await b.findingFor('weicheng.charter-and-plan', noCharter.groupId);
    expect(f1).toMatchObject({ status: 'FAIL', measured: { charter: null, missingElements: [] } });
    expect(f1.message).toContain('没有章程');
    expect(f1.rule.cite.clause).toBe('一(二)1(3), 二(三)');

    const partial = await b.xuequ(1);
    ok(await s.gql(CHARTER, { i: { groupId: partial.groupId, title: '学区章程', adoptedOn: '2020-09-01' } }));
    const d = ok(await s.gql(PLAN, { i: { groupId: partial.groupId, title: '发展规划', validFrom: '2020-09-01', validTo: '2030-08-31', elements: elements(['EDUCATION_RESOURCES', 'TEACHING_RESEARCH', 'CULTURE', 'TEACHERS']) } }));
    expect(d.recordWeichengDevelopmentPlan.plan.missingElements).toEqual(['CURRICULUM', 'ADMISSIONS']);
    const f2 = await b.findingFor('weicheng.charter-and-plan', partial.groupId);
    expect(f2).toMatchObject({ status: 'FAIL', measured: { charter: { title: '学区章程' }, missingElements: ['CURRICULUM', 'ADMISSIONS'] } });
    expect(f2.message).toContain('课程建设、招生培养');
  });

  it('reports a 学区 whose plan has run out (no current plan), and passes one with a charter and a full current plan', async () => {
    const old = await b.xuequ(1);
    ok(await s.gql(CHARTER, { i: { groupId: old.groupId, title: '章程', adoptedOn: '2020-09-01' } }));
    ok(await s.gql(PLAN, { i: { groupId: old.groupId, title: '三年规划', validFrom: '2020-09-01', validTo: '2023-08-31', elements: elements(ALL) } }));
    expect(await b.findingFor('weicheng.charter-and-plan', old.groupId)).toMatchObject({ status: 'FAIL', measured: { developmentPlan: null } });
    expect(await b.findingFor('weicheng.charter-and-plan', old.groupId, '2021-2022')).toMatchObject({ status: 'PASS' });

    const full = await b.xuequ(1);
    ok(await s.gql(CHARTER, { i: { groupId: full.groupId, title: '章程', adoptedOn: '2020-09-01' } }));
    ok(await s.gql(PLAN, { i: { groupId: full.groupId, title: '中长期发展规划', validFrom: '2020-09-01', validTo: '2030-08-31', elements: elements(ALL) } }));
    expect(await b.findingFor('weicheng.charter-and-plan', full.groupId)).toMatchObject({ status: 'PASS', measured: { missingElements: [] } });
  });

  it('an element named with nothing said, or listed twice, is BAD_USER_INPUT and nothing is written', async () => {
    const x = await b.xuequ(1);
    await expectUnchanged(s, async () => {
      const e1 = errorOf(await s.gql(PLAN, { i: { groupId: x.groupId, title: '规划', validFrom: '2020-09-01', elements: [{ element: 'CULTURE', content: '  ' }] } }), 'BAD_USER_INPUT');
      expect(e1.extensions!.field).toBe('input.elements.0.content');
      const e2 = errorOf(await s.gql(PLAN, { i: { groupId: x.groupId, title: '规划', validFrom: '2020-09-01', elements: [...elements(['CULTURE']), ...elements(['CULTURE'])] } }), 'BAD_USER_INPUT');
      expect(e2.extensions!.field).toBe('input.elements');
      expect(e2.extensions!.reason).toContain('twice');
    });
  });
});

describe('weicheng.star-rating (二(四)) and the bundled rating (捆绑评价)', () => {
  it('reports a school with no current star rating, and passes one with', async () => {
    const x = await b.xuequ(1);
    ok(await rate(x.lead, 4));
    expect(await b.findingFor('weicheng.star-rating', x.lead)).toMatchObject({ status: 'PASS', measured: { stars: 4 } });
    const f = await b.findingFor('weicheng.star-rating', x.members[0]!);
    expect(f).toMatchObject({ status: 'FAIL', measured: { stars: null } });
    expect(f.rule.cite.clause).toBe('二(四)');
    // The 学区 cannot be bundled while a member is unrated.
    const g = (await findings(s, { localityCode: '370702', schoolYear: '2026-2027', ruleId: 'weicheng.star-rating', subject: x.groupId })).find((y) => y.subjects[0]!.key === x.groupId)!;
    expect(g).toMatchObject({ status: 'FAIL', measured: { stars: null, unratedSchoolCodes: [x.members[0]] } });
  });

  it('the 学区’s bundled rating changes when one member’s rating changes', async () => {
    const x = await b.xuequ(2);
    ok(await rate(x.lead, 5));
    ok(await rate(x.members[0]!, 3));
    const partial = ok(await s.gql(BUNDLE, { id: x.groupId })).weichengXuequ.bundledRating;
    expect(partial).toMatchObject({ stars: null, ratedSchools: 2, schools: 3, unratedSchools: [{ code: x.members[1] }] });
    ok(await rate(x.members[1]!, 1));
    const before = ok(await s.gql(BUNDLE, { id: x.groupId })).weichengXuequ.bundledRating;
    expect(before).toMatchObject({ stars: 3, weakestStars: 1, ratedSchools: 3 });
    expect(before.method).toContain('平均');
    // The weakest member is re-rated: the bundle moves with it, and the old rating ends the day before.
    const r = ok(await rate(x.members[1]!, 4, '2026-09-01'));
    expect(r.rateWeichengSchool.rating).toMatchObject({ stars: 4, validTo: null });
    const after = ok(await s.gql(BUNDLE, { id: x.groupId })).weichengXuequ.bundledRating;
    expect(after).toMatchObject({ stars: 4, weakestStars: 3 });
    const hist = ok(await s.gql(`query($c: SchoolCode!){ school(code: $c){ weichengStarRatings { stars validFrom validTo } } }`, { c: x.members[1] }));
    expect(hist.school.weichengStarRatings).toEqual([
      { stars: 1, validFrom: '2025-09-01', validTo: '2026-08-31' },
      { stars: 4, validFrom: '2026-09-01', validTo: null },
    ]);
    expect(await b.findingFor('weicheng.star-rating', x.groupId)).toMatchObject({ status: 'PASS', measured: { stars: 4 } });
  });

  it('stars above the locality’s maxStars are BAD_USER_INPUT naming input.stars, and nothing is written', async () => {
    const x = await b.xuequ(1);
    await expectUnchanged(s, async () => {
      const e = errorOf(await rate(x.lead, 6), 'BAD_USER_INPUT');
      expect(e.extensions!.field).toBe('input.stars');
      const e0 = errorOf(await rate(x.lead, 0), 'BAD_USER_INPUT');
      expect(e0.extensions!.field).toBe('input.stars');
    });
  });
});

describe('weicheng.principal-rank (一(二)4(2), 二(二))', () => {
  it('passes a principal holding a rank, fails one without; the 总校长 is judged too', async () => {
    const x = await b.xuequ(1);
    const principal = await b.person('成员校校长');
    await b.post(principal, 'PRINCIPAL', { schoolCode: x.members[0] });
    ok(await s.gql(RANK, { i: { personId: x.head, rank: '高级校长', documentRef: '潍城教〔2021〕9号', validFrom: '2021-09-01' } }));
    const head = (await b.report('weicheng.principal-rank')).find((f) => f.subjects[0]!.key === x.head)!;
    expect(head).toMatchObject({ status: 'PASS', measured: { rank: '高级校长', posts: ['WEICHENG_ZONGXIAOZHANG'] } });
    const other = (await b.report('weicheng.principal-rank')).find((f) => f.subjects[0]!.key === principal)!;
    expect(other).toMatchObject({ status: 'FAIL', measured: { rank: null, posts: [`PRINCIPAL@${x.members[0]}`] } });
    expect(other.rule.cite.clause).toBe('一(二)4(2), 二(二)');
    // A new rank ends the one before; a year before the first rank, the 总校长 held none.
    ok(await s.gql(RANK, { i: { personId: x.head, rank: '特级校长', documentRef: '潍城教〔2026〕2号', validFrom: '2026-09-01' } }));
    const ranks = ok(await s.gql(`query($id: ID!){ person(id: $id){ weichengPrincipalRanks { rank validTo } weichengPrincipalRank { rank } } }`, { id: x.head }));
    expect(ranks.person.weichengPrincipalRank).toEqual({ rank: '特级校长' });
    expect(ranks.person.weichengPrincipalRanks).toEqual([{ rank: '高级校长', validTo: '2026-08-31' }, { rank: '特级校长', validTo: null }]);
    const early = (await b.report('weicheng.principal-rank', '2020-2021')).find((f) => f.subjects[0]!.key === x.head)!;
    expect(early.status).toBe('FAIL');
  });
});

describe('weicheng.district-coverage (一(二)1(2))', () => {
  it('reports a district school in no 学区, passes one in a 学区, and counts the 学区 against eight', async () => {
    const x = await b.xuequ(1);
    const alone = await b.school({ name: '湖景小学（测试）' });
    expect(await b.findingFor('weicheng.district-coverage', x.members[0]!)).toMatchObject({ status: 'PASS', measured: { xuequ: { groupId: x.groupId } } });
    const f = await b.findingFor('weicheng.district-coverage', alone);
    expect(f).toMatchObject({ status: 'FAIL', measured: { xuequ: null } });
    expect(f.rule.cite.clause).toBe('一(二)1(2)');
    const count = await b.findingFor('weicheng.district-coverage', '370702');
    expect(count.expected).toEqual({ xuequs: 8 });
    expect(count.status).toBe(count.measured.xuequs === 8 ? 'PASS' : 'FAIL');
  });

  it('a district that sets its own number of 学区 is judged by it', async () => {
    ok(await s.gql(`mutation { enableGovernance(input: { localityCode: "370703", plugin: "weicheng", options: { xuequCount: 1 } }) { locality { code } } }`));
    const lead = await b.school({ county: '370703' });
    const member = await b.school({ county: '370703' });
    const head = await b.person();
    ok(await s.gql(`mutation($i: FormWeichengXuequInput!){ formWeichengXuequ(input:$i){ xuequ { groupId } } }`, { i: { localityCode: '370703', name: '寒亭测试学区', leadSchoolCode: lead, memberSchoolCodes: [member], zongxiaozhangPersonId: head, validFrom: '2020-09-01' } }));
    const count = (await findings(s, { localityCode: '370703', schoolYear: '2026-2027', ruleId: 'weicheng.district-coverage', subject: '370703' }))[0]!;
    expect(count).toMatchObject({ status: 'PASS', measured: { xuequs: 1 }, expected: { xuequs: 1 } });
  });
});
