import { GraphQLError, Kind } from 'graphql';
import type { GongzhiBuilder } from '../builder.js';

/**
 * String-shaped scalars. Parsing accepts any string: the mutation's zod schema validates the value
 * and answers BAD_USER_INPUT naming the field, which a scalar error cannot do as clearly.
 */
function stringScalar(builder: GongzhiBuilder, name: 'Date' | 'LocalTime' | 'SchoolYear' | 'DivisionCode' | 'SchoolCode', description: string) {
  builder.scalarType(name, {
    description,
    serialize: (v) => String(v),
    parseValue: (v) => {
      if (typeof v !== 'string') throw new GraphQLError(`${name} must be a string`, { extensions: { code: 'BAD_USER_INPUT', reason: `${name} must be a string` } });
      return v;
    },
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING) throw new GraphQLError(`${name} must be a string`, { extensions: { code: 'BAD_USER_INPUT', reason: `${name} must be a string` } });
      return ast.value;
    },
  });
}

export function addScalars(builder: GongzhiBuilder) {
  stringScalar(builder, 'Date', 'A calendar date, ISO 8601: `2019-09-01`.');
  stringScalar(builder, 'LocalTime', 'A time of day, 24-hour: `08:30`.');
  stringScalar(builder, 'SchoolYear', 'A school year (学年), written `2019-2020`: it runs from 1 September to 31 August.');
  stringScalar(builder, 'DivisionCode', 'An administrative division code: 6 digits (GB/T 2260: province `xx0000`, city `xxxx00`, county `xxxxxx`) or 9 digits for a township (county code + 3).');
  stringScalar(builder, 'SchoolCode', '学校标识码 — the Ministry of Education\'s 10-digit school identifier.');
  builder.scalarType('DateTime', {
    description: 'An instant, ISO 8601 with offset (shown in Asia/Shanghai by clients).',
    serialize: (v) => (v instanceof Date ? v.toISOString() : String(v)),
    parseValue: (v) => {
      const d = new Date(String(v));
      if (Number.isNaN(d.getTime())) throw new GraphQLError('DateTime must be ISO 8601', { extensions: { code: 'BAD_USER_INPUT' } });
      return d;
    },
  });
  builder.scalarType('JSON', {
    description: 'Any JSON value (measured and expected values of rules, plugin options).',
    serialize: (v) => v,
    parseValue: (v) => v,
    parseLiteral: (ast) => {
      const walk = (n: typeof ast): unknown => {
        switch (n.kind) {
          case Kind.STRING:
          case Kind.BOOLEAN:
            return n.value;
          case Kind.INT:
          case Kind.FLOAT:
            return Number(n.value);
          case Kind.NULL:
            return null;
          case Kind.LIST:
            return n.values.map(walk);
          case Kind.OBJECT:
            return Object.fromEntries(n.fields.map((f) => [f.name.value, walk(f.value)]));
          default:
            throw new GraphQLError('JSON literal may not hold variables here', { extensions: { code: 'BAD_USER_INPUT' } });
        }
      };
      return walk(ast);
    },
  });
}
