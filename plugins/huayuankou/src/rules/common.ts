/** What the rules share. */
import { groupsInSchoolYear, membersInSchoolYear, type Db } from '@gongzhi/core';
import { DISTRICT_KIND } from '../domain.js';

/** The central-school 学区 of the locality in force during the year, with their members in the year. */
export async function districtsInYear(db: Db, localityCode: string, schoolYear: string) {
  const groups = await groupsInSchoolYear(db, { localityCode, kind: DISTRICT_KIND, schoolYear });
  const members = await membersInSchoolYear(db, groups.map((g) => g.id), schoolYear);
  return { groups, members };
}
