/**
 * The transfer rules judge a move whichever mutation makes it (POLICIES.md preamble: every path that
 * can break a write rule is guarded): core's createPost/updatePost, recordExchange (ROTATION) and the
 * staff import, not only recordHezhangTransfer. Reading: src/rules/moves.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { expectRefused, ok, type TestServer } from '@gongzhi/server/testing';
import { importFile, STAFF_HEADERS, writeCsv } from '@gongzhi/server';
import { tables as core } from '@gongzhi/core';
import { COUNTY, compulsoryGroup, school, staffBulk, start, teacher, township, twoTownshipGroup } from './helpers.js';

let s: TestServer;
const POST = `mutation($i: CreatePostInput!) { createPost(input: $i) { post { postId } } }`;
const UPDATE_POST = `mutation($i: UpdatePostInput!) { updatePost(input: $i) { post { postId validTo } } }`;
const EXCHANGE = `mutation($i: RecordExchangeInput!) { recordExchange(input: $i) { exchange { exchangeId } } }`;
const TRANSFER = `mutation($i: RecordHezhangTransferInput!) { recordHezhangTransfer(input: $i) { transfer { transferId } } }`;
const SET_ESTABLISHMENT = `mutation($i: SetHezhangEstablishmentInput!) { setHezhangEstablishment(input: $i) { school { code } } }`;
const PERSON = `mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { personId } } }`;
/** The person's consent, recorded as the in-principle rule's exception (a core post or exchange has no consent field). */
const CONSENT = { ruleId: 'hezhang.transfer-age-exemption', approvedBy: '本人', documentRef: '本人同意书 2025-031', reason: '本人申请跨乡镇交流' };
const CAP_EXCEPTION = { ruleId: 'hezhang.transfer-cap', approvedBy: '县教育科技局', documentRef: '赫教科〔2025〕90号', reason: '新建学校师资紧缺' };

const post = (personId: string, schoolCode: string, validFrom: string, exceptions?: unknown[]) => ({ i: { personId, role: 'TEACHER', schoolCode, validFrom, ...(exceptions ? { exceptions } : {}) } });
const rotation = (personId: string, fromSchoolCode: string, toSchoolCode: string, startDate: string, o: { kind?: string; exceptions?: unknown[] } = {}) => ({
  i: { personId, fromSchoolCode, toSchoolCode, kind: o.kind ?? 'ROTATION', startDate, endDate: `${Number(startDate.slice(0, 4)) + 1}-07-31`, ...(o.exceptions ? { exceptions: o.exceptions } : {}) },
});
const postsOf = (personId: string) => s.db.select().from(core.posts).where(eq(core.posts.personId, personId));
const exchangesOf = (personId: string) => s.db.select().from(core.exchanges).where(eq(core.exchanges.personId, personId));

beforeAll(async () => {
  s = await start();
});
afterAll(() => s?.close());

