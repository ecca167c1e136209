/**
 * weicheng.one-principal (二(一) “1+N”: 由总校长管理多个学校) and weicheng.one-xuequ-per-school
 * (一(二)1(2) 划分八大学区), through GraphQL: the plugin's own mutations and core's (posts, group
 * membership), each refusal naming the rule and its clause, and writing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { Bureau, expectRefused, FORM, ok, start } from './helpers.js';

let s: TestServer;
let b: Bureau;
beforeAll(async () => {
  s = await start();
  b = new Bureau(s);
});
afterAll(() => s?.close());

const CREATE_POST = `mutation($i: CreatePostInput!){ createPost(input:$i){ post { postId } } }`;
const UPDATE_POST = `mutation($i: UpdatePostInput!){ updatePost(input:$i){ post { postId } } }`;
const APPOINT = `mutation($i: AppointWeichengZongxiaozhangInput!){ appointWeichengZongxiaozhang(input:$i){ xuequ { zongxiaozhang { person { personId } validFrom } } } }`;

describe('weicheng.one-principal (二(一))', () => {
  it('passes a 学区 of a lead, N ≥ 1 others and one 总校长', async () => {
    const x = await b.xuequ(2);
    const d = ok(await s.gql(`query($id: ID!){ weichengXuequ(id: $id){ zongxiaozhang { person { personId } } otherSchools { code } leadSchool { code } } }`, { id: x.groupId }));
    expect(d.weichengXuequ.zongxiaozhang.person.personId).toBe(x.head);
    expect(d.weichengXuequ.otherSchools.map((o: { code: string }) => o.code).sort()).toEqual([...x.members].sort());
  });

  it('refuses two different 总校长 for the schools of one 学区 — at a member school — and writes nothing', async () => {
    const x = await b.xuequ(1);
    const other = await b.person('另一位总校长');
    const e = await expectRefused(s, CREATE_POST, { i: { personId: other, role: 'WEICHENG_ZONGXIAOZHANG', schoolCode: x.members[0], validFrom: '2021-09-01' } }, 'weicheng.one-principal');
    expect(e.extensions!.rule.cite.clause).toBe('二(一)');
    expect(e.extensions!.measured).toMatchObject({ problem: 'SCHOOL_HAS_OTHER_ZONGXIAOZHANG', schoolCode: x.members[0], personId: other, xuequPersonId: x.head });
    // The same person as the 学区's 总校长, recorded at a member school, is no conflict.
    ok(await s.gql(CREATE_POST, { i: { personId: x.head, role: 'WEICHENG_ZONGXIAOZHANG', schoolCode: x.members[0], validFrom: '2021-09-01' } }));
  });

  it('refuses a second 总校长 at the 学区 while the first is in post, and writes nothing', async () => {
    const x = await b.xuequ(1);
    const other = await b.person('第二位总校长');
    const e = await expectRefused(s, CREATE_POST, { i: { personId: other, role: 'WEICHENG_ZONGXIAOZHANG', groupId: x.groupId, validFrom: '2022-09-01' } }, 'weicheng.one-principal');
    expect(e.extensions!.measured).toMatchObject({ problem: 'TWO_ZONGXIAOZHANG', on: '2022-09-01' });
    expect(e.extensions!.subjects.map((x: { key: string }) => x.key)).toEqual(expect.arrayContaining([x.groupId, other, x.head]));
  });

  it('a handover (appointWeichengZongxiaozhang) ends the one before, so the 学区 keeps one', async () => {
    const x = await b.xuequ(1);
    const next = await b.person('继任总校长');
    const d = ok(await s.gql(APPOINT, { i: { groupId: x.id, personId: next, validFrom: '2023-09-01' } }));
    expect(d.appointWeichengZongxiaozhang.xuequ.zongxiaozhang).toMatchObject({ person: { personId: next }, validFrom: '2023-09-01' });
    const before = ok(await s.gql(`query($id: ID!){ weichengXuequ(id: $id){ zongxiaozhang(asOf: "2023-08-31") { person { personId } validTo } } }`, { id: x.groupId }));
    expect(before.weichengXuequ.zongxiaozhang).toEqual({ person: { personId: x.head }, validTo: '2023-08-31' });
  });

  it('refuses ending the 总校长’s post with no successor (updatePost: a guarded path)', async () => {
    const x = await b.xuequ(1);
    const posts = ok(await s.gql(`query($id: ID!){ weichengXuequ(id: $id){ zongxiaozhang { postId } } }`, { id: x.groupId }));
    const e = await expectRefused(s, UPDATE_POST, { i: { id: posts.weichengXuequ.zongxiaozhang.postId, validTo: '2024-08-31' } }, 'weicheng.one-principal');
    expect(e.extensions!.measured).toMatchObject({ problem: 'NO_ZONGXIAOZHANG', on: '2024-09-01' });
  });

  it('refuses a 学区 of its lead alone (“1+N” needs N ≥ 1)', async () => {
    const lead = await b.school();
    const head = await b.person();
    const e = await expectRefused(s, FORM, b.formVars({ leadSchoolCode: lead, memberSchoolCodes: [], zongxiaozhangPersonId: head }), 'weicheng.one-principal');
    expect(e.extensions!.measured).toMatchObject({ problem: 'TOO_FEW_SCHOOLS', otherSchools: 0 });
    expect(e.extensions!.expected).toMatchObject({ otherSchoolsMin: 1 });
  });

  it('refuses core’s endSchoolGroupMembership that leaves the lead alone (a guarded path)', async () => {
    const x = await b.xuequ(1);
    await expectRefused(
      s,
      `mutation($i: SchoolGroupMemberInput!){ endSchoolGroupMembership(input:$i){ group { groupId } } }`,
      { i: { groupId: x.groupId, schoolCode: x.members[0], date: '2024-12-31' } },
      'weicheng.one-principal',
    );
    // With a second member, one may leave.
    const y = await b.xuequ(2);
    ok(await s.gql(`mutation($i: SchoolGroupMemberInput!){ endSchoolGroupMembership(input:$i){ group { groupId } } }`, { i: { groupId: y.groupId, schoolCode: y.members[0], date: '2024-12-31' } }));
  });

  it('refuses core’s updateSchoolGroup moving the lead to a school that is not a member (a guarded path)', async () => {
    const x = await b.xuequ(1);
    const outsider = await b.school();
    const e = await expectRefused(s, `mutation($i: UpdateSchoolGroupInput!){ updateSchoolGroup(input:$i){ group { groupId } } }`, { i: { id: x.groupId, leadSchoolCode: outsider } }, 'weicheng.one-principal');
    expect(e.extensions!.measured).toMatchObject({ problem: 'LEAD_NOT_MEMBER', leadSchoolCode: outsider });
  });

  it('refuses core’s createSchoolGroup of the kind: it cannot name a 总校长 (a guarded path)', async () => {
    const [lead, member] = [await b.school(), await b.school()];
    const e = await expectRefused(
      s,
      `mutation($i: CreateSchoolGroupInput!){ createSchoolGroup(input:$i){ group { groupId } } }`,
      { i: { kind: 'weicheng.xuequ', name: '无总校长学区', localityCode: '370702', leadSchoolCode: lead, memberSchoolCodes: [member], validFrom: '2020-09-01' } },
      'weicheng.one-principal',
    );
    expect(e.extensions!.measured).toMatchObject({ problem: 'NO_ZONGXIAOZHANG' });
  });
});

describe('weicheng.one-xuequ-per-school (一(二)1(2))', () => {
  it('refuses putting a school into a second 学区 (formWeichengXuequ), naming the rule and clause, and writes nothing', async () => {
    const x = await b.xuequ(1);
    const head = await b.person();
    const lead = await b.school();
    const e = await expectRefused(s, FORM, b.formVars({ leadSchoolCode: lead, memberSchoolCodes: [x.members[0]], zongxiaozhangPersonId: head }), 'weicheng.one-xuequ-per-school');
    expect(e.extensions!.rule.cite.clause).toBe('一(二)1(2)');
    expect(e.extensions!.measured).toMatchObject({ schoolCode: x.members[0], otherGroup: { groupId: x.groupId } });
  });

  it('refuses it through core’s addSchoolGroupMember too', async () => {
    const x = await b.xuequ(1);
    const y = await b.xuequ(1);
    await expectRefused(s, `mutation($i: SchoolGroupMemberInput!){ addSchoolGroupMember(input:$i){ group { groupId } } }`, { i: { groupId: y.groupId, schoolCode: x.members[0], date: '2025-09-01' } }, 'weicheng.one-xuequ-per-school');
  });

  it('lets a school that has left one 学区 join another', async () => {
    const x = await b.xuequ(2);
    const y = await b.xuequ(1);
    const member = `mutation($i: SchoolGroupMemberInput!){ m: endSchoolGroupMembership(input:$i){ group { groupId } } }`;
    ok(await s.gql(member, { i: { groupId: x.groupId, schoolCode: x.members[0], date: '2025-08-31' } }));
    ok(await s.gql(`mutation($i: SchoolGroupMemberInput!){ addSchoolGroupMember(input:$i){ group { groupId } } }`, { i: { groupId: y.groupId, schoolCode: x.members[0], date: '2025-09-01' } }));
    const d = ok(await s.gql(`query($c: SchoolCode!){ school(code: $c){ now: weichengXuequ { groupId } before: weichengXuequ(asOf: "2025-08-31") { groupId } } }`, { c: x.members[0] }));
    expect(d.school).toEqual({ now: { groupId: y.groupId }, before: { groupId: x.groupId } });
  });
});
