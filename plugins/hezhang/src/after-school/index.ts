/**
 * Annex 1 of 赫府办发〔2021〕60号 — the after-school service (课后服务, "5+2"): plans, sessions,
 * staff, enrolments, pupils, fees, waivers, refunds, summer care. The declaration (../index.ts)
 * merges what this folder exports; the main text and annex 2 live beside it.
 */
import type { PluginSchemaApi, RuleDefinition, SeedApi } from '@gongzhi/core';
import type { HezhangOptions } from '../options.js';
import { afterSchoolRuleList } from './rules/index.js';
import { addAfterSchoolTypes } from './schema.js';
import { addAfterSchoolMutations } from './mutations.js';
import { addAfterSchoolPupils } from './pupils.js';
import { seedAfterSchoolDemo } from './seed.js';
export * as afterSchoolTables from './tables.js';

/** The entities annex 1's changes name (PascalCase, prefixed Hezhang). */
export const afterSchoolEntities: string[] = [
  'HezhangAfterSchoolPlan',
  'HezhangAfterSchoolSession',
  'HezhangOutsideStaffList',
  'HezhangAfterSchoolPupil',
  'HezhangAfterSchoolEnrolment',
  'HezhangAfterSchoolRate',
  'HezhangFeeWaiver',
  'HezhangAfterSchoolCharge',
  'HezhangAfterSchoolWithdrawal',
  'HezhangAfterSchoolAttendance',
  'HezhangAfterSchoolStatement',
  'HezhangSummerCare',
];
/** Annex 1's rules: hezhang.after-school-*, fee-*, withdrawal-refund, summer-care-limits, outside-staff-approved. */
export const afterSchoolRules: RuleDefinition<HezhangOptions>[] = afterSchoolRuleList;
/** Annex 1's part of the schema: its types and queries, its mutations, its fields on HezhangPupil. */
export function afterSchoolSchema(api: PluginSchemaApi): void {
  const types = addAfterSchoolTypes(api);
  const { PupilInput } = addAfterSchoolMutations(api, types);
  addAfterSchoolPupils(api, types, PupilInput);
}
/** Annex 1's demo data (sample plans, sessions, enrolments), run at the end of the plugin's seed. Idempotent. */
export async function seedAfterSchool(api: SeedApi): Promise<void> {
  await seedAfterSchoolDemo(api);
}
