/** 德育工作团队 (五(二)5(3)): led by a city-level-or-higher 名班主任 or 优秀班主任. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { Bureau, ok, start } from './helpers.js';

let s: TestServer;
let b: Bureau;
beforeAll(async () => {
  s = await start();
  b = new Bureau(s);
});
afterAll(() => s?.close());

const Y = '2019-2020';
const RULE = 'beihai.moral-team-leader';

async function xuequ() {
  const [lead, m] = [await b.led(), await b.led()];
  return { id: await b.xuequ(lead.code, [m.code]), lead, m };
}
const form = (xuequId: string, leaderPersonId: string, leaderHonour: string, leaderHonourLevel: string, establishedOn = '2019-09-01') =>
  s.gql(`mutation($i: FormBeihaiMoralEducationTeamInput!){ formBeihaiMoralEducationTeam(input:$i){ team { id } } }`, {
    i: { groupId: xuequId, leaderPersonId, leaderHonour, leaderHonourLevel, memberPersonIds: [], establishedOn },
  });
async function headTeacher(school: string) {
  const p = await b.person('班主任');
  await b.post(p, 'TEACHER', school);
  return p;
}

describe('beihai.moral-team-leader (五(二)5(3))', () => {
  it('beihai.moral-team-leader (五(二)5(3)): a team led by a city-level 名班主任 or a provincial 优秀班主任 passes', async () => {
    const x = await xuequ();
    const leader = await headTeacher(x.lead.code);
    const team = ok(await form(x.id, leader, 'FAMOUS_HEAD_TEACHER', 'CITY')).formBeihaiMoralEducationTeam.team.id;
    const f = await b.findingFor(Y, RULE, x.id);
    expect(f.rule.cite).toEqual({ doc: '北教基教〔2018〕130号', clause: '五(二)5(3)' });
    expect(f).toMatchObject({
      status: 'PASS',
      measured: { asOf: '2020-08-31', teamId: team, leaderPersonId: leader, leaderHonour: 'FAMOUS_HEAD_TEACHER', leaderHonourLevel: 'CITY', leaderWorksAt: [x.lead.code] },
      expected: { team: true, leaderHonourIn: ['FAMOUS_HEAD_TEACHER', 'EXCELLENT_HEAD_TEACHER'], leaderHonourLevelAtLeast: 'CITY' },
    });
    const y = await xuequ();
    ok(await form(y.id, await headTeacher(y.m.code), 'EXCELLENT_HEAD_TEACHER', 'PROVINCE'));
    expect((await b.findingFor(Y, RULE, y.id)).status).toBe('PASS');
  });

  it('beihai.moral-team-leader (五(二)5(3)): a 学区 with no moral-education team fails', async () => {
    const x = await xuequ();
    expect(await b.findingFor(Y, RULE, x.id)).toMatchObject({ status: 'FAIL', measured: { team: null } });
  });

  it('beihai.moral-team-leader (五(二)5(3)): a leader with no head-teacher honour, or only a county-level one, fails', async () => {
    const x = await xuequ();
    ok(await form(x.id, await headTeacher(x.lead.code), 'NONE', 'NONE'));
    const none = await b.findingFor(Y, RULE, x.id);
    expect(none).toMatchObject({ status: 'FAIL', measured: { leaderHonour: 'NONE' } });
    expect(none.message).toContain('名班主任');
    const y = await xuequ();
    ok(await form(y.id, await headTeacher(y.lead.code), 'EXCELLENT_HEAD_TEACHER', 'COUNTY'));
    expect(await b.findingFor(Y, RULE, y.id)).toMatchObject({ status: 'FAIL', measured: { leaderHonour: 'EXCELLENT_HEAD_TEACHER', leaderHonourLevel: 'COUNTY' } });
  });

  it('beihai.moral-team-leader (五(二)5(3)): a leader who works at no school of the 学区 fails; a later team with a qualified leader replaces the old one', async () => {
    const x = await xuequ();
    const outside = await headTeacher(await b.school());
    ok(await form(x.id, outside, 'FAMOUS_HEAD_TEACHER', 'NATIONAL'));
    expect(await b.findingFor(Y, RULE, x.id)).toMatchObject({ status: 'FAIL', measured: { leaderWorksAt: [] } });
    ok(await form(x.id, await headTeacher(x.m.code), 'FAMOUS_HEAD_TEACHER', 'CITY', '2020-03-01'));
    expect(await b.findingFor(Y, RULE, x.id)).toMatchObject({ status: 'PASS', measured: { establishedOn: '2020-03-01' } });
    // The year before, that team did not exist yet: the 学区 had none (it was formed 2019-09-01, so 2018-2019 has no finding for it).
    expect((await b.report('2018-2019', RULE)).some((f) => f.subjects.some((sj) => sj.key === x.id))).toBe(false);
  });
});
