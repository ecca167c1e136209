import { runGroupMutation, type Change, type Db, type GongzhiContext, type SchoolGroupRow } from '@gongzhi/core';
import { DISTRICT_KIND, PLUGIN_ID } from '../domain.js';

/**
 * A mutation on an existing central-school 学区 (the input's `groupId`): core's runGroupMutation
 * with this regime's kind — under the 学区's locality, refused where the regime is not in force.
 */
export function onDistrict<T>(
  ctx: GongzhiContext,
  spec: { groupId: string; operation: string; fields: string[]; exceptions?: readonly unknown[] | null },
  body: (tx: Db, district: SchoolGroupRow) => Promise<{ result: T; changes: Change[] }>,
): Promise<T> {
  return runGroupMutation(ctx, { ...spec, kind: DISTRICT_KIND, plugin: PLUGIN_ID }, (tx, district) => body(tx, district));
}
