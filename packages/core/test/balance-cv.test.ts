import { describe, expect, it } from 'vitest';
import { weightedCv } from '../src/balance/cv.js';

/**
 * The published worked example (POLICIES.md "Balance", books per student): five primary schools.
 * X̄ is the county's total over its pupils, not the mean of the school values.
 */
describe('weighted coefficient of variation (差异系数), 教督〔2017〕6号 第六条', () => {
  const students = [45, 37, 89, 76, 55];
  const books = [279, 137, 935, 160, 402];
  const r = weightedCv(students.map((p, i) => ({ key: `S${i + 1}`, weight: p, value: books[i]! / p })));

  it('gives the county value 6.33 books per student (Σ totals / Σ pupils)', () => {
    expect(r.totalWeight).toBe(302);
    expect(r.mean).toBeCloseTo(1913 / 302, 10);
    expect(r.mean.toFixed(2)).toBe('6.33');
  });

  it('gives Σ(Pᵢ/P)(Xᵢ−X̄)² ≈ 10.65 and CV ≈ 0.52', () => {
    expect(r.variance).toBeCloseTo(10.65, 2);
    expect(r.cv!.toFixed(2)).toBe('0.52');
    expect(r.cv).toBeCloseTo(Math.sqrt(r.variance) / r.mean, 12);
  });

  it('ranks the schools that pull the CV up: the 89-pupil school with 10.5 books each first', () => {
    expect(r.contributions[0]!.key).toBe('S3');
    expect(r.contributions.reduce((s, c) => s + c.shareOfVariance, 0)).toBeCloseTo(1, 12);
    for (let i = 1; i < r.contributions.length; i++) expect(r.contributions[i - 1]!.contribution).toBeGreaterThanOrEqual(r.contributions[i]!.contribution);
  });

  it('is unchanged when every value is scaled (per 100 students vs per student)', () => {
    const scaled = weightedCv(students.map((p, i) => ({ key: i, weight: p, value: (100 * books[i]!) / p })));
    expect(scaled.cv).toBeCloseTo(r.cv!, 12);
  });

  it('is 0 when every school has the same value, and undefined (null) when the county value is 0', () => {
    expect(weightedCv([{ key: 'a', weight: 10, value: 3 }, { key: 'b', weight: 90, value: 3 }]).cv).toBe(0);
    expect(weightedCv([{ key: 'a', weight: 10, value: 0 }]).cv).toBeNull();
    expect(weightedCv([]).cv).toBeNull();
  });

  it('ignores schools with no pupils (they have no weight)', () => {
    const withEmpty = weightedCv([...students.map((p, i) => ({ key: `S${i + 1}`, weight: p, value: books[i]! / p })), { key: 'empty', weight: 0, value: 99 }]);
    expect(withEmpty.cv).toBeCloseTo(r.cv!, 12);
  });
});
