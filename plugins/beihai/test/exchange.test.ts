/**
 * beihai.exchange-rate (五(二)5(4)) counts only people who teach in the 学区: the base is 学区内所有在职
 * 教师总数, and only they can be exchanged. A locality may narrow the base (years at one school, age
 * limits) and change the counted kinds through its options; the finding shows the base beside all
 * the 学区's teachers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { Bureau, errorOf, ok, start } from './helpers.js';

const Y = '2024-2025';
let s: TestServer;
let b: Bureau;
beforeAll(async () => {
  s = await start();
  b = new Bureau(s);
});
afterAll(() => s?.close());

const enable = (options: Record<string, unknown>) =>
  s.gql(`mutation($i: EnableGovernanceInput!){ enableGovernance(input:$i){ locality { code } } }`, { i: { localityCode: '450500', plugin: 'beihai', options } });

/** A core exchange (any kind, from anywhere), as a bureau records it. */
async function exchange(personId: string, from: string, to: string, kind = 'ROTATION', startDate = '2024-09-01') {
  ok(await s.gql(`mutation($i: RecordExchangeInput!){ recordExchange(input:$i){ exchange { id } } }`, { i: { personId, fromSchoolCode: from, toSchoolCode: to, kind, startDate, endDate: '2025-07-15' } }));
}

async function person(gender: 'MALE' | 'FEMALE', birthDate: string | null, backboneLevel = 'NONE'): Promise<string> {
  const d = ok(
    await s.gql(`mutation($i: CreatePersonInput!){ createPerson(input:$i){ person { personId } } }`, {
      i: { name: '教师', gender, birthDate, qualification: 'BACHELOR', title: 'FIRST_GRADE', backboneLevel, localityCode: '450500', isSample: true },
    }),
  );
  return d.createPerson.person.personId;
}

describe('beihai.exchange-rate (五(二)5(4)): only people who teach in the 学区', () => {
  it('beihai.exchange-rate (五(二)5(4)): a 学区 whose only “exchanged” people teach in another school or nowhere stays at 0% (FAIL); one of its own teachers makes 10% (PASS)', async () => {
    const [lead, m] = [await b.led(), await b.led()];
    const id = await b.xuequ(lead.code, [m.code]);
    const own = await b.teachers(lead.code, 10, 1);
    const outside = await b.school();
    const [elsewhere] = await b.teachers(outside, 1, 1);
    const nobody = await b.person('无任职者', 'CITY');
    await exchange(elsewhere!, lead.code, m.code);
    await exchange(nobody, lead.code, m.code);
    const f = await b.findingFor(Y, 'beihai.exchange-rate', id);
    expect(f.status).toBe('FAIL');
    expect(f.measured).toEqual({ teachers: 10, eligibleTeachers: 10, exchanged: 0, backboneExchanged: 0, rate: 0, backboneShare: 0 });
    // The document's base: every teacher of the 学区, no condition of years or age; 轮岗 and 蹲点.
    expect(f.expected).toEqual({ minRate: 0.1, minBackboneShare: 0.2, kinds: ['ROTATION', 'FIELD_STAY'], minYearsAtSchool: 0, maxAgeMale: null, maxAgeFemale: null });
    await exchange(own[0]!, lead.code, m.code, 'FIELD_STAY');
    expect(await b.findingFor(Y, 'beihai.exchange-rate', id)).toMatchObject({ status: 'PASS', measured: { teachers: 10, eligibleTeachers: 10, exchanged: 1, backboneExchanged: 1, rate: 0.1 } });
  });
});

