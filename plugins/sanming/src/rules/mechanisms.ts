/**
 * The seven mechanisms and the unified management of a 总校 (明政办〔2017〕118号 四(一), 四(二)), and
 * the priority for teachers with two schools' experience (六(三)).
 */
import { and, arrayOverlaps, inArray, or } from 'drizzle-orm';
import { COMPULSORY_STAGES, defineRule, plansOf, tables as core, schoolsByCode, schoolYearOf, schoolYearRange, referenceDate, type Finding, type SchoolRow } from '@gongzhi/core';
import type { SanmingOptions } from '../options.js';
import { DOC, twoSchoolTeachersOf } from '../repo.js';
import { admissionPolicies, bundledAppraisals, centres, evaluations, experimentalClasses, titlePriorityEntries } from '../tables.js';
import { groupSubject, memberCodes, personSubject, schoolSubject, schoolsInYear, zongxiaoInYear } from './common.js';

const inYear = (schoolYear: string) => schoolYearRange(schoolYear);

export const charter = defineRule<SanmingOptions>({
  id: 'sanming.charter',
  title: { zh: '总校有章程并对成员学校实行捆绑考核', en: 'each 总校 has a charter and a bundled appraisal of its schools' },
  cite: { doc: DOC, clause: '四(一)1' },
  enforce: 'report',
  appliesTo: ['SchoolGroup'],
  async evaluate({ db, facts, schoolYear }) {
    const zs = await zongxiaoInYear(facts);
    if (zs.length === 0) return [];
    const { start, end } = inYear(schoolYear);
    const ids = zs.map((z) => z.group.id);
    const charters = (await plansOf(db, ids, 'CHARTER')).filter((p) => (!p.validFrom || p.validFrom <= end) && (!p.validTo || p.validTo >= start));
    const appraisals = await db.select().from(bundledAppraisals).where(and(inArray(bundledAppraisals.groupId, ids)));
    return zs.map((z): Finding => {
      const c = charters.filter((p) => p.groupId === z.group.id);
      const a = appraisals.filter((x) => x.groupId === z.group.id && x.schoolYear === schoolYear);
      const schools = memberCodes(z);
      const covered = new Set(a.flatMap((x) => x.schoolCodes));
      const uncovered = schools.filter((s) => !covered.has(s));
      const gaps = [
        c.length ? null : { zh: '没有章程', en: 'no charter (章程)' },
        a.length ? null : { zh: '本学年没有捆绑考核', en: 'no bundled appraisal (捆绑考核) in the school year' },
        a.length && uncovered.length ? { zh: `捆绑考核未包括 ${uncovered.join('、')}`, en: `the bundled appraisal leaves out ${uncovered.join(', ')}` } : null,
      ].filter((g): g is { zh: string; en: string } => !!g);
      const measured = { charters: c.map((p) => p.title), appraisals: a.length, uncovered };
      const expected = { charter: true, bundledAppraisalCovers: schools };
      return gaps.length
        ? { status: 'FAIL', measured, expected, subjects: [groupSubject(z.group)], message: { zh: `总校「${z.group.name}」${gaps.map((g) => g.zh).join('；')}`, en: `总校 “${z.group.name}”: ${gaps.map((g) => g.en).join('; ')}` } }
        : { status: 'PASS', measured, expected, subjects: [groupSubject(z.group)] };
    });
  },
});

const CENTRE_WORDS = {
  HR: { zh: '教师资源管理中心', en: 'HR centre (教师资源管理中心)' },
  FINANCE: { zh: '财务核算中心', en: 'finance accounting centre (财务核算中心)' },
  TEACHER_DEVELOPMENT: { zh: '教师发展中心', en: 'teacher-development centre (教师发展中心)' },
} as const;

