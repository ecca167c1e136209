import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildSchema, Registry } from '@gongzhi/core';
import config from '../gongzhi.config.js';

/** schema/schema.graphql is printed from the code: when they differ, run `npm run schema:print`. */
describe('printed schema', () => {
  it('schema/schema.graphql matches the schema built from the code (npm run schema:print)', () => {
    const printed = printSubgraphSchema(buildSchema(new Registry(config.plugins ?? [])));
    const file = fs.readFileSync(fileURLToPath(new URL('../schema/schema.graphql', import.meta.url)), 'utf8');
    expect(file.trimEnd()).toBe(printed.trimEnd());
  });
});
