/** Reads of the regime's tables, shared by the schema and the rules. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@gongzhi/core';
import { schoolPlans } from './tables.js';

/** The policy document (【示例】: replace with its number, e.g. 北教基教〔2018〕130号). */
export const DOC = '【示例】hezhang文件';

export type SchoolPlanRow = typeof schoolPlans.$inferSelect;

/** The plans of some schools for a school year, by school code: one statement however many schools. */
export async function plansFor(db: Db, schoolCodes: readonly string[], schoolYear: string): Promise<Map<string, SchoolPlanRow>> {
  if (schoolCodes.length === 0) return new Map();
  const rows = await db
    .select()
    .from(schoolPlans)
    .where(and(eq(schoolPlans.schoolYear, schoolYear), inArray(schoolPlans.schoolCode, [...schoolCodes])));
  return new Map(rows.map((r) => [r.schoolCode, r]));
}
