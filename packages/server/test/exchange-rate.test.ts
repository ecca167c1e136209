import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createGroup, tables } from '@gongzhi/core';
import { startTestServer, type TestServer } from '../src/testing/index.js';

/**
 * core.exchange-rate (教督〔2017〕6号 第七条（十一）) measures what the standard measures: exchanged
 * teachers against the teachers eligible for exchange (符合交流条件), and only those. Eligible: a
 * full-time teacher (TEACHER post) with 6 consecutive years at one school on 1 September, within
 * any age limit the locality sets (setBalanceOptions). One county per scenario keeps them apart.
 */
const YEAR = '2024-2025';
let s: TestServer;
let seq = 0;

const CITY = '520500';
const COUNTIES = ['520521', '520522', '520523', '520524', '520525', '520526', '520527', '520528', '520529', '520502', '520581'];

async function school(county: string): Promise<string> {
  const code = `2152${county.slice(4)}${String(++seq).padStart(4, '0')}`;
  await s.db.insert(tables.schools).values({ code, name: `交流测试小学${seq}`, schoolType: '211', stages: ['PRIMARY'], countyCode: county, area: 'URBAN', authorityCode: county, isSample: true });
  return code;
}

interface PersonSpec {
  gender?: 'MALE' | 'FEMALE';
  birthDate?: string | null;
  backboneLevel?: string;
}

async function person(county: string, p: PersonSpec = {}): Promise<string> {
  const id = crypto.randomUUID();
  await s.db.insert(tables.people).values({ id, name: `教师${++seq}`, gender: p.gender ?? 'FEMALE', birthDate: p.birthDate ?? null, qualification: 'BACHELOR', title: 'FIRST_GRADE', backboneLevel: p.backboneLevel ?? 'NONE', localityCode: county, isSample: true });
  return id;
}

async function post(personId: string, schoolCode: string, validFrom: string, validTo: string | null = null, role = 'TEACHER') {
  await s.db.insert(tables.posts).values({ personId, role, schoolCode, validFrom, validTo });
}

/** `n` teachers at a school since `since` (7 years before the year by default: eligible). */
async function teachers(county: string, schoolCode: string, n: number, since = '2017-09-01', p: PersonSpec = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = await person(county, p);
    await post(id, schoolCode, since);
    ids.push(id);
  }
  return ids;
}

async function exchange(personId: string, from: string, to: string, kind = 'ROTATION', backboneLevel = 'COUNTY', startDate = '2024-09-01') {
  await s.db.insert(tables.exchanges).values({ personId, fromSchoolCode: from, toSchoolCode: to, kind, startDate, endDate: '2025-07-15', backboneLevel });
}

async function finding(localityCode: string, county = localityCode) {
  const r = await s.gql(`query($c: DivisionCode!, $y: SchoolYear!) { complianceReport(localityCode: $c, schoolYear: $y) { findings(ruleId: "core.exchange-rate", first: 1000) { nodes { status measured expected message subjects { type key } rule { cite { doc clause } } } } } }`, { c: localityCode, y: YEAR });
  expect(r.errors).toBeUndefined();
  const f = r.data.complianceReport.findings.nodes.find((n: any) => n.subjects.some((x: any) => x.key === county));
  expect(f, `no core.exchange-rate finding for ${county}`).toBeDefined();
  return f as { status: string; measured: any; expected: any; message: string; rule: { cite: { doc: string; clause: string } } };
}

const RATE = `teachers eligibleTeachers exchanged backboneExchanged rate backboneShare passes minYearsAtSchool maxAgeMale maxAgeFemale countedKinds`;
async function balanceRate(county: string) {
  const r = await s.gql(`query($c: DivisionCode!, $y: SchoolYear!) { balanceReport(localityCode: $c, schoolYear: $y, stage: PRIMARY) { exchangeRate { ${RATE} } } }`, { c: county, y: YEAR });
  expect(r.errors).toBeUndefined();
  return r.data.balanceReport.exchangeRate;
}

async function setOptions(input: Record<string, unknown>, token?: string) {
  return s.gql(`mutation($i: SetBalanceOptionsInput!) { setBalanceOptions(input: $i) { locality { code balanceOptions { exchangeMinYearsAtSchool exchangeMaxAgeMale exchangeMaxAgeFemale exchangeKinds isInherited setAt { code } overrides } } } }`, { i: input }, token === undefined ? {} : { token });
}