describe('hezhang.transfer-age-exemption through core posts (附件2 三(三) 男教师满55周岁，女教师满50周岁的原则上可不参与跨乡镇调整交流)', () => {
  let from: string;
  let sameTownship: string;
  let to: string;
  let group: string;
  beforeAll(async () => {
    ({ from, sameTownship, to, group } = await twoTownshipGroup(s));
  });

  it('refuses a new post at a school of another township for a 56-year-old man still in post here, and writes nothing', async () => {
    const man = await teacher(s, from, { gender: 'MALE', birthDate: '1969-06-01' });
    const e = await expectRefused(s, POST, post(man, to, '2025-09-01'), 'hezhang.transfer-age-exemption');
    expect(e.extensions).toMatchObject({ measured: { crossTownship: true, ofExemptAge: true, via: 'Post' }, rule: { cite: { clause: '附件2 三(三)' }, inPrinciple: true } });
    // The age is personal: the refusal says only that he is of the exempt age.
    expect(JSON.stringify(e.extensions)).not.toContain('1969');
    expect(await postsOf(man)).toHaveLength(1);
  });
  it('refuses the same move made the other way round: the old post ended first, the new one started after the summer', async () => {
    const woman = await teacher(s, from, { gender: 'FEMALE', birthDate: '1974-03-01' });
    const [old] = await postsOf(woman);
    ok(await s.gql(SET_ESTABLISHMENT, { i: { personId: woman, schoolCode: from } }));
    ok(await s.gql(UPDATE_POST, { i: { id: old!.id, validTo: '2025-07-15' } }));
    const e = await expectRefused(s, POST, post(woman, to, '2025-09-01'), 'hezhang.transfer-age-exemption');
    expect(e.extensions).toMatchObject({ measured: { crossTownship: true, ofExemptAge: true, via: 'Post' } });
    expect(await postsOf(woman)).toHaveLength(1);
  });
  it('passes a move inside the township, and the cross-township move with his consent recorded as the exception', async () => {
    const man = await teacher(s, from, { gender: 'MALE', birthDate: '1969-06-01' });
    ok(await s.gql(POST, post(man, sameTownship, '2025-09-01')));
    ok(await s.gql(POST, post(man, to, '2025-09-15', [CONSENT])));
    expect(await postsOf(man)).toHaveLength(3);
    const [e] = await s.db.select().from(core.ruleExceptions).where(and(eq(core.ruleExceptions.ruleId, 'hezhang.transfer-age-exemption'), eq(core.ruleExceptions.documentRef, CONSENT.documentRef)));
    expect(e).toMatchObject({ operation: 'createPost', approvedBy: '本人' });
  });
  it('passes a 56-year-old’s first appointment (a new hire is not a transfer)', async () => {
    const hire = ok(await s.gql(PERSON, { i: { name: '新聘教师', gender: 'MALE', birthDate: '1969-06-01', qualification: 'BACHELOR', title: 'NONE', localityCode: COUNTY, isSample: true } })).createPerson.person.personId as string;
    ok(await s.gql(POST, post(hire, to, '2025-09-01')));
  });
  it('passes a move a recorded transfer with his consent stands for', async () => {
    const man = await teacher(s, from, { gender: 'MALE', birthDate: '1969-06-01' });
    ok(await s.gql(TRANSFER, { i: { groupId: group, personId: man, fromSchoolCode: from, toSchoolCode: to, startDate: '2025-09-01', consentOn: '2025-08-20', consentRef: '本人同意书 2025-040' } }));
    ok(await s.gql(POST, post(man, to, '2025-09-01')));
  });
});

describe('hezhang.transfer-age-exemption through a core ROTATION exchange (附件2 三(三))', () => {
  let from: string;
  let sameTownship: string;
  let to: string;
  beforeAll(async () => {
    ({ from, sameTownship, to } = await twoTownshipGroup(s));
  });

  it('refuses a ROTATION exchange of a 51-year-old woman to another township without her consent, and writes nothing', async () => {
    const woman = await teacher(s, from, { gender: 'FEMALE', birthDate: '1974-03-01' });
    const e = await expectRefused(s, EXCHANGE, rotation(woman, from, to, '2025-09-01'), 'hezhang.transfer-age-exemption');
    expect(e.extensions).toMatchObject({ measured: { crossTownship: true, ofExemptAge: true, via: 'Exchange' } });
    expect(await exchangesOf(woman)).toHaveLength(0);
  });
  it('passes her rotation inside the township, and to another township with her consent recorded', async () => {
    const woman = await teacher(s, from, { gender: 'FEMALE', birthDate: '1974-03-01' });
    ok(await s.gql(EXCHANGE, rotation(woman, from, sameTownship, '2025-09-01')));
    ok(await s.gql(EXCHANGE, rotation(woman, from, to, '2025-10-01', { exceptions: [CONSENT] })));
    expect(await exchangesOf(woman)).toHaveLength(2);
  });
  it('passes a 49-year-old woman’s rotation across townships, and other kinds of exchange (支教 is not 调整交流)', async () => {
    const younger = await teacher(s, from, { gender: 'FEMALE', birthDate: '1976-03-01' });
    ok(await s.gql(EXCHANGE, rotation(younger, from, to, '2025-09-01')));
    const older = await teacher(s, from, { gender: 'FEMALE', birthDate: '1974-03-01' });
    ok(await s.gql(EXCHANGE, rotation(older, from, to, '2025-09-01', { kind: 'SUPPORT_TEACHING' })));
  });
});

