/**
 * 二(一): 通过名校带分校、强校带弱校、大校带小校「1+N」模式，由总校长管理多个学校 — one 总校长 runs
 * the 学区's schools: the lead and N ≥ 1 others. (二(二) 坚持总校长负责制.)
 *
 * The rule runs on every change that can break it: the plugin's own mutations, core's group and
 * membership mutations (createSchoolGroup, addSchoolGroupMember, endSchoolGroupMembership,
 * updateSchoolGroup) and core's posts (createPost / updatePost / archivePost of a 总校长, at the
 * 学区 or at a member school). "A school is in at most one 学区" (一(二)1(2)) is core's capability,
 * switched on in the plugin's group kind.
 */
import { changeDates, defineRule, groupsTouchedBy, isInForce, type Finding, type PostRow } from '@gongzhi/core';
import type { WeichengOptions } from '../options.js';
import { DOC, ROLE, XUEQU_KIND } from '../domain.js';
import { leadershipPostsOf } from '../repo.js';
import { groupSubject, membersAt, yearXuequs } from './common.js';

type Fault =
  | { problem: 'NO_LEAD'; on: string }
  | { problem: 'LEAD_NOT_MEMBER'; on: string; leadSchoolCode: string }
  | { problem: 'TOO_FEW_SCHOOLS'; on: string; otherSchools: number }
  | { problem: 'NO_ZONGXIAOZHANG'; on: string }
  | { problem: 'TWO_ZONGXIAOZHANG'; on: string; personIds: string[] }
  | { problem: 'SCHOOL_HAS_OTHER_ZONGXIAOZHANG'; on: string; schoolCode: string; personId: string; xuequPersonId: string };

function message(f: Fault, name: string, min: number): { zh: string; en: string } {
  switch (f.problem) {
    case 'NO_LEAD':
      return { zh: `学区「${name}」没有牵头学校`, en: `学区 “${name}” has no lead school` };
    case 'LEAD_NOT_MEMBER':
      return { zh: `牵头学校 ${f.leadSchoolCode} 在 ${f.on} 不是学区成员`, en: `the lead school ${f.leadSchoolCode} is not a member on ${f.on}` };
    case 'TOO_FEW_SCHOOLS':
      return { zh: `学区「${name}」在 ${f.on} 除牵头学校外只有 ${f.otherSchools} 所学校，“1+N”要求至少 ${min} 所`, en: `学区 “${name}” has ${f.otherSchools} school(s) besides its lead on ${f.on}; “1+N” needs at least ${min}` };
    case 'NO_ZONGXIAOZHANG':
      return { zh: `学区「${name}」在 ${f.on} 没有总校长`, en: `学区 “${name}” has no 总校长 on ${f.on}` };
    case 'TWO_ZONGXIAOZHANG':
      return { zh: `学区「${name}」在 ${f.on} 有 ${f.personIds.length} 位总校长，只能有一位`, en: `学区 “${name}” has ${f.personIds.length} 总校长 on ${f.on}; it has one` };
    case 'SCHOOL_HAS_OTHER_ZONGXIAOZHANG':
      return {
        zh: `成员学校 ${f.schoolCode} 在 ${f.on} 的总校长不是学区「${name}」的总校长：一个学区的学校由同一位总校长管理`,
        en: `member school ${f.schoolCode} has a 总校长 other than the 学区’s on ${f.on}: the schools of a 学区 share one 总校长`,
      };
  }
}

const distinct = (posts: readonly PostRow[]) => [...new Set(posts.map((p) => p.personId))];

export const onePrincipal = defineRule<WeichengOptions>({
  id: 'weicheng.one-principal',
  title: { zh: '一个学区由一位总校长管理全部学校（“1+N”，N≥1）', en: 'one current 总校长 heads every school of the 学区 (“1+N”, N ≥ 1 besides the lead)' },
  cite: { doc: DOC, clause: '二(一)' },
  enforce: 'write',
  appliesTo: ['SchoolGroup', 'GroupMembership', 'Post'],
  async inReport({ facts }) {
    return (await yearXuequs(facts)).groups.map((g) => ({ entity: 'SchoolGroup', key: g.id }));
  },
  async evaluate({ db, options: o, changes }) {
    const touched = await groupsTouchedBy(db, changes, XUEQU_KIND);
    if (touched.length === 0) return [];
    // Every 总校长 post at these 学区 or at their schools, all dates: one statement.
    const posts = await leadershipPostsOf(db, {
      groupIds: touched.map((t) => t.group.id),
      groupRoles: [ROLE.ZONGXIAOZHANG],
      schoolCodes: [...new Set(touched.flatMap((t) => t.members.map((m) => m.schoolCode)))],
      schoolRoles: [ROLE.ZONGXIAOZHANG],
    });
    const expected = { zongxiaozhang: 1, otherSchoolsMin: o.minOtherSchools, leadIsMember: true };
    return touched.map(({ group, members }): Finding => {
      const atGroup = posts.filter((p) => p.groupId === group.id);
      const atSchools = posts.filter((p) => p.schoolCode && members.some((m) => m.schoolCode === p.schoolCode));
      // What is in force changes only on these days: checking them checks the 学区's whole life.
      const fault = changeDates({ from: group.validFrom, to: group.validTo }, [...members, ...atGroup, ...atSchools])
        .map((on): Fault | null => {
          const schools = membersAt(members, on);
          if (!group.leadSchoolCode) return { problem: 'NO_LEAD', on };
          if (!schools.includes(group.leadSchoolCode)) return { problem: 'LEAD_NOT_MEMBER', on, leadSchoolCode: group.leadSchoolCode };
          const others = schools.filter((c) => c !== group.leadSchoolCode).length;
          if (others < o.minOtherSchools) return { problem: 'TOO_FEW_SCHOOLS', on, otherSchools: others };
          const heads = distinct(atGroup.filter((p) => isInForce(p, on)));
          if (heads.length === 0) return { problem: 'NO_ZONGXIAOZHANG', on };
          if (heads.length > 1) return { problem: 'TWO_ZONGXIAOZHANG', on, personIds: heads };
          const other = atSchools.find((p) => isInForce(p, on) && schools.includes(p.schoolCode!) && p.personId !== heads[0]);
          return other ? { problem: 'SCHOOL_HAS_OTHER_ZONGXIAOZHANG', on, schoolCode: other.schoolCode!, personId: other.personId, xuequPersonId: heads[0]! } : null;
        })
        .find((f) => f !== null);
      if (!fault) {
        // Posts come oldest first: the last is the latest 总校长.
        return { status: 'PASS', measured: { zongxiaozhangPersonId: atGroup.at(-1)?.personId ?? null, zongxiaozhangCount: distinct(atGroup).length }, expected, subjects: [groupSubject(group)] };
      }
      const people = 'personIds' in fault ? fault.personIds : 'personId' in fault ? [fault.personId, fault.xuequPersonId] : [];
      return {
        status: 'FAIL',
        measured: fault,
        expected,
        subjects: [
          groupSubject(group),
          ...('schoolCode' in fault ? [{ type: 'School', key: fault.schoolCode }] : []),
          ...people.map((id) => ({ type: 'Person', key: id })),
        ],
        message: message(fault, group.name, o.minOtherSchools),
      };
    });
  },
});
