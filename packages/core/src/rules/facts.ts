/**
 * The shared facts of one compliance report. Rules of core and of every regime judge the same
 * locality and school year: the schools with their statistics, the teachers, a regime's groups and
 * their memberships. Each is read once per report, memoized here, and handed to every rule that
 * asks — two rules never load the same thing (plugins/README.md, "The report-rule context").
 */
import type { Db } from '../db.js';
import { loadBalanceFacts, type SchoolRow } from '../balance/repo.js';
import type { SchoolFacts } from '../balance/facts.js';
import { groupsInSchoolYear, membersInSchoolYear } from '../repos/groups-in-year.js';
import type { GroupMemberRow, SchoolGroupRow } from '../repos/groups.js';

export interface GroupsInYear {
  /** The groups of the kind under the locality in force on any day of the year, by name. */
  groups: SchoolGroupRow[];
  /** Their memberships in force on any day of the year, per group id (the lead included). */
  members: Map<string, GroupMemberRow[]>;
}

export class ReportFacts {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: Db,
    readonly localityCode: string,
    readonly schoolYear: string,
  ) {}

  /**
   * A fact computed once per report. Rules that share a key share the result, so name keys after
   * what they hold, namespaced by plugin: `beihai.meetingsInYear`. A failed load is not kept.
   */
  shared<T>(key: string, load: (db: Db) => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load(this.db);
      p.catch(() => this.memo.delete(key));
      this.memo.set(key, p);
    }
    return p;
  }

  /** Every school of the locality with its statistics and teachers for the year (the balance facts). */
  balanceSchools(): Promise<SchoolFacts[]> {
    return this.shared(
      'core.balanceFacts',
      async (db) => (await loadBalanceFacts(db, { localityCode: this.localityCode }, [this.schoolYear], (rows) => this.schoolsRead().resolve(rows))).byYear.get(this.schoolYear)!,
    );
  }

  /**
   * The schools of the locality (not archived), in code order: the rows `balanceSchools` reads first,
   * handed over as soon as they are read — a rule that needs only the schools starts while their
   * teachers are still being counted.
   */
  schools(): Promise<readonly SchoolRow[]> {
    const read = this.schoolsRead();
    return Promise.race([read.promise, this.balanceSchools().then(() => read.promise)]);
  }

  private schoolsReady?: { promise: Promise<readonly SchoolRow[]>; resolve: (rows: readonly SchoolRow[]) => void };
  private schoolsRead() {
    if (!this.schoolsReady) {
      let resolve!: (rows: readonly SchoolRow[]) => void;
      const promise = new Promise<readonly SchoolRow[]>((r) => (resolve = r));
      this.schoolsReady = { promise, resolve };
    }
    return this.schoolsReady;
  }

  /** A regime's groups of one kind in force during the year, with their memberships: two statements, once. */
  groupsInYear(kind: string): Promise<GroupsInYear> {
    return this.shared(`core.groupsInYear:${kind}`, async (db) => {
      const groups = await groupsInSchoolYear(db, { localityCode: this.localityCode, kind, schoolYear: this.schoolYear });
      return { groups, members: await membersInSchoolYear(db, groups.map((g) => g.id), this.schoolYear) };
    });
  }
}