describe('hezhang.transfer-cap through core posts and ROTATION exchanges (附件2 三(三) 调整交流人员总数原则上不超过集团内教职工总数的10%)', () => {
  let a: string;
  let b: string;
  let group: string;
  let staff: string[];
  beforeAll(async () => {
    const t = await township(s);
    a = await school(s, t);
    b = await school(s, t);
    group = await compulsoryGroup(s, [t], a);
    staff = await staffBulk(s, a, 30); // 30 on 1 September 2025: the cap is 3
  });

  it('counts a post move, a ROTATION exchange and a recorded transfer alike: 3 people of 30 pass', async () => {
    ok(await s.gql(POST, post(staff[0]!, b, '2025-09-10')));
    ok(await s.gql(EXCHANGE, rotation(staff[1]!, a, b, '2025-09-10')));
    ok(await s.gql(TRANSFER, { i: { groupId: group, personId: staff[2], fromSchoolCode: a, toSchoolCode: b, startDate: '2025-09-10' } }));
  });
  it('counts people, not records: moving one of the three again passes; a first appointment is not counted', async () => {
    ok(await s.gql(EXCHANGE, rotation(staff[0]!, a, b, '2025-10-10')));
    const hire = ok(await s.gql(PERSON, { i: { name: '新聘', gender: 'FEMALE', birthDate: '1998-05-01', qualification: 'BACHELOR', title: 'NONE', localityCode: COUNTY, isSample: true } })).createPerson.person.personId as string;
    ok(await s.gql(POST, post(hire, b, '2025-09-10')));
  });
  it('refuses a fourth person moved by createPost, by a ROTATION exchange or by recordHezhangTransfer, naming the count and the cap; nothing is written', async () => {
    const e = await expectRefused(s, POST, post(staff[3]!, b, '2025-09-10'), 'hezhang.transfer-cap');
    expect(e.extensions).toMatchObject({ measured: { transfers: 4, staff: 30, recorded: 1, throughCore: 3 }, expected: { cap: 3, percent: 10 } });
    await expectRefused(s, EXCHANGE, rotation(staff[3]!, a, b, '2025-09-10'), 'hezhang.transfer-cap');
    await expectRefused(s, TRANSFER, { i: { groupId: group, personId: staff[3], fromSchoolCode: a, toSchoolCode: b, startDate: '2025-09-10' } }, 'hezhang.transfer-cap');
    expect(await postsOf(staff[3]!)).toHaveLength(1);
    expect(await exchangesOf(staff[3]!)).toHaveLength(0);
  });
  it('a recorded exception lets the fourth post move through (in principle)', async () => {
    ok(await s.gql(POST, post(staff[3]!, b, '2025-09-10', [CAP_EXCEPTION])));
    expect(await postsOf(staff[3]!)).toHaveLength(2);
  });
  it('counts per school year: the next year has its own cap of 3', async () => {
    for (const i of [4, 5, 6]) ok(await s.gql(EXCHANGE, rotation(staff[i]!, a, b, '2026-09-10')));
    const e = await expectRefused(s, EXCHANGE, rotation(staff[7]!, a, b, '2026-09-10'), 'hezhang.transfer-cap');
    expect(e.extensions).toMatchObject({ measured: { transfers: 4, recorded: 0, throughCore: 4 }, expected: { cap: 3, staffOn: '2026-09-01' } });
  });
});