describe('beihai.exchange-rate (五(二)5(4)): the base and the kinds are options', () => {
  it('beihai.exchange-rate (五(二)5(4)): exchangeMinYearsAtSchool 6 leaves a 5-year teacher out of the base and the count; exchangeMaxAgeMale 54 a 55-year-old; the base shows beside all teachers', async () => {
    const [lead, m] = [await b.led(), await b.led()];
    const id = await b.xuequ(lead.code, [m.code]);
    const six = await b.teachers(lead.code, 8, 1, '2018-09-01'); // 6 years on 2024-09-01
    const [five] = await b.teachers(m.code, 1, 0, '2019-09-01'); // 5 years
    const old = await person('MALE', '1969-09-01'); // 55 on 2024-09-01
    await b.post(old, 'TEACHER', m.code, '2010-09-01');
    const unknownAge = await person('MALE', null);
    await b.post(unknownAge, 'TEACHER', m.code, '2010-09-01');
    await exchange(six[0]!, lead.code, m.code);
    await exchange(five!, m.code, lead.code);
    // The document's base: 11 teachers, 2 exchanged (18.2%).
    expect((await b.findingFor(Y, 'beihai.exchange-rate', id)).measured).toMatchObject({ teachers: 11, eligibleTeachers: 11, exchanged: 2 });
    ok(await enable({ exchangeMinYearsAtSchool: 6, exchangeMaxAgeMale: 54 }));
    try {
      const f = await b.findingFor(Y, 'beihai.exchange-rate', id);
      // Out: the 5-year teacher (and so his exchange) and the 55-year-old; the one with no birth date stays.
      expect(f).toMatchObject({ status: 'PASS', expected: { minYearsAtSchool: 6, maxAgeMale: 54 } });
      expect(f.measured).toEqual({ teachers: 11, eligibleTeachers: 9, exchanged: 1, backboneExchanged: 1, rate: 1 / 9, backboneShare: 1 });
    } finally {
      ok(await enable({}));
    }
  });

  it('beihai.exchange-rate (五(二)5(4)): with exchangeKinds [ROTATION] a 蹲点 no longer counts (PASS → FAIL)', async () => {
    const [lead, m] = [await b.led(), await b.led()];
    const id = await b.xuequ(lead.code, [m.code]);
    const t = await b.teachers(lead.code, 10, 1);
    await exchange(t[0]!, lead.code, m.code, 'FIELD_STAY');
    expect(await b.findingFor(Y, 'beihai.exchange-rate', id)).toMatchObject({ status: 'PASS', measured: { exchanged: 1 } });
    ok(await enable({ exchangeKinds: ['ROTATION'] }));
    try {
      expect(await b.findingFor(Y, 'beihai.exchange-rate', id)).toMatchObject({ status: 'FAIL', measured: { exchanged: 0 }, expected: { kinds: ['ROTATION'] } });
    } finally {
      ok(await enable({}));
    }
  });

  it('refuses bad exchange options with BAD_USER_INPUT naming the field', async () => {
    expect(errorOf(await enable({ exchangeKinds: ['NOPE'] })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.options.exchangeKinds.0' });
    expect(errorOf(await enable({ exchangeKinds: [] })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.options.exchangeKinds' });
    expect(errorOf(await enable({ exchangeMinYearsAtSchool: -1 })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.options.exchangeMinYearsAtSchool' });
    expect(errorOf(await enable({ exchangeMaxAgeFemale: 5 })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.options.exchangeMaxAgeFemale' });
    const d = ok(await s.gql(`{ locality(code: "450500") { governance { plugin overrides } } }`));
    expect(d.locality.governance).toEqual([{ plugin: 'beihai', overrides: {} }]);
  });
});

describe('beihai.exchange-rate (五(二)5(4)) is stated 原则上: a bureau may except a 学区 for a year', () => {
  const RECORD = `mutation($i: RecordRuleExceptionInput!){ recordRuleException(input:$i){ exception { exceptionId ruleId schoolYear subjectKeys documentRef } } }`;
  const approval = { approvedBy: '北海市教育局', documentRef: '北教人〔2024〕12号', reason: '新建学区首年' };

  it('beihai.exchange-rate (五(二)5(4)): with a recorded exception the 学区’s FAIL shows as a WARN naming it, for that year only', async () => {
    const [lead, m] = [await b.led(), await b.led()];
    const id = await b.xuequ(lead.code, [m.code]);
    await b.teachers(lead.code, 10, 1);
    expect((await b.findingFor(Y, 'beihai.exchange-rate', id)).status).toBe('FAIL');
    const d = ok(await s.gql(RECORD, { i: { localityCode: '450500', schoolYear: Y, ruleId: 'beihai.exchange-rate', subjectKeys: [id], ...approval } }));
    expect(d.recordRuleException.exception).toMatchObject({ ruleId: 'beihai.exchange-rate', schoolYear: Y, subjectKeys: [id] });
    const f = await b.findingFor(Y, 'beihai.exchange-rate', id);
    expect(f.status).toBe('WARN');
    expect(f.message).toContain(approval.documentRef);
    // Another year is judged as the data stands.
    expect((await b.findingFor('2025-2026', 'beihai.exchange-rate', id)).status).toBe('FAIL');
  });

  it('a report rule not stated in principle, a write rule, or no subject: BAD_USER_INPUT, nothing recorded', async () => {
    const bad = async (i: Record<string, unknown>, field: string) => {
      const r = await s.gql(RECORD, { i: { localityCode: '450500', schoolYear: Y, subjectKeys: ['x'], ...approval, ...i } });
      expect(errorOf(r).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    };
    await bad({ ruleId: 'beihai.plan-filed' }, 'input.ruleId');
    await bad({ ruleId: 'beihai.xuequ-size' }, 'input.ruleId');
    await bad({ ruleId: 'beihai.exchange-rate', subjectKeys: [] }, 'input.subjectKeys');
  });
});
