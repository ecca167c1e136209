import type { PluginSchemaApi } from './api.js';
import type { GongzhiContext } from '../context.js';
import { feedSources, latestChangeVersion, readChanges, type ChangeFeedSource, type ChangeRow } from '../change-feed.js';
import { badInput, unauthenticated } from '../errors.js';
import { PROVINCIAL_TAG } from '../federation.js';

/**
 * `changes(since:, types:, first:)` — the change feed integrators sync from (issue 15). Entries
 * come in version order; a tombstone (DELETE) says an entity left (deleted, or moved out of the
 * caller's localities); a key change is a DELETE of the old key naming the new one and an UPSERT
 * of the new naming the old. Scoped to the caller's localities.
 */
const CURSOR_PREFIX = 'gzc1:';

export function encodeCursor(version: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${version}`, 'utf8').toString('base64url');
}

/** The version behind a cursor; BAD_USER_INPUT on `field` when it is not one of ours. */
export function decodeCursor(cursor: string, field = 'since'): number {
  const raw = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const m = /^gzc1:(\d{1,15})$/.exec(raw);
  if (!m) throw badInput(field, { zh: '不是变更流的游标：请传回上一页给出的 cursor', en: 'is not a change-feed cursor: pass back the cursor a page returned' });
  return Number(m[1]);
}

const DEFAULT_PAGE = 500;
const MAX_PAGE = 5000;

export function addChangeFeedSchema({ builder, registry }: PluginSchemaApi) {
  const sources = feedSources([...registry.plugins.values()]);
  const loaderOf = new Map<string, NonNullable<ChangeFeedSource['load']>>();
  for (const s of sources) if (s.load && !loaderOf.has(s.type)) loaderOf.set(s.type, s.load);
  const groupTypes = new Map<string, string[]>();
  for (const k of registry.groupKinds.values()) groupTypes.set(k.typeName, [...(groupTypes.get(k.typeName) ?? []), k.kind]);
  const known = [...new Set([...loaderOf.keys(), ...groupTypes.keys()])].sort();
  const typeOf = (ctx: GongzhiContext, r: ChangeRow) => (r.entity === 'SchoolGroup' ? (r.kind ? ctx.registry.groupKinds.get(r.kind)?.typeName : undefined) ?? 'GenericSchoolGroup' : r.entity);

  const ChangeOperation = builder.enumType('ChangeOperation', {
    description: 'What happened to an entity in the change feed.',
    values: {
      UPSERT: { description: '新增或修改 — created or changed: `node` is the entity as it is now (null if it has gone since; a later DELETE follows).' },
      DELETE: { description: '删除 — a tombstone: the entity was deleted, moved out of your localities, or its key changed (`newKey`). Drop it.' },
    } as const,
  });

  const ChangeEntry = builder.objectRef<ChangeRow>('ChangeEntry').implement({
    tag: PROVINCIAL_TAG,
    description: '变更 — one change of one entity in the feed.',
    fields: (t) => ({
      cursor: t.field({ type: 'Cursor', description: 'This entry’s place in the feed: `since` it to read what follows.', resolve: (r) => encodeCursor(r.version) }),
      version: t.string({ description: 'The feed’s version of this change: grows with every change, in commit order (a decimal string: it outgrows Int).', resolve: (r) => String(r.version) }),
      type: t.string({ description: 'The entity’s GraphQL type: Locality, School, Person, a regime’s group type (BeihaiXuequ …), or a type a plugin adds to the feed.', resolve: (r, _, ctx) => typeOf(ctx, r) }),
      key: t.exposeString('key', { description: 'The entity’s key: the code of a school or locality, the UUID of a person or group (`personId`, `groupId`).' }),
      operation: t.field({ type: ChangeOperation, description: 'UPSERT (created or changed) or DELETE (a tombstone).', resolve: (r) => r.op as 'UPSERT' | 'DELETE' }),
      previousKey: t.string({ nullable: true, description: 'On an UPSERT after a key change (a corrected school code): the key the entity had before. Null otherwise.', resolve: (r) => (r.op === 'UPSERT' ? r.otherKey : null) }),
      newKey: t.string({ nullable: true, description: 'On the DELETE of a key change: the entity’s new key (an UPSERT under it follows). Null otherwise.', resolve: (r) => (r.op === 'DELETE' ? r.otherKey : null) }),
      localityCode: t.string({ nullable: true, description: 'The locality the entity was in when it changed (a school’s county, a person’s bureau): what scoped it to you.', resolve: (r) => r.localityCode }),
      changedAt: t.field({ type: 'DateTime', description: 'When the change was written.', resolve: (r) => r.changedAt }),
      node: t.field({
        type: builder.nodeInterfaceRef(),
        nullable: true,
        description: 'For an UPSERT, the entity as it is now, to select its fields (`... on School { name }`); null for a DELETE or when the entity has gone since. Loaded in one batch per type for the page.',
        resolve: async (r, _, ctx) => {
          if (r.op !== 'UPSERT') return null;
          const row = await loaderOf.get(r.entity)?.(ctx, r.key);
          return row ? { ...row, __typename: typeOf(ctx, r) } : null;
        },
      }),
    }),
  });

  const ChangePage = builder.objectRef<{ rows: ChangeRow[]; hasMore: boolean; since: number }>('ChangeFeedPage').implement({
    tag: PROVINCIAL_TAG,
    description: 'A page of the change feed.',
    fields: (t) => ({
      changes: t.field({ type: [ChangeEntry], description: 'The changes after `since`, oldest first, at most `first`.', resolve: (p) => p.rows }),
      cursor: t.field({ type: 'Cursor', description: 'Where to go on from: the last entry’s cursor, or `since` when the page is empty. Store it with what you applied.', resolve: (p) => encodeCursor(p.rows.at(-1)?.version ?? p.since) }),
      hasMore: t.boolean({ description: 'True when more changes follow at once: ask again with `since: cursor`.', resolve: (p) => p.hasMore }),
    }),
  });

  /** Only callers with localities read the feed: it is scoped to them, and the anonymous have none. */
  const scopesOf = (ctx: GongzhiContext) => {
    if (ctx.principal.anonymous) throw unauthenticated({ zh: '变更流需要令牌（按令牌的行政区划范围提供）', en: 'the change feed needs a token (it is scoped to the token’s localities)' });
    return ctx.principal.localities;
  };

  builder.queryFields((t) => ({
    changes: t.field({
      tag: PROVINCIAL_TAG,
      type: ChangePage,
      description:
        '变更流 — what changed since a cursor, in your localities: creates and updates (UPSERT), deletes and departures (DELETE tombstones), key changes (a DELETE naming `newKey`, then an UPSERT naming `previousKey`). Start with `changesHead` before a full pull, then follow from it. Needs a token.',
      args: {
        since: t.arg({ type: 'Cursor', description: 'Changes after this cursor (a page’s `cursor`, or `changesHead`); from the beginning when omitted.' }),
        types: t.arg.stringList({ description: 'Only these types (Locality, School, Person, SchoolGroup for every regime’s groups, or one regime’s group type such as BeihaiXuequ); every type when omitted.' }),
        first: t.arg.int({ description: `At most this many changes (${DEFAULT_PAGE} by default, up to ${MAX_PAGE}).` }),
      },
      resolve: async (_, args, ctx) => {
        const scopes = scopesOf(ctx);
        const since = args.since ? decodeCursor(args.since) : 0;
        const first = args.first ?? DEFAULT_PAGE;
        if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput('first', { zh: `应为 1–${MAX_PAGE}`, en: `must be 1–${MAX_PAGE}` });
        let entities: string[] | null = null;
        const kinds: string[] = [];
        if (args.types) {
          entities = [];
          for (const [i, type] of args.types.entries()) {
            if (loaderOf.has(type)) entities.push(type);
            else if (groupTypes.has(type)) kinds.push(...groupTypes.get(type)!);
            else throw badInput(`types.${i}`, { zh: `没有这一变更类型：${type}（可用：${known.join('、')}）`, en: `no such feed type: ${type} (types: ${known.join(', ')})` });
          }
        }
        const page = await readChanges(ctx.db, { since, entities, kinds, scopes, first });
        return { ...page, since };
      },
    }),
    changesHead: t.field({
      tag: PROVINCIAL_TAG,
      type: 'Cursor',
      description: 'The feed’s latest cursor: read it before a full pull, then follow `changes(since:)` from it, so nothing written during the pull is missed. Needs a token.',
      resolve: async (_, __, ctx) => {
        scopesOf(ctx);
        return encodeCursor(await latestChangeVersion(ctx.db));
      },
    }),
  }));
}
