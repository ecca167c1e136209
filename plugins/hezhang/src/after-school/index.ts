/**
 * Annex 1 of 赫府办发〔2021〕60号 — the after-school service (课后服务, "5+2"): plans, sessions,
 * staff, enrolments, pupils, fees, waivers, refunds, summer care. The declaration (../index.ts)
 * merges what this folder exports; the main text and annex 2 live beside it.
 */
import type { PluginSchemaApi, RuleDefinition, SeedApi } from '@gongzhi/core';
import type { HezhangOptions } from '../options.js';
export * as afterSchoolTables from './tables.js';

/** The entities annex 1's changes name (PascalCase, prefixed Hezhang). */
export const afterSchoolEntities: string[] = [];
/** Annex 1's rules: hezhang.after-school-*, fee-*, withdrawal-refund, summer-care-limits, outside-staff-approved. */
export const afterSchoolRules: RuleDefinition<HezhangOptions>[] = [];
/** Annex 1's part of the schema. */
export function afterSchoolSchema(_api: PluginSchemaApi): void {}
/** Annex 1's demo data (sample plans, sessions, enrolments), run at the end of the plugin's seed. Idempotent. */
export async function seedAfterSchool(_api: SeedApi): Promise<void> {}
