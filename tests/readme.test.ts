import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, validate } from 'graphql';
import { buildSchema, Registry } from '@gongzhi/core';
import config from '../gongzhi.config.js';

/** The README's example queries are checked against the schema, so they stay true. */
const readme = fs.readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('README examples', () => {
  const schema = buildSchema(new Registry(config.plugins ?? []));
  it('has examples', () => expect(blocks.length).toBeGreaterThanOrEqual(5));
  it.each(blocks.map((b, i) => [i, b] as const))('example %i is valid against the schema', (_, block) => {
    expect(validate(schema, parse(block)).map((e) => e.message)).toEqual([]);
  });
});
