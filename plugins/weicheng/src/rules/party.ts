/**
 * 一(二)3 强化党建引领: 设置学区党委或党总支，建立健全学区党组织领导下的工作运行机制，学区内重大事项决策、
 * 重要干部任免、重大项目投资决策、大额资金使用等，党组织必须全程参与; and 一(二)3(2) 打造「一学区一品牌」党建亮点.
 */
import { defineRule, inForceOnDate, isInForce, schoolYearRange, type Finding } from '@gongzhi/core';
import type { WeichengOptions } from '../options.js';
import { DOC, MAJOR_MATTER_KINDS, PARTICIPATION_STAGES, REQUIRED_STAGES, type MajorMatterKind, type ParticipationStage } from '../domain.js';
import { decisionsOf, participationsOf, partyBrandsOf, partyOrganisationsOf, type DecisionRow, type ParticipationRow, type PartyOrganisationRow } from '../repo.js';
import { groupSubject, judgedOn, leadershipFact, yearXuequs } from './common.js';

export const partyOrganisation = defineRule<WeichengOptions>({
  id: 'weicheng.party-organisation',
  title: { zh: '每个学区设置学区党委或党总支', en: 'each 学区 has a party committee (党委) or general branch (党总支)' },
  cite: { doc: DOC, clause: '一(二)3' },
  enforce: 'report',
  appliesTo: ['SchoolGroup'],
  async evaluate({ schoolYear, today, facts }) {
    const { groups } = await yearXuequs(facts);
    const [orgs, posts] = await Promise.all([facts.shared('weicheng.partyOrganisations', (db) => partyOrganisationsOf(db, groups.map((g) => g.id))), leadershipFact(facts)]);
    return groups.map((group): Finding => {
      const on = judgedOn(group, schoolYear, today);
      const org = inForceOnDate(orgs.filter((o) => o.groupId === group.id), on);
      // No paper compliance: an organisation nobody leads proves nothing; its secretary (书记) is a
      // PARTY_SECRETARY post at the 学区 (our reading: the report names the bodies, not their officers).
      const secretary = posts.find((p) => p.groupId === group.id && p.role === 'PARTY_SECRETARY' && isInForce(p, on));
      const measured = { on, organisation: org ? { kind: org.kind, name: org.name, validFrom: org.validFrom } : null, secretaryPersonId: secretary?.personId ?? null };
      const expected = { organisation: ['PARTY_COMMITTEE', 'GENERAL_BRANCH'], secretary: true };
      if (org && secretary) return { status: 'PASS', measured, expected, subjects: [groupSubject(group)] };
      return {
        status: 'FAIL',
        measured,
        expected,
        subjects: [groupSubject(group)],
        message: org
          ? { zh: `学区「${group.name}」的${org.name}在 ${on} 没有书记`, en: `the party organisation of 学区 “${group.name}” has no secretary on ${on}` }
          : { zh: `学区「${group.name}」在 ${on} 没有学区党委或党总支`, en: `学区 “${group.name}” has no party committee or general branch on ${on}` },
      };
    });
  },
});

export const partyBrand = defineRule<WeichengOptions>({
  id: 'weicheng.party-brand',
  title: { zh: '一学区一品牌：每个学区有党建品牌', en: 'each 学区 has a party-building brand (一学区一品牌)' },
  cite: { doc: DOC, clause: '一(二)3(2)' },
  enforce: 'report',
  appliesTo: ['SchoolGroup'],
  async evaluate({ schoolYear, facts }) {
    const { groups } = await yearXuequs(facts);
    const year = schoolYearRange(schoolYear);
    // Only the brands of the year are read: a brand is dated, and a past year keeps the one it had.
    const brands = await facts.shared('weicheng.partyBrandsInYear', (db) => partyBrandsOf(db, groups.map((g) => g.id), year));
    return groups.map((group): Finding => {
      const from = group.validFrom > year.start ? group.validFrom : year.start;
      const to = group.validTo && group.validTo < year.end ? group.validTo : year.end;
      const mine = brands.filter((b) => b.groupId === group.id && b.validFrom <= to && (b.validTo === null || b.validTo >= from));
      const latest = mine.at(-1);
      return latest
        ? { status: 'PASS', measured: { brand: latest.name, validFrom: latest.validFrom }, expected: { brand: true }, subjects: [groupSubject(group)] }
        : {
            status: 'FAIL',
            measured: { brand: null },
            expected: { brand: true },
            subjects: [groupSubject(group)],
            message: { zh: `学区「${group.name}」本学年没有党建品牌`, en: `学区 “${group.name}” has no party-building brand in ${schoolYear}` },
          };
    });
  },
});

