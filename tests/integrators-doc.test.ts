import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, validate } from 'graphql';
import { buildSchema, Registry } from '@gongzhi/core';
import config from '../gongzhi.config.js';
import { composePublished } from './supergraph-print.js';

/**
 * docs/integrators.md's GraphQL examples are checked against the schema, as the README's are
 * (tests/readme.test.ts): our subgraph's schema, or — for a block that names the provincial
 * subgraph's fields — the supergraph's API schema.
 */
const doc = fs.readFileSync(fileURLToPath(new URL('../docs/integrators.md', import.meta.url)), 'utf8');
const blocks = [...doc.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('docs/integrators.md examples', () => {
  const ours = buildSchema(new Registry(config.plugins ?? []));
  const supergraph = composePublished().schema!.toAPISchema().toGraphQLJSSchema();
  it('has examples', () => expect(blocks.length).toBeGreaterThanOrEqual(6));
  it.each(blocks.map((b, i) => [i, b] as const))('example %i is valid against the schema', (_, block) => {
    const schema = /inspectedSchools|reviewedCounties|talents/.test(block) ? supergraph : ours;
    expect(validate(schema, parse(block)).map((e) => e.message)).toEqual([]);
  });
  it('the gateway example is not valid against our subgraph alone (the check can fail)', () => {
    const gateway = blocks.find((b) => b.includes('inspectedSchools'))!;
    expect(validate(ours, parse(gateway)).length).toBeGreaterThan(0);
  });
});
