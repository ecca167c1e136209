import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRefused, finding, ok, type TestServer } from '@gongzhi/server/testing';
import { schoolYearOf, todayInShanghai } from '@gongzhi/core';
import { COUNTY, compulsoryGroup, school, staffBulk, start, teacher, township, twoTownshipGroup } from './helpers.js';

const Y = '2025-2026';
/** A write rule's exception stands from the day it is recorded: the cap scenario runs in the current school year. */
const NOW = schoolYearOf(todayInShanghai());
let s: TestServer;
const TRANSFER = `mutation($i: RecordHezhangTransferInput!) { recordHezhangTransfer(input: $i) { transfer { transferId schoolYear establishmentSchool { code } } } }`;
const EXCEPTION = { ruleId: 'hezhang.transfer-cap', approvedBy: '县教育科技局', documentRef: '赫教科〔2025〕88号', reason: '新建学校师资紧缺' };

beforeAll(async () => {
  s = await start();
});
afterAll(() => s?.close());

describe('hezhang.transfer-age-exemption (附件2 三(三) 男教师满55周岁，女教师满50周岁的原则上可不参与跨乡镇调整交流)', () => {
  let group: string;
  let from: string;
  let to: string;
  let sameTownship: string;
  let man56: string;
  beforeAll(async () => {
    ({ from, sameTownship, to, group } = await twoTownshipGroup(s));
    man56 = await teacher(s, from, { gender: 'MALE', birthDate: '1969-06-01' });
  });
  const input = (extra: Record<string, unknown> = {}) => ({ i: { groupId: group, personId: man56, fromSchoolCode: from, toSchoolCode: to, startDate: '2025-09-01', ...extra } });

  it('refuses moving a 56-year-old man across townships without his consent', async () => {
    const e = await expectRefused(s, TRANSFER, input(), 'hezhang.transfer-age-exemption');
    expect(e.extensions).toMatchObject({ measured: { crossTownship: true, ofExemptAge: true, consentOn: null }, rule: { cite: { clause: '附件2 三(三)' } } });
  });
  it('lets him move inside his township without consent', async () => {
    ok(await s.gql(TRANSFER, input({ toSchoolCode: sameTownship, startDate: '2025-09-02' })));
  });
  it('passes the cross-township move with his recorded consent; the transfer keeps his 编制 school', async () => {
    const r = ok(await s.gql(TRANSFER, input({ consentOn: '2025-08-20', consentRef: '本人同意书 2025-017' })));
    expect(r.recordHezhangTransfer.transfer).toMatchObject({ schoolYear: Y, establishmentSchool: { code: from } });
  });
  it('hezhang.transfer-keeps-establishment (附件2 三(二) 在编制单位不变的情况下): moving his 编制 school while the transfer stands is refused', async () => {
    const SET = `mutation($i: SetHezhangEstablishmentInput!) { setHezhangEstablishment(input: $i) { school { code } } }`;
    await expectRefused(s, SET, { i: { personId: man56, schoolCode: to } }, 'hezhang.transfer-keeps-establishment');
    ok(await s.gql(SET, { i: { personId: man56, schoolCode: from } }));
  });
});

