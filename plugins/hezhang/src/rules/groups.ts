/**
 * 附件2 三(一), 四(二): each group's leadership, party committee, office and charter; member schools
 * keep their identity. 二(三), 三(五) and main 二(三): paired assistance matches stages, is assessed
 * each school year, and its teacher exchanges last at most a year.
 */
import { and, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import { addDays, defineRule, groupSubject, referenceDate, schoolsByCode, schoolSubject, schoolYearRange, tables as core, type Finding, type SchoolGroupRow, type SchoolRow } from '@gongzhi/core';
import { COMPULSORY_KIND, DOC, ANNEX2, ROLE, SENIOR_KIND } from '../domain.js';
import type { HezhangOptions } from '../options.js';
import { countyTownCodes, educationGroups, groupsOfSchoolsOn, membersOfGroup } from '../repo.js';
import { groupProfiles, pairingAssessments, pairings } from '../tables.js';

const inYear = (g: { validFrom: string; validTo: string | null }, start: string, end: string) => g.validFrom <= end && (!g.validTo || g.validTo >= start);

export const groupLeadership = defineRule<HezhangOptions>({
  id: 'hezhang.group-leadership',
  title: {
    zh: '高中集团设总校长1名（兼党委书记）、分校长3名；义教和学前集团设总负责人1名、片区负责人3–5名；各集团设党委、综合办公室并制定章程',
    en: 'senior group: 1 总校长 who is 党委书记 + 3 分校长; compulsory group: 1 总负责人 + 3–5 片区负责人; a party committee, an office and a charter',
  },
  cite: { doc: DOC, clause: `${ANNEX2} 三(一)、四(二)` },
  enforce: 'report',
  appliesTo: ['SchoolGroup'],
  async evaluate({ db, localityCode, schoolYear, today }) {
    const { start, end } = schoolYearRange(schoolYear);
    const on = referenceDate(schoolYear, today);
    const groups = (await educationGroups(db, localityCode)).filter((g) => inYear(g, start, end));
    if (groups.length === 0) return [];
    const ids = groups.map((g) => g.id);
    const [posts, profiles, charters] = await Promise.all([
      db
        .select()
        .from(core.posts)
        .where(and(inArray(core.posts.groupId, ids), isNull(core.posts.archivedAt), lte(core.posts.validFrom, on), or(isNull(core.posts.validTo), gte(core.posts.validTo, on)))),
      db.select().from(groupProfiles).where(inArray(groupProfiles.groupId, ids)),
      db
        .select({ groupId: core.plans.groupId })
        .from(core.plans)
        .where(and(inArray(core.plans.groupId, ids), eq(core.plans.kind, 'CHARTER'), isNull(core.plans.archivedAt))),
    ]);
    return groups.map((g): Finding => {
      const ps = posts.filter((p) => p.groupId === g.id);
      const holders = (role: string) => ps.filter((p) => p.role === role).map((p) => p.personId);
      const secretaries = holders(ROLE.PARTY_SECRETARY);
      const profile = profiles.find((p) => p.groupId === g.id);
      const senior = g.kind === SENIOR_KIND;
      const head = holders(senior ? ROLE.PRESIDENT : ROLE.GROUP_HEAD);
      const seconds = holders(senior ? ROLE.BRANCH_PRINCIPAL : ROLE.AREA_HEAD);
      const problems: { zh: string; en: string }[] = [];
      if (head.length !== 1) problems.push({ zh: `${senior ? '总校长' : '总负责人'} ${head.length} 名（应为1名）`, en: `${head.length} ${senior ? '总校长' : '总负责人'} (1 required)` });
      // 总校长（同时担任党委书记）is firm; 总负责人（原则上同时担任党委书记）is in principle: a WARN.
      const headIsSecretary = head.length === 1 && secretaries.includes(head[0]!);
      if (senior && head.length === 1 && !headIsSecretary) problems.push({ zh: '总校长未同时担任党委书记', en: 'the 总校长 is not the 党委书记' });
      if (senior ? seconds.length !== 3 : seconds.length < 3 || seconds.length > 5)
        problems.push({ zh: `${senior ? '分校长' : '片区负责人'} ${seconds.length} 名（应为${senior ? '3' : '3–5'}名）`, en: `${seconds.length} ${senior ? '分校长' : '片区负责人'} (${senior ? '3' : '3–5'} required)` });
      if (!profile?.partyCommitteeOn || profile.partyCommitteeOn > on) problems.push({ zh: '未设立集团党委', en: 'no party committee recorded' });
      if (!profile?.generalOfficeOn || profile.generalOfficeOn > on) problems.push({ zh: '未设置综合办公室', en: 'no general office recorded' });
      if (!charters.some((c) => c.groupId === g.id)) problems.push({ zh: '未制定集团办学章程', en: 'no charter recorded' });
      const warnOnly = problems.length === 0 && !senior && head.length === 1 && !headIsSecretary;
      return {
        status: problems.length ? 'FAIL' : warnOnly ? 'WARN' : 'PASS',
        measured: { head: head.length, headIsPartySecretary: headIsSecretary, seconds: seconds.length, partyCommitteeOn: profile?.partyCommitteeOn ?? null, generalOfficeOn: profile?.generalOfficeOn ?? null, hasCharter: charters.some((c) => c.groupId === g.id) },
        expected: senior ? { head: 1, headIsPartySecretary: true, seconds: 3, partyCommittee: true, generalOffice: true, charter: true } : { head: 1, seconds: { min: 3, max: 5 }, partyCommittee: true, generalOffice: true, charter: true },
        subjects: [groupSubject(g)],
        message: problems.length
          ? { zh: `${g.name}：${problems.map((p) => p.zh).join('；')}`, en: `${g.name}: ${problems.map((p) => p.en).join('; ')}` }
          : warnOnly
            ? { zh: `${g.name} 总负责人原则上同时担任党委书记`, en: `${g.name}: the 总负责人 is, in principle, the 党委书记` }
            : undefined,
      };
    });
  },
});

/**
 * 集团内部各学校法人代表不变、经费独立核算不变、校名和行政隶属关系不变. Our reading of what can be
 * checked: while a school is a member of an education group it stays a legal person (法人), its
 * running authority stays the county (行政隶属关系), and its name does not take a group's name (校名).
 * Separate accounts (经费独立核算) are not data here. Judged on every change of a school in the county
 * (core's updateSchool included).
 */
export const memberIdentityUnchanged = defineRule<HezhangOptions>({
  id: 'hezhang.member-identity-unchanged',
  title: { zh: '集团内各学校法人代表、经费独立核算、校名和行政隶属关系不变', en: 'a member school keeps its legal person, accounts, name and affiliation' },
  cite: { doc: DOC, clause: `${ANNEX2} 三(一)` },
  enforce: 'write',
  appliesTo: ['School', 'SchoolGroup', 'GroupMembership', 'HezhangGroupTownship'],
  async evaluate({ db, localityCode, changes, today }) {
    const schoolCodes = changes.filter((c) => c.entity === 'School' && (!c.fields || c.fields.some((f) => ['name', 'isLegalPerson', 'authorityCode', 'townshipCode'].includes(f)))).map((c) => c.key);
    const groupsChanged = changes.some((c) => c.entity !== 'School');
    if (schoolCodes.length === 0 && !groupsChanged) return [];
    const county = localityCode.slice(0, 6);
    const memberships = await groupsOfSchoolsOn(db, county, today);
    const codes = groupsChanged ? [...memberships.keys()] : schoolCodes.filter((c) => memberships.has(c));
    const schools = await schoolsByCode(db, codes);
    const groupNames = [...new Set([...memberships.values()].flat().map((g) => g.name))];
    const out: Finding[] = [];
    for (const code of codes) {
      const s = schools.get(code);
      if (!s) continue;
      const gs = memberships.get(code)!;
      const problems: { zh: string; en: string }[] = [];
      if (!s.isLegalPerson) problems.push({ zh: '不再是独立法人', en: 'is no longer a legal person' });
      if (s.authorityCode !== s.countyCode) problems.push({ zh: `行政隶属关系改为 ${s.authorityCode}`, en: `its running authority became ${s.authorityCode}` });
      const taken = groupNames.find((n) => s.name.includes(n)) ?? (s.name.includes('教育集团') ? '教育集团' : null);
      if (taken) problems.push({ zh: `校名含集团名称「${taken}」`, en: `its name takes the group’s name “${taken}”` });
      out.push({
        status: problems.length ? 'FAIL' : 'PASS',
        measured: { name: s.name, isLegalPerson: s.isLegalPerson, authorityCode: s.authorityCode },
        expected: { isLegalPerson: true, authorityCode: s.countyCode, nameWithoutGroupName: true },
        subjects: [schoolSubject(s), ...gs.map(groupSubject)],
        message: problems.length ? { zh: `${s.name}（${gs.map((g) => g.name).join('、')}成员）${problems.map((p) => p.zh).join('；')}`, en: `${s.name} (member of ${gs.map((g) => g.name).join(', ')}) ${problems.map((p) => p.en).join('; ')}` } : undefined,
      });
    }
    return out;
  },
});

/** The stage a county-town school helps (二(三)): kindergarten → KINDERGARTEN, primary → PRIMARY, a school with junior or senior classes → JUNIOR. */
export function helpedStageOf(s: Pick<SchoolRow, 'stages'>): string | null {
  if (s.stages.includes('JUNIOR') || s.stages.includes('SENIOR')) return 'JUNIOR';
  if (s.stages.includes('PRIMARY')) return 'PRIMARY';
  if (s.stages.includes('KINDERGARTEN')) return 'KINDERGARTEN';
  return null;
}

export const pairedStageMatch = defineRule<HezhangOptions>({
  id: 'hezhang.paired-stage-match',
  title: { zh: '对口帮扶按学段：县城区中学帮扶集团初中，小学帮扶小学，幼儿园帮扶幼儿园', en: 'paired assistance matches stages: secondary → the group’s junior schools, primary → primary, kindergarten → kindergarten' },
  cite: { doc: DOC, clause: `${ANNEX2} 二(三)` },
  enforce: 'write',
  appliesTo: ['HezhangPairing', 'School'],
  async evaluate({ db, changes }) {
    const pairingIds = changes.filter((c) => c.entity === 'HezhangPairing').map((c) => c.key);
    const schoolCodes = changes.filter((c) => c.entity === 'School' && (!c.fields || c.fields.some((f) => ['stages', 'schoolType'].includes(f)))).map((c) => c.key);
    if (pairingIds.length === 0 && schoolCodes.length === 0) return [];
    // A school changing type re-judges the pairings it is in (helper or helped).
    const rows = await db
      .select()
      .from(pairings)
      .where(
        or(
          pairingIds.length ? inArray(pairings.id, pairingIds) : undefined,
          schoolCodes.length ? or(inArray(pairings.helperSchoolCode, schoolCodes), inArray(pairings.helpedSchoolCode, schoolCodes)) : undefined,
        ),
      );
    if (rows.length === 0) return [];
    const schools = await schoolsByCode(db, rows.flatMap((r) => [r.helperSchoolCode, ...(r.helpedSchoolCode ? [r.helpedSchoolCode] : [])]));
    const countyTown = await countyTownCodes(db, rows.map((r) => r.helperSchoolCode));
    const groups = await db.select().from(core.schoolGroups).where(inArray(core.schoolGroups.id, [...new Set(rows.map((r) => r.groupId))]));
    const out: Finding[] = [];
    for (const r of rows) {
      const helper = schools.get(r.helperSchoolCode)!;
      const helped = r.helpedSchoolCode ? schools.get(r.helpedSchoolCode)! : null;
      const group = groups.find((g) => g.id === r.groupId) as SchoolGroupRow;
      const stage = helpedStageOf(helper);
      const problems: { zh: string; en: string }[] = [];
      if (group.kind !== COMPULSORY_KIND) problems.push({ zh: `${group.name} 不是义教和学前教育集团`, en: `${group.name} is not a compulsory and preschool group` });
      if (!countyTown.has(helper.code)) problems.push({ zh: `${helper.name} 不是县城区学校（县直各校(园)）`, en: `${helper.name} is not a county-town school` });
      if (stage !== r.stage) problems.push({ zh: `${helper.name} 应帮扶${stage ?? '—'}学段，而非 ${r.stage}`, en: `${helper.name} helps the ${stage ?? '—'} stage, not ${r.stage}` });
      if (helped && !helped.stages.includes(r.stage)) problems.push({ zh: `${helped.name} 没有 ${r.stage} 学段`, en: `${helped.name} has no ${r.stage} stage` });
      if (helped && stage && !helped.stages.includes(stage)) problems.push({ zh: `${helper.name} 与 ${helped.name} 学段不对应`, en: `${helper.name} and ${helped.name} are not of matching stages` });
      if (helped && group.kind === COMPULSORY_KIND && !(await membersOfGroup(db, group, r.validFrom)).includes(helped.code)) problems.push({ zh: `${helped.name} 不是 ${group.name} 的成员学校`, en: `${helped.name} is not a member of ${group.name}` });
      out.push({
        status: problems.length ? 'FAIL' : 'PASS',
        measured: { helper: helper.code, helperStages: helper.stages, stage: r.stage, helped: helped?.code ?? null, helpedStages: helped?.stages ?? null },
        expected: { stage, helperIsCountyTown: true },
        subjects: [schoolSubject(helper), ...(helped ? [schoolSubject(helped)] : []), groupSubject(group)],
        message: problems.length ? { zh: problems.map((p) => p.zh).join('；'), en: problems.map((p) => p.en).join('; ') } : undefined,
      });
    }
    return out;
  },
  inReport: async ({ db, localityCode, schoolYear }) => {
    const { start, end } = schoolYearRange(schoolYear);
    const groups = (await educationGroups(db, localityCode)).map((g) => g.id);
    if (groups.length === 0) return [];
    const rows = await db
      .select({ id: pairings.id })
      .from(pairings)
      .where(and(inArray(pairings.groupId, groups), lte(pairings.validFrom, end), or(isNull(pairings.validTo), gte(pairings.validTo, start))));
    return rows.map((r) => ({ entity: 'HezhangPairing', key: r.id }));
  },
});

/** 对口帮扶成效按学年度进行评估: each pairing in force in the year has its assessment; while the year runs a missing one is a WARN. */
export const pairedAssessment = defineRule<HezhangOptions>({
  id: 'hezhang.paired-assessment',
  title: { zh: '对口帮扶成效按学年度进行评估', en: 'each pairing is assessed each school year' },
  cite: { doc: DOC, clause: `${ANNEX2} 三(五)、二(三)` },
  enforce: 'report',
  appliesTo: ['HezhangPairing'],
  async evaluate({ db, localityCode, schoolYear, today }) {
    const { start, end } = schoolYearRange(schoolYear);
    const groups = await educationGroups(db, localityCode);
    if (groups.length === 0) return [];
    const rows = await db
      .select({ p: pairings, assessedOn: pairingAssessments.assessedOn, result: pairingAssessments.result })
      .from(pairings)
      .leftJoin(pairingAssessments, and(eq(pairingAssessments.pairingId, pairings.id), eq(pairingAssessments.schoolYear, schoolYear)))
      .where(and(inArray(pairings.groupId, groups.map((g) => g.id)), lte(pairings.validFrom, end), or(isNull(pairings.validTo), gte(pairings.validTo, start))))
      .orderBy(pairings.groupId, pairings.helperSchoolCode, pairings.id);
    const schools = await schoolsByCode(db, rows.map((r) => r.p.helperSchoolCode));
    const due = today > end;
    return rows.map((r): Finding => {
      const g = groups.find((x) => x.id === r.p.groupId)!;
      const helper = schools.get(r.p.helperSchoolCode)!;
      return {
        status: r.assessedOn ? 'PASS' : due ? 'FAIL' : 'WARN',
        measured: { assessedOn: r.assessedOn, result: r.result },
        expected: { assessedFor: schoolYear, by: end },
        subjects: [schoolSubject(helper), groupSubject(g), { type: 'HezhangPairing', key: r.p.id }],
        message: r.assessedOn ? undefined : { zh: `${helper.name} 对 ${g.name} 的对口帮扶 ${schoolYear} 学年${due ? '未评估' : '尚未评估'}`, en: `${helper.name}’s pairing with ${g.name} ${due ? 'was not' : 'is not yet'} assessed for ${schoolYear}` },
      };
    });
  },
});

/**
 * 县城区中小学（幼儿园）与对口帮扶集团学校之间 … 进行教师交流，交流时间原则上不超过一年: a core
 * exchange of kind PAIRED_ASSISTANCE between two of the county's schools lasts at most a year (option
 * in days); one without an end is refused too (it has no length to judge).
 */
export const pairedExchangeLength = defineRule<HezhangOptions>({
  id: 'hezhang.paired-exchange-length',
  title: { zh: '对口帮扶教师交流时间原则上不超过一年', en: 'a paired-assistance teacher exchange lasts at most one year' },
  cite: { doc: DOC, clause: '二(三)' },
  enforce: 'write',
  inPrinciple: true,
  appliesTo: ['Exchange'],
  async evaluate({ db, localityCode, options, changes }) {
    const ids = changes.map((c) => c.key);
    if (ids.length === 0) return [];
    const rows = await db
      .select()
      .from(core.exchanges)
      .where(and(inArray(core.exchanges.id, ids), eq(core.exchanges.kind, 'PAIRED_ASSISTANCE'), isNull(core.exchanges.archivedAt)));
    const schools = await schoolsByCode(db, rows.flatMap((r) => [r.fromSchoolCode, r.toSchoolCode]));
    const county = localityCode.slice(0, 6);
    return rows
      .filter((r) => schools.get(r.fromSchoolCode)?.countyCode === county || schools.get(r.toSchoolCode)?.countyCode === county)
      .map((r): Finding => {
        const last = addDays(r.startDate, options.pairedExchangeMaxDays - 1);
        const ok = !!r.endDate && r.endDate <= last;
        return {
          status: ok ? 'PASS' : 'FAIL',
          measured: { startDate: r.startDate, endDate: r.endDate },
          expected: { maxDays: options.pairedExchangeMaxDays, lastDay: last },
          subjects: [schoolSubject({ code: r.fromSchoolCode }), schoolSubject({ code: r.toSchoolCode }), { type: 'Person', key: r.personId }],
          message: ok ? undefined : r.endDate ? { zh: `对口帮扶交流 ${r.startDate}–${r.endDate} 超过一年（最迟 ${last}）`, en: `a paired-assistance exchange ${r.startDate}–${r.endDate} lasts over a year (last day ${last})` } : { zh: '对口帮扶交流没有结束日期（原则上不超过一年）', en: 'a paired-assistance exchange without an end date (at most a year, in principle)' },
        };
      });
  },
});
