import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, type TestServer } from '@gongzhi/server/testing';
import { COUNTY, start } from './helpers.js';
import { EDUCATION_GROUPS, NAMED_SCHOOLS, TOWNSHIPS } from '../src/domain.js';

let s: TestServer;
beforeAll(async () => {
  s = await start();
});
afterAll(() => s?.close());

const GROUPS = `{
  hezhangSeniorEducationGroups(localityCode: "${COUNTY}") { name kind members { school { name } } }
  hezhangCompulsoryEducationGroups(localityCode: "${COUNTY}") { name townships { name } memberSchools { code name } pairings { helperSchool { name } stage } }
}`;

describe('the demo: 附件2 二 — all ten groups', () => {
  it('shows the two senior groups with their schools (二(一))', async () => {
    const d = ok(await s.gql(GROUPS));
    const senior = Object.fromEntries(d.hezhangSeniorEducationGroups.map((g: any) => [g.name, g.members.map((m: any) => m.school.name).sort()]));
    expect(senior).toEqual({
      高中一教育集团: ['赫章县民族中学', '赫章县第一中学', '赫章县野马川中学'].sort(),
      高中第二教育集团: ['赫章县实验中学', '赫章县第三中学', '赫章县第二中学'].sort(),
    });
  });

  it('shows the eight compulsory groups with their townships and paired schools (二(二), 二(三))', async () => {
    const d = ok(await s.gql(GROUPS));
    const groups = d.hezhangCompulsoryEducationGroups;
    expect(groups.map((g: any) => g.name).sort()).toEqual(['第一教育集团', '第二教育集团', '第三教育集团', '第四教育集团', '第五教育集团', '第六教育集团', '第七教育集团', '第八教育集团'].sort());
    const g1 = groups.find((g: any) => g.name === '第一教育集团');
    expect(g1.townships.map((t: any) => t.name).sort()).toEqual(['双河街道', '汉阳街道', '金银山街道', '七家湾街道', '白果街道', '达依乡'].sort());
    expect(g1.pairings.map((p: any) => [p.helperSchool.name, p.stage])).toEqual(
      expect.arrayContaining([['赫章县第一中学', 'JUNIOR'], ['赫章县第一小学', 'PRIMARY'], ['赫章县第一幼儿园', 'KINDERGARTEN']]),
    );
    const g6 = groups.find((g: any) => g.name === '第六教育集团');
    expect(g6.pairings.map((p: any) => p.helperSchool.name).sort()).toEqual(['赫章县实验小学', '赫章县思源实验学校', '赫章县第九幼儿园'].sort());
    // Every township is in exactly one group.
    expect(groups.flatMap((g: any) => g.townships.map((t: any) => t.name)).sort()).toEqual(TOWNSHIPS.map((t) => t.name).sort());
    expect(EDUCATION_GROUPS).toHaveLength(10);
  });

  it('keeps the county-town schools out of group 1 although they stand in 双河街道 (二(二), main 三(四))', async () => {
    const d = ok(await s.gql(GROUPS));
    const g1 = d.hezhangCompulsoryEducationGroups.find((g: any) => g.name === '第一教育集团');
    const countyTown = NAMED_SCHOOLS.filter((x) => x.isCountyTown).map((x) => x.code);
    expect(g1.memberSchools.length).toBeGreaterThan(0);
    expect(g1.memberSchools.filter((m: any) => countyTown.includes(m.code))).toEqual([]);
  });
});
