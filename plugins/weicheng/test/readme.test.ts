import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pluginRules, withRulesTable } from '@gongzhi/core';
import weicheng from '../src/index.js';

/** The catalogue (POLICIES.md, Weicheng): id, enforcement, clause. */
const CATALOGUE = [
  ['weicheng.one-principal', 'write', '二(一)'],
  ['weicheng.one-xuequ-per-school', 'write', '一(二)1(2)'],
  ['weicheng.district-coverage', 'report', '一(二)1(2)'],
  ['weicheng.party-organisation', 'report', '一(二)3'],
  ['weicheng.major-decision-participation', 'write', '一(二)3'],
  ['weicheng.charter-and-plan', 'report', '一(二)1(3), 二(三)'],
  ['weicheng.star-rating', 'report', '二(四)'],
  ['weicheng.principal-rank', 'report', '一(二)4(2), 二(二)'],
  ['weicheng.party-brand', 'report', '一(二)3(2)'],
];

describe('README and catalogue', () => {
  it('the README’s rules table is the one generated from the rule definitions', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withRulesTable(readme, weicheng));
  });

  it('defines every rule of the catalogue with its enforcement and citation', () => {
    const rules = pluginRules(weicheng);
    expect(rules.map((r) => [r.id, r.enforce, r.cite.clause]).sort()).toEqual([...CATALOGUE].sort());
    for (const r of rules) expect(r.cite.doc).toBe('潍城区推进“一校长多学校”学区制改革案例（2020）');
    // Nothing in the report is hedged (原则上 / 一般): no rule admits an exception.
    expect(rules.filter((r) => r.inPrinciple)).toEqual([]);
  });
});
