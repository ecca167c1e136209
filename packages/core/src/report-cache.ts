/**
 * A small in-process cache of computed reports, one entry per report (locality, school year, stage
 * …) holding the data version it was computed at. Concurrent requests for the same report and
 * version share one computation; the least recently used reports go first. Stale entries are never
 * served: a write changes the version, and the next request computes afresh and replaces the entry —
 * an old version is not kept beside the new one (a province's report holds 14,000 schools' figures).
 */
export class ReportCache<T> {
  /**
   * Hits and misses of every report cache in the process, for the server's /metrics (issue 17):
   * plain counters, so core depends on no metrics library.
   */
  static readonly stats = { hits: 0, misses: 0 };
  private readonly entries = new Map<string, { version: string; value: Promise<T> }>();

  constructor(private readonly capacity: number) {}

  /** The report `key` as of `version` (the data's version, and whatever else it depends on). */
  get(key: string, version: string | number, compute: () => Promise<T>): Promise<T> {
    const v = String(version);
    const hit = this.entries.get(key);
    // Refresh its place (the least recently used goes first), or drop the older version.
    this.entries.delete(key);
    if (hit && hit.version === v) {
      ReportCache.stats.hits++;
      this.entries.set(key, hit);
      return hit.value;
    }
    ReportCache.stats.misses++;
    const value = compute();
    const entry = { version: v, value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** Reports held (for tests). */
  get size(): number {
    return this.entries.size;
  }
}
