/**
 * 捆绑评价 (二(四) 学区自主、捆绑评价): the 学区 is rated as a bundle of its schools. The report does
 * not say how; our documented choice (shown in the schema's description of WeichengBundledRating):
 *
 * - the bundle is the plain mean of the current star ratings of every school of the 学区 on the
 *   day, the lead included, to one decimal: each school weighs the same, so a small, weak school
 *   counts as much as the big lead (名校带分校、强校带弱校、大校带小校 — the lead answers for them);
 * - it is null while any member has no current rating: a bundle that leaves a school out would
 *   overstate the 学区 (no paper compliance);
 * - the weakest member's stars are shown beside it, since one weak school is what the bundle is
 *   meant to pull up.
 */
export const BUNDLE_METHOD = {
  zh: '学区捆绑星级 = 当日全部成员学校（含牵头学校）现行星级的算术平均，保留一位小数；任何成员学校无现行星级时为空；并列出最低星级。',
  en: 'the bundled stars are the plain mean of the current star ratings of every member school on the day (the lead included), to one decimal, each school weighing the same; null while any member has no current rating; the weakest member’s stars are shown beside it.',
};

export interface Bundle {
  /** The mean, to one decimal; null while a member is unrated. */
  stars: number | null;
  schools: number;
  ratedSchools: number;
  unratedSchoolCodes: string[];
  weakestStars: number | null;
}

export function bundleRating(memberCodes: readonly string[], starsOf: (schoolCode: string) => number | null | undefined): Bundle {
  const rated = memberCodes.map((c) => ({ c, s: starsOf(c) })).filter((x): x is { c: string; s: number } => x.s != null);
  const unrated = memberCodes.filter((c) => starsOf(c) == null);
  const mean = rated.length ? rated.reduce((a, x) => a + x.s, 0) / rated.length : null;
  return {
    stars: unrated.length === 0 && mean !== null ? Math.round(mean * 10) / 10 : null,
    schools: memberCodes.length,
    ratedSchools: rated.length,
    unratedSchoolCodes: unrated,
    weakestStars: rated.length ? Math.min(...rated.map((x) => x.s)) : null,
  };
}
