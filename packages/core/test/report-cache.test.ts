import { describe, expect, it } from 'vitest';
import { ReportCache } from '../src/report-cache.js';

describe('ReportCache', () => {
  it('computes a report once per version, shared by concurrent requests', async () => {
    const cache = new ReportCache<number>(4);
    let runs = 0;
    const compute = async () => ++runs;
    const [a, b] = await Promise.all([cache.get('520527|2026-2027', 7, compute), cache.get('520527|2026-2027', 7, compute)]);
    expect([a, b, runs]).toEqual([1, 1, 1]);
    expect(await cache.get('520527|2026-2027', 7, compute)).toBe(1);
  });

  it('a new version computes afresh and replaces the old one (never both kept)', async () => {
    const cache = new ReportCache<string>(4);
    expect(await cache.get('r', 1, async () => 'v1')).toBe('v1');
    expect(await cache.get('r', 2, async () => 'v2')).toBe('v2');
    expect(cache.size).toBe(1);
    expect(await cache.get('r', 2, async () => 'again')).toBe('v2');
  });

  it('keeps at most `capacity` reports, dropping the least recently used; a failure is not kept', async () => {
    const cache = new ReportCache<string>(2);
    await cache.get('a', 1, async () => 'a');
    await cache.get('b', 1, async () => 'b');
    await cache.get('a', 1, async () => 'a again'); // a is used again: b is now the oldest
    await cache.get('c', 1, async () => 'c');
    expect(cache.size).toBe(2);
    expect(await cache.get('a', 1, async () => 'recomputed')).toBe('a');
    expect(await cache.get('b', 1, async () => 'recomputed')).toBe('recomputed');
    await expect(cache.get('d', 1, async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('d', 1, async () => 'ok')).toBe('ok');
  });
});
