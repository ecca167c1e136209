/**
 * Every path that can break a write rule is guarded (POLICIES.md, preamble): Beihai's 学区 rules run
 * when core changes a member or lead school — updateSchool, a stats import — not only on the
 * plugin's own group mutations. And 一般 (in principle) rules take a recorded exception.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { tables } from '@gongzhi/core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importFile, writeCsv } from '@gongzhi/server';
import type { TestServer } from '@gongzhi/server/testing';
import { Bureau, errorOf, ok, start } from './helpers.js';

let s: TestServer;
let b: Bureau;
beforeAll(async () => {
  s = await start();
  b = new Bureau(s);
});
afterAll(() => s?.close());

const DOC = '北教基教〔2018〕130号';
const UPDATE = `mutation($i: UpdateSchoolInput!){ updateSchool(input:$i){ school { code schoolType { code } stages } } }`;
const IMPORT = `mutation($i: ImportSchoolYearStatsInput!){ importSchoolYearStats(input:$i){ rowsLoaded schoolsUpdated } }`;
const EXCEPTION = { ruleId: 'beihai.same-stage', approvedBy: '北海市教育局基础教育科', documentRef: '北教基〔2026〕7号', reason: '九年一贯制改建过渡期' };

async function school(code: string) {
  const [row] = await s.db.select().from(tables.schools).where(eq(tables.schools.code, code));
  return row!;
}
async function auditCount() {
  return (await s.db.select().from(tables.auditLog)).length;
}
function refusedBy(r: { errors?: readonly any[] }, ruleId: string, clause: string) {
  const e = errorOf(r as never);
  expect(e.extensions?.code).toBe('RULE_VIOLATION');
  expect(e.extensions?.rule).toMatchObject({ id: ruleId, cite: { doc: DOC, clause } });
  return e;
}

describe('beihai.same-stage (四, 四(一)) on core’s writes', () => {
  it('beihai.same-stage (四, 四(一)): updateSchool turning a primary member of a primary ALLIANCE into a junior school is refused, and nothing is written', async () => {
    const [p, m] = [await b.led('P'), await b.led('P')];
    await b.xuequ(p.code, [m.code], { form: 'ALLIANCE' });
    const [before, audits] = [await school(m.code), await auditCount()];
    const e = refusedBy(await s.gql(UPDATE, { i: { code: m.code, schoolType: '311' } }), 'beihai.same-stage', '四, 四(一)');
    expect(e.extensions?.measured).toMatchObject({ offending: [{ schoolCode: m.code, stages: ['JUNIOR'] }] });
    expect(await school(m.code)).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('beihai.same-stage (四, 四(一)): updateSchool making the lead a senior high is refused', async () => {
    const [p, m] = [await b.led('P'), await b.led('P')];
    await b.xuequ(p.code, [m.code]);
    refusedBy(await s.gql(UPDATE, { i: { code: p.code, schoolType: '342' } }), 'beihai.same-stage', '四, 四(一)');
    expect((await school(p.code)).schoolType).toBe('211');
  });

  it('beihai.same-stage (四, 四(一)): a nine-year member re-registered as junior only is refused; a name change passes', async () => {
    const [p, nine] = [await b.led('P'), await b.led('NINE')];
    await b.xuequ(p.code, [nine.code]);
    refusedBy(await s.gql(UPDATE, { i: { code: nine.code, stages: ['JUNIOR'] } }), 'beihai.same-stage', '四, 四(一)');
    expect((await school(nine.code)).stages).toEqual(['PRIMARY', 'JUNIOR']);
    ok(await s.gql(UPDATE, { i: { code: nine.code, name: '【示例】更名后的九年一贯制学校' } }));
  });

  it('beihai.same-stage (四, 四(一)): a stats import that re-registers a member as a junior school is refused, and no row of it is written', async () => {
    const [p, m] = [await b.led('P'), await b.led('P')];
    await b.xuequ(p.code, [m.code]);
    const row = (code: string, schoolType: string) => ({ schoolCode: code, name: `测试学校${code}`, schoolType, countyCode: '450502', area: 'URBAN', enrollmentPrimary: schoolType === '211' ? 400 : 0, enrollmentJunior: schoolType === '311' ? 400 : 0, teachingAuxAreaM2: 2000, sportsGroundAreaM2: 3000, equipmentValueFen: 80_000_000, multimediaClassrooms: 9, isSample: true });
    const r = await s.gql(IMPORT, { i: { localityCode: '450502', schoolYear: '2025-2026', rows: [row(p.code, '211'), row(m.code, '311')] } });
    refusedBy(r, 'beihai.same-stage', '四, 四(一)');
    expect((await school(m.code)).schoolType).toBe('211');
    expect(await s.db.select().from(tables.schoolYearStats).where(eq(tables.schoolYearStats.schoolCode, p.code))).toEqual([]);
  });

  it('beihai.same-stage (四, 四(一)): the file import (gongzhi import stats) is refused the same way, and writes nothing', async () => {
    const [p, m] = [await b.led('P'), await b.led('P')];
    await b.xuequ(p.code, [m.code]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-guard-')), 'stats.csv');
    writeCsv(file, [
      ['学校标识码', '学校名称', '办学类型', '县级行政区划代码', '城乡分类', '初中在校生数', '教学及辅助用房面积', '体育运动场馆面积', '教学仪器设备值', '网络多媒体教室数', '是否示例'],
      [m.code, `测试学校${m.code}`, '311', '450502', '111', 400, 2000, 3000, 800000, 9, '是'],
    ]);
    await expect(importFile(s.db, { registry: s.registry, kind: 'stats', file, schoolYear: '2025-2026' })).rejects.toMatchObject({ extensions: { code: 'RULE_VIOLATION', rule: { id: 'beihai.same-stage' } } });
    expect((await school(m.code)).schoolType).toBe('211');
  });

  it('beihai.same-stage (四, 四(一)): a school that left its 学区 may become anything', async () => {
    const [p, m, third] = [await b.led('P'), await b.led('P'), await b.led('P')];
    const id = await b.xuequ(p.code, [m.code, third.code]);
    ok(await s.gql(`mutation($i: SchoolGroupMemberInput!){ endSchoolGroupMembership(input:$i){ group { id } } }`, { i: { groupId: id, schoolCode: m.code, date: '2020-08-31' } }));
    ok(await s.gql(UPDATE, { i: { code: m.code, schoolType: '311' } }));
  });

  it('beihai.same-stage (四, 四(一)): the 集团化办学 (GROUP) form shares the stage condition too', async () => {
    const [p, j] = [await b.led('P'), await b.led('J')];
    refusedBy(await b.form({ leadSchoolCode: p.code, memberSchoolCodes: [j.code], form: 'GROUP' }), 'beihai.same-stage', '四, 四(一)');
  });
});

describe('in-principle rules take a recorded exception (一般 / 原则上)', () => {
  it('beihai.same-stage (四, 四(一)) is stated 一般: with an exception the write goes through, is stored and audited, and the report shows a WARN naming it', async () => {
    const [p, m] = [await b.led('P'), await b.led('P')];
    const id = await b.xuequ(p.code, [m.code], { form: 'ALLIANCE' });
    const audits = await auditCount();
    const d = ok(await s.gql(UPDATE, { i: { code: m.code, schoolType: '311', exceptions: [EXCEPTION] } }));
    expect(d.updateSchool.school.schoolType.code).toBe('311');
    const stored = (await s.db.select().from(tables.ruleExceptions)).filter((e) => e.changes.some((c) => c.key === m.code));
    expect(stored).toMatchObject([{ ruleId: 'beihai.same-stage', approvedBy: EXCEPTION.approvedBy, documentRef: EXCEPTION.documentRef, operation: 'updateSchool' }]);
    // Ordered by id: without ORDER BY, PostgreSQL may return rows in any order after updates.
    const newAudits = (await s.db.select().from(tables.auditLog).orderBy(asc(tables.auditLog.id))).slice(audits);
    expect(newAudits.map((a) => a.operation)).toEqual(['updateSchool', 'updateSchool:exception']);

    const warn = (await b.report('2026-2027', 'beihai.same-stage')).filter((f) => f.subjects.some((x) => x.key === id));
    expect(warn).toHaveLength(1);
    expect(warn[0]).toMatchObject({ status: 'WARN', rule: { id: 'beihai.same-stage' } });
    expect(warn[0]!.message).toContain(EXCEPTION.documentRef);
  });

  it('a deviation put right since no longer shows in the report', async () => {
    const [p, m] = [await b.led('P'), await b.led('P')];
    const id = await b.xuequ(p.code, [m.code]);
    ok(await s.gql(UPDATE, { i: { code: m.code, schoolType: '311', exceptions: [EXCEPTION] } }));
    ok(await s.gql(UPDATE, { i: { code: m.code, schoolType: '211' } }));
    const mine = (await b.report('2026-2027', 'beihai.same-stage')).filter((f) => f.subjects.some((x) => x.key === id));
    expect(mine).toEqual([]);
  });

  it('beihai.xuequ-size (四(二)) is not stated in principle: the same exception is refused, saying it admits none, and nothing is written', async () => {
    const schools = [await b.led('P'), await b.led('P'), await b.led('P'), await b.led('P'), await b.led('P')];
    const id = await b.xuequ(schools[0]!.code, schools.slice(1, 4).map((x) => x.code));
    const r = await s.gql(`mutation($i: SchoolGroupMemberInput!){ addSchoolGroupMember(input:$i){ group { id } } }`, {
      i: { groupId: id, schoolCode: schools[4]!.code, date: '2020-09-01', exceptions: [{ ...EXCEPTION, ruleId: 'beihai.xuequ-size' }] },
    });
    const e = refusedBy(r, 'beihai.xuequ-size', '四(二)');
    expect(e.extensions?.exceptionRefused).toBe(true);
    expect(e.message).toContain('不允许例外');
    const members = await s.db.select().from(tables.groupMembers).where(eq(tables.groupMembers.groupId, id));
    expect(members).toHaveLength(4);
    expect((await s.db.select().from(tables.ruleExceptions)).filter((x) => x.ruleId === 'beihai.xuequ-size')).toEqual([]);
  });

  it('an exception naming no known rule is BAD_USER_INPUT on its field, and nothing is written', async () => {
    const [p, m] = [await b.led('P'), await b.led('P')];
    await b.xuequ(p.code, [m.code]);
    const r = await s.gql(UPDATE, { i: { code: m.code, name: '不应写入', exceptions: [{ ...EXCEPTION, ruleId: 'beihai.no-such-rule' }] } });
    expect(errorOf(r).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.exceptions.0.ruleId' });
    expect((await school(m.code)).name).not.toBe('不应写入');
  });

  it('an exception with an empty approving document is BAD_USER_INPUT', async () => {
    const [p, m] = [await b.led('P'), await b.led('P')];
    await b.xuequ(p.code, [m.code]);
    const r = await s.gql(UPDATE, { i: { code: m.code, schoolType: '311', exceptions: [{ ...EXCEPTION, documentRef: '  ' }] } });
    expect(errorOf(r).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.exceptions.0.documentRef' });
    expect((await school(m.code)).schoolType).toBe('211');
  });
});
