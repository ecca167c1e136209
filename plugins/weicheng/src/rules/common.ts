/**
 * What the Weicheng rules share: the year's 学区 (core's report facts), the day each is judged on,
 * and the facts two rules read (through `ctx.facts.shared`, so each is loaded once per report).
 */
import { isInForce, referenceDate, schoolYearRange, type GroupMemberRow, type PostRow, type ReportFacts, type SchoolGroupRow } from '@gongzhi/core';
import { ROLE, XUEQU_KIND } from '../domain.js';
import { districtSchools, leadershipPostsOf } from '../repo.js';

export { groupSubject } from '@gongzhi/core';

/** The 学区 in force on some day of the year, with their memberships of the year (two statements, once per report). */
export function yearXuequs(facts: ReportFacts) {
  return facts.groupsInYear(XUEQU_KIND);
}

/**
 * The day a 学区's standing facts are judged on: the report's reference day (core's
 * `referenceDate`), kept within the 学区's life — a 学区 dissolved in the year is judged on its
 * last day, one formed in it on its first.
 */
export function judgedOn(group: SchoolGroupRow, schoolYear: string, today: string): string {
  const ref = referenceDate(schoolYear, today);
  if (ref < group.validFrom) return group.validFrom;
  if (group.validTo && ref > group.validTo) return group.validTo;
  return ref;
}

/** The school codes that are members on a date. */
export function membersAt(members: readonly GroupMemberRow[], date: string): string[] {
  return [...new Set(members.filter((m) => isInForce(m, date)).map((m) => m.schoolCode))].sort();
}

/** The schools the district divides into 学区 (weicheng.district-coverage, weicheng.star-rating): one statement per report. */
export function districtSchoolsFact(facts: ReportFacts, stages: readonly string[]) {
  return facts.shared(`weicheng.districtSchools:${[...stages].sort().join(',')}`, (db) => districtSchools(db, facts.localityCode, stages));
}

/**
 * The year's leadership of the 学区: 总校长 and party secretaries at the groups, principals (and
 * school-level 总校长 posts) at their member schools, in force on some day of the year. One
 * statement per report (weicheng.party-organisation, weicheng.principal-rank).
 */
export function leadershipFact(facts: ReportFacts): Promise<PostRow[]> {
  return facts.shared('weicheng.leadershipPosts', async (db) => {
    const { groups, members } = await yearXuequs(facts);
    const schoolCodes = [...new Set([...members.values()].flat().map((m) => m.schoolCode))];
    return leadershipPostsOf(
      db,
      { groupIds: groups.map((g) => g.id), groupRoles: [ROLE.ZONGXIAOZHANG, 'PARTY_SECRETARY'], schoolCodes, schoolRoles: ['PRINCIPAL', ROLE.ZONGXIAOZHANG] },
      schoolYearRange(facts.schoolYear),
    );
  });
}
