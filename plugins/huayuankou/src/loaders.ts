/**
 * Per-request batch loaders for the regime's fields: one statement per level of a query, whatever
 * the number of 学区, schools or facilities.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { byKey, defineLoader, groupByKey, groupKeysByDate, inForceOn, tables as core } from '@gongzhi/core';
import { teacherPlacements } from './tables.js';
import { brandsOf, facilitiesOf, facilityUsesOf, integrationTargetsOf, specialitiesOf, type IntegrationTargetRow, type SpecialityRow } from './repo.js';
import type { Placement } from './ops/placements.js';

type ByDate = { id: string; asOf: string };
const byDateKey = (k: ByDate) => `${k.id}|${k.asOf}`;

/** Batch keys that carry a date (or a school year) by that value, one statement per value. */
async function perValue<K extends ByDate, R>(keys: readonly K[], load: (ids: string[], asOf: string) => Promise<R[][]>): Promise<R[][]> {
  const out = new Map<string, R[]>();
  for (const [asOf, ks] of groupKeysByDate(keys)) {
    const ids = ks.map((k) => k.id);
    (await load(ids, asOf)).forEach((list, i) => out.set(`${ids[i]}|${asOf}`, list));
  }
  return keys.map((k) => out.get(byDateKey(k)) ?? []);
}

/** Integration targets of 学区 for a school year (`asOf` carries the school year). */
export const integrationTargetsLoader = defineLoader<ByDate, IntegrationTargetRow[]>(
  'huayuankou.integrations',
  (db, keys) => perValue(keys, async (ids, year) => groupByKey(ids, await integrationTargetsOf(db, ids, year), (r) => r.groupId)),
  byDateKey,
);

/** Specialities of schools in force on a date. */
export const specialitiesLoader = defineLoader<ByDate, SpecialityRow[]>(
  'huayuankou.specialities',
  (db, keys) => perValue(keys, async (codes, asOf) => groupByKey(codes, await specialitiesOf(db, codes, asOf, asOf), (r) => r.schoolCode)),
  byDateKey,
);

/** Every brand of each 学区, oldest first (a brand is dated: 一学区一品牌 over the years). */
export const brandLoader = defineLoader('huayuankou.brand', async (db, ids: readonly string[]) => groupByKey(ids, await brandsOf(db, ids), (r) => r.groupId));

export const facilitiesLoader = defineLoader('huayuankou.facilities', async (db, ids: readonly string[]) =>
  groupByKey(ids, await facilitiesOf(db, ids), (r) => r.groupId),
);

/** Uses of facilities in a school year (`asOf` carries the school year). */
export const facilityUsesLoader = defineLoader(
  'huayuankou.facilityUses',
  (db, keys: readonly ByDate[]) => perValue(keys, async (ids, year) => groupByKey(ids, await facilityUsesOf(db, ids, year), (r) => r.facilityId)),
  byDateKey,
);

/** Teachers placed in 学区 (县管校聘) whose post is in force on a date. */
export const placementsLoader = defineLoader<ByDate, Placement[]>(
  'huayuankou.placements',
  (db, keys) =>
    perValue(keys, async (ids, asOf) => {
      const rows = await db
        .select({ placement: teacherPlacements, post: core.posts })
        .from(teacherPlacements)
        .innerJoin(core.posts, eq(core.posts.id, teacherPlacements.postId))
        .where(and(inArray(teacherPlacements.groupId, ids), isNull(core.posts.archivedAt), inForceOn(core.posts.validFrom, core.posts.validTo, asOf)))
        .orderBy(core.posts.schoolCode);
      return groupByKey(ids, rows, (r) => r.placement.groupId);
    }),
  byDateKey,
);
