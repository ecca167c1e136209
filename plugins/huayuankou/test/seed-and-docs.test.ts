import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { todayInShanghai, withRulesTable } from '@gongzhi/core';
import huayuankou from '../src/index.js';
import { start } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await start();
});
afterAll(() => s?.close());

const SEEDED = `{ huayuankouCentralSchoolDistricts(localityCode: "410108") {
  name isSample township { code name } centralSchool { code name isSample }
  villageSchools { name schoolType { code } isSample huayuankouSpecialities { name } }
  otherMemberSchools { name schoolType { code } isSample huayuankouSpecialities { name } }
} }`;

describe('seed and documentation', () => {
  it('the report is undated: the plugin gives no issue date rather than an invented one', async () => {
    const r = await s.gql(`{ installedPlugins { id policyDocument issuer issued } }`);
    expect(r.data.installedPlugins.find((p: { id: string }) => p.id === 'huayuankou')).toEqual({ id: 'huayuankou', policyDocument: '花园口镇中心学校学区制管理情况汇报', issuer: '花园口镇中心学校', issued: null });
  });

  it('seeds the report’s six schools as one 学区 led by 花园口小学, with the specialities it names (三(一), 三(五)4)', async () => {
    const r = await s.gql(SEEDED);
    expect(r.errors).toBeUndefined();
    const [d, ...more] = r.data.huayuankouCentralSchoolDistricts;
    expect(more).toEqual([]);
    expect(d).toMatchObject({ name: '花园口镇中心校学区', isSample: true, township: { code: '410108101', name: '花园口镇' }, centralSchool: { code: '2141990201', name: '花园口小学', isSample: true } });
    const byName = (list: { name: string; huayuankouSpecialities: { name: string }[] }[]) => Object.fromEntries(list.map((x) => [x.name, x.huayuankouSpecialities.map((y) => y.name)]));
    // The 村小 are the primary schools; 惠济六中 (a junior school, "1所中学、5所小学") is a member but no 村小.
    expect(byName(d.villageSchools)).toEqual({ 京水小学: [], 八堡小学: [], 申庄小学: [], 石桥小学: ['烙画', '陶笛'] });
    expect(byName(d.otherMemberSchools)).toEqual({ 惠济六中: ['蛋雕', '非物质文化遗产课程'] });
    expect(d.otherMemberSchools[0].schoolType.code).toBe('311');
    expect([...d.villageSchools, ...d.otherMemberSchools].every((x: { isSample: boolean }) => x.isSample)).toBe(true);
    const central = await s.gql(`{ school(code: "2141990201") { huayuankouSpecialities { name } } }`);
    expect(central.data.school.huayuankouSpecialities.map((x: { name: string }) => x.name).sort()).toEqual(['剪纸', '校本课程', '黄河文化展室'].sort());
  });

  it('the seed is idempotent: running it again changes nothing', async () => {
    await huayuankou.seed!({ db: s.db, today: todayInShanghai(), log: () => {} });
    const r = await s.gql(`{ schoolGroups(filter: { localityCode: "410108", kind: "huayuankou.central-district" }) { nodes { id members { school { code } } } } }`);
    expect(r.data.schoolGroups.nodes).toHaveLength(1);
    expect(r.data.schoolGroups.nodes[0].members).toHaveLength(6);
    const specs = await s.gql(`{ schools(filter: { localityCode: "410108101" }) { edges { node { huayuankouSpecialities { name } } } } }`);
    expect(specs.data.schools.edges.flatMap((e: { node: { huayuankouSpecialities: unknown[] } }) => e.node.huayuankouSpecialities)).toHaveLength(7);
  });

  it('lists every catalogue rule with its citation', async () => {
    const r = await s.gql(`{ rules(plugin: "huayuankou") { id enforce cite { doc clause } } }`);
    expect(r.data.rules).toEqual([
      { id: 'huayuankou.same-township', enforce: 'WRITE', cite: { doc: '花园口镇中心学校学区制管理情况汇报', clause: '三(一)' } },
      { id: 'huayuankou.integration-targets', enforce: 'REPORT', cite: { doc: '花园口镇中心学校学区制管理情况汇报', clause: '三（目标任务）' } },
      { id: 'huayuankou.one-speciality-per-school', enforce: 'REPORT', cite: { doc: '花园口镇中心学校学区制管理情况汇报', clause: '三(五)4' } },
      { id: 'huayuankou.named-duties', enforce: 'REPORT', cite: { doc: '花园口镇中心学校学区制管理情况汇报', clause: '三(五)2、3' } },
      { id: 'huayuankou.facility-sharing', enforce: 'REPORT', cite: { doc: '花园口镇中心学校学区制管理情况汇报', clause: '三(三)2' } },
      { id: 'huayuankou.district-brand', enforce: 'REPORT', cite: { doc: '花园口镇中心学校学区制管理情况汇报', clause: '三(五)4' } },
    ]);
  });

  it('README’s rules table is the one generated from the rule definitions', () => {
    const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withRulesTable(readme, huayuankou));
  });

  it('every type, field, argument and enum value the plugin adds has a description', async () => {
    const r = await s.gql(`{ __schema { types { name description fields { name description args { name description } } inputFields { name description } enumValues { name description } } } }`);
    const missing: string[] = [];
    // Fields inherited from core's SchoolGroup interface are core's to describe.
    const inherited = new Set(r.data.__schema.types.find((x: { name: string }) => x.name === 'SchoolGroup').fields.map((f: { name: string }) => f.name));
    for (const t of r.data.__schema.types.filter((x: { name: string }) => /Huayuankou/.test(x.name))) {
      if (!t.description) missing.push(t.name);
      for (const f of [...(t.fields ?? []).filter((x: { name: string }) => t.name !== 'HuayuankouCentralSchoolDistrict' || !inherited.has(x.name)), ...(t.inputFields ?? []), ...(t.enumValues ?? [])]) {
        if (!f.description) missing.push(`${t.name}.${f.name}`);
        for (const a of f.args ?? []) if (!a.description) missing.push(`${t.name}.${f.name}(${a.name})`);
      }
    }
    const ownFields = r.data.__schema.types
      .flatMap((t: { name: string; fields: { name: string; description: string | null }[] | null }) => (t.fields ?? []).map((f) => ({ ...f, type: t.name })))
      .filter((f: { name: string; type: string }) => /huayuankou/i.test(f.name) && !/Huayuankou/.test(f.type));
    for (const f of ownFields) if (!f.description) missing.push(`${f.type}.${f.name}`);
    expect(missing).toEqual([]);
  });
});