export const centresRule = defineRule<SanmingOptions>({
  id: 'sanming.centres',
  title: { zh: '总校设立教师资源管理中心、财务核算中心和教师发展中心', en: 'each 总校 has its HR centre, finance accounting centre and teacher-development centre' },
  cite: { doc: DOC, clause: '四(二)1–2, 四(一)4' },
  enforce: 'report',
  appliesTo: ['SchoolGroup'],
  async evaluate({ db, facts, schoolYear, today }) {
    const zs = await zongxiaoInYear(facts);
    if (zs.length === 0) return [];
    const on = referenceDate(schoolYear, today);
    const rows = await db.select().from(centres).where(inArray(centres.groupId, zs.map((z) => z.group.id)));
    return zs.map((z): Finding => {
      const open = rows.filter((r) => r.groupId === z.group.id && r.establishedOn <= on && (!r.closedOn || r.closedOn >= on));
      const missing = (Object.keys(CENTRE_WORDS) as (keyof typeof CENTRE_WORDS)[]).filter((k) => !open.some((r) => r.kind === k));
      const measured = { on, centres: open.map((r) => ({ kind: r.kind, name: r.name })), missing };
      const expected = { centres: Object.keys(CENTRE_WORDS) };
      return missing.length
        ? { status: 'FAIL', measured, expected, subjects: [groupSubject(z.group)], message: { zh: `总校「${z.group.name}」未设立${missing.map((k) => CENTRE_WORDS[k].zh).join('、')}`, en: `总校 “${z.group.name}” has no ${missing.map((k) => CENTRE_WORDS[k].en).join(', ')}` } }
        : { status: 'PASS', measured, expected, subjects: [groupSubject(z.group)] };
    });
  },
});

/** 四(一)5 "探索在初中阶段建立1—2个实验班，由初高中双方联合举办，实行初高中双导师制度": explored, so a shortfall is a WARN. */
export const experimentalClassesRule = defineRule<SanmingOptions>({
  id: 'sanming.experimental-classes',
  title: { zh: '跨初高中的总校探索建立1—2个初中实验班，实行初高中双导师制', en: 'where a 总校 spans junior and senior, 1–2 junior experimental classes with 双导师 (explored: a shortfall is a WARN)' },
  cite: { doc: DOC, clause: '四(一)5' },
  enforce: 'report',
  appliesTo: ['SchoolGroup'],
  async evaluate({ db, facts, schoolYear, options: o }) {
    const zs = await zongxiaoInYear(facts);
    if (zs.length === 0) return [];
    const schools = await schoolsInYear(facts);
    const rows = await db.select().from(experimentalClasses).where(inArray(experimentalClasses.groupId, zs.map((z) => z.group.id)));
    return zs.map((z): Finding => {
      const stages = new Set(memberCodes(z).flatMap((c) => schools.get(c)?.stages ?? []));
      const expected = { classes: { min: o.experimentalClassesMin, max: o.experimentalClassesMax }, mentors: ['JUNIOR', 'SENIOR'] };
      if (!stages.has('JUNIOR') || !stages.has('SENIOR')) return { status: 'NOT_APPLICABLE', measured: { stages: [...stages].sort() }, expected, subjects: [groupSubject(z.group)] };
      const classes = rows.filter((r) => r.groupId === z.group.id && r.schoolYear === schoolYear);
      const withoutMentors = classes.filter((c) => !c.juniorMentorPersonId || !c.seniorMentorPersonId);
      const measured = { classes: classes.length, withoutTwoMentors: withoutMentors.map((c) => c.name) };
      const notes = [
        classes.length < o.experimentalClassesMin ? { zh: `初中实验班 ${classes.length} 个，少于 ${o.experimentalClassesMin} 个`, en: `${classes.length} junior experimental classes, fewer than ${o.experimentalClassesMin}` } : null,
        classes.length > o.experimentalClassesMax ? { zh: `初中实验班 ${classes.length} 个，多于 ${o.experimentalClassesMax} 个`, en: `${classes.length} junior experimental classes, more than ${o.experimentalClassesMax}` } : null,
        withoutMentors.length ? { zh: `${withoutMentors.map((c) => c.name).join('、')}未实行初高中双导师`, en: `${withoutMentors.map((c) => c.name).join(', ')} lack a junior and a senior mentor (双导师)` } : null,
      ].filter((g): g is { zh: string; en: string } => !!g);
      return notes.length
        ? { status: 'WARN', measured, expected, subjects: [groupSubject(z.group)], message: { zh: `探索事项：${notes.map((g) => g.zh).join('；')}`, en: `explored (探索): ${notes.map((g) => g.en).join('; ')}` } }
        : { status: 'PASS', measured, expected, subjects: [groupSubject(z.group)] };
    });
  },
});