describe('hezhang.transfer-cap (附件2 三(三) 调整交流人员总数原则上不超过集团内教职工总数的10%)', () => {
  let group: string;
  let a: string;
  let b: string;
  let staff: string[];
  beforeAll(async () => {
    const t = await township(s);
    a = await school(s, t);
    b = await school(s, t);
    group = await compulsoryGroup(s, [t], a);
    staff = await staffBulk(s, a, 30); // 30 on 1 September: the cap is 3
  });
  const move = (i: number, exceptions?: unknown[]) => ({ i: { groupId: group, personId: staff[i], fromSchoolCode: a, toSchoolCode: b, startDate: `${NOW.slice(0, 4)}-09-10`, ...(exceptions ? { exceptions } : {}) } });

  it('accepts transfers up to 10% of the staff on 1 September (3 of 30)', async () => {
    for (const i of [0, 1, 2]) ok(await s.gql(TRANSFER, move(i)));
    expect((await finding(s, { localityCode: COUNTY, schoolYear: NOW, ruleId: 'hezhang.transfer-cap', subject: group })).status).toBe('PASS');
  });
  it('refuses the fourth (10% + 1), naming the count and the cap', async () => {
    const e = await expectRefused(s, TRANSFER, move(3), 'hezhang.transfer-cap');
    expect(e.extensions).toMatchObject({ measured: { transfers: 4, staff: 30 }, expected: { cap: 3, percent: 10 } });
    expect(e.message).toContain('4');
    expect(e.message).toContain('3');
  });
  it('with a recorded exception the fourth goes through, and the report shows a WARN naming it', async () => {
    ok(await s.gql(TRANSFER, move(3, [EXCEPTION])));
    const f = await finding(s, { localityCode: COUNTY, schoolYear: NOW, ruleId: 'hezhang.transfer-cap', subject: group });
    expect(f.status).toBe('WARN');
    expect(f.message).toContain('赫教科〔2025〕88号');
  });
  it('a county option of 20% raises the cap to 6', async () => {
    const ENABLE = `mutation($o: JSON) { enableGovernance(input: { localityCode: "${COUNTY}", plugin: "hezhang", options: $o }) { locality { code } } }`;
    ok(await s.gql(ENABLE, { o: { transferCapPercent: 20 } }));
    try {
      ok(await s.gql(TRANSFER, move(4)));
    } finally {
      ok(await s.gql(ENABLE, { o: {} }));
    }
  });
});

describe('hezhang.recombination-order (附件2 三(三) 第一轮在编制所在学校内 … 第二轮在乡镇内和集团范围)', () => {
  const PLACE = `mutation($i: PlaceHezhangStaffInput!) { placeHezhangStaff(input: $i) { placement { round } } }`;
  const CLOSE = `mutation($i: CloseHezhangRoundOneInput!) { closeHezhangRoundOne(input: $i) { school { code } } }`;
  let origin: string;
  let other: string;
  let head: string;
  let p2: string;
  let subj: string;
  beforeAll(async () => {
    const t = await township(s);
    origin = await school(s, t);
    other = await school(s, t);
    head = await teacher(s, origin);
    subj = await teacher(s, origin);
    p2 = await teacher(s, origin);
  });
  const place = (personId: string, round: string, schoolCode: string, extra: Record<string, unknown> = {}) => ({ i: { personId, schoolYear: Y, round, originSchoolCode: origin, schoolCode, post: 'OTHER', placedOn: '2025-08-20', ...extra } });

  it('round 1: the school hires its 班主任, who hires the subject teachers; a subject teacher hired by no 班主任 is refused', async () => {
    ok(await s.gql(PLACE, place(head, 'SCHOOL', origin, { post: 'HEAD_TEACHER' })));
    await expectRefused(s, PLACE, place(subj, 'SCHOOL', origin, { post: 'SUBJECT_TEACHER' }), 'hezhang.recombination-order');
    ok(await s.gql(PLACE, place(subj, 'SCHOOL', origin, { post: 'SUBJECT_TEACHER', hiredByPersonId: head })));
  });
  it('refuses a round-2 placement before the school closed round 1, accepts it after', async () => {
    await expectRefused(s, PLACE, place(p2, 'TOWNSHIP_GROUP', other), 'hezhang.recombination-order');
    ok(await s.gql(CLOSE, { i: { schoolCode: origin, schoolYear: Y, closedOn: '2025-08-22' } }));
    await expectRefused(s, PLACE, place(p2, 'TOWNSHIP_GROUP', other, { placedOn: '2025-08-21' }), 'hezhang.recombination-order');
    ok(await s.gql(PLACE, place(p2, 'TOWNSHIP_GROUP', other, { placedOn: '2025-08-25' })));
  });
});

