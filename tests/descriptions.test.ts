import { describe, expect, it } from 'vitest';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { buildSchema, Registry } from '@gongzhi/core';
import config from '../gongzhi.config.js';

/**
 * API.md: every type, field, argument, input field and enum value has a description. Federation
 * internals (`_Any`, `_Service`, `_Entity`, `link__*`, `federation__*`, `Query._service`,
 * `Query._entities`) and GraphQL's own types are not ours to describe.
 */
const FEDERATION_TYPES = new Set(['_Any', '_Service', '_Entity']);
const FEDERATION_QUERY_FIELDS = new Set(['_service', '_entities']);

function isOurs(type: GraphQLNamedType): boolean {
  const n = type.name;
  return !n.startsWith('__') && !FEDERATION_TYPES.has(n) && !n.startsWith('link__') && !n.startsWith('federation__') && !isSpecifiedScalarType(type);
}

const missing = (description: string | null | undefined) => !description?.trim();

/** Every schema element without a description, as `kind Type.field(arg)`. */
function undescribed(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isOurs(type)) continue;
    if (missing(type.description)) out.push(`type ${type.name}`);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (type.name === schema.getQueryType()?.name && FEDERATION_QUERY_FIELDS.has(field.name)) continue;
        if (missing(field.description)) out.push(`field ${type.name}.${field.name}`);
        for (const arg of field.args) if (missing(arg.description)) out.push(`argument ${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (missing(field.description)) out.push(`input field ${type.name}.${field.name}`);
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) if (missing(value.description)) out.push(`enum value ${type.name}.${value.name}`);
    }
  }
  return out.sort();
}

describe('schema descriptions (API.md)', () => {
  const schema = buildSchema(new Registry(config.plugins ?? []));

  it('every type, field, argument, input field and enum value has a description', () => {
    const list = undescribed(schema);
    expect(list, `${list.length} schema elements lack a description:\n  ${list.join('\n  ')}`).toEqual([]);
  });

  it('the check sees what it should: the schema has our types and skips the federation internals', () => {
    const names = Object.keys(schema.getTypeMap());
    expect(names).toEqual(expect.arrayContaining(['School', 'SchoolGroup', 'BeihaiXuequ', 'HuayuankouCentralSchoolDistrict', 'CreateSchoolInput', 'Stage']));
    expect(names.filter((n) => FEDERATION_TYPES.has(n)).length).toBeGreaterThan(0);
  });
});