/** What a decision lacks of the party organisation's participation throughout (全程参与). */
export function participationGaps(d: DecisionRow, participations: readonly ParticipationRow[], orgs: readonly PartyOrganisationRow[]) {
  const mine = participations.filter((p) => p.decisionId === d.id);
  const orgOn = (date: string) => inForceOnDate(orgs.filter((o) => o.groupId === d.groupId), date);
  const fits = (p: ParticipationRow) =>
    (p.stage === 'DELIBERATION' && p.heldOn <= d.decidedOn) || (p.stage === 'DECISION' && p.heldOn === d.decidedOn) || (p.stage === 'IMPLEMENTATION' && p.heldOn >= d.decidedOn);
  // A participation counts when it is of its stage's day and the 学区 had a party organisation that day.
  const counted = mine.filter((p) => fits(p) && orgOn(p.heldOn));
  const missingStages = REQUIRED_STAGES.filter((s) => !counted.some((p) => p.stage === s));
  const uncounted = mine.filter((p) => !counted.includes(p)).map((p) => ({ stage: p.stage, heldOn: p.heldOn, reason: !fits(p) ? 'WRONG_DAY' : 'NO_PARTY_ORGANISATION' }));
  const org = orgOn(d.decidedOn);
  return { organisation: org ? { kind: org.kind, name: org.name } : null, missingStages, uncounted, counted };
}

const stageNames = (stages: ParticipationStage[], lang: 'zh' | 'en') => stages.map((s) => (lang === 'zh' ? PARTICIPATION_STAGES[s].zh : s)).join(lang === 'zh' ? '、' : ', ');

export const majorDecisionParticipation = defineRule<WeichengOptions>({
  id: 'weicheng.major-decision-participation',
  title: {
    zh: '重大事项决策、重要干部任免、重大项目投资决策、大额资金使用，学区党组织全程参与',
    en: 'a decision of one of the four major kinds records the 学区 party organisation’s participation throughout',
  },
  cite: { doc: DOC, clause: '一(二)3' },
  enforce: 'write',
  // A decision recorded, or the 学区's party organisation changed (its dates decide which decisions it covered).
  appliesTo: ['WeichengMajorDecision', 'WeichengPartyOrganisation'],
  async inReport({ facts, schoolYear }) {
    const { groups } = await yearXuequs(facts);
    const ds = await facts.shared('weicheng.decisionsInYear', (db) => decisionsOf(db, { groupIds: groups.map((g) => g.id), between: schoolYearRange(schoolYear) }));
    return ds.map((d) => ({ entity: 'WeichengMajorDecision', key: d.id }));
  },
  async evaluate({ db, changes }) {
    const ids = changes.filter((c) => c.entity === 'WeichengMajorDecision').map((c) => c.key);
    const groupIds = changes.filter((c) => c.entity === 'WeichengPartyOrganisation').map((c) => c.key);
    const decisions = await decisionsOf(db, { ids, groupIds });
    if (decisions.length === 0) return [];
    const [participations, orgs] = await Promise.all([participationsOf(db, decisions.map((d) => d.id)), partyOrganisationsOf(db, [...new Set(decisions.map((d) => d.groupId))])]);
    return decisions.map((d): Finding => {
      const gap = participationGaps(d, participations, orgs);
      const subjects = [{ type: 'SchoolGroup', key: d.groupId }, { type: 'WeichengMajorDecision', key: d.id, name: d.title }];
      const measured = { decisionId: d.id, kind: d.kind, decidedOn: d.decidedOn, partyOrganisation: gap.organisation, stages: gap.counted.map((p) => ({ stage: p.stage, heldOn: p.heldOn, recordRef: p.recordRef })), missingStages: gap.missingStages, uncounted: gap.uncounted };
      const expected = { stages: REQUIRED_STAGES, partyOrganisation: true };
      if (gap.missingStages.length === 0 && gap.uncounted.length === 0) return { status: 'PASS', measured, expected, subjects };
      const kind = MAJOR_MATTER_KINDS[d.kind as MajorMatterKind];
      return {
        status: 'FAIL',
        measured,
        expected,
        subjects,
        message: gap.organisation
          ? gap.missingStages.length
            ? { zh: `${kind.zh}「${d.title}」（${d.decidedOn}）缺少学区党组织参与：${stageNames(gap.missingStages, 'zh')}`, en: `${kind.en} “${d.title}” (${d.decidedOn}) lacks the party organisation’s participation: ${stageNames(gap.missingStages, 'en')}` }
            : { zh: `${kind.zh}「${d.title}」的党组织参与记录日期不符或当日无党组织`, en: `a participation recorded for “${d.title}” is on the wrong day or on a day the 学区 had no party organisation` }
          : { zh: `${kind.zh}「${d.title}」（${d.decidedOn}）作出时学区没有党组织，无从全程参与`, en: `${kind.en} “${d.title}” (${d.decidedOn}) was taken when the 学区 had no party organisation to take part` },
      };
    });
  },
});