describe('paired assistance (附件2 二(三), 三(五); main 二(三))', () => {
  const PAIR = `mutation($i: PairHezhangSchoolsInput!) { pairHezhangSchools(input: $i) { pairing { pairingId stage helperSchool { code } } } }`;
  let g1: string;
  let junior: string;
  let kg: string;
  beforeAll(async () => {
    const d = ok(await s.gql(`{ hezhangCompulsoryEducationGroups(localityCode: "${COUNTY}") { groupId name memberSchools { code schoolType { code } } } }`));
    const group = d.hezhangCompulsoryEducationGroups.find((g: any) => g.name === '第二教育集团');
    g1 = group.groupId;
    junior = group.memberSchools.find((m: any) => m.schoolType.code === '311').code;
    kg = group.memberSchools.find((m: any) => m.schoolType.code === '111').code;
  });

  it('hezhang.paired-stage-match: refuses pairing a kindergarten with a junior school', async () => {
    const e = await expectRefused(s, PAIR, { i: { groupId: g1, helperSchoolCode: '1152999014', stage: 'JUNIOR', helpedSchoolCode: junior, validFrom: '2025-09-01' } }, 'hezhang.paired-stage-match');
    expect(e.extensions).toMatchObject({ expected: { stage: 'KINDERGARTEN' }, measured: { helped: junior } });
    await expectRefused(s, PAIR, { i: { groupId: g1, helperSchoolCode: '1152999014', stage: 'KINDERGARTEN', helpedSchoolCode: junior, validFrom: '2025-09-01' } }, 'hezhang.paired-stage-match');
  });
  it('accepts 第一幼儿园 helping the group’s kindergarten (many to many: it already helps groups 1 and 5)', async () => {
    const r = ok(await s.gql(PAIR, { i: { groupId: g1, helperSchoolCode: '1152999014', stage: 'KINDERGARTEN', helpedSchoolCode: kg, validFrom: '2025-09-01' } }));
    expect(r.pairHezhangSchools.pairing).toMatchObject({ stage: 'KINDERGARTEN', helperSchool: { code: '1152999014' } });
  });
  it('refuses a village school as helper (only 县城区 schools help)', async () => {
    await expectRefused(s, PAIR, { i: { groupId: g1, helperSchoolCode: kg, stage: 'KINDERGARTEN', validFrom: '2025-09-01' } }, 'hezhang.paired-stage-match');
  });

  it('hezhang.paired-exchange-length: a paired-assistance exchange (core recordExchange) over a year is refused, a year passes, an exception lets a longer one through', async () => {
    const t = await teacher(s, '2152999010');
    const X = `mutation($i: RecordExchangeInput!) { recordExchange(input: $i) { exchange { id } } }`;
    const i = (endDate: string, exceptions?: unknown[]) => ({ i: { personId: t, fromSchoolCode: '2152999010', toSchoolCode: kg.replace(/^11/, '21'), kind: 'PAIRED_ASSISTANCE', startDate: '2025-09-01', endDate, ...(exceptions ? { exceptions } : {}) } });
    const primaries = ok(await s.gql(`{ hezhangCompulsoryEducationGroup(id: "${g1}") { memberSchools { code schoolType { code } } } }`)).hezhangCompulsoryEducationGroup.memberSchools.filter((m: any) => m.schoolType.code === '211');
    const target = primaries[0].code;
    const j = (endDate: string, exceptions?: unknown[]) => ({ i: { ...i(endDate, exceptions).i, toSchoolCode: target } });
    await expectRefused(s, X, j('2026-09-30'), 'hezhang.paired-exchange-length');
    ok(await s.gql(X, j('2026-08-31')));
    ok(await s.gql(X, j('2027-01-31', [{ ruleId: 'hezhang.paired-exchange-length', approvedBy: '县教育科技局', documentRef: '赫教科〔2025〕90号', reason: '毕业班教学需要' }])));
  });

  it('hezhang.paired-assessment: a pairing not assessed for a past year fails; the demo’s groups 7 and 8 are not yet assessed this year (WARN)', async () => {
    const d = ok(await s.gql(`{ hezhangCompulsoryEducationGroups(localityCode: "${COUNTY}") { name pairings { pairingId } } }`));
    const g7 = d.hezhangCompulsoryEducationGroups.find((g: any) => g.name === '第七教育集团');
    const f = await finding(s, { localityCode: COUNTY, schoolYear: '2024-2025', ruleId: 'hezhang.paired-assessment', subject: g7.pairings[0].pairingId });
    expect(f.status).toBe('FAIL');
    ok(await s.gql(`mutation($i: AssessHezhangPairingInput!) { assessHezhangPairing(input: $i) { pairing { pairingId } } }`, { i: { pairingId: g7.pairings[0].pairingId, schoolYear: '2024-2025', assessedOn: '2025-07-10', result: '良好' } }));
    expect((await finding(s, { localityCode: COUNTY, schoolYear: '2024-2025', ruleId: 'hezhang.paired-assessment', subject: g7.pairings[0].pairingId })).status).toBe('PASS');
  });
});

