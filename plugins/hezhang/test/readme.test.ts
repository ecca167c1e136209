import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withRulesTable } from '@gongzhi/core';
import plugin from '../src/index.js';

describe('README', () => {
  it('the rules table is the one generated from the rule definitions', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withRulesTable(readme, plugin));
  });
});
