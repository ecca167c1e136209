import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '@gongzhi/server/testing';
import beihai from '@gongzhi/plugin-beihai';
import testkit from './plugin-testkit/src/index.js';
import { CREATE_SCHOOL, LOCALITIES, schoolInput } from './fixtures.js';

/**
 * The change feed (issue 15): a consumer that rebuilds our entities from `changes(since:)` holds
 * what the API serves, after creates, updates, archives, hard deletes, corrected school codes, a
 * school moving county and a regime plugin's (Beihai's) groups changing — on PGlite, and on
 * PostgreSQL when DATABASE_URL is set. The feed is scoped to the caller's localities.
 */
let s: TestServer;
let province: string;
let yinhai: string;

const NODE = `node { __typename ... on Locality { code name } ... on School { code name isArchived county { code } } ... on Person { personId name isArchived locality { code } } ... on SchoolGroup { groupId name members { school { code } } } }`;
const CHANGES = `query($since: Cursor, $first: Int, $types: [String!]) { changes(since: $since, first: $first, types: $types) { cursor hasMore changes { cursor version type key operation previousKey newKey localityCode ${NODE} } } }`;

type Entry = { cursor: string; version: string; type: string; key: string; operation: 'UPSERT' | 'DELETE'; previousKey: string | null; newKey: string | null; node: Record<string, unknown> | null };

/** A consumer: applies every page from its cursor, keeping each entity's latest state by key. */
class Consumer {
  readonly state = new Map<string, Record<string, unknown>>();
  cursor: string | null = null;
  readonly versions: bigint[] = [];
  readonly seen: Entry[] = [];
  constructor(readonly token: string, readonly pageSize = 7) {}
  async sync(): Promise<void> {
    for (;;) {
      const r = await s.gql(CHANGES, { since: this.cursor, first: this.pageSize }, { token: this.token });
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      const page = r.data.changes;
      for (const e of page.changes as Entry[]) {
        this.versions.push(BigInt(e.version));
        this.seen.push(e);
        if (e.operation === 'DELETE') this.state.delete(e.key);
        else if (e.node) this.state.set(e.key, e.node);
      }
      this.cursor = page.cursor;
      if (!page.hasMore) return;
    }
  }
}

/** What the API serves in a scope, keyed as the consumer keys it (codes and UUIDs never collide). */
async function source(scope: string): Promise<Map<string, Record<string, unknown>>> {
  // One list per request: each stays under the server's query-cost limit.
  const lists = [
    `locality(code: $c) { __typename code name }`,
    `localities(filter: { parentCode: $c }, first: 100) { nodes { __typename code name } }`,
    `schools(filter: { localityCode: $c, includeArchived: true }, first: 100) { nodes { __typename code name isArchived county { code } } }`,
    `people(filter: { localityCode: $c, includeArchived: true }, first: 100) { nodes { __typename personId name isArchived locality { code } } }`,
    `schoolGroups(filter: { localityCode: $c }, first: 100) { nodes { __typename groupId name members { school { code } } } }`,
  ];
  const out = new Map<string, Record<string, unknown>>();
  for (const list of lists) {
    const r = await s.gql(`query($c: DivisionCode!) { ${list} }`, { c: scope });
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const [field, value] = Object.entries(r.data)[0] as [string, any];
    const nodes: Record<string, unknown>[] = field === 'locality' ? [value] : value.nodes;
    expect(nodes.length).toBeLessThan(100);
    for (const n of nodes) out.set(String(n.code ?? n.personId ?? n.groupId), n);
  }
  return out;
}

const sorted = (m: Map<string, unknown>) => Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b)));

const ok = async (q: string, v?: Record<string, unknown>) => {
  const r = await s.gql(q, v);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data;
};

beforeAll(async () => {
  s = await startTestServer({ plugins: [beihai], localities: LOCALITIES, governance: [{ locality: '450500', plugin: 'beihai', options: {} }] });
  province = await s.token({ sub: 'province-sync', roles: ['viewer'], localities: ['450000'], pii: [] });
  yinhai = await s.token({ sub: 'yinhai-sync', roles: ['viewer'], localities: ['450503'], pii: [] });
}, 120_000);
afterAll(() => s?.close());

