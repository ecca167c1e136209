import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db.js';
import { plans } from '../tables.js';
import { byKey, defineLoader, groupByKey } from '../loaders.js';
import { badInput } from '../errors.js';

export type PlanRow = typeof plans.$inferSelect;

/** Plans by id, archived ones included (a Relay `node(id:)` still finds what it was given). */
export const planLoader = defineLoader<string, PlanRow | null>('core.plans.byId', async (db, ids) => byKey(ids, await db.select().from(plans).where(inArray(plans.id, [...ids])), (r) => r.id));

/** Plans and standing documents of a group (work plans, charters, development plans). */
export const plansByGroupLoader = defineLoader<string, PlanRow[]>('core.plans.byGroup', async (db, ids) =>
  groupByKey(ids, await db.select().from(plans).where(and(inArray(plans.groupId, [...ids]), isNull(plans.archivedAt))).orderBy(plans.schoolYear), (r) => r.groupId!),
);

export interface PlanInput {
  kind: string;
  groupId?: string | null;
  localityCode: string;
  schoolYear?: string | null;
  title: string;
  filedOn?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

export async function createPlan(db: Db, input: PlanInput): Promise<PlanRow> {
  if (input.validFrom && input.validTo && input.validTo < input.validFrom) throw badInput('input.validTo', { zh: '结束日期早于开始日期', en: 'ends before it starts' });
  const [row] = await db.insert(plans).values({ ...input }).returning();
  return row!;
}

export async function plansOf(db: Db, groupIds: string[], kind: string, schoolYear?: string): Promise<PlanRow[]> {
  if (groupIds.length === 0) return [];
  const conds = [inArray(plans.groupId, groupIds), eq(plans.kind, kind), isNull(plans.archivedAt)];
  if (schoolYear) conds.push(eq(plans.schoolYear, schoolYear));
  return db.select().from(plans).where(and(...conds));
}
