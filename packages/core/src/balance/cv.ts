/**
 * The enrollment-weighted coefficient of variation (差异系数) of the national standard
 * (教督〔2017〕6号 第六条, computed by the official method):
 *
 *   P = ΣPᵢ,  X̄ = Σ(PᵢXᵢ)/P  (= the county's total over its pupils),
 *   S = √( Σ (Pᵢ/P)(Xᵢ − X̄)² ),  CV = S / X̄.
 *
 * Pure. For per-100 indicators the factor 100 scales S and X̄ alike, so the CV does not change.
 */
export interface CvItem<K> {
  key: K;
  /** Pᵢ: pupils of the school (in the stage). */
  weight: number;
  /** Xᵢ: the school's per-student (or per-100) value. */
  value: number;
}

export interface CvContribution<K> {
  key: K;
  weight: number;
  value: number;
  /** Xᵢ − X̄. */
  deviation: number;
  /** (Pᵢ/P)(Xᵢ − X̄)²: this school's part of the variance. */
  contribution: number;
  /** contribution / variance: the share of the spread this school causes (0 when there is none). */
  shareOfVariance: number;
}

export interface CvResult<K> {
  totalWeight: number;
  /** X̄, the county (or group) value. */
  mean: number;
  /** Σ (Pᵢ/P)(Xᵢ − X̄)². */
  variance: number;
  standardDeviation: number;
  /** null when X̄ is 0 (no pupils, or nothing of the resource anywhere): the ratio is undefined. */
  cv: number | null;
  /** Largest first: the schools that pull the CV up most. */
  contributions: CvContribution<K>[];
}

export function weightedCv<K>(items: readonly CvItem<K>[]): CvResult<K> {
  const used = items.filter((i) => i.weight > 0);
  const totalWeight = used.reduce((s, i) => s + i.weight, 0);
  if (totalWeight === 0) return { totalWeight: 0, mean: 0, variance: 0, standardDeviation: 0, cv: null, contributions: [] };
  const mean = used.reduce((s, i) => s + i.weight * i.value, 0) / totalWeight;
  const contributions: CvContribution<K>[] = used.map((i) => {
    const deviation = i.value - mean;
    return { key: i.key, weight: i.weight, value: i.value, deviation, contribution: (i.weight / totalWeight) * deviation * deviation, shareOfVariance: 0 };
  });
  const variance = contributions.reduce((s, p) => s + p.contribution, 0);
  const standardDeviation = Math.sqrt(variance);
  // Each share set in place once the variance is known: a province's 10,000 schools are not copied per indicator.
  if (variance > 0) for (const c of contributions) c.shareOfVariance = c.contribution / variance;
  contributions.sort((a, b) => b.contribution - a.contribution);
  return { totalWeight, mean, variance, standardDeviation, cv: mean > 0 ? standardDeviation / mean : null, contributions };
}
