import { describe, expect, it } from 'vitest';
import { buildSchema, execute, GraphQLObjectType, parse, type GraphQLResolveInfo } from 'graphql';
import { selectedChildFields } from '../src/schema/helpers.js';

/** What `school(code:)` may prefetch (issue 9): the fields graphql-js will resolve on the school, with their arguments. */
const schema = buildSchema(`
  interface Named { name: String }
  type Group implements Named { name: String }
  type School implements Named { code: String name: String staff(first: Int, role: String): [String] groups(asOf: String): [Group] }
  type Query { school(code: String): School }
`);
const School = schema.getType('School') as GraphQLObjectType;

function childFieldsOf(query: string, variableValues: Record<string, unknown> = {}) {
  let seen: ReturnType<typeof selectedChildFields> = [];
  const rootValue = {
    school: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
      seen = selectedChildFields(info, School);
      return null;
    },
  };
  const r = execute({ schema, document: parse(query), rootValue, variableValues }) as { errors?: unknown };
  expect(r.errors).toBeUndefined();
  return seen.map((f) => ({ name: f.name, nodes: f.nodes.length, args: f.args }));
}

describe('selectedChildFields', () => {
  it('groups a field by its response key, merges it across fragments, and coerces its arguments from the variables', () => {
    const fields = childFieldsOf(
      `query($n: Int) { school(code: "1") { code a: staff(first: $n) ...F ... on School { a: staff(first: $n) } groups(asOf: "2024-09-01") { name } } }
       fragment F on School { b: staff(first: 2, role: "TEACHER") }`,
      { n: 5 },
    );
    expect(fields).toEqual([
      { name: 'code', nodes: 1, args: {} },
      { name: 'staff', nodes: 2, args: { first: 5 } },
      { name: 'staff', nodes: 1, args: { first: 2, role: 'TEACHER' } },
      { name: 'groups', nodes: 1, args: { asOf: '2024-09-01' } },
    ]);
  });

  it('leaves out what may not run: a node under @skip or @include, a fragment on another type, __typename', () => {
    const fields = childFieldsOf(`{ school(code: "1") { __typename staff(first: 1) @include(if: false) ... on Named { name } ...G groups @skip(if: true) { name } } }
      fragment G on Group { name }`);
    expect(fields).toEqual([]);
  });
});