async function optionsAt(code: string) {
  const r = await s.gql(`query($c: DivisionCode!) { locality(code: $c) { balanceOptions { exchangeMinYearsAtSchool exchangeMaxAgeMale exchangeMaxAgeFemale exchangeKinds isInherited setAt { code } overrides } } }`, { c: code });
  expect(r.errors).toBeUndefined();
  return r.data.locality.balanceOptions;
}

beforeAll(async () => {
  s = await startTestServer({ localities: [{ code: '520000', name: '贵州省' }, { code: CITY, name: '毕节市' }, ...COUNTIES.map((code) => ({ code, name: `县${code}` }))] });
});
afterAll(() => s?.close());

describe('core.exchange-rate (教督〔2017〕6号 第七条（十一）): only people in the denominator count in the numerator', () => {
  it('core.exchange-rate 第七条（十一）: a county whose only “exchanged” people teach in another county or nowhere stays at 0%, FAIL; its own teacher exchanged passes', async () => {
    const [a, b] = [await school('520521'), await school('520521')];
    const own = await teachers('520521', a, 10);
    const elsewhere = await school('520522');
    const [outsider] = await teachers('520522', elsewhere, 1);
    const nobody = await person('520521', { backboneLevel: 'CITY' }); // no post anywhere
    await exchange(outsider!, a, b);
    await exchange(nobody, a, b);
    // Judged alone and inside the city's report (where the outsider is a teacher of the batch).
    for (const at of ['520521', CITY]) {
      const f = await finding(at, '520521');
      expect(f.rule.cite).toEqual({ doc: '教督〔2017〕6号', clause: '第七条（十一）' });
      expect(f.status).toBe('FAIL');
      expect(f.measured).toEqual({ teachers: 10, eligibleTeachers: 10, exchanged: 0, backboneExchanged: 0, rate: 0, backboneShare: 0 });
    }
    expect(await balanceRate('520521')).toMatchObject({ teachers: 10, eligibleTeachers: 10, exchanged: 0, rate: 0, passes: false });
    // One of its own (a backbone teacher) makes 1 of 10: PASS.
    await exchange(own[0]!, a, b);
    const f = await finding('520521');
    expect(f.status).toBe('PASS');
    expect(f.measured).toMatchObject({ eligibleTeachers: 10, exchanged: 1, backboneExchanged: 1, rate: 0.1 });
    expect(await balanceRate('520521')).toMatchObject({ exchanged: 1, rate: 0.1, passes: true });
  });
});

