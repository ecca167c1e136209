/**
 * Bad input is BAD_USER_INPUT naming the field and the reason, and nothing is written; the regime
 * acts only where it is enabled. And the records without a rule: aliases, experimental projects,
 * festivals, 区管校聘 placements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { Bureau, errorOf, expectUnchanged, FORM, ok, start } from './helpers.js';

let s: TestServer;
let b: Bureau;
beforeAll(async () => {
  s = await start();
  b = new Bureau(s);
});
afterAll(() => s?.close());

const PLACE = `mutation($i: PlaceWeichengTeacherInput!){ placeWeichengTeacher(input:$i){ placement { hiredBy hiringRoute positionTitle contractRef post { postId role school { code } weichengPlacement { contractRef } } } } }`;

describe('bad input', () => {
  it('each bad field is BAD_USER_INPUT naming it, with a reason, and nothing is written', async () => {
    const x = await b.xuequ(1);
    const head = await b.person();
    const lead = await b.school();
    const cases: [string, Record<string, unknown>, string][] = [
      [FORM, b.formVars({ leadSchoolCode: '123', memberSchoolCodes: [], zongxiaozhangPersonId: head }), 'input.leadSchoolCode'],
      [FORM, b.formVars({ leadSchoolCode: lead, memberSchoolCodes: [x.lead], zongxiaozhangPersonId: 'not-an-id' }), 'input.zongxiaozhangPersonId'],
      [FORM, b.formVars({ leadSchoolCode: lead, memberSchoolCodes: [], zongxiaozhangPersonId: head, validFrom: '2020-02-30' }), 'input.validFrom'],
      [FORM, b.formVars({ leadSchoolCode: lead, memberSchoolCodes: [], zongxiaozhangPersonId: head, name: '   ' }), 'input.name'],
      [`mutation($i: SetWeichengPartyOrganisationInput!){ setWeichengPartyOrganisation(input:$i){ organisation { name } } }`, { i: { groupId: 'nope', kind: 'PARTY_COMMITTEE', name: '党委', validFrom: '2020-09-01' } }, 'input.groupId'],
      [`mutation($i: SetWeichengPartyOrganisationInput!){ setWeichengPartyOrganisation(input:$i){ organisation { name } } }`, { i: { groupId: x.groupId, kind: 'PARTY_COMMITTEE', name: '党委', validFrom: '2020-09-01', validTo: '2019-01-01' } }, 'input.validTo'],
      [`mutation($i: RecordWeichengMajorDecisionInput!){ recordWeichengMajorDecision(input:$i){ decision { decisionId } } }`, { i: { groupId: x.groupId, kind: 'LARGE_SPENDING', title: '采购', decidedOn: '2026-10-20', participations: [{ stage: 'DECISION', heldOn: '2026-10-20', recordRef: '' }] } }, 'input.participations.0.recordRef'],
      [`mutation($i: RecordWeichengMajorDecisionInput!){ recordWeichengMajorDecision(input:$i){ decision { decisionId } } }`, { i: { groupId: x.groupId, kind: 'LARGE_SPENDING', title: '太早', decidedOn: '2019-01-01', participations: [] } }, 'input.decidedOn'],
      [`mutation($i: AwardWeichengPrincipalRankInput!){ awardWeichengPrincipalRank(input:$i){ rank { rank } } }`, { i: { personId: head, rank: '高级', documentRef: ' ', validFrom: '2021-09-01' } }, 'input.documentRef'],
      [`mutation($i: UpdateWeichengXuequInput!){ updateWeichengXuequ(input:$i){ xuequ { groupId } } }`, { i: { groupId: x.groupId, aliases: [{ alias: '别名', kind: 'SHORT_NAME' }, { alias: '别名', kind: 'OTHER' }] } }, 'input.aliases.1.alias'],
      [PLACE, { i: { personId: head, schoolCode: lead, validFrom: '2021-09-01', hiringRoute: 'PUBLIC_INSTITUTION_EXAM', positionTitle: '', contractRef: 'c' } }, 'input.positionTitle'],
    ];
    for (const [q, vars, field] of cases) {
      await expectUnchanged(s, async () => {
        const e = errorOf(await s.gql(q, vars), 'BAD_USER_INPUT');
        expect(e.extensions!.field, JSON.stringify(e)).toBe(field);
        expect(typeof e.extensions!.reason).toBe('string');
      });
    }
  });

  it('a 学区 id of another regime’s group, or none, is NOT_FOUND', async () => {
    const e = errorOf(await s.gql(`mutation($i: SetWeichengFestivalInput!){ setWeichengFestival(input:$i){ festival { name } } }`, { i: { groupId: '00000000-0000-4000-8000-000000000000', name: '节', validFrom: '2021-09-01' } }), 'NOT_FOUND');
    expect(e.extensions!.entity).toBe('SchoolGroup');
  });

  it('where the regime is not enabled its mutations answer GOVERNANCE_NOT_ENABLED and write nothing', async () => {
    const lead = await b.school({ county: '370703' });
    const other = await b.school({ county: '370703' });
    const head = await b.person();
    await expectUnchanged(s, async () => {
      const e = errorOf(await s.gql(FORM, { i: { localityCode: '370703', name: '寒亭学区', leadSchoolCode: lead, memberSchoolCodes: [other], zongxiaozhangPersonId: head, validFrom: '2020-09-01' } }), 'GOVERNANCE_NOT_ENABLED');
      expect(e.extensions).toMatchObject({ localityCode: '370703', plugin: 'weicheng' });
      errorOf(await s.gql(`mutation($i: RateWeichengSchoolInput!){ rateWeichengSchool(input:$i){ rating { stars } } }`, { i: { schoolCode: lead, stars: 3, documentRef: 'd', validFrom: '2025-09-01' } }), 'GOVERNANCE_NOT_ENABLED');
    });
  });
});

describe('records without a rule', () => {
  it('aliases are replaced by updateWeichengXuequ and found by search', async () => {
    const x = await b.xuequ(1);
    ok(await s.gql(`mutation($i: UpdateWeichengXuequInput!){ updateWeichengXuequ(input:$i){ xuequ { groupId } } }`, { i: { groupId: x.id, aliases: [{ alias: '測試別名學區', kind: 'SOURCE_SPELLING' }], pairings: ['BIG_WITH_SMALL'], isLeadInferred: true } }));
    const d = ok(await s.gql(`{ weichengXuequs(filter: { localityCode: "370702", nameContains: "別名" }) { groupId aliases { alias kind } pairings isLeadInferred } }`));
    expect(d.weichengXuequs).toEqual([{ groupId: x.groupId, aliases: [{ alias: '測試別名學區', kind: 'SOURCE_SPELLING' }], pairings: ['BIG_WITH_SMALL'], isLeadInferred: true }]);
  });

  it('experimental projects and festivals hang off the 学区', async () => {
    const x = await b.xuequ(1);
    ok(await s.gql(`mutation($i: StartWeichengExperimentalProjectInput!){ startWeichengExperimentalProject(input:$i){ project { category name } } }`, { i: { groupId: x.groupId, category: 'NEW_FORM_SCHOOL', name: '新样态学校建设', validFrom: '2021-09-01' } }));
    ok(await s.gql(`mutation($i: SetWeichengFestivalInput!){ setWeichengFestival(input:$i){ festival { name } } }`, { i: { groupId: x.groupId, name: '体育节', validFrom: '2021-09-01' } }));
    // The same festival again corrects its dates rather than adding a second.
    ok(await s.gql(`mutation($i: SetWeichengFestivalInput!){ setWeichengFestival(input:$i){ festival { name } } }`, { i: { groupId: x.groupId, name: '体育节', validFrom: '2020-09-01' } }));
    const d = ok(await s.gql(`query($id: ID!){ weichengXuequ(id: $id){ experimentalProjects { category name validFrom } festivals { name validFrom } } }`, { id: x.id }));
    expect(d.weichengXuequ).toEqual({ experimentalProjects: [{ category: 'NEW_FORM_SCHOOL', name: '新样态学校建设', validFrom: '2021-09-01' }], festivals: [{ name: '体育节', validFrom: '2020-09-01' }] });
  });

  it('区管校聘: the district places a teacher it hired as a TEACHER post at its school', async () => {
    const x = await b.xuequ(1);
    const teacher = await b.person('新教师');
    const d = ok(await s.gql(PLACE, { i: { personId: teacher, schoolCode: x.members[0], validFrom: '2021-09-01', hiringRoute: 'CONTRACT_APPOINTMENT', positionTitle: '小学英语教师', contractRef: '潍城教聘〔2021〕8号' } }));
    expect(d.placeWeichengTeacher.placement).toMatchObject({ hiredBy: '370702', hiringRoute: 'CONTRACT_APPOINTMENT', post: { role: 'TEACHER', school: { code: x.members[0] }, weichengPlacement: { contractRef: '潍城教聘〔2021〕8号' } } });
    const staff = ok(await s.gql(`query($c: SchoolCode!){ school(code: $c){ staff(role: "TEACHER") { nodes { person { personId } } } weichengPlacements(asOf: "2022-01-01") { positionTitle } } }`, { c: x.members[0] }));
    expect(staff.school.staff.nodes.map((n: { person: { personId: string } }) => n.person.personId)).toContain(teacher);
    expect(staff.school.weichengPlacements).toEqual([{ positionTitle: '小学英语教师' }]);
  });
});
