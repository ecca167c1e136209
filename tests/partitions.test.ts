import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GqlResult, type TestServer } from '@gongzhi/server/testing';
import { LOCALITIES, schoolInput } from './fixtures.js';

/**
 * Large pulls (issue 15): `schools(partition: { index, count })` cuts the list into slices read in
 * parallel, each paged by keyset; every school is read exactly once across the slices.
 */
let s: TestServer;
const CODES = Array.from({ length: 90 }, (_, i) => `21450${i < 45 ? '2' : '3'}${String(i).padStart(4, '0')}`);

beforeAll(async () => {
  s = await startTestServer({ localities: LOCALITIES });
  for (let b = 0; b < CODES.length; b += 15) {
    const batch = CODES.slice(b, b + 15).map((c, i) => `s${i}: createSchool(input: { code: "${c}", name: "学校${c}", schoolType: "211", countyCode: "${c[5] === '2' ? '450502' : '450503'}", area: URBAN }) { school { code } }`);
    const r = await s.gql(`mutation { ${batch.join('\n')} }`);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  }
  // An archived school is still one school, read once when asked for.
  await s.gql(`mutation { archiveSchool(input: { code: "${CODES[3]}" }) { school { code } } }`);
}, 120_000);
afterAll(() => s?.close());

const PAGE = `query($p: PartitionInput, $after: String, $f: SchoolFilter) { schools(partition: $p, filter: $f, first: 7, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { code } } }`;

async function readSlice(partition: { index: number; count: number } | null, filter: Record<string, unknown>): Promise<{ codes: string[]; totalCount: number }> {
  const codes: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (;;) {
    const r: GqlResult = await s.gql(PAGE, { p: partition, after, f: filter });
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    totalCount = r.data.schools.totalCount;
    codes.push(...r.data.schools.nodes.map((n: { code: string }) => n.code));
    if (!r.data.schools.pageInfo.hasNextPage) return { codes, totalCount };
    after = r.data.schools.pageInfo.endCursor;
  }
}

describe('partitioned pulls', () => {
  it.each([1, 3, 8])('every school is read exactly once across %i partitions read in parallel, each in code order', async (count) => {
    const filter = { localityCode: '450500', includeArchived: true };
    const whole = await readSlice(null, filter);
    expect(whole.codes).toEqual([...CODES].sort());
    const slices = await Promise.all(Array.from({ length: count }, (_, index) => readSlice({ index, count }, filter)));
    const all = slices.flatMap((x) => x.codes);
    expect(all.length).toBe(whole.codes.length);
    expect([...all].sort()).toEqual(whole.codes);
    for (const slice of slices) {
      expect(slice.codes).toEqual([...slice.codes].sort());
      expect(slice.totalCount).toBe(slice.codes.length);
      if (count <= 3) expect(slice.codes.length).toBeGreaterThan(0);
    }
  });

  it('filters apply inside a partition: the archived school is out unless asked for', async () => {
    const slices = await Promise.all([0, 1, 2].map((index) => readSlice({ index, count: 3 }, { localityCode: '450500' })));
    const all = slices.flatMap((x) => x.codes).sort();
    expect(all).toEqual([...CODES].filter((c) => c !== CODES[3]).sort());
  });

  it('people too: every person read exactly once across 4 partitions, in id order', async () => {
    for (let b = 0; b < 40; b += 10) {
      const batch = Array.from({ length: 10 }, (_, i) => `p${i}: createPerson(input: { name: "教师${b + i}", gender: MALE, qualification: BACHELOR, title: SECOND_GRADE, localityCode: "450502" }) { person { personId } }`);
      const r = await s.gql(`mutation { ${batch.join('\n')} }`);
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    }
    const Q = `query($p: PartitionInput, $after: String) { people(partition: $p, filter: { localityCode: "450502" }, first: 6, after: $after) { pageInfo { hasNextPage endCursor } nodes { personId } } }`;
    const read = async (p: { index: number; count: number } | null) => {
      const ids: string[] = [];
      let after: string | null = null;
      for (;;) {
        const r: GqlResult = await s.gql(Q, { p, after });
        expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
        ids.push(...r.data.people.nodes.map((n: { personId: string }) => n.personId));
        if (!r.data.people.pageInfo.hasNextPage) return ids;
        after = r.data.people.pageInfo.endCursor;
      }
    };
    const whole = await read(null);
    expect(whole).toHaveLength(40);
    const slices = await Promise.all([0, 1, 2, 3].map((index) => read({ index, count: 4 })));
    expect(slices.flat().sort()).toEqual([...whole].sort());
    for (const slice of slices) expect(slice.length).toBeGreaterThan(0);
  });

  it('an index outside the count, or a count out of range, is BAD_USER_INPUT naming the field', async () => {
    const r1 = await s.gql(PAGE, { p: { index: 3, count: 3 } });
    expect(r1.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'partition.index' });
    const r2 = await s.gql(PAGE, { p: { index: 0, count: 0 } });
    expect(r2.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'partition.count' });
    const r3 = await s.gql(PAGE, { p: { index: -1, count: 2 } });
    expect(r3.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'partition.index' });
  });
});
