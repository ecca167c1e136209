/**
 * The 总校长 decides over members only with the agreement of each member's own bureau (三(三)), and
 * every member has its 执行校长 (三(三), 四(二)1).
 */
import { and, asc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import { defineRule, placementsOf, placeOn, schoolsByCode, schoolYearRange, referenceDate, tables as core, type Finding, type PostRow } from '@gongzhi/core';
import type { SanmingOptions } from '../options.js';
import { authorityHistoryOf, authorityOn, DOC, ownBureau, ROLE, SCHOOL_LEADER_ROLES, type DecisionRow } from '../repo.js';
import { appointments, decisions } from '../tables.js';
import { groupSubject, memberOn, nonLeadCodes, personSubject, schoolSubject, schoolsInYear, zongxiaoInYear, zongxiaoMembershipsOn } from './common.js';

/** What a decision's consultation lacks; empty when its own bureau was consulted and agreed. */
function consultationGaps(d: DecisionRow, bureau: string | null): { zh: string; en: string }[] {
  const gaps: { zh: string; en: string }[] = [];
  if (!d.consultedBureauCode) gaps.push({ zh: '未记录征求成员学校隶属教育行政部门意见', en: 'no consultation of the member’s own bureau is recorded' });
  else if (bureau && d.consultedBureauCode !== bureau) gaps.push({ zh: `征求的是 ${d.consultedBureauCode} 的意见，而成员学校隶属 ${bureau}`, en: `the bureau consulted (${d.consultedBureauCode}) is not the member’s own (${bureau})` });
  if (d.consultedBureauCode && (!d.consultedOn || d.consultedOn > d.decidedOn)) gaps.push({ zh: '征求意见应在决策之前', en: 'the consultation must come before the decision' });
  if (d.agreementReached !== true) gaps.push({ zh: '未达成共识', en: 'no agreement (达成共识) was reached' });
  else if (!d.agreement?.trim()) gaps.push({ zh: '未记录所达成的共识', en: 'the agreement reached is not recorded' });
  return gaps;
}

/**
 * 三(三) "总校长在对成员校进行人事调配、经费安排等重要决策时，要征求成员学校隶属教育行政部门意见，
 * 达成共识". For every member (成员校), whatever its authority — a 市属 member of a 市属 总校 too. The
 * 成员校 are the schools besides the lead (四(一)3 sets 总校 against 成员学校): a decision over the
 * lead school is the 总校's own. A leader appointed at a member (a core post of a school-level
 * leader role, or the plugin's 执行校长) is a personnel decision: it needs a recorded decision over
 * that person whose consultation of the member's own bureau reached agreement. The own bureau is
 * read where the school stood on the decision's day (dated locality history: a 梅列区 school before
 * 2021 is consulted with 梅列区).
 */
export const authorityConsensus = defineRule<SanmingOptions>({
  id: 'sanming.authority-consensus',
  title: { zh: '对成员校的人事调配、经费安排等重要决策须征求其隶属教育行政部门意见并达成共识', en: 'a personnel, funding or other major decision over a member records its own bureau’s consultation and agreement' },
  cite: { doc: DOC, clause: '三(三)' },
  enforce: 'write',
  appliesTo: ['SanmingDecision', 'Post'],
  async inReport({ db, facts }) {
    const zs = await zongxiaoInYear(facts);
    if (zs.length === 0) return [];
    const { start, end } = schoolYearRange(facts.schoolYear);
    const ds = await db.select({ id: decisions.id }).from(decisions).where(and(inArray(decisions.groupId, zs.map((z) => z.group.id)), gte(decisions.decidedOn, start), lte(decisions.decidedOn, end)));
    const codes = zs.flatMap((z) => nonLeadCodes(z));
    const ps = codes.length
      ? await db.select({ id: core.posts.id }).from(core.posts).where(and(inArray(core.posts.schoolCode, codes), inArray(core.posts.role, [...SCHOOL_LEADER_ROLES]), isNull(core.posts.archivedAt), gte(core.posts.validFrom, start), lte(core.posts.validFrom, end)))
      : [];
    return [...ds.map((d) => ({ entity: 'SanmingDecision', key: d.id })), ...ps.map((p) => ({ entity: 'Post', key: p.id }))];
  },
  async evaluate({ db, changes }) {
    const decisionIds = changes.filter((c) => c.entity === 'SanmingDecision').map((c) => c.key);
    const postIds = changes.filter((c) => c.entity === 'Post').map((c) => c.key);
    const posts: PostRow[] = postIds.length ? await db.select().from(core.posts).where(and(inArray(core.posts.id, postIds), inArray(core.posts.role, [...SCHOOL_LEADER_ROLES]), isNull(core.posts.archivedAt))) : [];
    const atSchools = posts.filter((p) => p.schoolCode);
    const memberships = await zongxiaoMembershipsOn(db, atSchools.map((p) => p.schoolCode!));
    // Appointments at a non-lead member, from the day it is one.
    const appointmentsOver = atSchools.flatMap((p) => memberships.filter((m) => m.member.schoolCode === p.schoolCode && m.group.leadSchoolCode !== p.schoolCode && memberOn(m, p.validFrom)).map((m) => ({ post: p, group: m.group })));
    const changed = decisionIds.length ? await db.select().from(decisions).where(inArray(decisions.id, decisionIds)) : [];
    const forPosts = appointmentsOver.length
      ? await db
          .select()
          .from(decisions)
          .where(and(inArray(decisions.groupId, [...new Set(appointmentsOver.map((a) => a.group.id))]), eq(decisions.kind, 'PERSONNEL'), inArray(decisions.personId, [...new Set(appointmentsOver.map((a) => a.post.personId))])))
          .orderBy(asc(decisions.decidedOn))
      : [];
    const all = [...changed, ...forPosts];
    if (all.length === 0 && appointmentsOver.length === 0) return [];
    const codes = [...new Set([...all.map((d) => d.schoolCode), ...appointmentsOver.map((a) => a.post.schoolCode!)])];
    const schools = await schoolsByCode(db, codes);
    const history = await authorityHistoryOf(db, codes);
    const placements = await placementsOf(db, codes);
    const groups = new Map([...memberships.map((m) => [m.group.id, m.group] as const)]);
    const changedGroups = changed.length ? await db.select().from(core.schoolGroups).where(inArray(core.schoolGroups.id, [...new Set(changed.map((d) => d.groupId))])) : [];
    for (const g of changedGroups) groups.set(g.id, g);
    const bureauOf = (code: string, on: string) => {
      const s = schools.get(code)!;
      return ownBureau(authorityOn(history, code, on), placeOn(s, placements, on).countyCode);
    };
    const out: Finding[] = [];
    for (const d of changed) {
      const group = groups.get(d.groupId)!;
      const school = schools.get(d.schoolCode)!;
      if (group.leadSchoolCode === d.schoolCode) {
        out.push({ status: 'NOT_APPLICABLE', measured: { decisionId: d.id, overLead: true }, subjects: [groupSubject(group), schoolSubject(school)] });
        continue;
      }
      const bureau = bureauOf(d.schoolCode, d.decidedOn);
      const gaps = consultationGaps(d, bureau);
      out.push(
        gaps.length
          ? {
              status: 'FAIL',
              measured: { decisionId: d.id, kind: d.kind, decidedOn: d.decidedOn, consultedBureauCode: d.consultedBureauCode, consultedOn: d.consultedOn, agreementReached: d.agreementReached, ownBureauCode: bureau },
              expected: { consultedBureauCode: bureau ?? 'the member’s own bureau', agreementReached: true, consultedBefore: d.decidedOn },
              subjects: [groupSubject(group), schoolSubject(school)],
              message: { zh: `对${school.name}的决策「${d.subject}」：${gaps.map((g) => g.zh).join('；')}`, en: `decision “${d.subject}” over ${school.code}: ${gaps.map((g) => g.en).join('; ')}` },
            }
          : { status: 'PASS', measured: { decisionId: d.id, kind: d.kind, consultedBureauCode: d.consultedBureauCode, ownBureauCode: bureau }, subjects: [groupSubject(group), schoolSubject(school)] },
      );
    }
    for (const { post, group } of appointmentsOver) {
      const school = schools.get(post.schoolCode!)!;
      const bureau = bureauOf(post.schoolCode!, post.validFrom);
      const candidates = forPosts.filter((d) => d.groupId === group.id && d.schoolCode === post.schoolCode && d.personId === post.personId && d.decidedOn <= post.validFrom);
      const agreed = candidates.find((d) => consultationGaps(d, bureau).length === 0);
      out.push(
        agreed
          ? { status: 'PASS', measured: { postId: post.id, decisionId: agreed.id, consultedBureauCode: agreed.consultedBureauCode }, subjects: [groupSubject(group), schoolSubject(school), personSubject(post.personId)] }
          : {
              status: 'FAIL',
              measured: { postId: post.id, role: post.role, validFrom: post.validFrom, decisions: candidates.map((d) => ({ decisionId: d.id, consultedBureauCode: d.consultedBureauCode, agreementReached: d.agreementReached })), ownBureauCode: bureau },
              expected: { personnelDecisionAgreedWith: bureau ?? 'the member’s own bureau' },
              subjects: [groupSubject(group), schoolSubject(school), personSubject(post.personId)],
              message: {
                zh: `在成员学校${school.name}任命 ${post.role} 须有征求其隶属教育行政部门${bureau ? `（${bureau}）` : ''}意见并达成共识的人事决策记录`,
                en: `appointing ${post.role} at member ${school.code} needs a recorded personnel decision agreed with its own bureau${bureau ? ` (${bureau})` : ''}`,
              },
            },
      );
    }
    return out;
  },
});

/** 三(三) "各成员学校设执行校长", 四(二)1 "成员学校执行校长统一任命": each member besides the lead, with the appointing body recorded. */
export const executivePrincipal = defineRule<SanmingOptions>({
  id: 'sanming.executive-principal',
  title: { zh: '每所成员学校有现任执行校长（统一任命）', en: 'every non-lead member school has a current 执行校长, appointed uniformly' },
  cite: { doc: DOC, clause: '三(三), 四(二)1' },
  enforce: 'report',
  appliesTo: ['SchoolGroup'],
  async evaluate({ db, facts, schoolYear, today }) {
    const zs = await zongxiaoInYear(facts);
    const on = referenceDate(schoolYear, today);
    const codes = zs.flatMap((z) => nonLeadCodes(z));
    const schools = await schoolsInYear(facts);
    const posts = codes.length
      ? await db.select().from(core.posts).where(and(inArray(core.posts.schoolCode, codes), eq(core.posts.role, ROLE.EXECUTIVE_PRINCIPAL), isNull(core.posts.archivedAt), lte(core.posts.validFrom, on)))
      : [];
    const current = posts.filter((p) => !p.validTo || p.validTo >= on);
    const appointed = current.length ? await db.select().from(appointments).where(inArray(appointments.postId, current.map((p) => p.id))) : [];
    return zs.map(({ group, members }): Finding => {
      const others = nonLeadCodes({ group, members }).filter((c) => members.some((m) => m.schoolCode === c && m.validFrom <= on && (!m.validTo || m.validTo >= on)));
      const missing = others.filter((c) => !current.some((p) => p.schoolCode === c));
      const unrecorded = others.filter((c) => current.some((p) => p.schoolCode === c) && !current.some((p) => p.schoolCode === c && appointed.some((a) => a.postId === p.id && a.appointedBy.trim())));
      const expected = { executivePrincipals: others.length, appointingBodyRecorded: true };
      if (others.length === 0) return { status: 'NOT_APPLICABLE', measured: { members: 0, on }, subjects: [groupSubject(group)] };
      if (missing.length || unrecorded.length)
        return {
          status: 'FAIL',
          measured: { on, missing, appointingBodyMissing: unrecorded },
          expected,
          subjects: [groupSubject(group), ...[...missing, ...unrecorded].map((c) => schoolSubject(schools.get(c) ?? { code: c }))],
          message: {
            zh: [missing.length ? `${missing.map((c) => schools.get(c)?.name ?? c).join('、')}没有现任执行校长` : '', unrecorded.length ? `${unrecorded.map((c) => schools.get(c)?.name ?? c).join('、')}的执行校长未记录任命机关` : ''].filter(Boolean).join('；'),
            en: [missing.length ? `no current 执行校长 at ${missing.join(', ')}` : '', unrecorded.length ? `the appointing body of the 执行校长 at ${unrecorded.join(', ')} is not recorded` : ''].filter(Boolean).join('; '),
          },
        };
      return { status: 'PASS', measured: { on, executivePrincipals: others.length }, expected, subjects: [groupSubject(group)] };
    });
  },
});
