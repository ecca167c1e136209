/**
 * 五(二)4: 学科中心教研组 — 初中一般以年级组为单位成立学科中心教研组，小学一般分为语文学科中心组、数学学科中心组、综合学科中心组，
 * 组长和组员由学区聘用，聘期两年……组员一般设4至6人，组长一般由市级及以上名师、学科带头人、骨干教师等担任.
 */
import { and, eq, gte, inArray, isNull, or } from 'drizzle-orm';
import { backboneAtLeast, COMPULSORY_STAGES, defineRule, inForceOn, isUuid, tables as core, type Db, type Finding, type Stage } from '@gongzhi/core';
import type { BeihaiOptions } from '../options.js';
import { termLastDay } from '../dates.js';
import { DOC, schoolsByCode, XUEQU_KIND, type SubjectGroupRow } from '../repo.js';
import { subjectGroupMembers, subjectGroups } from '../tables.js';

/**
 * The stage each kind of group serves: the primary groups by subject (语文, 数学, 综合), the junior
 * ones by grade group (年级组, grades 7–9, whatever subject). OTHER names no stage: it is the room
 * "一般" leaves for a group the clause does not list, and is not judged on stage.
 */
const KIND_STAGE: Record<string, Stage | undefined> = { PRIMARY_CHINESE: 'PRIMARY', PRIMARY_MATHS: 'PRIMARY', PRIMARY_INTEGRATED: 'PRIMARY', JUNIOR_GRADE: 'JUNIOR' };

/**
 * The 学区's stage is its lead school's compulsory stages (学区 are formed of "同学段学校" around the
 * lead, 四); a nine-year lead serves both, so both kinds of group suit it.
 */
async function xuequStages(db: Db, groupIds: string[]): Promise<Map<string, Stage[]>> {
  if (groupIds.length === 0) return new Map();
  const groups = await db.select({ id: core.schoolGroups.id, lead: core.schoolGroups.leadSchoolCode }).from(core.schoolGroups).where(inArray(core.schoolGroups.id, groupIds));
  const schools = await schoolsByCode(db, groups.flatMap((g) => (g.lead ? [g.lead] : [])));
  return new Map(groups.map((g) => [g.id, ((schools.get(g.lead ?? '')?.stages ?? []) as Stage[]).filter((st) => COMPULSORY_STAGES.includes(st))]));
}

function stageProblem(g: SubjectGroupRow, stages: Stage[]): { zh: string; en: string } | null {
  const wants = KIND_STAGE[g.kind];
  if (!wants || stages.includes(wants)) return null;
  return {
    zh: `${g.kind === 'JUNIOR_GRADE' ? '初中年级组' : '小学学科中心组'}与学区学段（${stages.join('/') || '无义务教育学段'}）不符：小学设语文、数学、综合学科中心组，初中以年级组为单位`,
    en: `a ${wants === 'JUNIOR' ? 'junior grade group' : 'primary subject group'} does not suit the 学区’s stage (${stages.join('/') || 'no compulsory stage'}): primary 学区 have Chinese, maths and integrated groups, junior ones grade groups`,
  };
}

/**
 * Subject groups whose stage fit another write may break: those of a 学区 that changed (its lead),
 * or whose lead school changed (its type or stages, through core's updateSchool). Groups whose term
 * is over are history and not judged again.
 */
async function groupsReachedIndirectly(db: Db, changes: { entity: string; key: string; fields?: readonly string[] }[], today: string): Promise<SubjectGroupRow[]> {
  const groupIds = [...new Set(changes.filter((c) => c.entity === 'SchoolGroup').map((c) => c.key))].filter(isUuid);
  const schoolCodes = [
    ...new Set(changes.filter((c) => c.entity === 'School' && (!c.fields || c.fields.some((f) => f === 'schoolType' || f === 'stages'))).map((c) => c.key)),
  ];
  if (groupIds.length === 0 && schoolCodes.length === 0) return [];
  const xuequs = await db
    .select({ id: core.schoolGroups.id })
    .from(core.schoolGroups)
    .where(
      and(
        eq(core.schoolGroups.kind, XUEQU_KIND),
        isNull(core.schoolGroups.archivedAt),
        or(groupIds.length ? inArray(core.schoolGroups.id, groupIds) : undefined, schoolCodes.length ? inArray(core.schoolGroups.leadSchoolCode, schoolCodes) : undefined),
      ),
    );
  if (xuequs.length === 0) return [];
  return db
    .select()
    .from(subjectGroups)
    .where(and(inArray(subjectGroups.groupId, xuequs.map((x) => x.id)), isNull(subjectGroups.archivedAt), gte(subjectGroups.termEnd, today)));
}

