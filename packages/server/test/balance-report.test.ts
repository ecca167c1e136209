import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { assessBalance, censusDate, createGroup, loadBalanceFacts, tables, tallyTeachers } from '@gongzhi/core';
import { importFile, sampleCounty, writeCsv } from '../src/index.js';
import { startTestServer, type TestServer } from '../src/testing/index.js';

/**
 * balanceReport over HTTP: a constant number of SQL statements whatever the county's size, and the
 * figures of the unit-tested calculation (packages/core/test/balance-*.test.ts).
 */
const SMALL = '520521'; // 5 schools
const LARGE = '520522'; // 50 schools
const YEAR = '2024-2025';
const NEXT = '2025-2026';
let s: TestServer;
let dir: string;

async function loadCounty(county: string, schools: number, people: number, codeBlock: string, year = YEAR, seed?: number) {
  const data = sampleCounty({ countyCode: county, schools, people, codeBlock, seed });
  const stats = path.join(dir, `${county}-${year}-stats.csv`);
  const staff = path.join(dir, `${county}-staff.csv`);
  writeCsv(stats, data.stats);
  writeCsv(staff, data.staff);
  const a = await importFile(s.db, { registry: s.registry, kind: 'stats', file: stats, schoolYear: year });
  expect(a.errors).toEqual([]);
  const b = await importFile(s.db, { registry: s.registry, kind: 'staff', file: staff, schoolYear: year });
  expect(b.errors).toEqual([]);
}

const REPORT = `query($c: DivisionCode!, $y: SchoolYear!, $s: Stage!) {
  balanceReport(localityCode: $c, schoolYear: $y, stage: $s) {
    localityCode schoolYear stage schoolCount studentCount passingSchools failingSchools isBalanced
    indicators { indicator overallValue standardDeviation cv cvLimit isCvWithinLimit schoolsMeeting topContributors(first: 3) { school { code name } students value contribution } }
    schools(first: 1000) { totalCount edges { node { school { code name county { code } } stage students passes metCount lowestRatio indicators { indicator value threshold distance ratio isMet } } } }
    excluded { school { code schoolType { code } } reason students }
  }
}`;

