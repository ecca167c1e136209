import { resolveArrayConnection, resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import type { InputObjectRef, InterfaceRef, ObjectRef } from '@pothos/core';
import type { GongzhiBuilder, GongzhiTypes } from '../builder.js';
import type { GongzhiContext } from '../context.js';
import { getArgumentValues, Kind, valueFromASTUntyped, type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Bilingual } from '../errors.js';
import { parseInput, zDate } from '../validation.js';
import { zRuleExceptions } from '../rules/exceptions.js';

/** The date a historical question is asked for: `asOf` when given (validated), else today. */
export function asOfOrToday(ctx: GongzhiContext, asOf: string | null | undefined, field = 'asOf'): string {
  return asOf ? parseInput(zDate, asOf, field) : ctx.today;
}

/** In the caller's language (Accept-Language). */
export function localised(ctx: GongzhiContext, text: Bilingual): string {
  return text[ctx.lang];
}

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** A keyset-paginated Relay connection with a lazy totalCount (counted only when asked for). */
export async function keysetConnection<T>(
  args: PageArgs,
  toCursor: (row: T) => string,
  list: (page: ResolveCursorConnectionArgs) => Promise<T[]>,
  count: () => Promise<number>,
) {
  const conn = await resolveCursorConnection({ args, toCursor: toCursor as (v: unknown) => string, defaultSize: 50, maxSize: 500 }, list);
  return Object.assign(conn, { totalCount: count }) as unknown as {
    edges: { cursor: string; node: T }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor?: string | null; endCursor?: string | null };
    totalCount: () => Promise<number>;
  };
}

/**
 * A page of a list already in memory (a report's findings, a school's staff loaded in one batch),
 * with the same `totalCount` as the keyset connections.
 */
export function arrayConnection<T>(args: PageArgs, list: readonly T[], sizes: { defaultSize: number; maxSize: number }) {
  const conn = resolveArrayConnection({ args, ...sizes }, list as T[]);
  return Object.assign(conn, { totalCount: () => list.length });
}

/** The `totalCount` field every connection has: all items that match, not just this page. */
export function totalCountField(t: PothosSchemaTypes.ObjectFieldBuilder<GongzhiTypes, object>, description: string) {
  return t.int({ description, resolve: (c) => (c as { totalCount: () => number | Promise<number> }).totalCount() });
}

/** `loadMany` of a Relay node type: the rows a loader finds by id, null where there is none. */
export function loadNodes<T>(loader: (ctx: GongzhiContext) => { loadMany(ids: readonly string[]): Promise<(T | null | Error)[]> }) {
  return async (ids: readonly string[], ctx: GongzhiContext) => (await loader(ctx).loadMany(ids)).map((r) => (r instanceof Error ? null : r));
}

/** `{ <field>: T }` payload type of a mutation. */
export function payloadType<T>(
  builder: GongzhiBuilder,
  name: string,
  field: string,
  ref: ObjectRef<GongzhiTypes, T> | InterfaceRef<GongzhiTypes, T>,
  description: string,
) {
  return builder.objectRef<Record<string, T>>(name).implement({
    description,
    fields: (t) => ({
      [field]: t.field({ type: ref as ObjectRef<GongzhiTypes, T>, description: `The ${field} as it now stands.`, resolve: (p) => p[field] as never }),
    }),
  });
}

/**
 * The `exceptions` field every mutation input carries (API.md): recorded approvals that let an
 * in-principle rule's failure through. Pass its value as `runMutation`'s `exceptions`.
 */
export function exceptionsInputField(t: PothosSchemaTypes.InputFieldBuilder<GongzhiTypes, 'InputObject'>, refs: { RuleExceptionInput: InputObjectRef<GongzhiTypes, { ruleId: string; approvedBy: string; documentRef: string; reason: string }> }) {
  return t.field({
    type: [refs.RuleExceptionInput],
    required: false,
    validate: zRuleExceptions,
    description: 'Recorded exceptions (例外) to rules stated in principle (原则上) that this write would otherwise break: each names the rule, who approved it, the document and the reason.',
  });
}

/**
 * Whether the field's selection asks for nothing but these fields (through inline fragments too):
 * a resolver may then skip the reads the other fields would need. A named fragment spread answers
 * false, to stay on the safe side.
 */
/**
 * Whether the operation selects a path below this field (`['nodes', 'person']`), through inline and
 * named fragments. A resolver uses it to read what the level below will ask for in the same statement.
 */
export function selectsPath(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): boolean {
  // Asked once per row of a list with the same field nodes (graphql-js shares them): answer once.
  const key = path.join('.');
  let known = selectsPathMemo.get(info.fieldNodes);
  if (!known) selectsPathMemo.set(info.fieldNodes, (known = new Map()));
  let answer = known.get(key);
  if (answer === undefined) known.set(key, (answer = selectsPathUncached(info, path)));
  return answer;
}

