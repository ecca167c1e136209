/** Beihai's inputs as API.md shapes them: the 学区 is `groupId` (Relay id or UUID), people are IDs, bad ones are typed errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { Bureau, errorOf, ok, start } from './helpers.js';

let s: TestServer;
let b: Bureau;
beforeAll(async () => {
  s = await start();
  b = new Bureau(s);
});
afterAll(() => s?.close());

const UPDATE = `mutation($i: UpdateBeihaiXuequInput!){ updateBeihaiXuequ(input:$i){ xuequ { name admissionsZoning } } }`;

describe('Beihai inputs (API.md identity, one declaration per input)', () => {
  it('updateBeihaiXuequ takes the 学区 as groupId, its Relay id as well as its UUID, and exceptions', async () => {
    const lead = await b.led();
    const m = await b.led();
    const formed = ok(await b.form({ leadSchoolCode: lead.code, memberSchoolCodes: [m.code] })).formBeihaiXuequ.xuequ;
    expect(ok(await s.gql(UPDATE, { i: { groupId: formed.groupId, name: '北海市第九学区' } })).updateBeihaiXuequ.xuequ.name).toBe('北海市第九学区');
    const byRelayId = ok(await s.gql(UPDATE, { i: { groupId: formed.id, admissionsZoning: 'MULTI_SCHOOL', exceptions: [] } })).updateBeihaiXuequ.xuequ;
    expect(byRelayId).toEqual({ name: '北海市第九学区', admissionsZoning: 'MULTI_SCHOOL' });
  });

  it('a malformed groupId or member id is BAD_USER_INPUT on its field, with nothing written', async () => {
    const bad = errorOf(await s.gql(UPDATE, { i: { groupId: '学区一', name: 'x' } }), 'BAD_USER_INPUT');
    expect(bad.extensions).toMatchObject({ field: 'input.groupId', reason: 'is not a group id (a UUID or its Relay id)' });

    const lead = await b.led();
    const m = await b.led();
    const id = await b.xuequ(lead.code, [m.code]);
    const leader = await b.person('组长');
    const member = await b.person('组员');
    const SUBJECT = `mutation($i: CreateBeihaiSubjectGroupInput!){ createBeihaiSubjectGroup(input:$i){ subjectGroup { id } } }`;
    const e = errorOf(
      await s.gql(SUBJECT, { i: { groupId: id, kind: 'PRIMARY_MATHS', name: '小学数学学科中心组', leaderPersonId: leader, memberPersonIds: [member, 'nobody'], termStart: '2019-09-01' } }),
      'BAD_USER_INPUT',
    );
    expect(e.extensions).toMatchObject({ field: 'input.memberPersonIds.1' });
    expect(ok(await s.gql(`query($id: ID!){ beihaiXuequ(id:$id){ subjectGroups { id } } }`, { id })).beihaiXuequ.subjectGroups).toEqual([]);
  });
});
