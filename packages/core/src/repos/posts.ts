import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db.js';
import { posts } from '../tables.js';
import { byKey, defineLoader, groupByKey } from '../loaders.js';
import { uuidOf } from '../ids.js';
import { groupKeysByDate, inForceOn } from './common.js';
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

/** Posts in force at a school / of a person / at a group, on a date. */
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
