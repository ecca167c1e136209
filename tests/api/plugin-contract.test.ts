import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@gongzhi/server/testing';
import testkit from '../plugin-testkit/src/index.js';
import { CREATE_SCHOOL, LOCALITIES, schoolInput } from '../fixtures.js';

/**
 * The plugin contract, through the public API only: a test-only plugin adds a table, a type, a
 * field on School, a write rule and a report rule.
 */
let s: TestServer;
const SET = `mutation($i: SetTestkitMottoInput!) { setTestkitMotto(input: $i) { motto { motto } } }`;
const ENABLE = `mutation($i: EnableGovernanceInput!) { enableGovernance(input: $i) { locality { code governance { plugin options overrides isInherited enabledAt { code } } } } }`;
const MOTTO = `query($c: SchoolCode!) { school(code: $c) { testkitMotto { motto } } }`;

beforeAll(async () => {
  s = await startTestServer({ plugins: [testkit], localities: LOCALITIES });
  for (const code of ['2145000001', '2145000002']) expect((await s.gql(CREATE_SCHOOL, { i: schoolInput(code) })).errors).toBeUndefined();
  expect((await s.gql(CREATE_SCHOOL, { i: schoolInput('2141000001', { countyCode: '410108' }) })).errors).toBeUndefined();
});
afterAll(() => s?.close());

describe('plugin contract (test-only plugin)', () => {
  it('lists the installed plugin with its options schema, defaults and rules', async () => {
    const r = await s.gql(`{ installedPlugins { id policyDocument defaults optionsSchema rules { id enforce cite { doc clause } } } }`);
    const p = r.data.installedPlugins.find((x: { id: string }) => x.id === 'testkit');
    expect(p.defaults).toEqual({ maxMottoLength: 12 });
    expect(p.optionsSchema.properties.maxMottoLength.default).toBe(12);
    expect(p.rules.map((x: { id: string }) => x.id).sort()).toEqual(['testkit.every-school-has-motto', 'testkit.motto-length']);
  });

  it('refuses a plugin mutation where the locality has not enabled it (GOVERNANCE_NOT_ENABLED)', async () => {
    const r = await s.gql(SET, { i: { schoolCode: '2145000001', motto: '厚德' } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'GOVERNANCE_NOT_ENABLED', localityCode: '450502', plugin: 'testkit' });
    expect((await s.gql(MOTTO, { c: '2145000001' })).data.school.testkitMotto).toBeNull();
  });

  it('validates options when enabling: a bad option is refused with the field named', async () => {
    const r = await s.gql(ENABLE, { i: { localityCode: '450500', plugin: 'testkit', options: { maxMottoLength: 'long' } } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.options.maxMottoLength' });
    const unknown = await s.gql(ENABLE, { i: { localityCode: '450500', plugin: 'testkit', options: { colour: 'red' } } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const noPlugin = await s.gql(ENABLE, { i: { localityCode: '450500', plugin: 'nosuch' } });
    expect(noPlugin.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.plugin' });
  });

  it('enables it for a city with options; its districts inherit it', async () => {
    const r = await s.gql(ENABLE, { i: { localityCode: '450500', plugin: 'testkit', options: { maxMottoLength: 6 } } });
    expect(r.errors).toBeUndefined();
    const g = await s.gql(`{ locality(code: "450502") { governance { plugin options overrides isInherited enabledAt { code } } } }`);
    expect(g.data.locality.governance).toEqual([
      { plugin: 'testkit', options: { maxMottoLength: 6 }, overrides: { maxMottoLength: 6 }, isInherited: true, enabledAt: { code: '450500' } },
    ]);
  });

  it('its mutation works there and its field on School shows the data', async () => {
    const r = await s.gql(SET, { i: { schoolCode: '2145000001', motto: '厚德载物' } });
    expect(r.errors).toBeUndefined();
    expect((await s.gql(MOTTO, { c: '2145000001' })).data.school.testkitMotto).toEqual({ motto: '厚德载物' });
  });

  it('testkit.motto-length (一): the write rule rejects bad data with the rule, citation, measured and expected, and nothing is written', async () => {
    const r = await s.gql(SET, { i: { schoolCode: '2145000002', motto: '自强不息厚德载物' } });
    expect(r.errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: { id: 'testkit.motto-length', cite: { doc: '测试文件〔2026〕1号', clause: '一' } },
      measured: 8,
      expected: { max: 6 },
      subjects: [{ type: 'School', key: '2145000002' }],
    });
    expect(r.errors?.[0]?.message).toContain('testkit.motto-length');
    expect((await s.gql(MOTTO, { c: '2145000002' })).data.school.testkitMotto).toBeNull();
    // An update that breaks the rule leaves the old value.
    await s.gql(SET, { i: { schoolCode: '2145000001', motto: '自强不息厚德载物' } });
    expect((await s.gql(MOTTO, { c: '2145000001' })).data.school.testkitMotto).toEqual({ motto: '厚德载物' });
  });

  it('testkit.every-school-has-motto (二): the report rule shows in complianceReport with a summary', async () => {
    const r = await s.gql(`{ complianceReport(localityCode: "450500", schoolYear: "2026-2027") {
      findings(ruleId: "testkit.every-school-has-motto") { nodes { status measured expected subjects { key } rule { plugin enforce cite { clause } } } }
      summary { rule { id } status pass fail }
      totals { pass fail }
    } }`);
    expect(r.errors).toBeUndefined();
    const f = r.data.complianceReport.findings.nodes;
    expect(f).toHaveLength(2);
    expect(f.find((x: any) => x.subjects[0].key === '2145000001')).toMatchObject({ status: 'PASS', measured: true, rule: { plugin: 'testkit', enforce: 'REPORT', cite: { clause: '二' } } });
    expect(f.find((x: any) => x.subjects[0].key === '2145000002').status).toBe('FAIL');
    expect(r.data.complianceReport.summary.find((x: any) => x.rule.id === 'testkit.every-school-has-motto')).toMatchObject({ status: 'FAIL', pass: 1, fail: 1 });
  });

  it('a locality without the regime gets none of its report rules', async () => {
    const r = await s.gql(`{ complianceReport(localityCode: "410108", schoolYear: "2026-2027") { summary { rule { id } } } }`);
    expect(r.data.complianceReport.summary.map((x: any) => x.rule.id)).not.toContain('testkit.every-school-has-motto');
  });

  it('disabling keeps the data but stops the mutations', async () => {
    const d = await s.gql(`mutation { disableGovernance(input: { localityCode: "450500", plugin: "testkit" }) { locality { governance { plugin } } } }`);
    expect(d.data.disableGovernance.locality.governance).toEqual([]);
    expect((await s.gql(SET, { i: { schoolCode: '2145000002', motto: '求真' } })).errors?.[0]?.extensions?.code).toBe('GOVERNANCE_NOT_ENABLED');
    expect((await s.gql(MOTTO, { c: '2145000001' })).data.school.testkitMotto).toEqual({ motto: '厚德载物' });
  });
});
