import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '@gongzhi/core';
import { startTestServer, type TestServer } from '../src/testing/index.js';

/**
 * The three core rules of the national standard in complianceReport, each with data that keeps it
 * and data that breaks it. One county per scenario keeps them apart.
 */
const YEAR = '2024-2025';
let s: TestServer;
let seq = 0;

/**
 * A primary school of 1000 pupils meeting every threshold of 第六条 exactly, unless told otherwise.
 * Its teachers are in post since `since`: by default long enough (7 years on 2024-09-01) to be
 * eligible for exchange under core.exchange-rate's default 6 years.
 */
async function primarySchool(county: string, over: Partial<typeof tables.schoolYearStats.$inferInsert> = {}, staff = { qualified: 42, backbone: 10, peArts: 9 }, since = '2017-09-01') {
  const code = `2152${county.slice(4)}${String(++seq).padStart(4, '0')}`;
  await s.db.insert(tables.schools).values({ code, name: `测试小学${seq}`, schoolType: '211', stages: ['PRIMARY'], countyCode: county, area: 'URBAN', authorityCode: county, isSample: true });
  await s.db.insert(tables.schoolYearStats).values({ schoolCode: code, schoolYear: YEAR, enrollmentPrimary: 1000, teachingAuxAreaM2: 4500, sportsGroundAreaM2: 7500, equipmentValueFen: 200_000_000, multimediaClassrooms: 23, ...over });
  const people = Array.from({ length: staff.qualified }, (_, i) => ({
    id: crypto.randomUUID(),
    name: `教师${i}`,
    gender: 'FEMALE',
    qualification: 'BACHELOR',
    title: 'FIRST_GRADE',
    backboneLevel: i < staff.backbone ? 'COUNTY' : 'NONE',
    subjects: [i >= staff.qualified - staff.peArts ? '体育' : '语文'],
    localityCode: county,
    isSample: true,
  }));
  if (people.length) {
    await s.db.insert(tables.people).values(people);
    await s.db.insert(tables.posts).values(people.map((p) => ({ personId: p.id, role: 'TEACHER', schoolCode: code, validFrom: since })));
  }
  return { code, people };
}

async function findings(county: string, ruleId: string) {
  const r = await s.gql(`query($c: DivisionCode!, $y: SchoolYear!, $r: String) { complianceReport(localityCode: $c, schoolYear: $y) { findings(ruleId: $r, first: 1000) { nodes { rule { id cite { doc clause } } status measured expected subjects { type key } } } } }`, { c: county, y: YEAR, r: ruleId });
  expect(r.errors).toBeUndefined();
  return r.data.complianceReport.findings.nodes as { rule: { id: string; cite: { doc: string; clause: string } }; status: string; measured: any; expected: any; subjects: { type: string; key: string }[] }[];
}

const COUNTIES = ['520521', '520522', '520523', '520524', '520525', '520526', '520527', '520502'];
beforeAll(async () => {
  s = await startTestServer({ localities: [{ code: '520000', name: '贵州省' }, { code: '520500', name: '毕节市' }, ...COUNTIES.map((code) => ({ code, name: `县${code}` }))] });
});
afterAll(() => s?.close());

