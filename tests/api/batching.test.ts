import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@gongzhi/server';
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
  });
});
