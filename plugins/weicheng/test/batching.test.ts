/**
 * The SQL statements of a request grow with its shape, never with its rows (DESIGN.md): the same
 * nested query of every 学区, and the same compliance report, cost the same for a district of 2
 * 学区 as for one of 8, each 学区 recorded in full.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { Bureau, ok, start, YEAR } from './helpers.js';

let s: TestServer;
let b: Bureau;
const SMALL = '370702';
const LARGE = '370703';

/** A 学区 with everything the regime records: the shape is the same for every 学区. */
async function full(county: string, i: number) {
  const lead = await b.school({ county });
  const members = [await b.school({ county }), await b.school({ county, kind: 'J' })];
  const head = await b.person(`总校长${i}`);
  const x = ok(
    await s.gql(`mutation($i: FormWeichengXuequInput!){ formWeichengXuequ(input:$i){ xuequ { groupId } } }`, {
      i: { localityCode: county, name: `${county}第${i}学区`, aliases: [{ alias: `${county}第${i}學區`, kind: 'SOURCE_SPELLING' }], leadSchoolCode: lead, memberSchoolCodes: members, zongxiaozhangPersonId: head, validFrom: '2020-09-01', pairings: ['STRONG_WITH_WEAK'] },
    }),
  ).formWeichengXuequ.xuequ.groupId as string;
  const principal = await b.person(`校长${i}`);
  await b.post(principal, 'PRINCIPAL', { schoolCode: members[0] });
  await b.post(await b.person(`书记${i}`), 'PARTY_SECRETARY', { groupId: x });
  const m = (q: string, input: Record<string, unknown>) => s.gql(q, { i: input }).then(ok);
  await m(`mutation($i: SetWeichengPartyOrganisationInput!){ setWeichengPartyOrganisation(input:$i){ organisation { name } } }`, { groupId: x, kind: 'GENERAL_BRANCH', name: `党总支${i}`, validFrom: '2020-09-01' });
  await m(`mutation($i: SetWeichengPartyBrandInput!){ setWeichengPartyBrand(input:$i){ brand { name } } }`, { groupId: x, name: `品牌${i}`, validFrom: '2020-09-01' });
  await m(`mutation($i: RecordWeichengMajorDecisionInput!){ recordWeichengMajorDecision(input:$i){ decision { decisionId } } }`, {
    groupId: x,
    kind: 'LARGE_SPENDING',
    title: `采购${i}`,
    decidedOn: '2026-10-20',
    amountFen: 100_000_00,
    participations: [
      { stage: 'DELIBERATION', heldOn: '2026-10-10', recordRef: 'a' },
      { stage: 'DECISION', heldOn: '2026-10-20', recordRef: 'b' },
    ],
  });
  await m(`mutation($i: AdoptWeichengCharterInput!){ adoptWeichengCharter(input:$i){ charter { planId } } }`, { groupId: x, title: `章程${i}`, adoptedOn: '2020-09-01' });
  await m(`mutation($i: RecordWeichengDevelopmentPlanInput!){ recordWeichengDevelopmentPlan(input:$i){ plan { missingElements } } }`, {
    groupId: x,
    title: `规划${i}`,
    validFrom: '2020-09-01',
    validTo: '2030-08-31',
    elements: ['EDUCATION_RESOURCES', 'CURRICULUM', 'TEACHING_RESEARCH', 'CULTURE', 'TEACHERS'].map((element) => ({ element, content: '内容' })),
  });
  await m(`mutation($i: StartWeichengExperimentalProjectInput!){ startWeichengExperimentalProject(input:$i){ project { name } } }`, { groupId: x, category: 'DEEP_LEARNING', name: `项目${i}`, validFrom: '2021-09-01' });
  await m(`mutation($i: SetWeichengFestivalInput!){ setWeichengFestival(input:$i){ festival { name } } }`, { groupId: x, name: `艺术节${i}`, validFrom: '2021-09-01' });
  await m(`mutation($i: AwardWeichengPrincipalRankInput!){ awardWeichengPrincipalRank(input:$i){ rank { rank } } }`, { personId: head, rank: '高级', documentRef: 'd', validFrom: '2021-09-01' });
  for (const c of [lead, members[0]]) await m(`mutation($i: RateWeichengSchoolInput!){ rateWeichengSchool(input:$i){ rating { stars } } }`, { schoolCode: c, stars: 4, documentRef: 'd', validFrom: '2025-09-01' });
  await m(`mutation($i: PlaceWeichengTeacherInput!){ placeWeichengTeacher(input:$i){ placement { hiredBy } } }`, { personId: await b.person(`教师${i}`), schoolCode: members[1], validFrom: '2021-09-01', hiringRoute: 'PUBLIC_INSTITUTION_EXAM', positionTitle: '教师', contractRef: `c${i}` });
  // And a school of the county in no 学区.
  await b.school({ county });
}

