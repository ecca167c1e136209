/**
 * 二(四): 制定《星级学校管理办法》，实行「星级评价」，构建「学区自主、捆绑评价……」新样态 — every school
 * has a current star rating, and the 学区 is rated as the bundle of its schools (see bundle.ts for
 * the method, our documented choice).
 */
import { defineRule, inForceOnDate, referenceDate, schoolSubject, schoolYearRange, type Finding } from '@gongzhi/core';
import type { WeichengOptions } from '../options.js';
import { DOC } from '../domain.js';
import { BUNDLE_METHOD, bundleRating } from '../bundle.js';
import { ratingsBetween } from '../repo.js';
import { districtSchoolsFact, groupSubject, judgedOn, membersAt, yearXuequs } from './common.js';

export const starRating = defineRule<WeichengOptions>({
  id: 'weicheng.star-rating',
  title: { zh: '每所学校有现行星级评价；学区实行捆绑评价', en: 'every school has a current star rating; the 学区’s rating is the bundle of its schools' },
  cite: { doc: DOC, clause: '二(四)' },
  enforce: 'report',
  appliesTo: ['School', 'SchoolGroup'],
  async evaluate({ schoolYear, today, options: o, facts }) {
    const on = referenceDate(schoolYear, today);
    const [{ groups, members }, schools] = await Promise.all([yearXuequs(facts), districtSchoolsFact(facts, o.coveredStages)]);
    const codes = [...new Set([...schools.map((s) => s.code), ...[...members.values()].flat().map((m) => m.schoolCode)])];
    // The ratings in force in the year only (one statement): what the findings answer.
    const { start, end } = schoolYearRange(schoolYear);
    const year = await facts.shared('weicheng.ratingsInYear', (db) => ratingsBetween(db, codes, start, end));
    const starsOn = (code: string, date: string) => inForceOnDate(year.filter((r) => r.schoolCode === code), date)?.stars ?? null;
    const out: Finding[] = [];
    for (const s of schools) {
      const r = inForceOnDate(year.filter((x) => x.schoolCode === s.code), on);
      out.push(
        r
          ? { status: 'PASS', measured: { on, stars: r.stars, ratedOn: r.validFrom, documentRef: r.documentRef }, expected: { rated: true, maxStars: o.maxStars }, subjects: [schoolSubject(s)] }
          : {
              status: 'FAIL',
              measured: { on, stars: null },
              expected: { rated: true, maxStars: o.maxStars },
              subjects: [schoolSubject(s)],
              message: { zh: `学校「${s.name}」在 ${on} 没有现行星级评价`, en: `school ${s.code} (${s.name}) has no current star rating on ${on}` },
            },
      );
    }
    for (const group of groups) {
      const day = judgedOn(group, schoolYear, today);
      const bundle = bundleRating(membersAt(members.get(group.id) ?? [], day), (c) => starsOn(c, day));
      out.push(
        bundle.stars !== null
          ? { status: 'PASS', measured: { on: day, ...bundle }, expected: { allMembersRated: true, method: BUNDLE_METHOD.en }, subjects: [groupSubject(group)] }
          : {
              status: 'FAIL',
              measured: { on: day, ...bundle },
              expected: { allMembersRated: true, method: BUNDLE_METHOD.en },
              subjects: [groupSubject(group), ...bundle.unratedSchoolCodes.map((c) => ({ type: 'School', key: c }))],
              message: {
                zh: `学区「${group.name}」无法捆绑评价：成员学校 ${bundle.unratedSchoolCodes.join('、')} 没有现行星级`,
                en: `学区 “${group.name}” cannot be rated as a bundle: member school(s) ${bundle.unratedSchoolCodes.join(', ')} have no current star rating`,
              },
            },
      );
    }
    return out;
  },
});
