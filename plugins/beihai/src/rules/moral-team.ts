/**
 * 五(二)5(3): 学区要统筹组建德育工作团队，团队负责人一般由市级以上名班主任和优秀班主任担任.
 */
import { and, inArray, isNull, lte } from 'drizzle-orm';
import { backboneAtLeast, defineRule, inForceOn, tables as core, type Finding, type Subject } from '@gongzhi/core';
import type { BeihaiOptions } from '../options.js';
import { DOC, membershipsOverlapping, xuequsOverlapping } from '../repo.js';
import { moralTeams } from '../tables.js';
import { groupSubject, membersAt, referenceDate } from './common.js';

/** 名班主任 and 优秀班主任: either qualifies ("名班主任和优秀班主任" lists the two kinds of leader the team may have). */
const QUALIFYING_HONOURS = ['FAMOUS_HEAD_TEACHER', 'EXCELLENT_HEAD_TEACHER'];
/**
 * 市级以上: in Chinese official usage "以上" includes the level named (as 以上、以下 include 本数), so a
 * city-level honour qualifies, as does a provincial or national one.
 */
const MIN_LEVEL = 'CITY';

/**
 * The team judged is the latest one formed by the report's reference date (the year's last day,
 * or today in a running year). It passes when its leader holds a city-level-or-higher 名班主任 or
 * 优秀班主任 honour and works at a school of the 学区 that day. No team, a leader with no such honour
 * (NONE) or a lower one, or a leader from outside the 学区 is a FAIL: a team on paper whose leader is
 * not what the clause asks proves nothing. The clause says "一般" (generally); a bureau reads it
 * as the rule, and the finding shows what the leader holds so an approved deviation can be seen.
 */
export const moralTeamLeader = defineRule<BeihaiOptions>({
  id: 'beihai.moral-team-leader',
  title: {
    zh: '学区德育工作团队负责人由市级以上名班主任或优秀班主任担任',
    en: 'the 学区’s moral-education team is led by a city-level-or-higher 名班主任 or 优秀班主任',
  },
  cite: { doc: DOC, clause: '五(二)5(3)' },
  enforce: 'report',
  appliesTo: ['SchoolGroup', 'Person'],
  async evaluate({ db, localityCode, schoolYear, today }) {
    const asOf = referenceDate(schoolYear, today);
    const groups = await xuequsOverlapping(db, localityCode, asOf, asOf);
    const ids = groups.map((g) => g.id);
    if (ids.length === 0) return [];
    const members = await membershipsOverlapping(db, ids, asOf, asOf);
    const teams = await db
      .select()
      .from(moralTeams)
      .where(and(inArray(moralTeams.groupId, ids), isNull(moralTeams.archivedAt), lte(moralTeams.establishedOn, asOf)))
      .orderBy(moralTeams.establishedOn, moralTeams.createdAt);
    const leaders = [...new Set(teams.map((t) => t.leaderPersonId))];
    const schools = [...new Set(members.map((m) => m.schoolCode))];
    const posts =
      leaders.length && schools.length
        ? await db
            .select({ personId: core.posts.personId, schoolCode: core.posts.schoolCode })
            .from(core.posts)
            .where(and(inArray(core.posts.personId, leaders), inArray(core.posts.schoolCode, schools), isNull(core.posts.archivedAt), inForceOn(core.posts.validFrom, core.posts.validTo, asOf)))
        : [];
    const expected = { team: true, leaderHonourIn: QUALIFYING_HONOURS, leaderHonourLevelAtLeast: MIN_LEVEL, leaderWorksInXuequ: true };
    return groups.map((group): Finding => {
      const team = teams.filter((t) => t.groupId === group.id).at(-1);
      if (!team)
        return {
          status: 'FAIL',
          measured: { asOf, team: null },
          expected,
          subjects: [groupSubject(group)],
          message: { zh: `学区「${group.name}」在 ${asOf} 没有德育工作团队`, en: `学区 “${group.name}” has no moral-education team on ${asOf}` },
        };
      const mySchools = membersAt(members.filter((m) => m.groupId === group.id), asOf);
      const worksAt = posts.filter((p) => p.personId === team.leaderPersonId && mySchools.includes(p.schoolCode!)).map((p) => p.schoolCode!);
      const problems: { zh: string; en: string }[] = [];
      if (!QUALIFYING_HONOURS.includes(team.leaderHonour) || !backboneAtLeast(team.leaderHonourLevel, MIN_LEVEL))
        problems.push({
          zh: `负责人荣誉为 ${team.leaderHonour === 'NONE' ? '无' : `${team.leaderHonour} ${team.leaderHonourLevel}`}，应为市级以上名班主任或优秀班主任`,
          en: `the leader’s honour is ${team.leaderHonour === 'NONE' ? 'none' : `${team.leaderHonour} at ${team.leaderHonourLevel} level`}; a 名班主任 or 优秀班主任 at ${MIN_LEVEL} level or above is required`,
        });
      if (worksAt.length === 0) problems.push({ zh: '负责人不在学区学校任职', en: 'the leader holds no post at a school of the 学区' });
      const subjects: Subject[] = [groupSubject(group), { type: 'BeihaiMoralEducationTeam', key: team.id }, { type: 'Person', key: team.leaderPersonId }];
      return {
        status: problems.length ? 'FAIL' : 'PASS',
        measured: { asOf, teamId: team.id, establishedOn: team.establishedOn, leaderPersonId: team.leaderPersonId, leaderHonour: team.leaderHonour, leaderHonourLevel: team.leaderHonourLevel, leaderWorksAt: [...new Set(worksAt)] },
        expected,
        subjects,
        message: problems.length
          ? { zh: `学区「${group.name}」德育工作团队：${problems.map((p) => p.zh).join('；')}`, en: `学区 “${group.name}” moral-education team: ${problems.map((p) => p.en).join('; ')}` }
          : undefined,
      };
    });
  },
});
