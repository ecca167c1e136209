import { and, eq, getColumns, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db.js';
import { people, posts } from '../tables.js';
import { personLoader } from './people.js';
import { byKey, defineLoader, groupByKey } from '../loaders.js';
import { uuidOf } from '../ids.js';
import { groupKeysByDate, inForceOn } from './common.js';
import { anyOf, preparedQuery } from '../prepared.js';
import { badInput, notFound } from '../errors.js';
import type { Registry } from '../registry.js';

export type PostRow = typeof posts.$inferSelect;

interface ByOwnerKey {
  id: string;
  asOf: string;
}

function postsByColumn(name: string, column: typeof posts.schoolCode | typeof posts.personId | typeof posts.groupId, ownerOf: (r: PostRow) => string | null) {
  return defineLoader<ByOwnerKey, PostRow[]>(
    name,
    async (db, keys) => {
      const out = new Map<ByOwnerKey, PostRow[]>();
      for (const [asOf, ks] of groupKeysByDate(keys)) {
        const rows = await db
          .select()
          .from(posts)
          .where(and(inArray(column, ks.map((k) => k.id)), isNull(posts.archivedAt), inForceOn(posts.validFrom, posts.validTo, asOf)))
          .orderBy(posts.role, posts.validFrom);
        const grouped = groupByKey(ks.map((k) => k.id), rows, ownerOf);
        ks.forEach((k, i) => out.set(k, grouped[i]!));
      }
      return keys.map((k) => out.get(k) ?? []);
    },
    (k) => `${k.id}|${k.asOf}`,
  );
}

/** A page of a school's staff: the posts in force on a date, of one role or all, in a total order. */
export interface StaffPageKey {
  schoolCode: string;
  asOf: string;
  role: string | null;
  offset: number;
  limit: number;
  /** The query asks for each post's person: read them in the same statement and prime the person loader. */
  withPerson?: boolean;
}

export interface StaffPage {
  rows: PostRow[];
  /** All posts that match, not just this page. */
  totalCount: number;
}

/**
 * Staff pages of many schools in one statement per distinct (date, role, page): filtered, counted
 * and cut in SQL with window functions, so a page of 50 reads 50 rows (+1 to know whether more
 * follow), not the school's whole roster. Ordered by role, first day, then id: a total order, so
 * a page is the same between requests.
 */
export const staffPageLoader = defineLoader<StaffPageKey, StaffPage>(
  'core.posts.staffPage',
  async (db, keys, loaders) => {
    const groups = new Map<string, StaffPageKey[]>();
    for (const k of keys) {
      const g = `${k.asOf}|${k.role ?? ''}|${k.offset}|${k.limit}|${k.withPerson ? 1 : 0}`;
      const group = groups.get(g);
      if (group) group.push(k);
      else groups.set(g, [k]);
    }
    const out = new Map<StaffPageKey, StaffPage>();
    // Pages of different shapes (two aliased `staff` fields) are sent together, not one after another.
    await Promise.all([...groups.values()].map(async (ks) => {
      const { asOf, role, offset, limit, withPerson } = ks[0]!;
      const params = { codes: [...new Set(ks.map((k) => k.schoolCode))], asOf, role, from: offset, to: offset + limit };
      const rows: StaffPageRow[] = await staffPageQueries[`${role ? 'role' : 'all'}|${withPerson ? 'person' : 'post'}`]!(db, params);
      if (withPerson) {
        const persons = personLoader({ loaders });
        for (const r of rows) if (r.person) persons.prime(r.person.id, r.person);
      }
      const bySchool = groupByKey(
        ks.map((k) => k.schoolCode),
        rows,
        (r) => r.schoolCode,
      );
      ks.forEach((k, i) => {
        const mine = bySchool[i]!;
        out.set(k, { rows: mine.map(({ rn: _rn, total: _total, person: _person, ...post }) => post as PostRow), totalCount: Number(mine[0]?.total ?? 0) });
      });
    }));
    return keys.map((k) => out.get(k)!);
  },
  (k) => `${k.schoolCode}|${k.asOf}|${k.role ?? ''}|${k.offset}|${k.limit}|${k.withPerson ? 1 : 0}`,
);

type StaffPageRow = PostRow & { rn: number; total: number; person?: typeof people.$inferSelect | null };
type StaffPageParams = { codes: string[]; asOf: string; role: string | null; from: number; to: number };

/**
 * The staff page statement in its four shapes (one role or all; with the people or not), each built
 * once: the schools, date, role and page bounds are its parameters.
 */
function staffPageQuery(byRole: boolean, withPerson: boolean) {
  return preparedQuery<StaffPageParams, StaffPageRow[]>((db) => {
    const ranked = db
      .select({
        ...getColumns(posts),
        rn: sql<number>`row_number() over (partition by ${posts.schoolCode} order by ${posts.role}, ${posts.validFrom}, ${posts.id})`.as('rn'),
        total: sql<number>`count(*) over (partition by ${posts.schoolCode})`.as('total'),
      })
      .from(posts)
      .where(and(anyOf(posts.schoolCode, 'codes'), isNull(posts.archivedAt), inForceOn(posts.validFrom, posts.validTo, sql.placeholder('asOf')), byRole ? eq(posts.role, sql.placeholder('role')) : undefined))
      .as('ranked');
    const inPage = and(gt(ranked.rn, sql.placeholder('from')), lte(ranked.rn, sql.placeholder('to')));
    // With the people joined, a page and its people are one statement; the person loader is
    // primed with the same rows it would have read, so Post.person asks nothing more.
    if (withPerson) {
      const columns = Object.fromEntries([...Object.keys(getColumns(posts)), 'rn', 'total'].map((k) => [k, (ranked as unknown as Record<string, unknown>)[k]])) as Record<string, never>;
      return db.select({ ...columns, person: people }).from(ranked).leftJoin(people, eq(people.id, ranked.personId)).where(inPage).orderBy(ranked.schoolCode, ranked.rn).prepare() as never;
    }
    return db.select().from(ranked).where(inPage).orderBy(ranked.schoolCode, ranked.rn).prepare() as never;
  });
}

const staffPageQueries: Record<string, (db: Db, p: StaffPageParams) => Promise<StaffPageRow[]>> = {
  'role|person': staffPageQuery(true, true),
  'role|post': staffPageQuery(true, false),
  'all|person': staffPageQuery(false, true),
  'all|post': staffPageQuery(false, false),
};

const staffCountQuery = (byRole: boolean) =>
  preparedQuery<{ codes: string[]; asOf: string; role: string | null }, { schoolCode: string | null; n: number }[]>((db) =>
    db
      .select({ schoolCode: posts.schoolCode, n: sql<number>`count(*)` })
      .from(posts)
      .where(and(anyOf(posts.schoolCode, 'codes'), isNull(posts.archivedAt), inForceOn(posts.validFrom, posts.validTo, sql.placeholder('asOf')), byRole ? eq(posts.role, sql.placeholder('role')) : undefined))
      .groupBy(posts.schoolCode)
      .prepare(),
  );
const staffCountQueries = { role: staffCountQuery(true), all: staffCountQuery(false) };

/** How many posts match per school (for a page past the end, where the page itself carries no count). */
export const staffCountLoader = defineLoader<Omit<StaffPageKey, 'offset' | 'limit'>, number>(
  'core.posts.staffCount',
  async (db, keys) => {
    const out = new Map<string, number>();
    const groups = new Map<string, Omit<StaffPageKey, 'offset' | 'limit'>[]>();
    for (const k of keys) {
      const g = `${k.asOf}|${k.role ?? ''}`;
      const group = groups.get(g);
      if (group) group.push(k);
      else groups.set(g, [k]);
    }
    for (const ks of groups.values()) {
      const { asOf, role } = ks[0]!;
      const rows = await staffCountQueries[role ? 'role' : 'all'](db, { codes: [...new Set(ks.map((k) => k.schoolCode))], asOf, role });
      for (const r of rows) out.set(`${r.schoolCode}|${asOf}|${role ?? ''}`, Number(r.n));
    }
    return keys.map((k) => out.get(`${k.schoolCode}|${k.asOf}|${k.role ?? ''}`) ?? 0);
  },
  (k) => `${k.schoolCode}|${k.asOf}|${k.role ?? ''}`,
);

/** Posts by id, archived ones included (a Relay `node(id:)` still finds what it was given). */
export const postLoader = defineLoader<string, PostRow | null>('core.posts.byId', async (db, ids) => byKey(ids, await db.select().from(posts).where(inArray(posts.id, [...ids])), (r) => r.id));

export const postsBySchoolLoader = postsByColumn('core.posts.bySchool', posts.schoolCode, (r) => r.schoolCode);
export const postsByPersonLoader = postsByColumn('core.posts.byPerson', posts.personId, (r) => r.personId);
export const postsByGroupLoader = postsByColumn('core.posts.byGroup', posts.groupId, (r) => r.groupId);

export interface PostInput {
  personId: string;
  role: string;
  schoolCode?: string | null;
  groupId?: string | null;
  stage?: string | null;
  validFrom: string;
  validTo?: string | null;
}

export function checkPostShape(registry: Registry, input: { role: string; schoolCode?: string | null; groupId?: string | null; validFrom: string; validTo?: string | null }) {
  const role = registry.roles.get(input.role);
  if (!role)
    throw badInput('input.role', {
      zh: `未知职务 ${input.role}（可选：${[...registry.roles.keys()].join('、')}）`,
      en: `unknown role ${input.role} (known: ${[...registry.roles.keys()].join(', ')})`,
    });
  if (!input.schoolCode && !input.groupId)
    throw badInput('input.schoolCode', { zh: '职务须属于一所学校或一个学校共同体', en: 'a post is held at a school or a group' });
  if (role.heldAt === 'SCHOOL' && !input.schoolCode)
    throw badInput('input.schoolCode', { zh: `${role.title.zh}须在学校任职`, en: `${role.title.en} is held at a school` });
  if (role.heldAt === 'GROUP' && !input.groupId)
    throw badInput('input.groupId', { zh: `${role.title.zh}须在学校共同体任职`, en: `${role.title.en} is held at a group` });
  if (input.validTo && input.validTo < input.validFrom)
    throw badInput('input.validTo', { zh: '结束日期早于开始日期', en: 'ends before it starts' });
}

export async function createPost(db: Db, registry: Registry, input: PostInput): Promise<PostRow> {
  checkPostShape(registry, input);
  const [row] = await db
    .insert(posts)
    .values({
      personId: input.personId,
      role: input.role,
      schoolCode: input.schoolCode ?? null,
      groupId: input.groupId ?? null,
      stage: input.stage ?? null,
      validFrom: input.validFrom,
      validTo: input.validTo ?? null,
    })
    .returning();
  return row!;
}

/** A post by its UUID or Relay global ID; NOT_FOUND when there is none or it was archived. */
export async function getPost(db: Db, id: string): Promise<PostRow> {
  const uuid = uuidOf(id, (type) => type === 'Post');
  const [row] = uuid ? await db.select().from(posts).where(eq(posts.id, uuid)) : [];
  if (!row || row.archivedAt) throw notFound('Post', id);
  return row;
}

export async function updatePost(db: Db, registry: Registry, id: string, patch: Partial<PostInput>): Promise<PostRow> {
  const current = await getPost(db, id);
  const merged = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as PostRow;
  checkPostShape(registry, merged);
  const [row] = await db
    .update(posts)
    .set({ role: merged.role, stage: merged.stage, validFrom: merged.validFrom, validTo: merged.validTo, schoolCode: merged.schoolCode, groupId: merged.groupId, version: current.version + 1, updatedAt: new Date() })
    .where(eq(posts.id, current.id))
    .returning();
  return row!;
}

export async function archivePost(db: Db, id: string): Promise<PostRow> {
  const current = await getPost(db, id);
  const [row] = await db.update(posts).set({ archivedAt: new Date(), version: current.version + 1 }).where(eq(posts.id, current.id)).returning();
  return row!;
}