/** What an admission record breaks: 四(一)6 "小学划片就近入学、初中划片对口招生入学", 免试就近. */
function admissionGaps(p: typeof admissionPolicies.$inferSelect, school: SchoolRow | undefined, feeders: Map<string, SchoolRow>) {
  const gaps: { zh: string; en: string }[] = [];
  if (!school || !school.stages.includes(p.stage as never)) gaps.push({ zh: `学校不设${p.stage}学段`, en: `the school teaches no ${p.stage} stage` });
  if (!p.isExamFree) gaps.push({ zh: '义务教育入学须免试', en: 'compulsory admission is exam-free (免试)' });
  if (p.stage === 'PRIMARY') {
    if (p.method !== 'CATCHMENT') gaps.push({ zh: '小学应划片就近入学', en: 'primary admission is by catchment (划片就近)' });
    if (!p.catchment?.trim()) gaps.push({ zh: '未记录划片范围', en: 'the catchment is not recorded' });
  }
  if (p.stage === 'JUNIOR') {
    if (p.method !== 'FEEDER') gaps.push({ zh: '初中应划片对口招生', en: 'junior admission is by catchment with fixed feeder schools (划片对口)' });
    if (p.feederSchoolCodes.length === 0) gaps.push({ zh: '未记录对口小学', en: 'no feeder primary school is recorded' });
    const notPrimary = p.feederSchoolCodes.filter((c) => !feeders.get(c)?.stages.includes('PRIMARY') || !!feeders.get(c)?.archivedAt);
    if (notPrimary.length) gaps.push({ zh: `对口学校 ${notPrimary.join('、')} 不是在办小学`, en: `feeder school(s) ${notPrimary.join(', ')} teach no primary stage` });
  }
  return gaps;
}