const NESTED = `query($f: WeichengXuequFilter!){ weichengXuequs(filter: $f){
  id groupId name kindTitle isLeadInferred pairings aliases { alias kind }
  leadSchool { code name weichengStarRating { stars } weichengXuequ { groupId } }
  members { school { code weichengStarRatings { stars } weichengPlacements { hiringRoute post { person { name } weichengPlacement { contractRef } } } } }
  otherSchools { code }
  zongxiaozhang { person { name weichengPrincipalRank { rank } weichengPrincipalRanks { rank } } }
  leadership { roleTitle person { name } }
  partyOrganisation { kind name secretary { person { name } } } partyOrganisationHistory { name }
  partyBrand { name } partyBrandHistory { name }
  majorDecisions(schoolYear: "${YEAR}") { kind title amountFen participations { stage heldOn recordRef } xuequ { name } }
  charter { title } developmentPlan { plan { title } elements { element content } missingElements }
  experimentalProjects { category name } festivals { name }
  bundledRating(asOf: "2026-12-01") { stars weakestStars schools ratedSchools unratedSchools { code } method }
} }`;
const REPORT = (l: string) => `{ complianceReport(localityCode: "${l}", schoolYear: "${YEAR}") { summary { rule { id } status pass fail } findings(first: 1000) { nodes { rule { id } status measured subjects { key node { id } } } } } }`;

beforeAll(async () => {
  s = await start();
  b = new Bureau(s);
  ok(await s.gql(`mutation { enableGovernance(input: { localityCode: "${LARGE}", plugin: "weicheng", options: {} }) { locality { code } } }`));
  for (let i = 1; i <= 2; i++) await full(SMALL, i);
  for (let i = 1; i <= 8; i++) await full(LARGE, i);
}, 300_000);
afterAll(() => s?.close());

describe('batching', () => {
  it('the nested 学区 query costs the same statements for 2 and 8 学区', async () => {
    const small = await s.statementsFor(NESTED, { f: { localityCode: SMALL } });
    const large = await s.statementsFor(NESTED, { f: { localityCode: LARGE } });
    expect(small.data.weichengXuequs).toHaveLength(2);
    expect(large.data.weichengXuequs).toHaveLength(8);
    expect(large.data.weichengXuequs[0].bundledRating).toMatchObject({ stars: null, ratedSchools: 2, schools: 3 });
    console.log(`weichengXuequs nested: ${small.statements} statements for 2 学区, ${large.statements} for 8`);
    expect(large.statements).toBe(small.statements);
  });

  it('the compliance report costs the same statements for 2 and 8 学区', async () => {
    const small = await s.statementsFor(REPORT(SMALL));
    const large = await s.statementsFor(REPORT(LARGE));
    const ids = (d: any) => d.complianceReport.summary.map((r: { rule: { id: string } }) => r.rule.id).filter((id: string) => id.startsWith('weicheng.'));
    expect(ids(small.data)).toHaveLength(9);
    expect(ids(large.data)).toEqual(ids(small.data));
    console.log(`complianceReport: ${small.statements} statements for 2 学区, ${large.statements} for 8`);
    expect(large.statements).toBe(small.statements);
  });
});
