/**
 * Transfers made through core rather than through recordHezhangTransfer (POLICIES.md preamble: every
 * path that can break a write rule is guarded). 附件2 三(三) caps and exempts 集团内跨乡镇（街道）、
 * 跨学校调整交流人员 whatever records the move, so the transfer rules also judge core's posts and
 * exchanges. OUR READING of what a core write moves:
 * - a post move: a post held at a school of the county (any role: the cap counts 教职工, the staff its
 *   denominator counts) whose holder, before its first day, held a post at ANOTHER school of the county
 *   that was still running within the year before that day (a summer between the old post's end and
 *   the new one's start is still a move). Whether the old post is ended first, later or not at all
 *   does not matter: the person was moved (in whole or in part) to the new school. A first appointment
 *   (no earlier post in the county, or none within that year) is a hire, not a transfer; a post at a
 *   school outside the county is the county's 人事调配, not a move inside its groups.
 * - an exchange move: a core exchange of kind ROTATION (交流轮岗, the form 调整交流 takes in core) not
 *   archived, leaving a school of the county. Other kinds (支教, 对口帮扶 …) are governed by their own
 *   clauses (e.g. 二(三), hezhang.paired-exchange-length).
 * A move that a recorded HezhangTransfer of the same person to the same school in the same school
 * year stands for is that transfer: it is judged (and counted) as the transfer.
 */
import { and, eq, gte, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { schoolYearOf, tables as core, type Db } from '@gongzhi/core';
import { transfers } from '../tables.js';

/** How long after an old post's end a post elsewhere still counts as a move (our reading, above). */
export const MOVE_WINDOW_DAYS = 365;

export interface CoreMove {
  source: 'Post' | 'Exchange';
  /** The arriving post's id, or the exchange's. */
  key: string;
  /** For a post move: the post left (the latest one at another school of the county). */
  leftPostId: string | null;
  /** The post left's last day (null while it runs, or for an exchange). */
  leftValidTo: string | null;
  personId: string;
  fromSchoolCode: string;
  toSchoolCode: string;
  startDate: string;
  schoolYear: string;
}

const arrive = core.posts;
const left = alias(core.posts, 'left_post');
const arriveSchool = alias(core.schools, 'arrive_school');
const leftSchool = alias(core.schools, 'left_school');

/** Post moves inside the county matching `where` (one statement); one per arriving post, from the latest post left. */
export async function postMoves(db: Db, county: string, where: SQL | undefined): Promise<CoreMove[]> {
  const rows = await db
    .select({ key: arrive.id, leftPostId: left.id, leftFrom: left.validFrom, leftValidTo: left.validTo, personId: arrive.personId, fromSchoolCode: left.schoolCode, toSchoolCode: arrive.schoolCode, startDate: arrive.validFrom })
    .from(arrive)
    .innerJoin(
      left,
      and(
        eq(left.personId, arrive.personId),
        ne(left.schoolCode, arrive.schoolCode),
        isNull(left.archivedAt),
        sql`${left.validFrom} < ${arrive.validFrom}`,
        or(isNull(left.validTo), sql`${left.validTo} >= ${arrive.validFrom} - ${MOVE_WINDOW_DAYS}::int`),
      ),
    )
    .innerJoin(arriveSchool, and(eq(arriveSchool.code, arrive.schoolCode), eq(arriveSchool.countyCode, county)))
    .innerJoin(leftSchool, and(eq(leftSchool.code, left.schoolCode), eq(leftSchool.countyCode, county)))
    .where(and(isNull(arrive.archivedAt), where));
  const byArrival = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const seen = byArrival.get(r.key);
    if (!seen || r.leftFrom > seen.leftFrom) byArrival.set(r.key, r);
  }
  return [...byArrival.values()].map((r) => ({
    source: 'Post',
    key: r.key,
    leftPostId: r.leftPostId,
    leftValidTo: r.leftValidTo,
    personId: r.personId,
    fromSchoolCode: r.fromSchoolCode!,
    toSchoolCode: r.toSchoolCode!,
    startDate: r.startDate,
    schoolYear: schoolYearOf(r.startDate),
  }));
}

/** ROTATION exchanges leaving a school of the county, matching `where` (one statement). */
export async function exchangeMoves(db: Db, county: string, where: SQL | undefined): Promise<CoreMove[]> {
  const rows = await db
    .select({ key: core.exchanges.id, personId: core.exchanges.personId, fromSchoolCode: core.exchanges.fromSchoolCode, toSchoolCode: core.exchanges.toSchoolCode, startDate: core.exchanges.startDate })
    .from(core.exchanges)
    .innerJoin(core.schools, and(eq(core.schools.code, core.exchanges.fromSchoolCode), eq(core.schools.countyCode, county)))
    .where(and(eq(core.exchanges.kind, 'ROTATION'), isNull(core.exchanges.archivedAt), ne(core.exchanges.fromSchoolCode, core.exchanges.toSchoolCode), where));
  return rows.map((r) => ({ source: 'Exchange', leftPostId: null, leftValidTo: null, ...r, schoolYear: schoolYearOf(r.startDate) }));
}

/**
 * The core moves a set of changes makes: post moves whose arriving post changed (and, with
 * `withLeft`, those whose post left changed: ending it can carry a derived 编制 along), and the
 * changed ROTATION exchanges. Two statements at most.
 */
export async function movesChanged(db: Db, county: string, changes: readonly { entity: string; key: string }[], o: { withLeft?: boolean } = {}): Promise<CoreMove[]> {
  const postIds = changes.filter((c) => c.entity === 'Post').map((c) => c.key);
  const exchangeIds = changes.filter((c) => c.entity === 'Exchange').map((c) => c.key);
  const [ps, es] = await Promise.all([
    postIds.length ? postMoves(db, county, o.withLeft ? or(inArray(arrive.id, postIds), inArray(left.id, postIds)) : inArray(arrive.id, postIds)) : [],
    exchangeIds.length ? exchangeMoves(db, county, inArray(core.exchanges.id, exchangeIds)) : [],
  ]);
  return [...ps, ...es];
}

/** The core moves of a school year that leave or join one of the schools (two statements). */
export async function movesAt(db: Db, county: string, schoolCodes: readonly string[], start: string, end: string): Promise<CoreMove[]> {
  if (schoolCodes.length === 0) return [];
  const codes = [...schoolCodes];
  const [ps, es] = await Promise.all([
    postMoves(db, county, and(gte(arrive.validFrom, start), lte(arrive.validFrom, end), or(inArray(arrive.schoolCode, codes), inArray(left.schoolCode, codes)))),
    exchangeMoves(db, county, and(gte(core.exchanges.startDate, start), lte(core.exchanges.startDate, end), or(inArray(core.exchanges.fromSchoolCode, codes), inArray(core.exchanges.toSchoolCode, codes)))),
  ]);
  return [...ps, ...es];
}

/** The moves a recorded HezhangTransfer stands for (same person, same school joined, same school year): one statement. */
export async function recordedAsTransfer(db: Db, moves: readonly CoreMove[]): Promise<Set<CoreMove>> {
  if (moves.length === 0) return new Set();
  const rows = await db
    .select({ personId: transfers.personId, toSchoolCode: transfers.toSchoolCode, schoolYear: transfers.schoolYear })
    .from(transfers)
    .where(inArray(transfers.personId, [...new Set(moves.map((m) => m.personId))]));
  return new Set(moves.filter((m) => rows.some((r) => r.personId === m.personId && r.toSchoolCode === m.toSchoolCode && r.schoolYear === m.schoolYear)));
}
