import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@gongzhi/server/testing';
import { tables } from '@gongzhi/core';
import { eq } from 'drizzle-orm';
import { CREATE_SCHOOL, LOCALITIES, schoolInput } from '../fixtures.js';

/**
 * complianceReport is cached on (locality, school year, today, data version): a repeat with no
 * write in between reads only the locality and the version; any write — a mutation, or rows
 * written straight to the database — bumps the version in its transaction and the next report
 * is computed afresh.
 */
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ localities: LOCALITIES });
});
afterAll(() => s?.close());

const REPORT = `{ complianceReport(localityCode: "450502", schoolYear: "2025-2026") { totals { pass fail warn notApplicable } findings(ruleId: "core.balance-school-indicators", first: 1000) { totalCount } } }`;
const stats = (schoolCode: string) => ({ schoolCode, schoolYear: '2025-2026', enrollmentPrimary: 400, classes: 10, teachingAuxAreaM2: 2000, sportsGroundAreaM2: 3000, equipmentValueFen: 100_000_000, multimediaClassrooms: 9 });

describe('complianceReport cache', () => {
  it('a repeated report with no write between is served from the cache in two statements; a mutation makes it fresh', async () => {
    await s.gql(CREATE_SCHOOL, { i: schoolInput('2145020001') });
    await s.db.insert(tables.schoolYearStats).values(stats('2145020001'));
    const first = await s.statementsFor(REPORT);
    const again = await s.statementsFor(REPORT);
    expect(again.data).toEqual(first.data);
    expect(first.statements).toBeGreaterThan(2);
    expect(again.statements).toBe(2); // the locality, and the data's version

    const r = await s.gql(CREATE_SCHOOL, { i: schoolInput('2145020002') });
    expect(r.errors).toBeUndefined();
    const afterWrite = await s.statementsFor(REPORT);
    expect(afterWrite.statements).toBeGreaterThan(2);
  });

  it('rows written straight to the database (no mutation) bump the version too: the report sees them', async () => {
    const before = (await s.statementsFor(REPORT)).data.complianceReport.findings.totalCount as number;
    await s.db.insert(tables.schools).values({ code: '2145020003', name: '直接写入的学校', schoolType: '211', stages: ['PRIMARY'], countyCode: '450502', area: 'URBAN', authorityCode: '450502', isSample: true });
    await s.db.insert(tables.schoolYearStats).values(stats('2145020003'));
    const after = (await s.statementsFor(REPORT)).data.complianceReport.findings.totalCount as number;
    expect(after).toBe(before + 1);
  });
});

const BALANCE = `{ balanceReport(localityCode: "450502", schoolYear: "2025-2026", stage: PRIMARY) {
  schoolCount studentCount passingSchools
  indicators { indicator cv }
  schools(first: 100) { totalCount nodes { school { code name } students } }
  exchangeRate { teachers eligibleTeachers exchanged rate }
} }`;

describe('balanceReport cache', () => {
  it('a repeated report with no write between is served from the cache in two statements, school names and exchange rate included; a write makes it fresh', async () => {
    await s.db.insert(tables.schools).values({ code: '2145020011', name: '均衡缓存学校', schoolType: '211', stages: ['PRIMARY'], countyCode: '450502', area: 'URBAN', authorityCode: '450502', isSample: true });
    await s.db.insert(tables.schoolYearStats).values(stats('2145020011'));
    const first = await s.statementsFor(BALANCE);
    expect(first.data.balanceReport.schools.nodes.map((n: any) => n.school.name)).toContain('均衡缓存学校');
    const again = await s.statementsFor(BALANCE);
    expect(again.data).toEqual(first.data);
    expect(first.statements).toBeGreaterThan(2);
    expect(again.statements).toBe(2); // the locality, and the data's version

    // A mutation bumps the version: the report is computed again and sees the new school.
    expect((await s.gql(CREATE_SCHOOL, { i: schoolInput('2145020012', { stages: ['PRIMARY'] }) })).errors).toBeUndefined();
    await s.db.insert(tables.schoolYearStats).values(stats('2145020012'));
    const afterWrite = await s.statementsFor(BALANCE);
    expect(afterWrite.statements).toBeGreaterThan(2);
    expect(afterWrite.data.balanceReport.schoolCount).toBe(first.data.balanceReport.schoolCount + 1);

    // Rows written straight to the database (a bureau's SQL) do too.
    await s.db.update(tables.schoolYearStats).set({ enrollmentPrimary: 800 }).where(eq(tables.schoolYearStats.schoolCode, '2145020012'));
    const afterSql = await s.statementsFor(BALANCE);
    expect(afterSql.statements).toBeGreaterThan(2);
    expect(afterSql.data.balanceReport.studentCount).toBe(afterWrite.data.balanceReport.studentCount + 400);
  });
});