export const zonedAdmission = defineRule<SanmingOptions>({
  id: 'sanming.zoned-admission',
  title: { zh: '义务教育阶段免试就近入学：小学划片就近、初中划片对口', en: 'compulsory admission is exam-free: primary by catchment, junior by catchment with fixed feeder pairings' },
  cite: { doc: DOC, clause: '四(一)6' },
  enforce: 'write',
  appliesTo: ['SanmingAdmissionPolicy', 'School', 'SanmingZongxiaoYear'],
  async inReport({ db, facts }) {
    const zs = await zongxiaoInYear(facts);
    const rows = zs.length ? await db.select({ id: admissionPolicies.id }).from(admissionPolicies).where(and(inArray(admissionPolicies.groupId, zs.map((z) => z.group.id)))) : [];
    return [...zs.map((z) => ({ entity: 'SanmingZongxiaoYear', key: `${z.group.id}|${facts.schoolYear}` })), ...rows.map((r) => ({ entity: 'SanmingAdmissionPolicy', key: r.id }))];
  },
  async evaluate({ db, changes, today }) {
    const ids = changes.filter((c) => c.entity === 'SanmingAdmissionPolicy').map((c) => c.key);
    const schoolCodes = changes.filter((c) => c.entity === 'School').map((c) => c.key);
    const years = changes.filter((c) => c.entity === 'SanmingZongxiaoYear').map((c) => c.key.split('|'));
    const current = schoolYearOf(today);
    // A school re-registered (stages, type) re-judges the records naming it, as school or as feeder, for this year and later.
    const rows = ids.length || schoolCodes.length
      ? (await db.select().from(admissionPolicies).where(or(ids.length ? inArray(admissionPolicies.id, ids) : undefined, schoolCodes.length ? inArray(admissionPolicies.schoolCode, schoolCodes) : undefined, schoolCodes.length ? arrayOverlaps(admissionPolicies.feederSchoolCodes, schoolCodes) : undefined))).filter(
          (r) => ids.includes(r.id) || r.schoolYear >= current,
        )
      : [];
    const yearRows = years.length ? await db.select().from(admissionPolicies).where(inArray(admissionPolicies.groupId, years.map((y) => y[0]!))) : [];
    const groupIds = [...new Set([...rows.map((r) => r.groupId), ...years.map((y) => y[0]!)])];
    const groups = groupIds.length ? new Map((await db.select().from(core.schoolGroups).where(inArray(core.schoolGroups.id, groupIds))).map((g) => [g.id, g])) : new Map();
    const members = groupIds.length ? await db.select().from(core.groupMembers).where(inArray(core.groupMembers.groupId, groupIds)) : [];
    const schools = await schoolsByCode(db, [...rows, ...yearRows].flatMap((r) => [r.schoolCode, ...r.feederSchoolCodes]).concat(members.map((m) => m.schoolCode)));
    const out: Finding[] = [];
    for (const p of rows) {
      const school = schools.get(p.schoolCode);
      const gaps = admissionGaps(p, school, schools);
      const group = groups.get(p.groupId);
      const subjects = [...(group ? [groupSubject(group)] : []), schoolSubject(school ?? { code: p.schoolCode })];
      out.push(
        gaps.length
          ? { status: 'FAIL', measured: { schoolCode: p.schoolCode, schoolYear: p.schoolYear, stage: p.stage, isExamFree: p.isExamFree, method: p.method, feederSchoolCodes: p.feederSchoolCodes }, expected: { isExamFree: true, method: p.stage === 'PRIMARY' ? 'CATCHMENT' : 'FEEDER' }, subjects, message: { zh: `${school?.name ?? p.schoolCode} ${p.schoolYear} 学年${p.stage}招生：${gaps.map((g) => g.zh).join('；')}`, en: `${p.schoolCode} ${p.schoolYear} ${p.stage} admission: ${gaps.map((g) => g.en).join('; ')}` } }
          : { status: 'PASS', measured: { schoolCode: p.schoolCode, schoolYear: p.schoolYear, stage: p.stage, method: p.method }, subjects },
      );
    }
    // The report's year: every compulsory stage of every member has its admission recorded (no record proves nothing).
    for (const [groupId, schoolYear] of years) {
      const group = groups.get(groupId!);
      if (!group) continue;
      const { start, end } = schoolYearRange(schoolYear!);
      const codes = [...new Set(members.filter((m) => m.groupId === groupId && m.validFrom <= end && (!m.validTo || m.validTo >= start)).map((m) => m.schoolCode))];
      const missing = codes.flatMap((c) => (schools.get(c)?.stages ?? []).filter((s) => (COMPULSORY_STAGES as readonly string[]).includes(s) && !yearRows.some((r) => r.schoolCode === c && r.stage === s && r.schoolYear === schoolYear)).map((stage) => ({ schoolCode: c, stage })));
      if (codes.every((c) => !(schools.get(c)?.stages ?? []).some((s) => (COMPULSORY_STAGES as readonly string[]).includes(s)))) continue;
      out.push(
        missing.length
          ? { status: 'FAIL', measured: { schoolYear, missing }, expected: { recorded: 'every compulsory stage of every member' }, subjects: [groupSubject(group), ...missing.map((m) => schoolSubject(schools.get(m.schoolCode) ?? { code: m.schoolCode }))], message: { zh: `总校「${group.name}」${schoolYear} 学年未记录 ${missing.map((m) => `${schools.get(m.schoolCode)?.name ?? m.schoolCode}（${m.stage}）`).join('、')} 的招生方式`, en: `总校 “${group.name}” records no ${schoolYear} admission for ${missing.map((m) => `${m.schoolCode} (${m.stage})`).join(', ')}` } }
          : { status: 'PASS', measured: { schoolYear, recorded: codes.length }, subjects: [groupSubject(group)] },
      );
    }
    return out;
  },
});

/**
 * 四(一)7 "引入第三方评估机构进行绩效评价，将学生、家长与社区老百姓满意度，作为检验总校制办学成效的重要标尺".
 * The catalogue says yearly; the source gives no period: `evaluationIntervalYears` (1 by default,
 * our reading) says how recent an evaluation must be (a test sets 2).
 */
