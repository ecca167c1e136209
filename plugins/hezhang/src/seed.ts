/**
 * The document's own named schools and records. Until they are entered, one sample school in a
 * sample county with its plan for the current school year — flagged isSample and named 【示例】,
 * its code in the sample range (digits 5–6 = 99). Idempotent.
 */
import { addDays, ensureLocality, ensureSchool, schoolYearOf, schoolYearRange, type SeedApi } from '@gongzhi/core';
import { schoolPlans } from './tables.js';
import { seedAfterSchool } from './after-school/index.js';

/** The localities the document governs, parents first (【示例】: replace with the document's). */
export const SEED_LOCALITIES = [
  { code: '110000', name: '北京市' },
  { code: '110101', name: '东城区' },
];
export const SAMPLE_SCHOOL = { code: '2111990001', name: '【示例】hezhang示范小学', schoolType: '211', countyCode: '110101', area: 'URBAN' as const, isSample: true };

export async function seedHezhang(api: SeedApi): Promise<void> {
  const { db, today, log } = api;
  for (const l of SEED_LOCALITIES) await ensureLocality(db, l.code, l.name);
  await ensureSchool(db, { ...SAMPLE_SCHOOL, authorityCode: SAMPLE_SCHOOL.countyCode });
  const schoolYear = schoolYearOf(today);
  const inserted = await db
    .insert(schoolPlans)
    .values({ schoolCode: SAMPLE_SCHOOL.code, schoolYear, title: '【示例】学年工作计划', filedOn: addDays(schoolYearRange(schoolYear).start, 7) })
    .onConflictDoNothing()
    .returning();
  if (inserted.length) log(`sample plan of ${SAMPLE_SCHOOL.name} for ${schoolYear}`);
  await seedAfterSchool(api);
}