export const subjectGroupShape = defineRule<BeihaiOptions>({
  id: 'beihai.subject-group-shape',
  title: {
    zh: '学科中心教研组组员4至6人、聘期两年，组长为市级及以上名师、学科带头人或骨干教师',
    en: 'a subject centre group has 4–6 members, a 2-year term and a leader recognised at city level or above',
  },
  cite: { doc: DOC, clause: '五(二)4' },
  enforce: 'write',
  // "组员一般设4至6人，组长一般由…担任": the size and the leader are 一般 (an approved exception lets them
  // through); the two-year term (聘期两年), appointing the 学区's own staff and the stage fit are firm.
  inPrinciple: true,
  appliesTo: ['BeihaiSubjectGroup', 'SchoolGroup', 'School'],
  async evaluate({ db, options: o, changes, today }) {
    const ids = changes.filter((c) => c.entity === 'BeihaiSubjectGroup').map((c) => c.key).filter(isUuid);
    const groups = ids.length ? await db.select().from(subjectGroups).where(and(inArray(subjectGroups.id, ids), isNull(subjectGroups.archivedAt))) : [];
    // A change to the 学区 or its lead school can only break the stage fit: those groups are judged on that alone.
    const indirect = (await groupsReachedIndirectly(db, changes, today)).filter((g) => !groups.some((x) => x.id === g.id));
    const stages = await xuequStages(db, [...new Set([...groups, ...indirect].map((g) => g.groupId))]);
    const stageOnly = indirect.map((g): Finding => {
      const problem = stageProblem(g, stages.get(g.groupId) ?? []);
      return {
        status: problem ? 'FAIL' : 'PASS',
        measured: { kind: g.kind, grade: g.grade, xuequStages: stages.get(g.groupId) ?? [] },
        expected: { stageOfKind: KIND_STAGE[g.kind] ?? null },
        subjects: [{ type: 'BeihaiSubjectGroup', key: g.id, name: g.name }, { type: 'SchoolGroup', key: g.groupId }],
        message: problem ?? undefined,
        admitsException: false,
      };
    });
    if (groups.length === 0) return stageOnly;
    const members = await db.select().from(subjectGroupMembers).where(inArray(subjectGroupMembers.subjectGroupId, groups.map((g) => g.id)));
    const people = await db.select().from(core.people).where(inArray(core.people.id, [...new Set([...groups.map((g) => g.leaderPersonId), ...members.map((m) => m.personId)])]));
    const xuequMembers = await db.select().from(core.groupMembers).where(inArray(core.groupMembers.groupId, groups.map((g) => g.groupId)));
    const expected = {
      members: { min: o.subjectGroupSizeMin, max: o.subjectGroupSizeMax, leaderCounted: false },
      maxTermYears: o.subjectGroupTermYears,
      leaderBackboneAtLeast: o.subjectGroupLeaderMinLevel,
      staffOfXuequSchools: true,
      kindSuitsXuequStage: { PRIMARY: ['PRIMARY_CHINESE', 'PRIMARY_MATHS', 'PRIMARY_INTEGRATED'], JUNIOR: ['JUNIOR_GRADE'] },
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
      let firm = false;
      if (memberIds.length < o.subjectGroupSizeMin || memberIds.length > o.subjectGroupSizeMax)
        problems.push({ zh: `组员 ${memberIds.length} 人，应为 ${o.subjectGroupSizeMin}-${o.subjectGroupSizeMax} 人`, en: `${memberIds.length} members; ${o.subjectGroupSizeMin}–${o.subjectGroupSizeMax} required` });
      if (g.termEnd > latestEnd || g.termEnd < g.termStart) firm = true;
      if (g.termEnd > latestEnd || g.termEnd < g.termStart)
        problems.push({ zh: `聘期 ${g.termStart} 至 ${g.termEnd}，最长 ${o.subjectGroupTermYears} 年（至 ${latestEnd}）`, en: `term ${g.termStart} to ${g.termEnd}; at most ${o.subjectGroupTermYears} years (to ${latestEnd})` });
      // 名师、学科带头人、骨干教师: any one of the three at the level asked for qualifies the leader.
      const byBackbone = !!leader && backboneAtLeast(leader.backboneLevel, o.subjectGroupLeaderMinLevel);
      const byTitle = !!g.leaderHonour && !!g.leaderHonourLevel && backboneAtLeast(g.leaderHonourLevel, o.subjectGroupLeaderMinLevel);
      if (!byBackbone && !byTitle) {
        const held = [leader?.backboneLevel && leader.backboneLevel !== 'NONE' ? `骨干 ${leader.backboneLevel}` : null, g.leaderHonour ? `${g.leaderHonour} ${g.leaderHonourLevel}` : null].filter(Boolean).join(', ') || 'none';
        problems.push({ zh: `组长的名师、学科带头人或骨干级别为 ${held === 'none' ? '无' : held}，应为 ${o.subjectGroupLeaderMinLevel} 及以上`, en: `the leader’s recognition (名师, 学科带头人 or 骨干) is ${held}; ${o.subjectGroupLeaderMinLevel} or above required` });
      }
      if (outsiders.length) firm = true;
      if (outsiders.length) problems.push({ zh: `${outsiders.length} 人不在学区学校任职`, en: `${outsiders.length} appointee(s) hold no post at a school of the 学区` });
      const xs = stages.get(g.groupId) ?? [];
      const misfit = stageProblem(g, xs);
      if (misfit) {
        firm = true;
        problems.push(misfit);
      }
      out.push({
        status: problems.length ? 'FAIL' : 'PASS',
        measured: { members: memberIds.length, termStart: g.termStart, termEnd: g.termEnd, leaderBackboneLevel: leader?.backboneLevel ?? null, leaderHonour: g.leaderHonour ? { title: g.leaderHonour, level: g.leaderHonourLevel } : null, outsiders, kind: g.kind, xuequStages: xs },
        expected,
        subjects: [{ type: 'BeihaiSubjectGroup', key: g.id, name: g.name }, { type: 'SchoolGroup', key: g.groupId }, ...outsiders.map((p) => ({ type: 'Person', key: p }))],
        message: problems.length ? { zh: problems.map((p) => p.zh).join('；'), en: problems.map((p) => p.en).join('; ') } : undefined,
        admitsException: !firm,
      });
    }
    return [...out, ...stageOnly];
  },
});
