import { describe, expect, it } from 'vitest';
import {
  buildSchema as buildSdl,
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLSchema,
} from 'graphql';
import { buildSchema, Registry } from '@gongzhi/core';
import config from '../gongzhi.config.js';

/**
 * API.md "Identity and lists", checked on the schema the deployment builds (its plugins, as
 * tests/schema.test.ts builds it), so a new plugin or mutation cannot drift from it unnoticed.
 */

/**
 * Names that end in `Id` but name no entity, so they stay String. Each needs a reason here.
 */
const NOT_ENTITY_IDS = new Set([
  // A rule's id (`beihai.xuequ-size`): a key of the rule registry, not a stored entity.
  'ruleId',
]);

const namesAnId = (name: string) => name === 'id' || /Ids?$/.test(name);

/** Every argument and input field in the schema, as `Type.field(arg)` or `Input.field`. */
function inputsOf(schema: GraphQLSchema): { at: string; input: GraphQLArgument | GraphQLInputField }[] {
  const out: { at: string; input: GraphQLArgument | GraphQLInputField }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type))
      for (const field of Object.values(type.getFields())) for (const arg of field.args) out.push({ at: `${type.name}.${field.name}(${arg.name})`, input: arg });
    if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) out.push({ at: `${type.name}.${field.name}`, input: field });
  }
  return out;
}

/** Arguments and input fields naming an entity (`id`, `…Id`, `…Ids`) typed String instead of ID. */
function stringIds(schema: GraphQLSchema): string[] {
  return inputsOf(schema)
    .filter(({ input }) => namesAnId(input.name) && !NOT_ENTITY_IDS.has(input.name) && getNamedType(input.type).name === 'String')
    .map(({ at, input }) => `${at}: ${String(input.type)}`)
    .sort();
}

/**
 * The names a group could go by in an input: `<suffix of its type name>Id` for every type that
 * implements SchoolGroup (BeihaiXuequ → beihaiXuequId, xuequId; HuayuankouCentralSchoolDistrict →
 * …, schoolDistrictId, districtId).
 */
function groupIdNames(schema: GraphQLSchema): Set<string> {
  const names = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === 'SchoolGroup')) continue;
    const words = type.name.split(/(?=[A-Z])/);
    for (let i = 0; i < words.length; i++) {
      const tail = words.slice(i).join('');
      names.add(`${tail[0]!.toLowerCase()}${tail.slice(1)}Id`);
    }
  }
  names.delete('groupId');
  return names;
}

/** Mutation inputs that name a group other than `groupId` (API.md: whatever the regime calls it). */
function groupArgsNotGroupId(schema: GraphQLSchema): string[] {
  const mutation = schema.getMutationType();
  if (!mutation) return [];
  const other = groupIdNames(schema);
  const out: string[] = [];
  for (const field of Object.values(mutation.getFields()))
    for (const arg of field.args) {
      if (other.has(arg.name)) out.push(`${mutation.name}.${field.name}(${arg.name})`);
      const input = getNamedType(arg.type);
      if (isInputObjectType(input)) for (const f of Object.values(input.getFields())) if (other.has(f.name)) out.push(`${field.name}: ${input.name}.${f.name}`);
    }
  return out.sort();
}

/** Mutations whose `input` type has no `exceptions` field (API.md: every write may carry them). */
function inputsWithoutExceptions(schema: GraphQLSchema): string[] {
  const mutation = schema.getMutationType();
  if (!mutation) return [];
  return Object.values(mutation.getFields())
    .filter((field) => {
      const input = field.args.find((a) => a.name === 'input');
      const type = input && getNamedType(input.type);
      return !type || !isInputObjectType(type) || !type.getFields().exceptions;
    })
    .map((field) => field.name)
    .sort();
}

describe('schema conventions (API.md "Identity and lists", "Mutations and errors")', () => {
  const schema = buildSchema(new Registry(config.plugins ?? []));

  it('every argument or input field naming an entity is ID, not String (rule ids exempt)', () => {
    const list = stringIds(schema);
    expect(list, `${list.length} entity ids typed String:\n  ${list.join('\n  ')}`).toEqual([]);
  });

  it('a mutation names a group as `groupId`, whatever the regime calls the group', () => {
    const list = groupArgsNotGroupId(schema);
    expect(list, `${list.length} group ids not named groupId:\n  ${list.join('\n  ')}`).toEqual([]);
  });

  it('every mutation takes one `input` whose type carries `exceptions`', () => {
    const mutation = schema.getMutationType()!;
    const notSingleInput = Object.values(mutation.getFields()).filter((f) => f.args.length !== 1 || f.args[0]!.name !== 'input').map((f) => f.name);
    expect(notSingleInput).toEqual([]);
    const list = inputsWithoutExceptions(schema);
    expect(list, `${list.length} mutation inputs without exceptions:\n  ${list.join('\n  ')}`).toEqual([]);
  });

  it('the checks see what they should: the schema has plugin mutations naming groups', () => {
    const mutation = schema.getMutationType()!.getFields();
    expect(Object.keys(mutation)).toEqual(expect.arrayContaining(['formBeihaiXuequ', 'setHuayuankouDistrictBrand', 'createPost']));
    expect([...groupIdNames(schema)]).toEqual(expect.arrayContaining(['xuequId', 'districtId']));
  });
});

describe('the convention checks can fail', () => {
  const tiny = buildSdl(`
    interface SchoolGroup { groupId: ID! }
    type BeihaiXuequ implements SchoolGroup { groupId: ID! name: String! }
    input RuleExceptionInput { ruleId: String! }
    input AppointInput { personId: String! xuequId: ID! ruleId: String! }
    input FineInput { personId: ID! groupId: ID! memberPersonIds: [ID!]! exceptions: [RuleExceptionInput!] }
    type Query { person(id: String!): BeihaiXuequ, group(id: ID!): BeihaiXuequ }
    type Mutation { appoint(input: AppointInput!): Boolean, fine(input: FineInput!): Boolean }
  `);

  it('rejects `personId: String!` and `id: String!`, not ruleId or ID-typed ids', () => {
    expect(stringIds(tiny)).toEqual(['AppointInput.personId: String!', 'Query.person(id): String!']);
  });

  it('rejects a group named after the regime (`xuequId`)', () => {
    expect(groupArgsNotGroupId(tiny)).toEqual(['appoint: AppointInput.xuequId']);
  });

  it('rejects a mutation input without `exceptions`', () => {
    expect(inputsWithoutExceptions(tiny)).toEqual(['appoint']);
  });
});
