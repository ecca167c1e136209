/** 五(二)4: 学科中心教研组 — 组长和组员由学区聘用，聘期两年……组员一般设4至6人，组长一般由市级及以上名师、学科带头人、骨干教师等担任. */
import { and, inArray, isNull } from 'drizzle-orm';
import { backboneAtLeast, defineRule, inForceOn, tables as core, type Finding } from '@gongzhi/core';
import type { BeihaiOptions } from '../options.js';
import { termLastDay } from '../dates.js';
import { DOC } from '../repo.js';
import { subjectGroupMembers, subjectGroups } from '../tables.js';

export const subjectGroupShape = defineRule<BeihaiOptions>({
  id: 'beihai.subject-group-shape',
  title: {
    zh: '学科中心教研组组员4至6人、聘期两年，组长为市级及以上名师、学科带头人或骨干教师',
    en: 'a subject centre group has 4–6 members, a 2-year term and a leader recognised at city level or above',
  },
  cite: { doc: DOC, clause: '五(二)4' },
  enforce: 'write',
  appliesTo: ['BeihaiSubjectGroup'],
  async evaluate({ db, options: o, changes }) {
    const ids = changes.map((c) => c.key);
    const groups = await db.select().from(subjectGroups).where(and(inArray(subjectGroups.id, ids), isNull(subjectGroups.archivedAt)));
    if (groups.length === 0) return [];
    const members = await db.select().from(subjectGroupMembers).where(inArray(subjectGroupMembers.subjectGroupId, groups.map((g) => g.id)));
    const people = await db.select().from(core.people).where(inArray(core.people.id, [...new Set([...groups.map((g) => g.leaderPersonId), ...members.map((m) => m.personId)])]));
    const xuequMembers = await db.select().from(core.groupMembers).where(inArray(core.groupMembers.groupId, groups.map((g) => g.groupId)));
    const expected = {
      members: { min: o.subjectGroupSizeMin, max: o.subjectGroupSizeMax, leaderCounted: false },
      maxTermYears: o.subjectGroupTermYears,
      leaderBackboneAtLeast: o.subjectGroupLeaderMinLevel,
      staffOfXuequSchools: true,
    };
    const out: Finding[] = [];
    for (const g of groups) {
      // 组员 counts the members, not the 组长: the clause names the two apart ("组长和组员由学区聘用 … 组员一般设4至6人").
      const memberIds = members.filter((m) => m.subjectGroupId === g.id).map((m) => m.personId).filter((p) => p !== g.leaderPersonId);
      const leader = people.find((p) => p.id === g.leaderPersonId);
      const latestEnd = termLastDay(g.termStart, o.subjectGroupTermYears);
      // Everyone appointed works at one of the 学区's schools when the term starts (the 学区 appoints from its own staff).
      const schools = xuequMembers.filter((m) => m.groupId === g.groupId && m.validFrom <= g.termStart && (!m.validTo || m.validTo >= g.termStart)).map((m) => m.schoolCode);
      const everyone = [g.leaderPersonId, ...memberIds];
      const staffed = everyone.length && schools.length
        ? await db
            .select({ personId: core.posts.personId })
            .from(core.posts)
            .where(and(inArray(core.posts.personId, everyone), inArray(core.posts.schoolCode, schools), isNull(core.posts.archivedAt), inForceOn(core.posts.validFrom, core.posts.validTo, g.termStart)))
        : [];
      const outsiders = everyone.filter((p) => !staffed.some((s) => s.personId === p));
      const problems: { zh: string; en: string }[] = [];
      if (memberIds.length < o.subjectGroupSizeMin || memberIds.length > o.subjectGroupSizeMax)
        problems.push({ zh: `组员 ${memberIds.length} 人，应为 ${o.subjectGroupSizeMin}-${o.subjectGroupSizeMax} 人`, en: `${memberIds.length} members; ${o.subjectGroupSizeMin}–${o.subjectGroupSizeMax} required` });
      if (g.termEnd > latestEnd || g.termEnd < g.termStart)
        problems.push({ zh: `聘期 ${g.termStart} 至 ${g.termEnd}，最长 ${o.subjectGroupTermYears} 年（至 ${latestEnd}）`, en: `term ${g.termStart} to ${g.termEnd}; at most ${o.subjectGroupTermYears} years (to ${latestEnd})` });
      // 名师、学科带头人、骨干教师: any one of the three at the level asked for qualifies the leader.
      const byBackbone = !!leader && backboneAtLeast(leader.backboneLevel, o.subjectGroupLeaderMinLevel);
      const byTitle = !!g.leaderHonour && !!g.leaderHonourLevel && backboneAtLeast(g.leaderHonourLevel, o.subjectGroupLeaderMinLevel);
      if (!byBackbone && !byTitle) {
        const held = [leader?.backboneLevel && leader.backboneLevel !== 'NONE' ? `骨干 ${leader.backboneLevel}` : null, g.leaderHonour ? `${g.leaderHonour} ${g.leaderHonourLevel}` : null].filter(Boolean).join(', ') || 'none';
        problems.push({ zh: `组长的名师、学科带头人或骨干级别为 ${held === 'none' ? '无' : held}，应为 ${o.subjectGroupLeaderMinLevel} 及以上`, en: `the leader’s recognition (名师, 学科带头人 or 骨干) is ${held}; ${o.subjectGroupLeaderMinLevel} or above required` });
      }
      if (outsiders.length) problems.push({ zh: `${outsiders.length} 人不在学区学校任职`, en: `${outsiders.length} appointee(s) hold no post at a school of the 学区` });
      out.push({
        status: problems.length ? 'FAIL' : 'PASS',
        measured: { members: memberIds.length, termStart: g.termStart, termEnd: g.termEnd, leaderBackboneLevel: leader?.backboneLevel ?? null, leaderHonour: g.leaderHonour ? { title: g.leaderHonour, level: g.leaderHonourLevel } : null, outsiders },
        expected,
        subjects: [{ type: 'BeihaiSubjectGroup', key: g.id, name: g.name }, { type: 'SchoolGroup', key: g.groupId }, ...outsiders.map((p) => ({ type: 'Person', key: p }))],
        message: problems.length ? { zh: problems.map((p) => p.zh).join('；'), en: problems.map((p) => p.en).join('; ') } : undefined,
      });
    }
    return out;
  },
});
