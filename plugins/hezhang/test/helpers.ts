/** Hezhang's fixtures: the county it governs and records made as a bureau would. The rest is the shared kit. */
import { ok, startTestServer, type TestServer } from '@gongzhi/server/testing';
import { tables as core } from '@gongzhi/core';
import plugin from '../src/index.js';
import { SEED_LOCALITIES } from '../src/seed.js';

export const COUNTY = '520527';
/** The school year the scenarios run in (today's is 2026-2027 on the machines these tests were written on; the dates are fixed). */
export const Y = '2025-2026';

/** A server with the regime installed and enabled for 赫章县 (seeded), with these options. */
export function start(options: Record<string, unknown> = {}): Promise<TestServer> {
  return startTestServer({ plugins: [plugin], localities: SEED_LOCALITIES, governance: [{ locality: COUNTY, plugin: 'hezhang', options }] });
}

let seq = 0;
const next = () => ++seq;

/** A new test township of the county (codes 520527 8NN: not the seed's 9NN). */
export async function township(s: TestServer, name = '测试乡'): Promise<string> {
  const n = next();
  const code = `${COUNTY}${800 + n}`;
  ok(await s.gql(`mutation($i: CreateLocalityInput!) { createLocality(input: $i) { locality { code } } }`, { i: { code, name: `${name}${n}` } }));
  return code;
}

const CATEGORY: Record<string, string> = { '111': '11', '211': '21', '311': '31', '312': '21', '341': '34', '342': '34' };
/** A new school of the county in a township (test codes: digits 5–6 = 98), through core's createSchool. */
export async function school(s: TestServer, townshipCode: string | null, schoolType = '211', name = '测试学校'): Promise<string> {
  const n = next();
  const code = `${CATEGORY[schoolType]}5298${String(n).padStart(4, '0')}`;
  ok(await s.gql(`mutation($i: CreateSchoolInput!) { createSchool(input: $i) { school { code } } }`, { i: { code, name: `${name}${n}`, schoolType, countyCode: COUNTY, townshipCode, area: 'RURAL', isSample: true } }));
  return code;
}

/** A new person with a post at a school (through createPerson and createPost). */
export async function teacher(s: TestServer, schoolCode: string, o: { gender?: 'MALE' | 'FEMALE'; birthDate?: string; role?: string; stage?: string; validFrom?: string } = {}): Promise<string> {
  const p = ok(
    await s.gql(`mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { personId } } }`, {
      i: { name: `测试${next()}`, gender: o.gender ?? 'FEMALE', birthDate: o.birthDate ?? '1990-05-01', qualification: 'BACHELOR', title: 'FIRST_GRADE', localityCode: COUNTY, isSample: true },
    }),
  ).createPerson.person.personId as string;
  ok(await s.gql(`mutation($i: CreatePostInput!) { createPost(input: $i) { post { id } } }`, { i: { personId: p, role: o.role ?? 'TEACHER', schoolCode, stage: o.stage ?? null, validFrom: o.validFrom ?? '2020-09-01' } }));
  return p;
}

/** Many staff at a school at once, as the roster import would write them (for counts only). */
export async function staffBulk(s: TestServer, schoolCode: string, n: number, validFrom = '2020-09-01'): Promise<string[]> {
  const ids = Array.from({ length: n }, () => crypto.randomUUID());
  await s.db.insert(core.people).values(ids.map((id, i) => ({ id, name: `批量${i}`, gender: 'FEMALE', qualification: 'BACHELOR', title: 'NONE', localityCode: COUNTY, isSample: true })));
  await s.db.insert(core.posts).values(ids.map((personId) => ({ personId, role: 'TEACHER', schoolCode, validFrom })));
  return ids;
}

/** A new compulsory group responsible for these townships (formHezhangCompulsoryEducationGroup). */
export async function compulsoryGroup(s: TestServer, townshipCodes: string[], leadSchoolCode: string, name = '测试教育集团'): Promise<string> {
  return ok(
    await s.gql(`mutation($i: FormHezhangCompulsoryEducationGroupInput!) { formHezhangCompulsoryEducationGroup(input: $i) { group { groupId } } }`, {
      i: { localityCode: COUNTY, name: `${name}${next()}`, leadSchoolCode, memberSchoolCodes: [], townshipCodes, validFrom: '2021-09-13', isSample: true },
    }),
  ).formHezhangCompulsoryEducationGroup.group.groupId as string;
}

/**
 * The transfer scenes: a compulsory group over two townships, led by a school of the first with
 * 40 staff, another school of the same township and one of the second (a cross-township move).
 */
export async function twoTownshipGroup(s: TestServer): Promise<{ from: string; sameTownship: string; to: string; group: string }> {
  const [t1, t2] = [await township(s), await township(s)];
  const from = await school(s, t1);
  const sameTownship = await school(s, t1);
  const to = await school(s, t2);
  const group = await compulsoryGroup(s, [t1, t2], from);
  await staffBulk(s, from, 40);
  return { from, sameTownship, to, group };
}