describe('core.exchange-rate (教督〔2017〕6号 第七条（十一）): eligible = 6 consecutive years at one school on 1 September', () => {
  it('core.exchange-rate 第七条（十一）: 5 years at the school is not eligible, 6 is; abutting and overlapping posts are one stretch, a gap or another school starts again', async () => {
    const [a, b] = [await school('520523'), await school('520523')];
    const six = await person('520523');
    await post(six, a, '2018-09-01'); // 6 years on 2024-09-01: eligible
    const five = await person('520523');
    await post(five, a, '2019-09-01'); // 5 years: not
    const abutting = await person('520523');
    await post(abutting, a, '2018-09-01', '2021-08-31');
    await post(abutting, a, '2021-09-01'); // one stretch from 2018-09-01: eligible
    const overlapping = await person('520523');
    await post(overlapping, a, '2016-03-01', '2022-12-31');
    await post(overlapping, a, '2022-01-01'); // one stretch from 2016: eligible
    const gap = await person('520523');
    await post(gap, a, '2015-09-01', '2020-06-30');
    await post(gap, a, '2020-09-01'); // the stretch restarts 2020-09-01: not
    const moved = await person('520523');
    await post(moved, b, '2015-09-01', '2021-08-31');
    await post(moved, a, '2021-09-01'); // years at another school do not add up: not
    const left = await person('520523');
    await post(left, a, '2010-09-01', '2024-08-31'); // not in post in the year at all: not a teacher of it
    const joined = await person('520523');
    await post(joined, a, '2010-09-01', '2012-08-31');
    await post(joined, a, '2024-10-01'); // back in October: a teacher of the year, not eligible
    const principal = await person('520523');
    await post(principal, a, '2010-09-01', null, 'PRINCIPAL'); // not a full-time teacher post
    const r = await balanceRate('520523');
    expect(r).toMatchObject({ teachers: 7, eligibleTeachers: 3, minYearsAtSchool: 6, maxAgeMale: null, maxAgeFemale: null, countedKinds: ['ROTATION'] });
    // The 5-year teacher's rotation does not count; the 6-year one's does: 1 of 3 eligible.
    await exchange(five, a, b);
    expect((await finding('520523')).measured).toMatchObject({ teachers: 7, eligibleTeachers: 3, exchanged: 0 });
    await exchange(six, a, b);
    const f = await finding('520523');
    expect(f.status).toBe('PASS');
    expect(f.measured).toEqual({ teachers: 7, eligibleTeachers: 3, exchanged: 1, backboneExchanged: 1, rate: 0.3333, backboneShare: 1 });
    expect(f.expected).toMatchObject({ minRate: 0.1, minBackboneShare: 0.2, minYearsAtSchool: 6 });
  });

  it('core.exchange-rate 第七条（十一）: exchangeMinYearsAtSchool 5 makes the 5-year teacher eligible; 0 counts every teacher of the year', async () => {
    const [a, b] = [await school('520524'), await school('520524')];
    await teachers('520524', a, 1, '2018-09-01');
    const [five] = await teachers('520524', a, 1, '2019-09-01');
    await teachers('520524', a, 1, '2024-10-01');
    await exchange(five!, a, b);
    expect(await balanceRate('520524')).toMatchObject({ teachers: 3, eligibleTeachers: 1, exchanged: 0 });
    expect((await setOptions({ localityCode: '520524', exchangeMinYearsAtSchool: 5 })).errors).toBeUndefined();
    expect(await balanceRate('520524')).toMatchObject({ teachers: 3, eligibleTeachers: 2, exchanged: 1, rate: 0.5, minYearsAtSchool: 5 });
    expect((await finding('520524')).expected).toMatchObject({ minYearsAtSchool: 5 });
    expect((await setOptions({ localityCode: '520524', exchangeMinYearsAtSchool: 0 })).errors).toBeUndefined();
    expect(await balanceRate('520524')).toMatchObject({ teachers: 3, eligibleTeachers: 3, exchanged: 1 });
  });

  it('core.exchange-rate 第七条（十一）: teachers but none eligible is a WARN naming the condition, not a PASS', async () => {
    const a = await school('520525');
    await teachers('520525', a, 4, '2021-09-01');
    const f = await finding('520525');
    expect(f.status).toBe('WARN');
    expect(f.measured).toMatchObject({ teachers: 4, eligibleTeachers: 0 });
    expect(f.message).toContain('6');
  });
});

describe('core.exchange-rate (教督〔2017〕6号 第七条（十一）): the age limits and the counted kinds are the locality’s options', () => {
  it('core.exchange-rate 第七条（十一）: exchangeMaxAgeMale 54 / exchangeMaxAgeFemale 49 exclude those older on 1 September; no birth date is not excluded', async () => {
    const [a, b] = [await school('520526'), await school('520526')];
    const [young] = await teachers('520526', a, 1, '2017-09-01', { gender: 'MALE', birthDate: '1990-05-01' });
    await teachers('520526', a, 7, '2017-09-01', { gender: 'FEMALE', birthDate: '1985-01-01' });
    await teachers('520526', a, 1, '2017-09-01', { gender: 'MALE', birthDate: '1969-09-01' }); // 55 on 2024-09-01: out
    await teachers('520526', a, 1, '2017-09-01', { gender: 'MALE', birthDate: '1969-09-02' }); // still 54: in
    const [oldWoman] = await teachers('520526', a, 1, '2017-09-01', { gender: 'FEMALE', birthDate: '1974-09-01' }); // 50: out
    await teachers('520526', a, 1, '2017-09-01', { gender: 'MALE', birthDate: null }); // unknown: in
    await exchange(young!, a, b);
    await exchange(oldWoman!, a, b, 'ROTATION', 'NONE');
    // No limit by default: 2 of 12 exchanged, 1 backbone.
    expect((await finding('520526')).measured).toMatchObject({ teachers: 12, eligibleTeachers: 12, exchanged: 2 });
    const set = await setOptions({ localityCode: '520526', exchangeMaxAgeMale: 54, exchangeMaxAgeFemale: 49 });
    expect(set.errors).toBeUndefined();
    expect(set.data.setBalanceOptions.locality.balanceOptions).toMatchObject({ exchangeMinYearsAtSchool: 6, exchangeMaxAgeMale: 54, exchangeMaxAgeFemale: 49, exchangeKinds: ['ROTATION'], isInherited: false, setAt: { code: '520526' } });
    // The 55-year-old man and the 50-year-old woman are out of the base, and her exchange out of the count.
    const f = await finding('520526');
    expect(f.status).toBe('PASS');
    expect(f.measured).toEqual({ teachers: 12, eligibleTeachers: 10, exchanged: 1, backboneExchanged: 1, rate: 0.1, backboneShare: 1 });
    expect(f.expected).toMatchObject({ maxAgeMale: 54, maxAgeFemale: 49 });
    expect(await balanceRate('520526')).toMatchObject({ teachers: 12, eligibleTeachers: 10, maxAgeMale: 54, maxAgeFemale: 49 });
  });

  it('core.exchange-rate 第七条（十一）: 支教 does not count by default (FAIL); with exchangeKinds [ROTATION, SUPPORT_TEACHING] it does (PASS)', async () => {
    const [a, b] = [await school('520527'), await school('520527')];
    const t = await teachers('520527', a, 10);
    await exchange(t[0]!, a, b, 'SUPPORT_TEACHING');
    const before = await finding('520527');
    expect(before.status).toBe('FAIL');
    expect(before.measured).toMatchObject({ eligibleTeachers: 10, exchanged: 0 });
    expect(before.expected).toMatchObject({ kinds: ['ROTATION'] });
    expect((await setOptions({ localityCode: '520527', exchangeKinds: ['ROTATION', 'SUPPORT_TEACHING'] })).errors).toBeUndefined();
    const after = await finding('520527');
    expect(after.status).toBe('PASS');
    expect(after.measured).toMatchObject({ exchanged: 1, rate: 0.1 });
    expect(after.expected).toMatchObject({ kinds: ['ROTATION', 'SUPPORT_TEACHING'] });
    expect(await balanceRate('520527')).toMatchObject({ exchanged: 1, countedKinds: ['ROTATION', 'SUPPORT_TEACHING'] });
  });
});

