import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pluginRules, withRulesTable } from '@gongzhi/core';
import beihai from '../src/index.js';

const CATALOGUE = [
  ['beihai.xuequ-size', 'write', '四(二)'],
  ['beihai.single-lead', 'write', '四'],
  ['beihai.same-stage', 'write', '四, 四(一)'],
  ['beihai.one-xuequ-per-school', 'write', '四(二)'],
  ['beihai.all-schools-covered', 'report', '六(一)'],
  ['beihai.head-is-lead-principal', 'report', '五(一)'],
  ['beihai.deputies-are-member-principals', 'report', '五(一)1'],
  ['beihai.joint-meeting-frequency', 'report', '五(二)2'],
  ['beihai.joint-meeting-attendance', 'report', '五(二)2'],
  ['beihai.office-staffing', 'report', '五(二)3'],
  ['beihai.subject-group-shape', 'write', '五(二)4'],
  ['beihai.moral-team-leader', 'report', '五(二)5(3)'],
  ['beihai.exchange-rate', 'report', '五(二)5(4)'],
  ['beihai.plan-filed', 'report', '六(二)'],
];

describe('README and catalogue', () => {
  it('the README’s rules table is the one generated from the rule definitions', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withRulesTable(readme, beihai));
  });

  it('defines every rule of the catalogue with its enforcement and citation', () => {
    // The plugin's own rules and the capability rules core registers for it (one-xuequ-per-school).
    const rules = pluginRules(beihai);
    expect(new Map(rules.map((r) => [r.id, [r.id, r.enforce, r.cite.clause]]))).toEqual(new Map(CATALOGUE.map((c) => [c[0], c])));
    for (const r of rules) expect(r.cite.doc).toBe('北教基教〔2018〕130号');
  });
});
