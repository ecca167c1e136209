/**
 * The demo data of 潍城区 (370702) and what the report makes of it: every Weicheng rule listed with
 * findings; the named 学区, their aliases (search), leads marked as our reading, the eighth a
 * flagged placeholder; schools named but not placed stay unassigned; brands and festivals as the
 * report names them; where the source and the catalogue disagree.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import weicheng from '../src/index.js';
import { pluginRules } from '@gongzhi/core';
import { COUNTY, findings, ok, start, YEAR } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await start({}, { seed: true });
});
afterAll(() => s?.close());

const SOURCE = readFileSync(new URL('../../../../shared/seeds/001_f009c29586b31c7b.txt', import.meta.url), 'utf8');
const XUEQUS = `query($f: WeichengXuequFilter!){ weichengXuequs(filter: $f){ groupId name isSample isLeadInferred note leadSchool { name code isSample } aliases { alias kind } partyBrand { name } festivals { name } otherSchools { name } } }`;

describe('the demo of 潍城区', () => {
  it('complianceReport(370702, 2026-2027) lists every Weicheng rule with real findings', async () => {
    const report = ok(await s.gql(`{ complianceReport(localityCode: "${COUNTY}", schoolYear: "${YEAR}") { summary { rule { id enforce } status pass fail warn notApplicable } } }`));
    const mine = report.complianceReport.summary.filter((r: { rule: { id: string } }) => r.rule.id.startsWith('weicheng.'));
    expect(mine.map((r: { rule: { id: string } }) => r.rule.id).sort()).toEqual(pluginRules(weicheng).map((r) => r.id).sort());
    expect(mine).toHaveLength(9);
    for (const r of mine) expect(r.pass + r.fail + r.warn, `${r.rule.id} judged something`).toBeGreaterThan(0);
    const by = Object.fromEntries(mine.map((r: { rule: { id: string } }) => [r.rule.id, r]));
    // The write rules hold on the demo data; the report rules find what the report leaves open.
    expect(by['weicheng.one-principal']).toMatchObject({ status: 'PASS', pass: 8 });
    expect(by['weicheng.one-xuequ-per-school']).toMatchObject({ status: 'PASS', pass: 8 });
    expect(by['weicheng.major-decision-participation']).toMatchObject({ status: 'PASS', pass: 7 });
    expect(by['weicheng.party-brand']).toMatchObject({ status: 'FAIL', pass: 4, fail: 4 });
    expect(by['weicheng.party-organisation']).toMatchObject({ pass: 7, fail: 1 });
    expect(by['weicheng.charter-and-plan']).toMatchObject({ pass: 7, fail: 1 });
    expect(by['weicheng.district-coverage'].fail).toBe(5);
    expect(by['weicheng.star-rating'].fail).toBeGreaterThan(0);
    expect(by['weicheng.principal-rank'].fail).toBeGreaterThan(0);
  });

  it('the seven named 学区 lead from their namesake school, marked as our reading; the eighth is a flagged placeholder', async () => {
    const all = ok(await s.gql(XUEQUS, { f: { localityCode: COUNTY } })).weichengXuequs;
    expect(all).toHaveLength(8);
    const named = all.filter((x: { isSample: boolean }) => !x.isSample);
    expect(named.map((x: { name: string }) => x.name).sort()).toEqual(['利昌学区', '实验小学学区', '永安路小学学区', '潍坊三中学区', '潍坊五中学区', '潍坊外国语学校学区', '潍州麓台学区'].sort());
    for (const x of named) {
      expect(x.isLeadInferred).toBe(true);
      expect(x.leadSchool.isSample).toBe(true);
      expect(x.leadSchool.code.slice(4, 6)).toBe('99');
    }
    const eighth = all.find((x: { isSample: boolean }) => x.isSample);
    expect(eighth.name).toMatch(/^【示例】/);
    expect(eighth.note).toContain('八大学区');
    // Members the report does not name are flagged 【示例】.
    for (const x of all) for (const o of x.otherSchools) expect(o.name).toMatch(/^【示例】/);
  });

  it('search finds a 学区 by its official name, the source’s traditional spelling and its short names', async () => {
    const find = async (nameContains: string) => ok(await s.gql(XUEQUS, { f: { localityCode: COUNTY, nameContains } })).weichengXuequs.map((x: { name: string }) => x.name);
    expect(await find('濰坊外國語學校學區')).toEqual(['潍坊外国语学校学区']);
    expect(await find('外国语学校学区')).toEqual(['潍坊外国语学校学区']);
    expect(await find('潍坊外国语学校学区')).toEqual(['潍坊外国语学校学区']);
    // 一(二)4(6) writes it 濰坊外國語學區 too (the catalogue lists only 外国语学校学区).
    expect(await find('潍坊外国语学区')).toEqual(['潍坊外国语学校学区']);
    expect(await find('濰坊外國語學區')).toEqual(['潍坊外国语学校学区']);
    expect(await find('麓臺學區')).toEqual(['潍州麓台学区']);
    expect(await find('麓台学区')).toEqual(['潍州麓台学区']);
    expect(await find('不存在')).toEqual([]);
    // Every alias of kind SOURCE_SPELLING is spelt so in the source.
    const all = ok(await s.gql(XUEQUS, { f: { localityCode: COUNTY } })).weichengXuequs;
    for (const x of all) for (const a of x.aliases) if (a.kind === 'SOURCE_SPELLING') expect(SOURCE, a.alias).toContain(a.alias);
  });

  it('party brands and festivals are the report’s, one 学区 each', async () => {
    const all = ok(await s.gql(XUEQUS, { f: { localityCode: COUNTY } })).weichengXuequs;
    const brand = Object.fromEntries(all.map((x: { name: string; partyBrand: { name: string } | null }) => [x.name, x.partyBrand?.name ?? null]));
    expect(brand).toMatchObject({ 实验小学学区: '红色长廊', 永安路小学学区: '学习新思想主题活动', 潍坊三中学区: '革命故事专栏', 潍州麓台学区: '红色教育阵地', 潍坊外国语学校学区: null, 利昌学区: null });
    const fest = Object.fromEntries(all.map((x: { name: string; festivals: { name: string }[] }) => [x.name, x.festivals.map((f) => f.name)]));
    expect(fest).toMatchObject({ 潍坊五中学区: ['科技创新节'], 利昌学区: ['体育节'], 实验小学学区: ['艺术节'], 潍坊外国语学校学区: ['中华优秀传统文化节'], 永安路小学学区: [] });
  });

  it('schools the report names without a 学区 stay unassigned, and the report says so', async () => {
    const d = ok(await s.gql(`{ schools(filter: { localityCode: "${COUNTY}", nameContains: "湖景" }, first: 5) { nodes { code name isSample weichengXuequ { name } } } }`));
    expect(d.schools.nodes).toEqual([{ code: '2137990203', name: '湖景小学', isSample: true, weichengXuequ: null }]);
    const f = await findings(s, { localityCode: COUNTY, schoolYear: YEAR, ruleId: 'weicheng.district-coverage', subject: '2137990203' });
    expect(f[0]).toMatchObject({ status: 'FAIL', measured: { xuequ: null } });
  });

  it('the demo’s 学区 have bundled ratings and 区管校聘 placements', async () => {
    const d = ok(await s.gql(`query($f: WeichengXuequFilter!){ weichengXuequs(filter: $f){ name bundledRating(asOf: "2026-12-01") { stars } } }`, { f: { localityCode: COUNTY, nameContains: '实验小学' } }));
    expect(d.weichengXuequs[0].bundledRating.stars).toBe(4);
    const p = ok(await s.gql(`{ school(code: "3137990301") { weichengPlacements(asOf: "2026-12-01") { hiredBy hiringRoute positionTitle post { role weichengPlacement { contractRef } } } } }`));
    expect(p.school.weichengPlacements).toEqual([{ hiredBy: COUNTY, hiringRoute: 'TALENT_INTRODUCTION', positionTitle: '【示例】初中数学教师', post: { role: 'TEACHER', weichengPlacement: { contractRef: '【示例】潍城教聘〔2020〕2号' } } }]);
  });

  it('seeding again changes nothing', async () => {
    const { snapshot, changedTables } = await import('@gongzhi/server/testing');
    const before = await snapshot(s);
    await weicheng.seed!({ db: s.db, today: '2026-12-01', log: () => {} });
    expect(changedTables(before, await snapshot(s)).filter((t) => !t.startsWith('core.data_version'))).toEqual([]);
  });
});

describe('where the source and the catalogue disagree', () => {
  it('the report has no date of its own: 2020-12-25 is its repost’s, so the plugin gives no issued date', () => {
    expect(SOURCE).toContain('2020-12-25 瀟湘晨報');
    expect(weicheng.policy.issued).toBeUndefined();
  });

  it('the report announces eight categories of experimental project (八大类) but names seven: the eighth is OTHER', async () => {
    expect(SOURCE).toContain('新為教育、新樣態學校、未來教育、創新教育、教學評一體、優質高效個性化教學法、深度學習「八大類」');
    const e = ok(await s.gql(`{ __type(name: "WeichengProjectCategory") { enumValues { name } } }`));
    expect(e.__type.enumValues.map((v: { name: string }) => v.name)).toHaveLength(8);
    expect(e.__type.enumValues.map((v: { name: string }) => v.name)).toContain('OTHER');
  });

  it('the plan covers six elements (一(二)1(3)); the seven of 一(二)1(2) add 党建引领', () => {
    expect(SOURCE).toContain('統籌黨建引領、教育資源、課程建設、教學研究、文化建設、教師資源、招生培養七大要素');
    expect(SOURCE).toContain('各學區統籌考慮教育資源、課程建設、教學研究、文化建設、教師資源、招生培養,制定中長期發展規劃');
  });
});