describe('setBalanceOptions', () => {
  it('a city’s options reach its counties, a county’s own win, and resetBalanceOptions inherits again', async () => {
    expect(await optionsAt('520528')).toEqual({ exchangeMinYearsAtSchool: 6, exchangeMaxAgeMale: null, exchangeMaxAgeFemale: null, exchangeKinds: ['ROTATION'], isInherited: true, setAt: null, overrides: {} });
    expect((await setOptions({ localityCode: CITY, exchangeMinYearsAtSchool: 5, exchangeMaxAgeMale: 57 })).errors).toBeUndefined();
    expect(await optionsAt('520528')).toMatchObject({ exchangeMinYearsAtSchool: 5, exchangeMaxAgeMale: 57, isInherited: true, setAt: { code: CITY } });
    // The county's own setting replaces the city's as a whole: what it leaves out is the default.
    expect((await setOptions({ localityCode: '520528', exchangeMaxAgeFemale: 50 })).errors).toBeUndefined();
    expect(await optionsAt('520528')).toMatchObject({ exchangeMinYearsAtSchool: 6, exchangeMaxAgeMale: null, exchangeMaxAgeFemale: 50, isInherited: false, setAt: { code: '520528' }, overrides: { exchangeMaxAgeFemale: 50 } });
    const reset = await s.gql(`mutation { resetBalanceOptions(input: { localityCode: "520528" }) { locality { balanceOptions { exchangeMinYearsAtSchool setAt { code } } } } }`);
    expect(reset.errors).toBeUndefined();
    expect(reset.data.resetBalanceOptions.locality.balanceOptions).toEqual({ exchangeMinYearsAtSchool: 5, setAt: { code: CITY } });
    const again = await s.gql(`mutation { resetBalanceOptions(input: { localityCode: "520528" }) { locality { code } } }`);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    // The city report runs with the city's setting.
    const a = await school('520528');
    await teachers('520528', a, 2, '2019-09-01');
    expect((await finding(CITY, '520528')).measured).toMatchObject({ teachers: 2, eligibleTeachers: 2 });
    expect((await s.gql(`mutation { resetBalanceOptions(input: { localityCode: "${CITY}" }) { locality { code } } }`)).errors).toBeUndefined();
  });

  it('refuses bad options with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ exchangeMinYearsAtSchool: -1 }, 'input.exchangeMinYearsAtSchool'],
      [{ exchangeMinYearsAtSchool: 41 }, 'input.exchangeMinYearsAtSchool'],
      [{ exchangeMaxAgeMale: 10 }, 'input.exchangeMaxAgeMale'],
      [{ exchangeMaxAgeFemale: 90 }, 'input.exchangeMaxAgeFemale'],
      [{ exchangeKinds: [] }, 'input.exchangeKinds'],
      [{ exchangeKinds: ['ROTATION', 'ROTATION'] }, 'input.exchangeKinds'],
    ];
    for (const [bad, field] of cases) {
      const r = await setOptions({ localityCode: '520529', ...bad });
      expect(r.errors?.[0]?.extensions, JSON.stringify(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await setOptions({ localityCode: '520529', exchangeKinds: ['NOPE'] })).errors?.length).toBeGreaterThan(0);
    expect((await optionsAt('520529')).setAt).toBeNull();
    expect((await setOptions({ localityCode: '520599', exchangeMinYearsAtSchool: 5 })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // An editor may not set them: the admin role over the locality is needed.
    const editor = await s.token({ roles: ['editor'], localities: ['520529'] });
    expect((await setOptions({ localityCode: '520529', exchangeMinYearsAtSchool: 5 }, editor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await optionsAt('520529')).setAt).toBeNull();
  });
});

describe('batching', () => {
  it('BalanceReport.exchangeRate costs the same SQL statements for a county of 4 teachers as for one of 12, and for two groups as for one', async () => {
    const Q = `query($c: DivisionCode!, $y: SchoolYear!) { balanceReport(localityCode: $c, schoolYear: $y, stage: PRIMARY) { exchangeRate { teachers eligibleTeachers exchanged } } }`;
    const small = await s.statementsFor(Q, { c: '520525', y: YEAR });
    const large = await s.statementsFor(Q, { c: '520526', y: YEAR });
    expect(small.data.balanceReport.exchangeRate.teachers).toBeLessThan(large.data.balanceReport.exchangeRate.teachers);
    expect(large.statements).toBe(small.statements);
    // locality check + data version (the report cache's key) + facts (two) + options + the measure
    // (teachers and exchanges counted in one statement).
    expect(large.statements).toBeLessThanOrEqual(6);

    // Rows fetched: the counts, one row per report — neither the teachers nor the posts' history
    // (520523 has 14 posts behind its 7 teachers of the year, 2 exchanges, no setting).
    // Each computed afresh: a write between them (the data's version) keeps the report cache out of it.
    const bumpVersion = () => s.db.update(tables.dataVersion).set({ version: sql`${tables.dataVersion.version} + 1` });
    await bumpVersion();
    const bare = await s.statementsFor(`query($c: DivisionCode!, $y: SchoolYear!) { balanceReport(localityCode: $c, schoolYear: $y, stage: PRIMARY) { schoolCount } }`, { c: '520523', y: YEAR });
    await bumpVersion();
    const withRate = await s.statementsFor(Q, { c: '520523', y: YEAR });
    expect(withRate.data.balanceReport.exchangeRate).toEqual({ teachers: 7, eligibleTeachers: 3, exchanged: 1 });
    expect(withRate.rows - bare.rows).toBe(1);

    // Two groups, each with its own members' teachers, cost what one does.
    const codes = [await school('520581'), await school('520581'), await school('520581'), await school('520581')];
    for (const c of codes) await teachers('520581', c, 3);
    const g1 = await createGroup(s.db, { kind: 'test.xuequ', name: '甲', localityCode: '520581', leadSchoolCode: codes[0]!, memberSchoolCodes: [codes[1]!], validFrom: '2024-01-01' });
    await createGroup(s.db, { kind: 'test.xuequ', name: '乙', localityCode: '520581', leadSchoolCode: codes[2]!, memberSchoolCodes: [codes[3]!], validFrom: '2024-01-01' });
    const fields = `groupId balance(schoolYear: $y, stage: PRIMARY) { exchangeRate { teachers eligibleTeachers minYearsAtSchool } }`;
    const one = await s.statementsFor(`query($y: SchoolYear!, $id: ID!) { schoolGroup(id: $id) { ${fields} } }`, { y: YEAR, id: g1.id });
    const both = await s.statementsFor(`query($y: SchoolYear!) { schoolGroups(filter: { localityCode: "520581" }) { nodes { ${fields} } } }`, { y: YEAR });
    expect(both.statements).toBe(one.statements);
    expect(both.data.schoolGroups.nodes.map((n: any) => n.balance.exchangeRate)).toEqual([
      { teachers: 6, eligibleTeachers: 6, minYearsAtSchool: 6 },
      { teachers: 6, eligibleTeachers: 6, minYearsAtSchool: 6 },
    ]);
  });
});