export const thirdPartyEvaluation = defineRule<SanmingOptions>({
  id: 'sanming.third-party-evaluation',
  title: { zh: '引入第三方评估机构进行绩效评价，包括学生、家长与社区满意度', en: 'a third-party evaluation that includes pupil, parent and community satisfaction' },
  cite: { doc: DOC, clause: '四(一)7' },
  enforce: 'report',
  appliesTo: ['SchoolGroup'],
  async evaluate({ db, facts, schoolYear, options: o }) {
    const zs = await zongxiaoInYear(facts);
    if (zs.length === 0) return [];
    const first = Number(schoolYear.slice(0, 4));
    const years = Array.from({ length: o.evaluationIntervalYears }, (_, i) => `${first - i}-${first - i + 1}`);
    const rows = await db.select().from(evaluations).where(and(inArray(evaluations.groupId, zs.map((z) => z.group.id)), inArray(evaluations.schoolYear, years)));
    return zs.map((z): Finding => {
      const mine = rows.filter((r) => r.groupId === z.group.id);
      const complete = mine.find((r) => r.agency.trim() && r.pupilSatisfaction !== null && r.parentSatisfaction !== null && r.communitySatisfaction !== null);
      const expected = { within: years, satisfaction: ['pupils', 'parents', 'community'] };
      if (complete) return { status: 'PASS', measured: { agency: complete.agency, schoolYear: complete.schoolYear, pupils: complete.pupilSatisfaction, parents: complete.parentSatisfaction, community: complete.communitySatisfaction }, expected, subjects: [groupSubject(z.group)] };
      const partial = mine[0];
      const lacking = partial ? (['pupilSatisfaction', 'parentSatisfaction', 'communitySatisfaction'] as const).filter((k) => partial[k] === null) : [];
      return {
        status: 'FAIL',
        measured: { evaluations: mine.length, lacking },
        expected,
        subjects: [groupSubject(z.group)],
        message: partial
          ? { zh: `总校「${z.group.name}」的第三方评估缺少${lacking.map((k) => ({ pupilSatisfaction: '学生', parentSatisfaction: '家长', communitySatisfaction: '社区' })[k]).join('、')}满意度`, en: `总校 “${z.group.name}”'s third-party evaluation lacks ${lacking.join(', ')}` }
          : { zh: `总校「${z.group.name}」在 ${years.join('、')} 学年没有第三方评估`, en: `总校 “${z.group.name}” has no third-party evaluation in ${years.join(', ')}` },
      };
    });
  },
});

/** 六(三) "对有两校任教经历的教师，在专业职称晋升上应予以优先考虑": the 总校 lists them; the report checks the list against the posts and exchanges. */
export const twoSchoolExperience = defineRule<SanmingOptions>({
  id: 'sanming.two-school-experience',
  title: { zh: '有两校任教经历的教师列入职称晋升优先考虑名单', en: 'teachers with teaching experience in two member schools are listed for title-promotion priority' },
  cite: { doc: DOC, clause: '六(三)' },
  enforce: 'report',
  appliesTo: ['SchoolGroup', 'Person'],
  async evaluate({ db, facts, schoolYear }) {
    const zs = await zongxiaoInYear(facts);
    if (zs.length === 0) return [];
    const ids = zs.map((z) => z.group.id);
    const allMembers = await db.select().from(core.groupMembers).where(inArray(core.groupMembers.groupId, ids));
    const qualified = await twoSchoolTeachersOf(db, zs.map((z) => ({ group: z.group, members: allMembers.filter((m) => m.groupId === z.group.id) })), schoolYear);
    const listed = await db.select().from(titlePriorityEntries).where(and(inArray(titlePriorityEntries.groupId, ids), inArray(titlePriorityEntries.schoolYear, [schoolYear])));
    return zs.map((z): Finding => {
      const q = qualified.get(z.group.id) ?? [];
      const l = listed.filter((e) => e.groupId === z.group.id).map((e) => e.personId);
      const missing = q.filter((t) => !l.includes(t.personId)).map((t) => t.personId);
      const unqualified = l.filter((p) => !q.some((t) => t.personId === p));
      const measured = { qualified: q.map((t) => ({ personId: t.personId, schoolCodes: t.schoolCodes })), listed: l, missing, unqualified };
      if (q.length === 0 && l.length === 0) return { status: 'NOT_APPLICABLE', measured, subjects: [groupSubject(z.group)], message: { zh: '没有具有两校任教经历的教师', en: 'no teacher has taught at two of its schools' } };
      if (missing.length || unqualified.length)
        return {
          status: 'FAIL',
          measured,
          expected: { listed: q.map((t) => t.personId) },
          subjects: [groupSubject(z.group), ...[...missing, ...unqualified].map((p) => personSubject(p))],
          message: { zh: [missing.length ? `${missing.length} 名有两校任教经历的教师未列入优先名单` : '', unqualified.length ? `名单中 ${unqualified.length} 人没有两校任教经历` : ''].filter(Boolean).join('；'), en: [missing.length ? `${missing.length} teacher(s) with two schools’ experience are not listed` : '', unqualified.length ? `${unqualified.length} listed without two schools’ experience` : ''].filter(Boolean).join('; ') },
        };
      return { status: 'PASS', measured, subjects: [groupSubject(z.group)] };
    });
  },
});
