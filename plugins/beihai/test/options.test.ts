/** A locality's option overrides act in the write rules and show as the expected values in complianceReport. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { Bureau, errorOf, ok, start } from './helpers.js';

let s: TestServer;
let b: Bureau;
beforeAll(async () => {
  // 北海市 allows 学区 of up to 5 schools and joint meetings every 4 months, and asks 12% of teachers exchanged.
  s = await start({ xuequSizeMax: 5, jointMeetingIntervalMonths: 4, exchangeRateMin: 0.12 });
  b = new Bureau(s);
});
afterAll(() => s?.close());

const enable = (options: unknown) =>
  s.gql(`mutation($i: EnableGovernanceInput!){ enableGovernance(input:$i){ locality { code } } }`, { i: { localityCode: '450500', plugin: 'beihai', options } });

describe('options', () => {
  it('beihai.xuequ-size (四(二)): with xuequSizeMax 5 a 学区 of 5 schools is accepted and one of 6 refused, the override as expected value', async () => {
    const five = [await b.led(), await b.led(), await b.led(), await b.led(), await b.led()];
    await b.xuequ(five[0]!.code, five.slice(1).map((x) => x.code));
    const six = [await b.led(), await b.led(), await b.led(), await b.led(), await b.led(), await b.led()];
    const e = errorOf(await b.form({ leadSchoolCode: six[0]!.code, memberSchoolCodes: six.slice(1).map((x) => x.code) }));
    expect(e.extensions).toMatchObject({ rule: { id: 'beihai.xuequ-size' }, expected: { min: 2, max: 5 }, measured: { schools: 6 } });
  });

  it('beihai.joint-meeting-frequency (五(二)2): with a 4-month interval, Sep/Jan/Mar/Jun meetings pass and the report expects 4 months', async () => {
    const [lead, m] = [await b.led(), await b.led()];
    const id = await b.xuequ(lead.code, [m.code]);
    for (const heldOn of ['2019-09-16', '2020-01-13', '2020-03-16', '2020-06-15'])
      ok(await s.gql(`mutation($i: RecordBeihaiJointMeetingInput!){ recordBeihaiJointMeeting(input:$i){ meeting { id } } }`, { i: { groupId: id, heldOn, attendeePersonIds: [lead.principal, m.principal] } }));
    const f = await b.findingFor('2019-2020', 'beihai.joint-meeting-frequency', id);
    expect(f).toMatchObject({ status: 'PASS', expected: { maxIntervalMonths: 4 }, measured: { longestGap: { from: '2019-09-16', to: '2020-01-13' } } });
  });

  it('beihai.exchange-rate (五(二)5(4)): the overridden minimum rate is the expected value; unset options keep the document’s', async () => {
    const [lead, m] = [await b.led(), await b.led()];
    const id = await b.xuequ(lead.code, [m.code]);
    const t = await b.teachers(lead.code, 10, 2);
    const ms = t.slice(0, 1).map((p, i) => `e${i}: recordBeihaiExchange(input: { groupId: "${id}", personId: "${p}", fromSchoolCode: "${lead.code}", toSchoolCode: "${m.code}", kind: FIELD_STAY, startDate: "2019-09-01", endDate: "2020-06-30" }) { exchange { id } }`);
    ok(await s.gql(`mutation { ${ms.join('\n')} }`));
    // 1 of 10 is 10%: enough for the document, not for 北海市's 12%.
    const f = await b.findingFor('2019-2020', 'beihai.exchange-rate', id);
    expect(f).toMatchObject({ status: 'FAIL', expected: { minRate: 0.12, minBackboneShare: 0.2 }, measured: { rate: 0.1 } });
  });

  it('shows the options in force and the document’s defaults', async () => {
    const d = ok(await s.gql(`{ installedPlugins { id defaults } locality(code: "450502") { governance { plugin isInherited options overrides } } }`));
    expect(d.locality.governance).toEqual([
      { plugin: 'beihai', isInherited: true, overrides: { xuequSizeMax: 5, jointMeetingIntervalMonths: 4, exchangeRateMin: 0.12 }, options: expect.objectContaining({ xuequSizeMin: 2, xuequSizeMax: 5, jointMeetingIntervalMonths: 4, exchangeRateMin: 0.12, backboneShareMin: 0.2 }) },
    ]);
    expect(d.installedPlugins.find((p: any) => p.id === 'beihai').defaults).toMatchObject({ xuequSizeMin: 2, xuequSizeMax: 4, jointMeetingIntervalMonths: 2, exchangeRateMin: 0.1, backboneShareMin: 0.2, planDeadline: '01-25' });
  });

  it('refuses options that contradict each other or are unknown, naming the field', async () => {
    expect(errorOf(await enable({ xuequSizeMin: 5, xuequSizeMax: 3 })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.options.xuequSizeMin' });
    expect(errorOf(await enable({ planDeadline: '13-01' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.options.planDeadline' });
    expect(errorOf(await enable({ groupSize: 3 })).extensions?.code).toBe('BAD_USER_INPUT');
  });
});
