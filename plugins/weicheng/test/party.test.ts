/**
 * 一(二)3 强化党建引领: weicheng.major-decision-participation (write), weicheng.party-organisation and
 * weicheng.party-brand (report, 一(二)3(2) 一学区一品牌), through GraphQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { Bureau, errorOf, expectRefused, ok, start } from './helpers.js';

let s: TestServer;
let b: Bureau;
beforeAll(async () => {
  s = await start();
  b = new Bureau(s);
});
afterAll(() => s?.close());

const SET_ORG = `mutation($i: SetWeichengPartyOrganisationInput!){ setWeichengPartyOrganisation(input:$i){ organisation { organisationId kind name validFrom validTo } } }`;
const DECIDE = `mutation($i: RecordWeichengMajorDecisionInput!){ recordWeichengMajorDecision(input:$i){ decision { decisionId kind participations { stage heldOn } } } }`;
const ADD = `mutation($i: RecordWeichengDecisionParticipationInput!){ recordWeichengDecisionParticipation(input:$i){ decision { decisionId participations { stage } } } }`;
const BRAND = `mutation($i: SetWeichengPartyBrandInput!){ setWeichengPartyBrand(input:$i){ brand { name validFrom validTo } } }`;

const org = async (groupId: string, validFrom = '2020-09-01', kind = 'GENERAL_BRANCH') => ok(await s.gql(SET_ORG, { i: { groupId, kind, name: `党组织${validFrom}`, validFrom } })).setWeichengPartyOrganisation.organisation;
const both = (decidedOn: string, before = decidedOn) => [
  { stage: 'DELIBERATION', heldOn: before, recordRef: '党总支会议纪要' },
  { stage: 'DECISION', heldOn: decidedOn, recordRef: '联席会议纪要' },
];

describe('weicheng.major-decision-participation (一(二)3)', () => {
  it('refuses a decision of the four major kinds with no party participation, naming the rule and clause, and writes nothing', async () => {
    const x = await b.xuequ(1);
    await org(x.groupId);
    const e = await expectRefused(s, DECIDE, { i: { groupId: x.groupId, kind: 'LARGE_SPENDING', title: '购置设备', decidedOn: '2026-10-20', amountFen: 5_000_000_00, participations: [] } }, 'weicheng.major-decision-participation');
    expect(e.extensions!.rule.cite).toEqual({ doc: expect.stringContaining('潍城区'), clause: '一(二)3' });
    expect(e.extensions!.measured).toMatchObject({ kind: 'LARGE_SPENDING', missingStages: ['DELIBERATION', 'DECISION'], partyOrganisation: { kind: 'GENERAL_BRANCH' } });
  });

  it('refuses each of the four kinds with only part of the process (全程参与)', async () => {
    const x = await b.xuequ(1);
    await org(x.groupId);
    for (const kind of ['MAJOR_DECISION', 'KEY_APPOINTMENT', 'MAJOR_INVESTMENT', 'LARGE_SPENDING']) {
      const e = await expectRefused(s, DECIDE, { i: { groupId: x.groupId, kind, title: `只有决策环节：${kind}`, decidedOn: '2026-11-02', participations: [both('2026-11-02')[1]] } }, 'weicheng.major-decision-participation');
      expect(e.extensions!.measured.missingStages).toEqual(['DELIBERATION']);
    }
  });

  it('refuses a decision-stage record dated after the decision', async () => {
    const x = await b.xuequ(1);
    await org(x.groupId);
    const e = await expectRefused(s, DECIDE, { i: { groupId: x.groupId, kind: 'MAJOR_DECISION', title: '事后补记', decidedOn: '2026-11-02', participations: [{ stage: 'DELIBERATION', heldOn: '2026-10-30', recordRef: 'a' }, { stage: 'DECISION', heldOn: '2026-11-09', recordRef: 'b' }] } }, 'weicheng.major-decision-participation');
    expect(e.extensions!.measured.missingStages).toEqual(['DECISION']);
    expect(e.extensions!.measured.uncounted).toEqual([{ stage: 'DECISION', heldOn: '2026-11-09', reason: 'WRONG_DAY' }]);
  });

  it('refuses a decision of a 学区 with no party organisation that day', async () => {
    const x = await b.xuequ(1);
    const e = await expectRefused(s, DECIDE, { i: { groupId: x.groupId, kind: 'KEY_APPOINTMENT', title: '任命副校长', decidedOn: '2026-10-20', participations: both('2026-10-20', '2026-10-10') } }, 'weicheng.major-decision-participation');
    expect(e.extensions!.measured).toMatchObject({ partyOrganisation: null });
  });

  it('records a decision the party organisation studied and decided, and adds its oversight later', async () => {
    const x = await b.xuequ(1);
    await org(x.groupId);
    const d = ok(await s.gql(DECIDE, { i: { groupId: x.groupId, kind: 'MAJOR_INVESTMENT', title: '新建操场', decidedOn: '2026-10-20', amountFen: 80_000_000_00, participations: both('2026-10-20', '2026-10-08') } }));
    const id = d.recordWeichengMajorDecision.decision.decisionId;
    const added = ok(await s.gql(ADD, { i: { decisionId: id, stage: 'IMPLEMENTATION', heldOn: '2027-03-01', recordRef: '督查记录' } }));
    expect(added.recordWeichengDecisionParticipation.decision.participations.map((p: { stage: string }) => p.stage)).toEqual(['DELIBERATION', 'DECISION', 'IMPLEMENTATION']);
    // Oversight dated before the decision is no oversight of it.
    await expectRefused(s, ADD, { i: { decisionId: id, stage: 'IMPLEMENTATION', heldOn: '2026-10-01', recordRef: 'x' } }, 'weicheng.major-decision-participation');
    const report = await b.findingFor('weicheng.major-decision-participation', id);
    expect(report.status).toBe('PASS');
  });

  it('guards the party organisation’s dates: moving its start past a decision it took part in is refused', async () => {
    const x = await b.xuequ(1);
    const first = await org(x.groupId, '2020-09-01');
    ok(await s.gql(DECIDE, { i: { groupId: x.groupId, kind: 'MAJOR_DECISION', title: '学区章程修订', decidedOn: '2021-05-10', participations: both('2021-05-10') } }));
    // Correcting the organisation to have been set up only in 2022 would leave the 2021 decision without one.
    await expectRefused(s, SET_ORG, { i: { groupId: x.groupId, kind: 'GENERAL_BRANCH', name: '改期', validFrom: '2020-09-01', validTo: '2021-01-31' } }, 'weicheng.major-decision-participation');
    // A successor from a later day keeps the history whole: the 党总支 becomes a 党委.
    const next = ok(await s.gql(SET_ORG, { i: { groupId: x.groupId, kind: 'PARTY_COMMITTEE', name: '学区党委', validFrom: '2023-09-01' } }));
    expect(next.setWeichengPartyOrganisation.organisation).toMatchObject({ kind: 'PARTY_COMMITTEE', validTo: null });
    const hist = ok(await s.gql(`query($id: ID!){ weichengXuequ(id: $id){ partyOrganisationHistory { kind validFrom validTo } } }`, { id: x.groupId }));
    expect(hist.weichengXuequ.partyOrganisationHistory).toEqual([
      { kind: 'GENERAL_BRANCH', validFrom: '2020-09-01', validTo: '2023-08-31' },
      { kind: 'PARTY_COMMITTEE', validFrom: '2023-09-01', validTo: null },
    ]);
    expect(first).toBeTruthy();
  });

  it('a kind outside the four is BAD_USER_INPUT, not a decision', async () => {
    const x = await b.xuequ(1);
    const r = await s.gql(DECIDE, { i: { groupId: x.groupId, kind: 'ROUTINE', title: 't', decidedOn: '2026-10-20', participations: [] } });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('weicheng.party-organisation (一(二)3)', () => {
  it('passes a 学区 with a 党委 or 党总支 and its secretary; fails one without a secretary, or without an organisation', async () => {
    const withAll = await b.xuequ(1);
    await org(withAll.groupId, '2020-09-01', 'PARTY_COMMITTEE');
    await b.post(await b.person('书记'), 'PARTY_SECRETARY', { groupId: withAll.groupId });
    const noSecretary = await b.xuequ(1);
    await org(noSecretary.groupId);
    const none = await b.xuequ(1);

    const pass = await b.findingFor('weicheng.party-organisation', withAll.groupId);
    expect(pass).toMatchObject({ status: 'PASS', measured: { organisation: { kind: 'PARTY_COMMITTEE' } } });
    const f1 = await b.findingFor('weicheng.party-organisation', noSecretary.groupId);
    expect(f1).toMatchObject({ status: 'FAIL', measured: { organisation: { kind: 'GENERAL_BRANCH' }, secretaryPersonId: null } });
    expect(f1.message).toContain('书记');
    const f2 = await b.findingFor('weicheng.party-organisation', none.groupId);
    expect(f2).toMatchObject({ status: 'FAIL', measured: { organisation: null } });
    expect(f2.rule.cite.clause).toBe('一(二)3');
  });
});

describe('weicheng.party-brand (一(二)3(2) 一学区一品牌)', () => {
  it('passes a 学区 with a brand in the year, fails one without; a past year keeps the brand it had', async () => {
    const x = await b.xuequ(1);
    const y = await b.xuequ(1);
    ok(await s.gql(BRAND, { i: { groupId: x.groupId, name: '红色长廊', validFrom: '2020-09-01' } }));
    ok(await s.gql(BRAND, { i: { groupId: x.groupId, name: '红色教育阵地', validFrom: '2025-09-01' } }));
    expect(await b.findingFor('weicheng.party-brand', x.groupId)).toMatchObject({ status: 'PASS', measured: { brand: '红色教育阵地' } });
    expect(await b.findingFor('weicheng.party-brand', x.groupId, '2023-2024')).toMatchObject({ status: 'PASS', measured: { brand: '红色长廊' } });
    const f = await b.findingFor('weicheng.party-brand', y.groupId);
    expect(f).toMatchObject({ status: 'FAIL', measured: { brand: null } });
    expect(f.rule.cite.clause).toBe('一(二)3(2)');
    const d = ok(await s.gql(`query($id: ID!){ weichengXuequ(id: $id){ partyBrand { name } old: partyBrand(asOf: "2024-01-01") { name validTo } } }`, { id: x.groupId }));
    expect(d.weichengXuequ).toEqual({ partyBrand: { name: '红色教育阵地' }, old: { name: '红色长廊', validTo: '2025-08-31' } });
  });

  it('a brand ending before it starts is BAD_USER_INPUT naming input.validTo', async () => {
    const x = await b.xuequ(1);
    const e = errorOf(await s.gql(BRAND, { i: { groupId: x.groupId, name: '品牌', validFrom: '2025-09-01', validTo: '2025-01-01' } }), 'BAD_USER_INPUT');
    expect(e.extensions!.field).toBe('input.validTo');
  });
});