describe('hezhang.transfer-keeps-establishment through core posts (附件2 三(二) 在编制单位不变的情况下)', () => {
  let a: string;
  let b: string;
  beforeAll(async () => {
    const t = await township(s);
    a = await school(s, t);
    b = await school(s, t);
  });

  it('refuses ending the old post once the new one runs when that would carry the unrecorded 编制 to the new school; nothing is written', async () => {
    const p = await teacher(s, a);
    const [old] = await postsOf(p);
    ok(await s.gql(POST, post(p, b, '2025-09-01'))); // the old post still runs: the 编制 read from posts stays at a
    const e = await expectRefused(s, UPDATE_POST, { i: { id: old!.id, validTo: '2025-08-31' } }, 'hezhang.transfer-keeps-establishment');
    expect(e.extensions).toMatchObject({ measured: { establishmentSchoolCode: b, via: 'Post' }, expected: { establishmentSchoolCode: a }, rule: { cite: { clause: '附件2 三(二)' } } });
    expect((await postsOf(p)).find((x) => x.id === old!.id)!.validTo).toBeNull();
  });
  it('refuses a new post after the old one ended; passes both once the 编制 school is recorded', async () => {
    const p = await teacher(s, a);
    const [old] = await postsOf(p);
    ok(await s.gql(UPDATE_POST, { i: { id: old!.id, validTo: '2025-07-15' } }));
    await expectRefused(s, POST, post(p, b, '2025-09-01'), 'hezhang.transfer-keeps-establishment');
    ok(await s.gql(SET_ESTABLISHMENT, { i: { personId: p, schoolCode: a } }));
    ok(await s.gql(POST, post(p, b, '2025-09-01')));
    const q = await teacher(s, a);
    const [qOld] = await postsOf(q);
    ok(await s.gql(SET_ESTABLISHMENT, { i: { personId: q, schoolCode: a } }));
    ok(await s.gql(POST, post(q, b, '2025-09-01')));
    ok(await s.gql(UPDATE_POST, { i: { id: qOld!.id, validTo: '2025-08-31' } }));
  });
});

describe('hezhang.transfer-age-exemption through a staff import (附件2 三(三)): a spreadsheet that moves a teacher is judged like createPost', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hezhang-import-'));
  // In the column order of STAFF_HEADERS: no ID number, a staff number; a man born 1969.
  const row = (schoolCode: string, validFrom: string) => ['', 'HZ-IMP-0001', '导入测试', '男', '1969-06-01', '本科', '一级教师', '无', '语文', schoolCode, '专任教师', '', validFrom, '是'];
  const load = (name: string, schoolCode: string, validFrom: string) => {
    const file = path.join(dir, name);
    writeCsv(file, [STAFF_HEADERS, row(schoolCode, validFrom)]);
    return importFile(s.db, { registry: s.registry, kind: 'staff', file, schoolYear: '2025-2026' });
  };
  let from: string;
  let sameTownship: string;
  let to: string;
  beforeAll(async () => {
    ({ from, sameTownship, to } = await twoTownshipGroup(s));
  });

  it('refuses the import that moves a 56-year-old man to another township, and writes nothing; a move inside the township passes once his 编制 school is recorded', async () => {
    expect((await load('hire.csv', from, '2020-09-01')).errors).toEqual([]);
    const [man] = await s.db.select().from(core.people).where(eq(core.people.name, '导入测试'));
    await expect(load('away.csv', to, '2025-09-01')).rejects.toMatchObject({ extensions: { code: 'RULE_VIOLATION', rule: { id: 'hezhang.transfer-age-exemption' } } });
    expect((await postsOf(man!.id)).map((p) => [p.schoolCode, p.validTo])).toEqual([[from, null]]);
    // Every post rule judges the import: a move inside the township still needs his 编制 school recorded (三(二)).
    await expect(load('near.csv', sameTownship, '2025-09-01')).rejects.toMatchObject({ extensions: { code: 'RULE_VIOLATION', rule: { id: 'hezhang.transfer-keeps-establishment' } } });
    ok(await s.gql(SET_ESTABLISHMENT, { i: { personId: man!.id, schoolCode: from } }));
    expect((await load('near.csv', sameTownship, '2025-09-01')).errors).toEqual([]);
    expect((await postsOf(man!.id)).filter((p) => p.validTo === null).map((p) => p.schoolCode)).toEqual([sameTownship]);
  });
});