describe('core.balance-school-indicators (教督〔2017〕6号 第六条)', () => {
  it('core.balance-school-indicators 第六条: PASS for 6 of 7 met with the seventh at 86%, FAIL at 84%', async () => {
    const ok = await primarySchool('520521', { equipmentValueFen: 172_000_000 });
    const bad = await primarySchool('520521', { equipmentValueFen: 168_000_000 });
    const f = await findings('520521', 'core.balance-school-indicators');
    const of = (code: string) => f.find((x) => x.subjects[0]!.key === code)!;
    expect(of(ok.code).status).toBe('PASS');
    expect(of(bad.code).status).toBe('FAIL');
    expect(of(bad.code).measured).toMatchObject({ stage: 'PRIMARY', metCount: 6, ratios: { L6: 0.84 }, values: { L6: 1680 } });
    expect(of(bad.code).expected).toMatchObject({ minIndicatorsMet: 6, minRatioOfRest: 0.85, thresholds: { L1: 4.2, L6: 2000 } });
    expect(of(ok.code).rule.cite).toEqual({ doc: '教督〔2017〕6号', clause: '第六条' });
  });

  it('complianceReport.findings pages like every connection: first/after, totalCount, no finding twice', async () => {
    const Q = `query($c: DivisionCode!, $y: SchoolYear!, $after: String) { complianceReport(localityCode: $c, schoolYear: $y) {
      findings(ruleId: "core.balance-school-indicators", first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { subjects { key } } } } }`;
    const page1 = (await s.gql(Q, { c: '520521', y: YEAR })).data.complianceReport.findings;
    expect(page1.totalCount).toBe(2);
    expect(page1.nodes).toHaveLength(1);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await s.gql(Q, { c: '520521', y: YEAR, after: page1.pageInfo.endCursor })).data.complianceReport.findings;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(page2.nodes[0].subjects[0].key).not.toBe(page1.nodes[0].subjects[0].key);
  });

  it('a finding names its subjects as nodes (batched: statements do not grow with the schools), and findings filter by subject', async () => {
    const Q = `query($c: DivisionCode!, $y: SchoolYear!, $k: String) { complianceReport(localityCode: $c, schoolYear: $y) {
      findings(ruleId: "core.balance-school-indicators", subjectKey: $k) { totalCount nodes { status subjects { key node { __typename ... on School { code name county { code } } } } } } } }`;
    // A write first, so that this report is computed, not served from the report cache.
    await primarySchool('520521');
    const first = await s.statementsFor(Q, { c: '520521', y: YEAR });
    const all = first.data.complianceReport.findings;
    expect(all.totalCount).toBe(3);
    for (const f of all.nodes) expect(f.subjects[0].node).toMatchObject({ __typename: 'School', code: f.subjects[0].key, county: { code: '520521' } });
    const key = all.nodes[1].subjects[0].key;
    const one = (await s.gql(Q, { c: '520521', y: YEAR, k: key })).data.complianceReport.findings;
    expect(one.totalCount).toBe(1);
    expect(one.nodes[0].subjects[0].key).toBe(key);
    // Three more schools: the same number of statements for the subjects' nodes.
    for (let i = 0; i < 3; i++) await primarySchool('520521');
    const second = await s.statementsFor(Q, { c: '520521', y: YEAR });
    expect(second.data.complianceReport.findings.totalCount).toBe(6);
    expect(second.statements).toBe(first.statements);
  });

  it('core.balance-school-indicators 第六条: WARN for a school without statistics for the year', async () => {
    await s.db.insert(tables.schools).values({ code: '2152229999', name: '无数据小学', schoolType: '211', stages: ['PRIMARY'], countyCode: '520522', area: 'RURAL', authorityCode: '520522', isSample: true });
    const f = await findings('520522', 'core.balance-school-indicators');
    expect(f).toEqual([expect.objectContaining({ status: 'WARN', subjects: [expect.objectContaining({ key: '2152229999' })] })]);
  });
});

describe('core.balance-cv (教督〔2017〕6号 第六条)', () => {
  it('core.balance-cv 第六条: PASS when schools are alike (every CV ≤ 0.50 primary)', async () => {
    await primarySchool('520523');
    await primarySchool('520523', { teachingAuxAreaM2: 5000, equipmentValueFen: 220_000_000 });
    const f = await findings('520523', 'core.balance-cv');
    expect(f).toHaveLength(7);
    expect(f.every((x) => x.status === 'PASS')).toBe(true);
    expect(f.find((x) => x.measured.indicator === 'L4')!.measured.cv).toBeGreaterThan(0);
    expect(f[0]!.expected).toEqual({ stage: 'PRIMARY', indicator: 'L1', maxCv: 0.5 });
  });

  it('core.balance-cv 第六条: FAIL for the indicator whose weighted CV exceeds 0.50, naming the county and the school pulling it up', async () => {
    await primarySchool('520524');
    const rich = await primarySchool('520524', { enrollmentPrimary: 200, sportsGroundAreaM2: 30_000 });
    const f = await findings('520524', 'core.balance-cv');
    const l5 = f.find((x) => x.measured.indicator === 'L5')!;
    expect(l5.status).toBe('FAIL');
    expect(l5.measured.cv).toBeGreaterThan(0.5);
    expect(l5.subjects[0]).toEqual({ type: 'Locality', key: '520524' });
    expect(l5.measured.topContributors[0]).toBe(rich.code);
    expect(f.find((x) => x.measured.indicator === 'L1')!.status).toBe('FAIL'); // 42 teachers for 200 pupils vs 1000
  });
});

describe('complianceReport over many counties', () => {
  it('costs the same SQL statements for the city (8 counties) as for one county, and one count of its schools: every rule is batched', async () => {
    const Q = `query($c: DivisionCode!, $y: SchoolYear!) { complianceReport(localityCode: $c, schoolYear: $y) { totals { pass fail warn notApplicable } findings(first: 1000) { totalCount } } }`;
    const countFor = async (c: string) => {
      const r = await s.statementsFor(Q, { c, y: YEAR });
      return { statements: r.statements, findings: r.data.complianceReport.findings.totalCount as number };
    };
    const one = await countFor('520521');
    const city = await countFor('520500');
    expect(city.findings).toBeGreaterThan(one.findings);
    // A city's (or a province's) schools are counted first, so that its teachers are counted while
    // the schools are read (narrow or wide by their number): one statement, whatever the counties.
    expect(city.statements).toBe(one.statements + 1);
  });
});