describe('change feed', () => {
  it('a consumer rebuilding from the feed equals the source after creates, updates, archives, deletes, a key change, a move and a plugin’s groups changing', async () => {
    const full = new Consumer(province);
    const local = new Consumer(yinhai, 3);
    // From the beginning: the seed (Beihai's sample schools and 学区) is in the feed too.
    await full.sync();
    await local.sync();
    expect(sorted(full.state)).toEqual(sorted(await source('450000')));
    expect(full.seen.some((e) => e.type === 'BeihaiXuequ')).toBe(true);

    // Creates.
    for (const code of ['2145030001', '2145030002', '2145030003', '2145030004']) await ok(CREATE_SCHOOL, { i: schoolInput(code, { countyCode: '450503' }) });
    const person = (await ok(`mutation { createPerson(input: { name: "王芳", gender: FEMALE, qualification: BACHELOR, title: SENIOR, subjects: ["数学"], localityCode: "450503" }) { person { personId } } }`)).createPerson.person.personId;
    await full.sync();
    await local.sync();

    // Updates, an archive, a move out of 银海区, a plugin's group renamed and one of its memberships deleted.
    await ok(`mutation { updateSchool(input: { code: "2145030001", name: "银海区第一小学" }) { school { code } } }`);
    await ok(`mutation { archiveSchool(input: { code: "2145030002" }) { school { code } } }`);
    await ok(`mutation { updateSchool(input: { code: "2145030003", countyCode: "450502" }) { school { code } } }`);
    await ok(`mutation($id: ID!) { updatePerson(input: { id: $id, name: "王芳芳" }) { person { personId } } }`, { id: person });
    const group = (await ok(`{ schoolGroups(filter: { localityCode: "450500" }) { nodes { groupId name members { school { code } } } } }`)).schoolGroups.nodes.find((g: any) => g.members.length > 1);
    await ok(`mutation($id: ID!) { updateBeihaiXuequ(input: { groupId: $id, name: "北海市第一学区（更名）" }) { xuequ { groupId } } }`, { id: group.groupId });
    // A bureau's SQL: the feed sees whatever wrote. A membership recorded in error is removed,
    // a school registered in error is deleted, and a mistyped code is corrected.
    await s.db.execute(sql`delete from core.group_members where id = (select id from core.group_members where group_id = ${group.groupId} order by id limit 1)`);
    await s.db.execute(sql`delete from core.schools where code = '2145030004'`);
    // A school code registered in error, with a post at it, corrected through the API: the post follows.
    await ok(CREATE_SCHOOL, { i: schoolInput('2145030095', { countyCode: '450503' }) });
    await ok(`mutation($i: CreatePostInput!) { createPost(input: $i) { post { postId } } }`, { i: { personId: person, role: 'TEACHER', schoolCode: '2145030095', validFrom: '2024-09-01' } });
    expect((await ok(`mutation { correctSchoolCode(input: { code: "2145030095", newCode: "2145030005" }) { school { code name } } }`)).correctSchoolCode.school).toEqual({ code: '2145030005', name: '学校2145030095' });
    expect((await ok(`query($id: ID!) { person(id: $id) { posts { school { code } } } }`, { id: person })).person.posts).toEqual([{ school: { code: '2145030005' } }]);
    expect((await s.gql(`mutation { correctSchoolCode(input: { code: "2145030005", newCode: "2145030001" }) { school { code } } }`)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.newCode' });
    // And by a bureau's SQL on a school nothing refers to: the trigger sees the key change itself.
    await ok(CREATE_SCHOOL, { i: schoolInput('2145030096', { countyCode: '450503' }) });
    await s.db.execute(sql`update core.schools set code = '2145030007' where code = '2145030096'`);

    await full.sync();
    await local.sync();
    expect(sorted(full.state)).toEqual(sorted(await source('450000')));
    expect(sorted(local.state)).toEqual(sorted(await source('450503')));
    expect(local.state.has('2145030003')).toBe(false);
    expect(full.state.get('2145030003')).toMatchObject({ county: { code: '450502' } });
    expect(full.state.has('2145030004')).toBe(false);
    expect(full.state.get(group.groupId)).toMatchObject({ __typename: 'BeihaiXuequ', name: '北海市第一学区（更名）' });
    expect((full.state.get(group.groupId)!.members as unknown[]).length).toBe(group.members.length - 1);

    // The tombstones and the key change as the feed tells them.
    const tail = full.seen.slice(-60);
    expect(tail).toContainEqual(expect.objectContaining({ type: 'School', key: '2145030004', operation: 'DELETE', newKey: null, node: null }));
    expect(tail).toContainEqual(expect.objectContaining({ type: 'School', key: '2145030095', operation: 'DELETE', newKey: '2145030005' }));
    expect(tail).toContainEqual(expect.objectContaining({ type: 'School', key: '2145030005', operation: 'UPSERT', previousKey: '2145030095' }));
    expect(tail).toContainEqual(expect.objectContaining({ type: 'School', key: '2145030096', operation: 'DELETE', newKey: '2145030007' }));
    expect(tail).toContainEqual(expect.objectContaining({ type: 'School', key: '2145030007', operation: 'UPSERT', previousKey: '2145030096' }));
    expect(full.state.has('2145030095')).toBe(false);
    expect(full.state.get('2145030005')).toMatchObject({ code: '2145030005' });
    expect(local.seen).toContainEqual(expect.objectContaining({ key: '2145030003', operation: 'DELETE' }));

    // Monotonic: every version above the one before it, for both consumers.
    for (const c of [full, local]) for (let i = 1; i < c.versions.length; i++) expect(c.versions[i]! > c.versions[i - 1]!).toBe(true);
    // Scoped: nothing outside 银海区 reached its consumer.
    expect(local.seen.every((e) => (e as unknown as { localityCode: string }).localityCode.startsWith('450503'))).toBe(true);

    // Nothing new: an empty page keeps the cursor.
    const again = await s.gql(CHANGES, { since: full.cursor }, { token: province });
    expect(again.data.changes).toEqual({ cursor: full.cursor, hasMore: false, changes: [] });
  });

  it('types: one regime’s group type, or core’s types; an unknown type is BAD_USER_INPUT naming it', async () => {
    const xuequ = await s.gql(CHANGES, { types: ['BeihaiXuequ'], first: 1000 }, { token: province });
    expect(xuequ.data.changes.changes.length).toBeGreaterThan(0);
    expect(new Set(xuequ.data.changes.changes.map((e: Entry) => e.type))).toEqual(new Set(['BeihaiXuequ']));
    const schools = await s.gql(CHANGES, { types: ['School'], first: 1000 }, { token: province });
    expect(new Set(schools.data.changes.changes.map((e: Entry) => e.type))).toEqual(new Set(['School']));
    const bad = await s.gql(CHANGES, { types: ['School', 'Teacher'] }, { token: province });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'types.1' });
  });

  it('a cursor that is not ours, a page size out of range and no token: typed errors', async () => {
    expect((await s.gql(CHANGES, { since: 'garbage!' }, { token: province })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'since' });
    expect((await s.gql(CHANGES, { since: Buffer.from('gzc1:x').toString('base64url') }, { token: province })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'since' });
    expect((await s.gql(CHANGES, { first: 0 }, { token: province })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await s.gql(CHANGES, { first: 5001 }, { token: province })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await s.gql(CHANGES, {}, { token: null })).errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('changesHead: a full pull started from it misses nothing written during the pull', async () => {
    const head = (await s.gql(`{ changesHead }`, {}, { token: province })).data.changesHead;
    await ok(CREATE_SCHOOL, { i: schoolInput('2145030006', { countyCode: '450503' }) });
    const r = await s.gql(CHANGES, { since: head }, { token: province });
    expect(r.data.changes.changes.map((e: Entry) => [e.key, e.operation])).toEqual([['2145030006', 'UPSERT']]);
  });
});

describe('change feed: a plugin’s own tables join through the plugin contract (changeFeed)', () => {
  it('setting a test regime’s motto (a field on School) is an UPSERT of the School, with the motto in its node', async () => {
    const t = await startTestServer({ plugins: [testkit], localities: LOCALITIES, governance: [{ locality: '450500', plugin: 'testkit', options: {} }] });
    try {
      const token = await t.token({ sub: 'sync', roles: ['viewer'], localities: ['450000'], pii: [] });
      await t.gql(CREATE_SCHOOL, { i: schoolInput('2145020001') });
      const head = (await t.gql(`{ changesHead }`, {}, { token })).data.changesHead;
      const set = await t.gql(`mutation { setTestkitMotto(input: { schoolCode: "2145020001", motto: "求真" }) { motto { motto } } }`);
      expect(set.errors).toBeUndefined();
      const r = await t.gql(`query($since: Cursor) { changes(since: $since) { changes { type key operation node { ... on School { code testkitMotto { motto } } } } } }`, { since: head }, { token });
      expect(r.errors).toBeUndefined();
      expect(r.data.changes.changes).toEqual([{ type: 'School', key: '2145020001', operation: 'UPSERT', node: { code: '2145020001', testkitMotto: { motto: '求真' } } }]);
    } finally {
      await t.close();
    }
  });

  it('a plugin may not put its own entities under another name, nor a table outside its schema', async () => {
    const { feedSources } = await import('@gongzhi/core');
    const withFeed = (changeFeed: unknown) => ({ ...testkit, changeFeed }) as typeof testkit;
    expect(() => feedSources([withFeed([{ type: 'Motto', table: 'testkit.mottos', key: 'school_code', load: async () => null }])])).toThrow(/must start with "Testkit"/);
    expect(() => feedSources([withFeed([{ type: 'TestkitMotto', table: 'core.schools', key: 'code', load: async () => null }])])).toThrow(/plugin's schema "testkit"/);
    expect(() => feedSources([withFeed([{ type: 'TestkitMotto', table: 'testkit.mottos', key: 'school_code; drop', load: async () => null }])])).toThrow(/not a lowercase SQL identifier/);
    expect(() => feedSources([withFeed([{ type: 'TestkitMotto', table: 'testkit.mottos', key: 'school_code' }])])).toThrow(/needs load/);
  });
});
