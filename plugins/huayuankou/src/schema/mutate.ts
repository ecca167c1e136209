import { getGroup, runMutation, type Change, type Db, type GongzhiContext, type SchoolGroupRow } from '@gongzhi/core';
import { DISTRICT_KIND, PLUGIN_ID } from '../domain.js';

/**
 * A mutation on an existing central-school 学区: under its locality and this regime (refused with
 * GOVERNANCE_NOT_ENABLED where the regime is not in force), in one transaction.
 */
export async function onDistrict<T>(
  ctx: GongzhiContext,
  groupId: string,
  spec: { operation: string; fields: string[] },
  body: (tx: Db, district: SchoolGroupRow) => Promise<{ result: T; changes: Change[] }>,
): Promise<T> {
  const district = await getGroup(ctx.db, groupId, DISTRICT_KIND);
  return runMutation(ctx, { ...spec, localityCode: district.localityCode, plugin: PLUGIN_ID }, (tx) => body(tx, district));
}