describe('core.exchange-rate (教督〔2017〕6号 第七条（十一）)', () => {
  async function exchange(personId: string, from: string, to: string, backboneLevel: string) {
    await s.db.insert(tables.exchanges).values({ personId, fromSchoolCode: from, toSchoolCode: to, kind: 'ROTATION', startDate: '2024-09-01', endDate: '2025-07-15', backboneLevel });
  }

  it('core.exchange-rate 第七条（十一）: PASS with 10% of teachers exchanged, a backbone teacher among them', async () => {
    const a = await primarySchool('520525', {}, { qualified: 10, backbone: 1, peArts: 1 });
    const b = await primarySchool('520525', {}, { qualified: 10, backbone: 0, peArts: 1 });
    await exchange(a.people[0]!.id, a.code, b.code, 'COUNTY');
    await exchange(b.people[1]!.id, b.code, a.code, 'NONE');
    const [f] = await findings('520525', 'core.exchange-rate');
    expect(f!.status).toBe('PASS');
    expect(f!.measured).toEqual({ teachers: 20, eligibleTeachers: 20, exchanged: 2, backboneExchanged: 1, rate: 0.1, backboneShare: 0.5 });
    expect(f!.expected).toEqual({ minRate: 0.1, minBackboneShare: 0.2, minYearsAtSchool: 6, maxAgeMale: null, maxAgeFemale: null, kinds: ['ROTATION'] });
    expect(f!.rule.cite.clause).toBe('第七条（十一）');
  });

  it('core.exchange-rate 第七条（十一）: FAIL below 10% exchanged', async () => {
    const a = await primarySchool('520526', {}, { qualified: 15, backbone: 2, peArts: 1 });
    const b = await primarySchool('520526', {}, { qualified: 15, backbone: 0, peArts: 1 });
    await exchange(a.people[0]!.id, a.code, b.code, 'CITY'); // 1 of 30 = 3.3%
    const [f] = await findings('520526', 'core.exchange-rate');
    expect(f!.status).toBe('FAIL');
    expect(f!.measured.rate).toBeCloseTo(1 / 30, 4);
  });

  it('core.exchange-rate 第七条（十一）: an exchange counts in the school year it begins, not in every year it lasts', async () => {
    const a = await primarySchool('520502', {}, { qualified: 10, backbone: 1, peArts: 1 });
    const b = await primarySchool('520502', {}, { qualified: 10, backbone: 0, peArts: 1 });
    // A three-year rotation from 2023-09 and a one-year one from 2024-09.
    await s.db.insert(tables.exchanges).values({ personId: a.people[0]!.id, fromSchoolCode: a.code, toSchoolCode: b.code, kind: 'ROTATION', startDate: '2023-09-01', endDate: '2026-07-15', backboneLevel: 'COUNTY' });
    await exchange(b.people[1]!.id, b.code, a.code, 'NONE');
    const measuredIn = async (y: string) => {
      const r = await s.gql(`query($y: SchoolYear!) { complianceReport(localityCode: "520502", schoolYear: $y) { findings(ruleId: "core.exchange-rate") { nodes { measured } } } }`, { y });
      return r.data.complianceReport.findings.nodes[0].measured;
    };
    expect(await measuredIn('2023-2024')).toMatchObject({ exchanged: 1, backboneExchanged: 1 });
    expect(await measuredIn('2024-2025')).toMatchObject({ exchanged: 1, backboneExchanged: 0 });
  });

  it('core.exchange-rate 第七条（十一）: FAIL when fewer than 20% of those exchanged are backbone teachers', async () => {
    const a = await primarySchool('520527', {}, { qualified: 10, backbone: 0, peArts: 1 });
    const b = await primarySchool('520527', {}, { qualified: 10, backbone: 0, peArts: 1 });
    for (let i = 0; i < 3; i++) await exchange(a.people[i]!.id, a.code, b.code, i === 0 ? 'SCHOOL' : 'NONE'); // school-level backbone does not count
    const [f] = await findings('520527', 'core.exchange-rate');
    expect(f!.status).toBe('FAIL');
    expect(f!.measured).toMatchObject({ exchanged: 3, backboneExchanged: 0, rate: 0.15 });
  });
});

describe('complianceReport summary', () => {
  it('lists the three core rules with their citations', async () => {
    const r = await s.gql(`{ rules(plugin: "core") { id cite { doc clause } enforce } }`);
    expect(r.data.rules).toEqual([
      { id: 'core.balance-school-indicators', cite: { doc: '教督〔2017〕6号', clause: '第六条' }, enforce: 'REPORT' },
      { id: 'core.balance-cv', cite: { doc: '教督〔2017〕6号', clause: '第六条' }, enforce: 'REPORT' },
      { id: 'core.exchange-rate', cite: { doc: '教督〔2017〕6号', clause: '第七条（十一）' }, enforce: 'REPORT' },
    ]);
  });
});