async function report(county: string, stage: string, year = YEAR) {
  const r = await s.statementsFor(REPORT, { c: county, y: year, s: stage });
  return { report: r.data.balanceReport, statements: r.statements };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-balance-'));
  s = await startTestServer({
    localities: [
      { code: '520000', name: '贵州省' },
      { code: '520500', name: '毕节市' },
      { code: SMALL, name: '大方县' },
      { code: LARGE, name: '黔西市' },
    ],
  });
  await loadCounty(SMALL, 5, 150, '97');
  await loadCounty(LARGE, 50, 1500, '96');
  await loadCounty(LARGE, 50, 1500, '96', NEXT, 7); // a second year with other figures, for the trend
});
afterAll(async () => {
  await s?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('balanceReport', () => {
  it('costs the same number of SQL statements for 5 schools as for 50 (statement counter)', async () => {
    const small = await report(SMALL, 'PRIMARY');
    const large = await report(LARGE, 'PRIMARY');
    expect(large.report.schools.totalCount).toBeGreaterThan(small.report.schools.totalCount * 5);
    expect(large.statements).toBe(small.statements);
    // locality check + the data's version (the report cache's key) + schools⋈stats + teachers, and
    // one batched statement for the schools' `county`.
    expect(large.statements).toBe(5);
  });

  it('returns the figures of the pure calculation (core.balance-* maths)', async () => {
    for (const stage of ['PRIMARY', 'JUNIOR'] as const) {
      const { report: r } = await report(LARGE, stage);
      const facts = (await loadBalanceFacts(s.db, { localityCode: LARGE }, [YEAR])).byYear.get(YEAR)!;
      const expected = assessBalance(facts, stage);
      expect(r.schoolCount).toBe(expected.schools.length);
      expect(r.studentCount).toBe(expected.studentCount);
      expect(r.passingSchools).toBe(expected.passingSchools);
      expect(r.isBalanced).toBe(expected.isBalanced);
      r.indicators.forEach((i: any, k: number) => {
        const e = expected.indicators[k]!;
        expect(i.indicator).toBe(e.id);
        expect(i.cv).toBeCloseTo(e.cv!, 12);
        expect(i.overallValue).toBeCloseTo(e.overallValue, 9);
        expect(i.topContributors.map((c: any) => c.school.code)).toEqual(e.contributions.slice(0, 3).map((c) => c.key));
      });
      for (const { node } of r.schools.edges) {
        const e = expected.schools.find((x) => x.code === node.school.code)!;
        expect(node.passes).toBe(e.passes);
        expect(node.indicators.map((i: any) => i.value)).toEqual(e.indicators.map((i) => i.value));
        expect(node.indicators.map((i: any) => i.distance)).toEqual(e.indicators.map((i) => i.distance));
      }
      expect(r.excluded.map((x: any) => x.school.code).sort()).toEqual(expected.excluded.map((x) => x.code).sort());
    }
  });

  it('lists excluded schools: special-education, vocational and teaching points under 50 pupils', async () => {
    const { report: r } = await report(LARGE, 'PRIMARY');
    const reasons = new Set(r.excluded.map((x: any) => x.reason));
    expect(reasons.has('SPECIAL_EDUCATION') && reasons.has('VOCATIONAL')).toBe(true);
    for (const x of r.excluded.filter((e: any) => e.reason === 'SMALL_TEACHING_POINT')) expect(x.students).toBeLessThan(50);
    const points = r.schools.edges.filter((e: any) => e.node.school.code && e.node.students < 50);
    expect(points).toEqual([]);
  });

  it('gives a trend over school years, one report per year, oldest first', async () => {
    const r = await s.statementsFor(`{ balanceTrend(localityCode: "${LARGE}", stage: JUNIOR, fromYear: "${YEAR}", toYear: "${NEXT}") { schoolYear schoolCount indicators { indicator cv } } }`);
    expect(r.statements).toBe(4); // locality, data version, schools⋈stats, teachers
    expect(r.data.balanceTrend.map((x: any) => x.schoolYear)).toEqual([YEAR, NEXT]);
    const next = assessBalance((await loadBalanceFacts(s.db, { localityCode: LARGE }, [NEXT])).byYear.get(NEXT)!, 'JUNIOR');
    expect(r.data.balanceTrend[1].indicators[3].cv).toBeCloseTo(next.indicators[3]!.cv!, 12);
    expect(r.data.balanceTrend[1].indicators[3].cv).not.toBeCloseTo(r.data.balanceTrend[0].indicators[3].cv, 6);
  });

  it('refuses a stage the standard does not assess, and an unknown locality', async () => {
    const r = await s.gql(`{ balanceReport(localityCode: "${LARGE}", schoolYear: "${YEAR}", stage: SENIOR) { schoolCount } }`);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const n = await s.gql(`{ balanceReport(localityCode: "520599", schoolYear: "${YEAR}", stage: PRIMARY) { schoolCount } }`);
    expect(n.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('teachers counted in SQL (L1–L3 of 第六条)', () => {
  /** The reference: every teacher row on the census date, counted by the pure `tallyTeachers`. */
  async function referenceTallies(county: string, year: string) {
    const day = censusDate(year);
    const rows = await s.db
      .select({ personId: tables.posts.personId, schoolCode: tables.posts.schoolCode, stage: tables.posts.stage, validFrom: tables.posts.validFrom, validTo: tables.posts.validTo, qualification: tables.people.qualification, backboneLevel: tables.people.backboneLevel, subjects: tables.people.subjects, schoolArchived: tables.schools.archivedAt })
      .from(tables.posts)
      .innerJoin(tables.people, eq(tables.people.id, tables.posts.personId))
      .innerJoin(tables.schools, eq(tables.schools.code, tables.posts.schoolCode))
      .where(and(eq(tables.schools.countyCode, county), eq(tables.posts.role, 'TEACHER'), isNull(tables.posts.archivedAt), isNull(tables.people.archivedAt)));
    const bySchool = new Map<string, Map<string, (typeof rows)[number]>>();
    for (const r of rows) {
      if (r.schoolArchived || r.validFrom > day || (r.validTo !== null && r.validTo < day)) continue;
      const m = bySchool.get(r.schoolCode!) ?? new Map();
      m.set(`${r.personId}|${r.stage ?? ''}`, r); // a person counts once per school and stage
      bySchool.set(r.schoolCode!, m);
    }
    const sortTallies = (t: readonly { stage: string | null }[]) => [...t].sort((a, b) => String(a.stage).localeCompare(String(b.stage)));
    return new Map([...bySchool].map(([code, m]) => [code, sortTallies(tallyTeachers([...m.values()]))]));
  }

  it('equals the pure count of the same rows, with a second post, a padded subject, an ended post and an archived person', async () => {
    const facts = (await loadBalanceFacts(s.db, { localityCode: SMALL }, [YEAR])).byYear.get(YEAR)!;
    const school = facts.find((f) => f.schoolType === '211')!;
    const day = censusDate(YEAR);
    const [teacher] = await s.db.select().from(tables.posts).where(and(eq(tables.posts.schoolCode, school.code), eq(tables.posts.role, 'TEACHER'))).limit(1);
    const person = (over: Partial<typeof tables.people.$inferInsert>) =>
      s.db.insert(tables.people).values({ name: '测试教师', gender: 'FEMALE', qualification: 'ASSOCIATE', title: 'NONE', localityCode: SMALL, isSample: true, ...over }).returning().then((r) => r[0]!);
    const padded = await person({ subjects: ['　音乐 '], backboneLevel: 'COUNTY' });
    const ended = await person({ qualification: 'MASTER' });
    const archived = await person({ qualification: 'MASTER', archivedAt: new Date() });
    await s.db.insert(tables.posts).values([
      { personId: teacher!.personId, role: 'TEACHER', schoolCode: school.code, stage: teacher!.stage, validFrom: '2010-09-01' }, // a second post, same stage
      { personId: padded.id, role: 'TEACHER', schoolCode: school.code, stage: 'PRIMARY', validFrom: day },
      { personId: ended.id, role: 'TEACHER', schoolCode: school.code, stage: 'PRIMARY', validFrom: '2010-09-01', validTo: '2024-08-31' },
      { personId: archived.id, role: 'TEACHER', schoolCode: school.code, stage: 'PRIMARY', validFrom: '2010-09-01' },
    ]);

    const after = (await loadBalanceFacts(s.db, { localityCode: SMALL }, [YEAR])).byYear.get(YEAR)!;
    const reference = await referenceTallies(SMALL, YEAR);
    for (const f of after) expect([...f.teachers].sort((a, b) => String(a.stage).localeCompare(String(b.stage))), f.code).toEqual(reference.get(f.code) ?? []);
    const all = (f: (typeof after)[number]) => f.teachers.reduce((n, t) => n + t.all, 0);
    const pe = (f: (typeof after)[number]) => f.teachers.reduce((n, t) => n + t.peAndArts, 0);
    const before = facts.find((f) => f.code === school.code)!;
    const now = after.find((f) => f.code === school.code)!;
    expect(all(now)).toBe(all(before) + 1); // only the padded-subject teacher is new on the census date
    expect(pe(now)).toBe(pe(before) + 1); // '　音乐 ' is 音乐
  });

  it('equals the pure count over a 50-school county, for each year', async () => {
    for (const year of [YEAR, NEXT]) {
      const facts = (await loadBalanceFacts(s.db, { localityCode: LARGE }, [year])).byYear.get(year)!;
      const reference = await referenceTallies(LARGE, year);
      expect(facts.filter((f) => f.teachers.length > 0).length).toBeGreaterThan(40);
      for (const f of facts) expect([...f.teachers].sort((a, b) => String(a.stage).localeCompare(String(b.stage))), f.code).toEqual(reference.get(f.code) ?? []);
    }
  });
});

describe('SchoolGroup.balance', () => {
  it('computes the same figures over a group’s members, batched across groups', async () => {
    const facts = (await loadBalanceFacts(s.db, { localityCode: LARGE }, [YEAR])).byYear.get(YEAR)!;
    const primary = facts.filter((f) => f.schoolType === '211').map((f) => f.code);
    const g1 = await createGroup(s.db, { kind: 'test.xuequ', name: '甲学区', localityCode: LARGE, leadSchoolCode: primary[0]!, memberSchoolCodes: primary.slice(1, 6), validFrom: '2024-01-01' });
    const g2 = await createGroup(s.db, { kind: 'test.xuequ', name: '乙学区', localityCode: LARGE, leadSchoolCode: primary[6]!, memberSchoolCodes: primary.slice(7, 15), validFrom: '2024-01-01' });
    const fields = `groupId name balance(schoolYear: $y, stage: PRIMARY) { schoolCount indicators { indicator cv } schools(first: 50) { edges { node { school { code } passes } } } }`;
    const one = await s.statementsFor(`query($y: SchoolYear!, $id: ID!) { schoolGroup(id: $id) { ${fields} } }`, { y: YEAR, id: g2.id });
    const r = await s.statementsFor(`query($y: SchoolYear!) { schoolGroups(filter: { localityCode: "${LARGE}" }) { nodes { ${fields} } } }`, { y: YEAR });
    // Batched: two groups cost what one does (memberships, schools⋈stats, teachers: once each).
    expect(r.statements).toBe(one.statements);
    expect(r.data.schoolGroups.nodes).toHaveLength(2);
    for (const [g, codes] of [[g1, primary.slice(0, 6)], [g2, primary.slice(6, 15)]] as const) {
      const got = r.data.schoolGroups.nodes.find((x: any) => x.groupId === g.id).balance;
      const expected = assessBalance(facts.filter((f) => codes.includes(f.code)), 'PRIMARY');
      expect(got.schoolCount).toBe(codes.length);
      got.indicators.forEach((i: any, k: number) => expect(i.cv).toBeCloseTo(expected.indicators[k]!.cv!, 12));
    }
  });
});
