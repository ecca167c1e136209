import { isObjectType, isUnionType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { z } from 'zod';
import { badInput, GongzhiError } from './errors.js';
import { parseInput } from './validation.js';

/**
 * Federation keys (API.md "Identity and lists"): School and Locality are keyed by their national
 * code, typed `String!` as every other system types it; Person by the string its `id` field
 * returns (the Relay global ID). A representation is what a router sends back to `_entities`: it
 * must carry the key exactly as our fields return it. A well-formed key that names nothing answers
 * null, as the federation spec asks; a malformed representation answers BAD_USER_INPUT naming the
 * representation and its field — never an internal error (issue 15).
 */

/**
 * The tag of what a provincial contract may expose (Apollo contracts filter a supergraph by @tag):
 * the entities and their public fields, the lists that read them. Personal fields are
 * @inaccessible instead, so no contract and no router can reach them. A plugin tags its own
 * types with it (`tag: PROVINCIAL_TAG`) when a province may see them.
 */
export const PROVINCIAL_TAG = 'provincial';

/** The key of a representation, parsed by `schema`; BAD_USER_INPUT (field `<field>`) when it does not parse. */
export function entityKey<S extends z.ZodType>(ref: Record<string, unknown>, field: string, schema: S): z.output<S> {
  return parseInput(schema, ref[field], field);
}

/**
 * Guard the subgraph's `_entities`: @apollo/subgraph's resolver throws a plain Error for an unknown
 * `__typename`, and a type that is no entity slips through to a failed union resolution — both
 * INTERNAL_SERVER_ERROR. Here each representation is checked first; a bad one is an error at its
 * own index (the others still resolve), naming `representations[i]` and the field.
 */
export function guardEntities(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  if (!field) return schema;
  const union = schema.getType('_Entity');
  const entities = new Set(isUnionType(union) ? union.getTypes().map((t) => t.name) : []);
  const resolve: GraphQLFieldResolver<unknown, unknown, { representations: unknown[] }> = (_src, { representations }, ctx, info) =>
    representations.map(async (rep, i) => {
      const at = `representations[${i}]`;
      if (!rep || typeof rep !== 'object' || Array.isArray(rep))
        return badInput(at, { zh: '应为含 __typename 与键字段的对象', en: 'must be an object with __typename and the key fields' });
      const typename = (rep as Record<string, unknown>).__typename;
      const type = typeof typename === 'string' ? schema.getType(typename) : undefined;
      if (!isObjectType(type) || !entities.has(type.name))
        return badInput(`${at}.__typename`, {
          zh: `不是本子图的实体类型（可用：${[...entities].join('、')}）`,
          en: `is not an entity type of this subgraph (entities: ${[...entities].join(', ')})`,
        }, { typename: typeof typename === 'string' ? typename : null });
      const resolveReference = (type.extensions as { apollo?: { subgraph?: { resolveReference?: (r: unknown, c: unknown, i: unknown) => unknown } } }).apollo?.subgraph?.resolveReference;
      try {
        const found = resolveReference ? await resolveReference(rep, ctx, info) : null;
        if (found === null || found === undefined) return null;
        // The union resolves its member by __typename (as @apollo/subgraph sets it).
        Object.defineProperty(found, '__typename', { value: type.name, configurable: true });
        return found;
      } catch (e) {
        if (e instanceof GongzhiError && e.code === 'BAD_USER_INPUT') {
          const f = String(e.extensions.field ?? '');
          const named = (m: string) => m.replace(`：${f} —`, `：${at}.${f} —`).replace(`: ${f} —`, `: ${at}.${f} —`);
          return new GongzhiError('BAD_USER_INPUT', { zh: named(e.bilingual.zh), en: named(e.bilingual.en) }, { ...e.extensions, field: `${at}.${f}` });
        }
        throw e;
      }
    });
  field.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
  return schema;
}
