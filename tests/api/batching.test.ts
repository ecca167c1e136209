import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@gongzhi/server/testing';
import { tables } from '@gongzhi/core';
import { LOCALITIES } from '../fixtures.js';

/**
 * Every relation is batched: the SQL statements of a nested query grow with its depth, never with
 * the rows. Two counties of different size, the same query, the same count.
 */
let s: TestServer;

async function seedCounty(county: string, schools: number, peoplePerSchool: number) {
  const province = county.slice(0, 2);
  const schoolRows = Array.from({ length: schools }, (_, i) => ({
    code: `21${province}${county.slice(4, 6)}${String(i + 1).padStart(4, '0')}`,
    name: `学校${i + 1}`,
    schoolType: '211',
    stages: ['PRIMARY'],
    countyCode: county,
    area: 'URBAN',
    authorityCode: county,
    isSample: true,
  }));
  await s.db.insert(tables.schools).values(schoolRows);
  const people = schoolRows.flatMap((sc) =>
    Array.from({ length: peoplePerSchool }, (_, j) => ({ id: crypto.randomUUID(), name: `教师${j}`, gender: 'FEMALE', qualification: 'BACHELOR', title: 'FIRST_GRADE', localityCode: county, school: sc.code })),
  );
  for (let i = 0; i < people.length; i += 500) {
    const chunk = people.slice(i, i + 500);
    await s.db.insert(tables.people).values(chunk.map(({ school: _s, ...p }) => p));
    await s.db.insert(tables.posts).values(chunk.map((p, k) => ({ personId: p.id, role: k % peoplePerSchool === 0 ? 'PRINCIPAL' : 'TEACHER', schoolCode: p.school, validFrom: '2020-09-01' })));
  }
}

const NESTED = `query($county: DivisionCode!) {
  schools(first: 100, filter: { localityCode: $county }) {
    totalCount
    edges { node {
      code name county { name parent { name } }
      staff { nodes { role roleTitle person { name posts { school { code } } exchanges { id } } } }
      groups { name }
    } }
  }
}`;

beforeAll(async () => {
  s = await startTestServer({ localities: LOCALITIES });
  await seedCounty('450502', 5, 2);
  await seedCounty('450503', 50, 20);
});
afterAll(() => s?.close());

async function statementsFor(county: string) {
  const r = await s.statementsFor(NESTED, { county }, { token: null });
  return { count: r.statements, data: r.data };
}

