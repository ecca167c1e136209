/**
 * The demo data: the six city-level 总校 of 2017 (五(一)) and the 2021 merger as dated locality
 * history; the compliance report over it; the README's rule table; statements for 2 vs 6 总校.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRulesTable } from '@gongzhi/core';
import type { TestServer } from '@gongzhi/server/testing';
import sanming from '../src/index.js';
import { Bureau, CITY, ok, start } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await start();
});
afterAll(() => s?.close());

const CATALOGUE = [
  ['sanming.scope', 'write', '三(一)'],
  ['sanming.one-head', 'write', '三(三)'],
  ['sanming.executive-principal', 'report', '三(三), 四(二)1'],
  ['sanming.authority-consensus', 'write', '三(三)'],
  ['sanming.pay-not-lowered', 'write', '四(三)3'],
  ['sanming.status-unchanged', 'write', '四(三)1'],
  ['sanming.backbone-flow-out', 'report', '四(一)3'],
  ['sanming.backbone-flow-back', 'report', '四(一)3'],
  ['sanming.charter', 'report', '四(一)1'],
  ['sanming.centres', 'report', '四(二)1–2, 四(一)4'],
  ['sanming.experimental-classes', 'report', '四(一)5'],
  ['sanming.zoned-admission', 'write', '四(一)6'],
  ['sanming.third-party-evaluation', 'report', '四(一)7'],
  ['sanming.leader-posts-kept', 'write', '六(三)'],
  ['sanming.two-school-experience', 'report', '六(三)'],
  ['sanming.district-rollout', 'report', '五(二), 六(一)'],
];

describe('README and catalogue', () => {
  it('the README’s rules table is the one generated from the rule definitions', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withRulesTable(readme, sanming));
  });
  it('defines every rule of the catalogue with its enforcement and citation', () => {
    expect((sanming.rules ?? []).map((r) => [r.id, r.enforce, r.cite.clause])).toEqual(CATALOGUE);
  });
});

const ZONGXIAO = `query($l: DivisionCode!, $asOf: Date){ sanmingZongxiaos(localityCode:$l){ name memberSchools(asOf:$asOf){ isLead authority school { name code isSample } county { code name } } } }`;

describe('the six 总校 of 2017 and the 2021 merger', () => {
  it('lists them exactly as 五(一) names them, with sample codes and authority only where the name says', async () => {
    const d = ok(await s.gql(ZONGXIAO, { l: CITY, asOf: '2017-10-01' }));
    expect(d.sanmingZongxiaos.map((z: any) => z.name).sort()).toEqual(
      ['三明二中与列东中学、三明八中组合', '三明一中与三明三中组合', '三明市实验小学与梅列区第二实验小学组合', '三明学院附属小学与三元区建设小学组合', '三明市实验幼儿园与三元区东霞幼儿园组合', '三明市妇联幼儿园与梅列区六路幼儿园组合'].sort(),
    );
    const all = d.sanmingZongxiaos.flatMap((z: any) => z.memberSchools);
    expect(all).toHaveLength(13);
    for (const m of all) {
      expect(m.school.isSample).toBe(true);
      expect(m.school.code.slice(4, 6)).toBe('99');
      expect(m.authority).toBe(/^(梅列区|三元区)/.test(m.school.name) ? 'DISTRICT' : 'UNKNOWN');
    }
  });

  it('总校 3 shows 梅列区第二实验小学 under 梅列区 asOf 2017-10-01 and under 三元区 (350404) today', async () => {
    const then = ok(await s.gql(ZONGXIAO, { l: CITY, asOf: '2017-10-01' })).sanmingZongxiaos.find((z: any) => z.name.startsWith('三明市实验小学'));
    const now = ok(await s.gql(ZONGXIAO, { l: CITY, asOf: null })).sanmingZongxiaos.find((z: any) => z.name.startsWith('三明市实验小学'));
    const pick = (z: any) => z.memberSchools.find((m: any) => m.school.name === '梅列区第二实验小学').county;
    expect(pick(then)).toEqual({ code: '350402', name: '梅列区' });
    expect(pick(now)).toEqual({ code: '350404', name: '三元区' });
    const l = ok(await s.gql(`query{ locality(code:"350402"){ validTo successor { code } } n: locality(code:"350404"){ validFrom predecessors { code } } }`));
    expect(l.locality).toEqual({ validTo: '2021-02-02', successor: { code: '350404' } });
    expect(l.n).toEqual({ validFrom: '2021-02-03', predecessors: [{ code: '350402' }, { code: '350403' }] });
    // School.county(asOf:) is core's: the same history on the school itself.
    const sc = ok(await s.gql(`query{ school(code:"2135990002"){ county(asOf:"2017-10-01"){ code } today: county { code } placements { county { code } validTo } } }`));
    expect(sc.school).toEqual({ county: { code: '350402' }, today: { code: '350404' }, placements: [{ county: { code: '350402' }, validTo: '2021-02-02' }] });
  });

  it('complianceReport(350400, 2026-2027) lists every Sanming rule with findings on the demo data', async () => {
    const r = ok(await s.gql(`query{ complianceReport(localityCode:"${CITY}", schoolYear:"2026-2027"){ findings(first:1000){ nodes { rule { id } status message } } } }`));
    const nodes = r.complianceReport.findings.nodes.filter((n: any) => n.rule.id.startsWith('sanming.'));
    const ids = [...new Set(nodes.map((n: any) => n.rule.id))].sort();
    expect(ids).toEqual(CATALOGUE.map((c) => c[0]).sort());
    const by = (id: string) => nodes.filter((n: any) => n.rule.id === id).map((n: any) => n.status);
    expect(by('sanming.scope')).toEqual(Array(6).fill('PASS'));
    expect(by('sanming.one-head')).toEqual(Array(6).fill('FAIL')); // the document names no 总校长
    expect(by('sanming.backbone-flow-out')).toEqual(Array(7).fill('FAIL'));
    expect(by('sanming.district-rollout')).toEqual(['FAIL', 'FAIL']); // 梅列区 and 三元区 of 2018: no plan recorded
  });
});

describe('batching', () => {
  it('a nested query over the six 总校 with members, heads and flows costs the same statements as over two', async () => {
    const Q = `query($l: DivisionCode!){ sanmingZongxiaos(localityCode:$l){ name level generalPrincipal { person { name } appointedBy } memberSchools(asOf:"2017-10-01"){ isLead authority county { name } executivePrincipal { person { name } } school { name } } flows(schoolYear:"2017-2018"){ direction schoolLeaders backboneTeachers people { name } school { name } } centres { kind } } }`;
    // Two more 总校 with a 总校长, an exchange served at a member and a centre, formed under 350401.
    const b = new Bureau(s);
    for (let i = 0; i < 2; i++) {
      const lead = await b.school('P', '350401');
      const member = await b.school('P', '350401');
      const id = await b.zongxiao(lead, [member], { localityCode: '350401', validFrom: '2017-09-01' });
      const t = await b.person('骨干', 'CITY');
      ok(await b.post(t, 'TEACHER', member, '2017-09-01'));
      await b.exchange(t, lead, member, '2017-09-01', '2018-07-01');
      ok(await b.mutate('establishSanmingCentre', { groupId: id, kind: 'HR', name: '教师资源管理中心', establishedOn: '2017-10-01' }));
    }
    const { statements: two, data: d2 } = await s.statementsFor(Q, { l: '350401' });
    expect(d2.sanmingZongxiaos).toHaveLength(2);
    expect(d2.sanmingZongxiaos[0].flows[0].backboneTeachers).toBe(1);
    const { statements: eight, data } = await s.statementsFor(Q, { l: CITY });
    expect(data.sanmingZongxiaos).toHaveLength(8);
    console.log(`SQL statements: 2 总校 ${two}, 8 总校 ${eight}`);
    expect(eight).toBe(two);
  });
});
