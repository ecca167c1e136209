/** Awards: the front-line share of quotas (附件2 三(五)) and the 30/40/30 tiers among units (main 三(四)). */
import { and, eq, inArray, isNull, lte, or, gte, sql } from 'drizzle-orm';
import { defineRule, tables as core, type Finding } from '@gongzhi/core';
import { AWARD_TIERS, DOC, ANNEX2, keysOf } from '../domain.js';
import type { HezhangOptions } from '../options.js';
import { quotaGrants, unitAwards } from '../tables.js';
import { educationGroups } from '../repo.js';
import { scopedSchools } from './common.js';

/**
 * 名额向教学一线教师（指进班开展教学的所有人员）倾斜，占比原则上不低于80%. Our reading: one finding per
 * school year for the locality, over every quota granted that year; a grantee is front-line when they
 * held a TEACHER post (进班开展教学) on the day of the grant.
 */
export const frontlineAwardShare = defineRule<HezhangOptions>({
  id: 'hezhang.frontline-award-share',
  title: { zh: '评职晋级、评先选优、绩效考核、年度考核优秀等名额向一线教师倾斜，占比不低于80%', en: '≥ 80% of title, award and appraisal quotas go to front-line teachers' },
  cite: { doc: DOC, clause: `${ANNEX2} 三(五)` },
  enforce: 'report',
  inPrinciple: true,
  appliesTo: ['Locality', 'HezhangQuotaGrant'],
  async evaluate({ db, localityCode, options, schoolYear, facts }) {
    const codes = (await scopedSchools(db, facts, localityCode)).map((s) => s.code);
    if (codes.length === 0) return [];
    const [r] = await db
      .select({
        total: sql<number>`count(*)::int`,
        frontline: sql<number>`count(*) filter (where exists (select 1 from ${core.posts} p where p.person_id = "quota_grants"."person_id" and p.role = 'TEACHER' and p.archived_at is null and p.valid_from <= "quota_grants"."granted_on" and (p.valid_to is null or p.valid_to >= "quota_grants"."granted_on")))::int`,
      })
      .from(quotaGrants)
      .where(and(eq(quotaGrants.schoolYear, schoolYear), inArray(quotaGrants.schoolCode, codes)));
    const total = Number(r?.total ?? 0);
    if (total === 0) return [];
    const frontline = Number(r!.frontline);
    const share = Math.round((frontline / total) * 1000) / 10;
    const ok = share + 1e-9 >= options.frontlineSharePercent;
    return [
      {
        status: ok ? 'PASS' : 'FAIL',
        measured: { quotas: total, frontline, sharePercent: share },
        expected: { minSharePercent: options.frontlineSharePercent },
        subjects: [{ type: 'Locality', key: localityCode }],
        message: ok ? undefined : { zh: `${schoolYear} 学年一线教师名额 ${frontline}/${total}（${share}%），低于 ${options.frontlineSharePercent}%`, en: `${frontline} of ${total} quotas to front-line teachers in ${schoolYear} (${share}%), under ${options.frontlineSharePercent}%` },
      } satisfies Finding,
    ];
  },
});

/**
 * 按照一等奖（占比30%）、二等奖（占比40%）、三等奖（30%）进行考核，并将奖励补助资金分配到各教育集团和
 * 县直各校（园）: among the units awarded in a school year (groups and county-town schools), each
 * tier's count is within one of its share (rounding leaves no exact split for most counts).
 */
export const awardTiers = defineRule<HezhangOptions>({
  id: 'hezhang.award-tiers',
  title: { zh: '年度综合考核奖励按一等奖30%、二等奖40%、三等奖30%', en: 'annual awards among the units: first 30%, second 40%, third 30%, within one unit of rounding' },
  cite: { doc: DOC, clause: '三(四)' },
  enforce: 'report',
  appliesTo: ['Locality', 'HezhangUnitAward'],
  async evaluate({ db, localityCode, options, schoolYear, facts }) {
    const groups = (await educationGroups(db, localityCode)).map((g) => g.id);
    const codes = (await scopedSchools(db, facts, localityCode)).map((s) => s.code);
    if (groups.length === 0 && codes.length === 0) return [];
    const rows = await db
      .select({ tier: unitAwards.tier, n: sql<number>`count(*)::int` })
      .from(unitAwards)
      .where(and(eq(unitAwards.schoolYear, schoolYear), or(groups.length ? inArray(unitAwards.groupId, groups) : undefined, codes.length ? inArray(unitAwards.schoolCode, codes) : undefined)))
      .groupBy(unitAwards.tier);
    const counts = Object.fromEntries(keysOf(AWARD_TIERS).map((k) => [k, Number(rows.find((r) => r.tier === k)?.n ?? 0)])) as Record<keyof typeof AWARD_TIERS, number>;
    const units = Object.values(counts).reduce((a, b) => a + b, 0);
    if (units === 0) return [];
    const expected = Object.fromEntries(keysOf(AWARD_TIERS).map((k) => [k, (units * options.awardTierPercents[k]) / 100])) as Record<keyof typeof AWARD_TIERS, number>;
    const off = keysOf(AWARD_TIERS).filter((k) => Math.abs(counts[k] - expected[k]) > 1 + 1e-9);
    return [
      {
        status: off.length ? 'FAIL' : 'PASS',
        measured: { units, ...counts },
        expected: { percents: options.awardTierPercents, counts: expected, tolerance: 1 },
        subjects: [{ type: 'Locality', key: localityCode }],
        message: off.length
          ? { zh: `${schoolYear} 学年 ${units} 个单位获奖：${off.map((k) => `${AWARD_TIERS[k].zh} ${counts[k]} 个（应约 ${expected[k]}）`).join('；')}`, en: `${units} units awarded in ${schoolYear}: ${off.map((k) => `${k} ${counts[k]} (about ${expected[k]} expected)`).join('; ')}` }
          : undefined,
      } satisfies Finding,
    ];
  },
});
void isNull; void lte; void gte;