describe('batching', () => {
  it('a nested query over 50 schools × 20 people with posts costs the same statements as over 5 × 2', async () => {
    const small = await statementsFor('450502');
    const large = await statementsFor('450503');
    expect(small.data.schools.totalCount).toBe(5);
    expect(large.data.schools.totalCount).toBe(50);
    expect(large.data.schools.edges[49].node.staff.nodes).toHaveLength(20);
    expect(large.data.schools.edges[0].node.staff.nodes[0].person.posts[0].school.code).toBe(large.data.schools.edges[0].node.code);
    expect(large.count).toBe(small.count);
    // One per level: schools, count, localities ×2, posts, people, posts of people, schools of posts, exchanges, groups.
    expect(large.count).toBeLessThanOrEqual(12);
  });

  it('pages with first/after in code order, with a stable total', async () => {
    const q = `query($after: String) { schools(first: 20, after: $after, filter: { localityCode: "450503" }) { totalCount pageInfo { hasNextPage endCursor } edges { node { code } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: any = await s.gql(q, { after }, { token: null });
      seen.push(...r.data.schools.edges.map((e: any) => e.node.code));
      expect(r.data.schools.totalCount).toBe(50);
      if (!r.data.schools.pageInfo.hasNextPage) break;
      after = r.data.schools.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(50);
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(50);
    // The page and its totalCount are one statement (the count a subquery over the filter alone);
    // a page past the end still knows the total, counted on its own.
    const one = await s.statementsFor(q, { after: seen[19] }, { token: null });
    expect(one.statements).toBe(1);
    expect(one.data.schools.totalCount).toBe(50);
    expect(one.data.schools.edges[0].node.code).toBe(seen[20]);
    const past = await s.statementsFor(q, { after: seen[49] }, { token: null });
    expect(past.data.schools).toMatchObject({ totalCount: 50, edges: [], pageInfo: { hasNextPage: false } });
  });

  it('School.staff reads the page it answers, not the roster: 50 schools × a page of 5 fetches about 50 × 6 rows, counted in the same statement', async () => {
    const q = `query($county: DivisionCode!) { schools(first: 50, filter: { localityCode: $county }) { edges { node { code staff(first: 5) { totalCount pageInfo { hasNextPage } nodes { postId role } } } } } }`;
    const r = await s.statementsFor(q, { county: '450503' }, { token: null });
    const schools = r.data.schools.edges;
    expect(schools).toHaveLength(50);
    expect(schools.every((e: any) => e.node.staff.nodes.length === 5 && e.node.staff.totalCount === 20 && e.node.staff.pageInfo.hasNextPage)).toBe(true);
    // Schools (50 + count), the pages (5 + 1 per school, to know that more follow); not 50 × 20 posts.
    expect(r.rows).toBeGreaterThanOrEqual(50 + 50 * 5);
    expect(r.rows).toBeLessThanOrEqual(50 + 1 + 50 * 6 + 5);
    expect(r.statements).toBeLessThanOrEqual(3);
  });

  it('School.staff pages are stable and total: role, first day, then id; the pages of a school join up without gaps or repeats', async () => {
    const code = (await s.gql(`{ schools(first: 1, filter: { localityCode: "450503" }) { nodes { code } } }`, {}, { token: null })).data.schools.nodes[0].code;
    const page = `query($c: SchoolCode!, $after: String) { school(code: $c) { staff(first: 7, after: $after) { pageInfo { hasNextPage endCursor } nodes { postId role } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const d: any = (await s.gql(page, { c: code, after }, { token: null })).data;
      seen.push(...d.school.staff.nodes.map((n: any) => n.postId));
      if (!d.school.staff.pageInfo.hasNextPage) break;
      after = d.school.staff.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(20);
    expect(new Set(seen).size).toBe(20);
    const all: any = (await s.gql(`query($c: SchoolCode!) { school(code: $c) { staff(first: 100) { nodes { postId } } } }`, { c: code }, { token: null })).data;
    expect(all.school.staff.nodes.map((n: any) => n.postId)).toEqual(seen);
  });

  it('School.staff { totalCount } alone counts in SQL: one row per school, not its posts', async () => {
    const q = `query($county: DivisionCode!) { schools(first: 50, filter: { localityCode: $county }) { edges { node { code staff { totalCount } principal: staff(role: "PRINCIPAL") { nodes { person { name } } } } } } }`;
    const r = await s.statementsFor(q, { county: '450503' }, { token: null });
    expect(r.data.schools.edges.every((e: any) => e.node.staff.totalCount === 20 && e.node.principal.nodes.length === 1)).toBe(true);
    // 50 schools (+ their count), 50 counts, 50 principals' posts with their people: no roster.
    expect(r.rows).toBeLessThanOrEqual(50 + 1 + 50 + 50 + 5);
  });

  it('a county dashboard (issue 9, P1): schools with their statistics and head counts in one statement, the principals with their people in one more', async () => {
    const codes = (await s.gql(`{ schools(first: 3, filter: { localityCode: "450503" }) { nodes { code } } }`, {}, { token: null })).data.schools.nodes.map((n: any) => n.code);
    await s.db.insert(tables.schoolYearStats).values(codes.map((c: string, i: number) => ({ schoolCode: c, schoolYear: '2025-2026', enrollmentPrimary: 100 + i, classes: 4 })));
    const q = `query($county: DivisionCode!, $year: SchoolYear!) { schools(first: 50, filter: { localityCode: $county }) { nodes { code principal: staff(role: "PRINCIPAL") { nodes { person { name title } } } staffCount: staff { totalCount } yearStats(schoolYear: $year) { enrollmentPrimary classes } } } }`;
    const r = await s.statementsFor(q, { county: '450503', year: '2025-2026' }, { token: null });
    const nodes = r.data.schools.nodes;
    expect(nodes).toHaveLength(50);
    expect(nodes.every((n: any) => n.principal.nodes.length === 1 && n.principal.nodes[0].person.name === '教师0' && n.staffCount.totalCount === 20)).toBe(true);
    // The statistics read along with the page are the school's own, and null where none were imported.
    expect(nodes.slice(0, 4).map((n: any) => n.yearStats)).toEqual([{ enrollmentPrimary: 100, classes: 4 }, { enrollmentPrimary: 101, classes: 4 }, { enrollmentPrimary: 102, classes: 4 }, null]);
    // The page with statistics and counts, then the principals' pages joined with their people: two, whatever the rows.
    expect(r.statements).toBe(2);
    // 50 schools (+1 to know whether more follow), 50 principals each carrying their person.
    expect(r.rows).toBeLessThanOrEqual(51 + 50);
    // Two school years, or a head count on another day: those load by their own loaders, with the same answers.
    const two = await s.statementsFor(
      `query($county: DivisionCode!) { schools(first: 50, filter: { localityCode: $county }) { nodes { code a: yearStats(schoolYear: "2025-2026") { classes } b: yearStats(schoolYear: "2024-2025") { classes } past: staff(asOf: "2019-01-01") { totalCount } } } }`,
      { county: '450503' },
      { token: null },
    );
    expect(two.data.schools.nodes[0]).toMatchObject({ a: { classes: 4 }, b: null, past: { totalCount: 0 } });
    expect(two.statements).toBe(3);
    // Without `person`, the page reads posts alone; through a named fragment, the people are joined all the same.
    const viaFragment = await s.statementsFor(
      `query($county: DivisionCode!) { schools(first: 50, filter: { localityCode: $county }) { nodes { code staff(first: 5) { ...P } } } } fragment P on SchoolStaffConnection { nodes { person { name } } }`,
      { county: '450503' },
      { token: null },
    );
    expect(viaFragment.statements).toBe(2);
    expect(viaFragment.data.schools.nodes[3].staff.nodes).toHaveLength(5);
  });

  it('a school’s detail (issue 9, P2): the school, its staff page in any shape (a role, a date, edges, with or without people) and its groups are three statements', async () => {
    const [code] = (await s.gql(`{ schools(first: 1, filter: { localityCode: "450503" }) { nodes { code } } }`, {}, { token: null })).data.schools.nodes.map((n: any) => n.code);
    const detail = (staff: string) => `query($code: SchoolCode!) { school(code: $code) { code name staff${staff} groups { name } } }`;
    const shapes = [
      '(first: 5) { totalCount nodes { role person { name } } }',
      '(first: 5, role: "TEACHER") { nodes { person { name } } }',
      '(first: 3, asOf: "2021-01-01") { edges { cursor node { person { name } } } }',
      ' { nodes { role validFrom } }',
    ];
    for (const shape of shapes) {
      const r = await s.statementsFor(detail(shape), { code }, { token: null });
      expect(r.data.school.code).toBe(code);
      // The school, the page (joined with its people when asked) and the groups.
      expect(r.statements, shape).toBe(3);
    }
    const page = (await s.gql(detail(shapes[1]!), { code }, { token: null })).data.school.staff.nodes;
    expect(page).toHaveLength(5);
    // A malformed argument below the school is the field's error, as before; the school still answers.
    const bad = await s.gql(detail('(asOf: "2021-13-01") { totalCount nodes { role } }'), { code }, { token: null });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
  });

  it('a school’s detail (issue 9, P2): its staff pages and groups are asked beside the school, not after it, with the keys their fields then use', async () => {
    const [code] = (await s.gql(`{ schools(first: 1, filter: { localityCode: "450503" }) { nodes { code } } }`, {}, { token: null })).data.schools.nodes.map((n: any) => n.code);
    // When each statement was sent, how many rows had come back: all sent before any answered is one round trip.
    const counter = s.database.statements;
    const sentAfterRows: number[] = [];
    let count = counter.count;
    Object.defineProperty(counter, 'count', { configurable: true, get: () => count, set: (v: number) => ((count = v), sentAfterRows.push(counter.rows)) });
    try {
      const ask = async (query: string) => {
        sentAfterRows.length = 0;
        const rows0 = counter.rows;
        const r = await s.statementsFor(query, { code }, { token: null });
        return { ...r, sent: sentAfterRows.map((n) => n - rows0) };
      };
      // Two pages of different shapes (aliases, a fragment, a variable-free argument) and the groups.
      const q = `query($code: SchoolCode!) { school(code: $code) { code teachers: staff(first: 2, role: "TEACHER") { nodes { person { name } } } ...more groups { name } } }
        fragment more on School { all: staff(first: 5) { totalCount edges { node { role } } } }`;
      const r = await ask(q);
      // The school, two pages and the groups: four, all sent before the first answer came back.
      expect(r.statements).toBe(4);
      expect(r.sent).toEqual([0, 0, 0, 0]);
      expect(r.data.school.teachers.nodes).toHaveLength(2);
      expect(r.data.school.all.edges).toHaveLength(5);
      // The same fields of the same school (the county's first) through a page of schools, where nothing is prefetched, answer the same.
      const viaList = await s.gql(
        `{ schools(first: 1, filter: { localityCode: "450503" }) { nodes { code teachers: staff(first: 2, role: "TEACHER") { nodes { person { name } } } ...more groups { name } } } }
        fragment more on School { all: staff(first: 5) { totalCount edges { node { role } } } }`,
        {},
        { token: null },
      );
      expect(viaList.errors).toBeUndefined();
      expect(viaList.data.schools.nodes[0]).toEqual(r.data.school);
      // A code that names no school: null, for no more statements than a found one.
      const missing = await s.statementsFor(q, { code: '9999999999' }, { token: null });
      expect(missing.data.school).toBeNull();
      expect(missing.statements).toBeLessThanOrEqual(4);
    } finally {
      Object.defineProperty(counter, 'count', { configurable: true, writable: true, enumerable: true, value: count });
    }
  });
});
