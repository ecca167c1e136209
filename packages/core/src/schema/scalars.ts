import { GraphQLError, Kind } from 'graphql';
import type { GongzhiBuilder } from '../builder.js';

/**
 * String-shaped scalars. Parsing accepts any string: the mutation's zod schema validates the value
 * and answers BAD_USER_INPUT naming the field, which a scalar error cannot do as clearly.
 */
function stringScalar(builder: GongzhiBuilder, name: 'Date' | 'LocalTime' | 'SchoolYear' | 'DivisionCode' | 'SchoolCode' | 'Cursor', description: string) {
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
  stringScalar(builder, 'Cursor', 'A position in the change feed (`changes`): opaque; pass back the one a page returned as `since`.');
  builder.scalarType('DateTime', {
    description: 'An instant, ISO 8601 with offset (shown in Asia/Shanghai by clients).',
    serialize: (v) => (v instanceof Date ? v.toISOString() : String(v)),
    parseValue: (v) => {
      const d = new Date(String(v));
      if (Number.isNaN(d.getTime())) throw new GraphQLError('DateTime must be ISO 8601', { extensions: { code: 'BAD_USER_INPUT' } });
      return d;
    },
  });
  addFen(builder);
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

/**
 * Money as whole fen (分), per API.md: integers, never floats. Its own scalar rather than Int
 * because GraphQL Int is 32-bit and stops at 21,474,836.47 yuan, which a large school's equipment
 * passes; a JSON number is exact for integers up to 2^53 fen.
 */
function addFen(builder: GongzhiBuilder) {
  const problem = (v: unknown) =>
    new GraphQLError(`Fen must be a whole number of fen, 0 … ${Number.MAX_SAFE_INTEGER}: got ${JSON.stringify(v)}`, {
      extensions: { code: 'BAD_USER_INPUT', reason: 'Fen must be a non-negative whole number of fen (1 yuan = 100 fen)' },
    });
  const check = (v: unknown): number => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw problem(v);
    return v;
  };
  builder.scalarType('Fen', {
    description: 'Money in fen (分, 1 yuan = 100 fen): a non-negative whole number, exact up to 2^53. Never a float; GraphQL Int (32-bit) would stop at 21.5 million yuan.',
    serialize: (v) => check(typeof v === 'string' || typeof v === 'bigint' ? Number(v) : v),
    parseValue: check,
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.INT) throw problem(ast.kind === Kind.STRING || ast.kind === Kind.FLOAT ? ast.value : ast.kind);
      return check(Number(ast.value));
    },
  });
}
