/**
 * A small in-process cache of computed reports, keyed by what they depend on (locality, school
 * year, today and the data's version). Concurrent requests for the same key share one computation;
 * the oldest entries go first. Stale entries are never served: a write changes the version, so the
 * key.
 */
export class ReportCache<T> {
  /**
   * Hits and misses of every report cache in the process, for the server's /metrics (issue 17):
   * plain counters, so core depends on no metrics library.
   */
  static readonly stats = { hits: 0, misses: 0 };
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly capacity: number) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      ReportCache.stats.hits++;
      // Refresh its place: the least recently used goes first.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    ReportCache.stats.misses++;
    const p = compute();
    this.entries.set(key, p);
    p.catch(() => this.entries.delete(key));
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return p;
  }
}
