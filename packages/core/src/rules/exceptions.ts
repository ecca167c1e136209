/**
 * Exceptions to rules stated "in principle" (原则上 / 一般). Chinese policy text hedges most of its
 * numbers this way; a bureau may approve a deviation, and the system must show that it did
 * (POLICIES.md, preamble). One input shape for every mutation: `exceptions: [{ ruleId, approvedBy,
 * documentRef, reason }]`.
 */
import { z } from 'zod';
import { and, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import { withinDivision } from '../repos/common.js';
import type { Db } from '../db.js';
import { divisionAncestors, schoolYearRange } from '../codes.js';
import { ruleExceptions } from '../tables.js';
import type { Change, Finding } from './types.js';

const zText = (max: number) => z.string().trim().min(1).max(max);

/** What a mutation carries to let an in-principle rule's failure through. */
export const zRuleException = z.object({
  ruleId: zText(100),
  /** 审批人 / 审批单位 — who approved the deviation (a person or a body). */
  approvedBy: zText(200),
  /** 批准文件 — the approving document's number or reference. */
  documentRef: zText(200),
  /** 理由 — why the deviation is allowed. */
  reason: zText(2000),
});
export const zRuleExceptions = z.array(zRuleException).max(20);

export type RuleExceptionInput = z.output<typeof zRuleException>;
export type RuleExceptionRow = typeof ruleExceptions.$inferSelect;

/** An exception that let a failing in-principle rule through, to store once the write succeeds. */
export interface AppliedException {
  ruleId: string;
  exception: RuleExceptionInput;
  changes: Change[];
  findings: Finding[];
}

export async function storeExceptions(
  tx: Db,
  applied: readonly AppliedException[],
  meta: { localityCode: string; operation: string; actor: string; today: string; schoolYear?: string | null },
): Promise<RuleExceptionRow[]> {
  if (applied.length === 0) return [];
  return tx
    .insert(ruleExceptions)
    .values(
      applied.map((a) => ({
        ruleId: a.ruleId,
        localityCode: meta.localityCode.slice(0, 9),
        operation: meta.operation,
        actor: meta.actor,
        approvedBy: a.exception.approvedBy,
        documentRef: a.exception.documentRef,
        reason: a.exception.reason,
        changes: a.changes.map((c) => ({ entity: c.entity, key: c.key })),
        findings: a.findings,
        subjectKeys: [...new Set(a.findings.flatMap((f) => (f.subjects ?? []).map((s) => s.key)))],
        schoolYear: meta.schoolYear ?? null,
        recordedOn: meta.today,
      })),
    )
    .returning();
}

/**
 * The exceptions a report of `localityCode` for `schoolYear` must show: those recorded at the
 * locality, below it or above it (a city's approval covers its districts), up to the year's last
 * day — a deviation approved in 2024 still deviates in 2026 — and, for report rules, those of that
 * school year.
 */
export async function exceptionsForReport(db: Db, localityCode: string, schoolYear: string): Promise<RuleExceptionRow[]> {
  const { end } = schoolYearRange(schoolYear);
  const rows = await db
    .select()
    .from(ruleExceptions)
    .where(
      and(
        // A write rule's exception stands from the day it was recorded; a report rule's covers its year,
        // whenever it was recorded (a bureau may approve after the year's report).
        or(and(isNull(ruleExceptions.schoolYear), lte(ruleExceptions.recordedOn, end)), eq(ruleExceptions.schoolYear, schoolYear)),
        or(inArray(ruleExceptions.localityCode, divisionAncestors(localityCode)), withinDivision(ruleExceptions.localityCode, localityCode)),
      ),
    )
    .orderBy(ruleExceptions.recordedAt, ruleExceptions.id);
  return rows;
}