describe('groups by township (附件2 二(二)): a school that changes township changes group', () => {
  it('moves a school of 兴发乡 (第二教育集团) to 可乐乡 and finds it in 第四教育集团', async () => {
    const code = '2152990121'; // 【示例】兴发乡中心小学 (the seed's 8th township, group 2)
    const Q = `query($c: SchoolCode!) { school(code: $c) { name hezhangEducationGroups { name } } }`;
    const before = ok(await s.gql(Q, { c: code })).school;
    expect(before.hezhangEducationGroups.map((g: any) => g.name)).toEqual(['第二教育集团']);
    const { townshipByName } = await import('../src/domain.js');
    ok(await s.gql(`mutation($i: UpdateSchoolInput!) { updateSchool(input: $i) { school { code } } }`, { i: { code, townshipCode: townshipByName('可乐乡').code } }));
    expect(ok(await s.gql(Q, { c: code })).school.hezhangEducationGroups.map((g: any) => g.name)).toEqual(['第四教育集团']);
    const g4 = ok(await s.gql(`{ hezhangCompulsoryEducationGroups(localityCode: "${COUNTY}") { name memberSchools { code } } }`)).hezhangCompulsoryEducationGroups.find((g: any) => g.name === '第四教育集团');
    expect(g4.memberSchools.map((m: any) => m.code)).toContain(code);
  });
});

describe('hezhang.member-identity-unchanged (附件2 三(一) 法人代表不变、校名和行政隶属关系不变)', () => {
  const UPDATE = `mutation($i: UpdateSchoolInput!) { updateSchool(input: $i) { school { code } } }`;
  it('refuses renaming a member school after its group, or taking its legal-person status, through core’s updateSchool; an ordinary rename passes', async () => {
    const code = '2152990100'; // 【示例】双河街道中心小学, group 1
    await expectRefused(s, UPDATE, { i: { code, name: '第一教育集团双河分校' } }, 'hezhang.member-identity-unchanged');
    await expectRefused(s, UPDATE, { i: { code, isLegalPerson: false } }, 'hezhang.member-identity-unchanged');
    ok(await s.gql(UPDATE, { i: { code, name: '【示例】双河街道第一小学' } }));
  });
});

describe('hezhang.group-leadership (附件2 三(一)、四(二))', () => {
  it('passes 高中一教育集团 (总校长 who is 党委书记, 3 分校长), fails 高中第二教育集团 (2 分校长) and 第八教育集团 (no office), in the demo', async () => {
    const { schoolYearOf, todayInShanghai } = await import('@gongzhi/core');
    const year = schoolYearOf(todayInShanghai());
    const d = ok(await s.gql(`{ hezhangSeniorEducationGroups(localityCode: "${COUNTY}") { groupId name } hezhangCompulsoryEducationGroups(localityCode: "${COUNTY}") { groupId name } }`));
    const id = (n: string) => [...d.hezhangSeniorEducationGroups, ...d.hezhangCompulsoryEducationGroups].find((g: any) => g.name === n).groupId;
    expect((await finding(s, { localityCode: COUNTY, schoolYear: year, ruleId: 'hezhang.group-leadership', subject: id('高中一教育集团') })).status).toBe('PASS');
    const senior2 = await finding(s, { localityCode: COUNTY, schoolYear: year, ruleId: 'hezhang.group-leadership', subject: id('高中第二教育集团') });
    expect(senior2).toMatchObject({ status: 'FAIL', measured: { seconds: 2 } });
    expect((await finding(s, { localityCode: COUNTY, schoolYear: year, ruleId: 'hezhang.group-leadership', subject: id('第八教育集团') })).measured).toMatchObject({ generalOfficeOn: null });
    expect((await finding(s, { localityCode: COUNTY, schoolYear: year, ruleId: 'hezhang.group-leadership', subject: id('第一教育集团') })).status).toBe('PASS');
  });
});