const selectsPathMemo = new WeakMap<readonly FieldNode[], Map<string, boolean>>();

/** A field selected on the object another field returns, as graphql-js will resolve it. */
export interface SelectedChildField {
  name: string;
  /** Its nodes, merged by response key (alias or name) as graphql-js collects them. */
  nodes: FieldNode[];
  /** Its arguments, coerced from the operation's variables as graphql-js will pass them. */
  args: Record<string, unknown>;
}

/**
 * The fields selected on the `type` object that `info`'s field returns: what a resolver may start
 * loading before the object itself has loaded (issue 9: one round trip less for a school's page).
 * A node under @skip or @include, or in a fragment on another type, is left out — it may not run —
 * and a field whose arguments do not coerce is left to its resolver, which reports the error.
 */
export function selectedChildFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'variableValues'>, type: GraphQLObjectType): SelectedChildField[] {
  const byKey = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const collect = (set: SelectionSetNode | undefined) => {
    for (const sel of set?.selections ?? []) {
      if (sel.directives?.length) continue;
      if (sel.kind === Kind.FIELD) {
        const key = sel.alias?.value ?? sel.name.value;
        const list = byKey.get(key);
        if (list) list.push(sel);
        else byKey.set(key, [sel]);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (!sel.typeCondition || sel.typeCondition.name.value === type.name) collect(sel.selectionSet);
      } else if (!visited.has(sel.name.value)) {
        visited.add(sel.name.value);
        const fragment = info.fragments[sel.name.value];
        if (fragment && !fragment.directives?.length && fragment.typeCondition.name.value === type.name) collect(fragment.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) collect(node.selectionSet);
  const fields = type.getFields();
  const out: SelectedChildField[] = [];
  for (const nodes of byKey.values()) {
    const def = fields[nodes[0]!.name.value];
    // Fields of one response key share a name (validation); __typename and the like have no def.
    if (!def || nodes.some((n) => n.name.value !== def.name)) continue;
    try {
      out.push({ name: def.name, nodes, args: getArgumentValues(def, nodes[0]!, info.variableValues) });
    } catch {
      // Left to the resolver, which reports it.
    }
  }
  return out;
}

function selectsPathUncached(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): boolean {
  const has = (set: SelectionSetNode | undefined, i: number): boolean => {
    if (!set) return false;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value === path[i] && (i === path.length - 1 || has(sel.selectionSet, i + 1))) return true;
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (has(sel.selectionSet, i)) return true;
      } else if (has(info.fragments[sel.name.value]?.selectionSet, i)) return true;
    }
    return false;
  };
  return info.fieldNodes.some((n) => has(n.selectionSet, 0));
}

/**
 * Every place the operation selects a field at a path below this one (`['nodes', 'yearStats']`),
 * through inline and named fragments, with its arguments' values (variables filled in). A list
 * resolver uses it to read in its own statement what each row's field will ask for.
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[]): { node: FieldNode; args: Record<string, unknown> }[] {
  const out: { node: FieldNode; args: Record<string, unknown> }[] = [];
  const walk = (set: SelectionSetNode | undefined, i: number) => {
    if (!set) return;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value !== path[i]) continue;
        if (i < path.length - 1) walk(sel.selectionSet, i + 1);
        else out.push({ node: sel, args: Object.fromEntries((sel.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value, info.variableValues)])) });
      } else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet, i);
      else walk(info.fragments[sel.name.value]?.selectionSet, i);
    }
  };
  for (const n of info.fieldNodes) walk(n.selectionSet, 0);
  return out;
}

/** Whether a field's own selection asks only for these fields (through inline fragments). */
export function selectsOnly(node: FieldNode, allowed: readonly string[]): boolean {
  const ok = (set: SelectionSetNode | undefined): boolean =>
    !!set && set.selections.every((sel) => (sel.kind === Kind.FIELD ? allowed.includes(sel.name.value) : sel.kind === Kind.INLINE_FRAGMENT ? ok(sel.selectionSet) : false));
  return ok(node.selectionSet);
}

export function onlyFieldsSelected(info: Pick<GraphQLResolveInfo, 'fieldNodes'>, allowed: readonly string[]): boolean {
  const ok = (set: SelectionSetNode | undefined): boolean =>
    !!set &&
    set.selections.every((sel) => (sel.kind === Kind.FIELD ? allowed.includes(sel.name.value) : sel.kind === Kind.INLINE_FRAGMENT ? ok(sel.selectionSet) : false));
  return info.fieldNodes.every((n) => ok(n.selectionSet));
}
