/**
 * Per-request batch loaders for the regime's GraphQL fields: one statement per level of a query,
 * whatever the number of 学区, schools or people. Histories are small (a rating a year), so a
 * subject's whole history is loaded and the field picks the day asked about.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { byKey, defineLoader, groupByKey, groupKeysByDate, inForceOn, tables as core, type PostRow } from '@gongzhi/core';
import { experimentalProjects, festivals, teacherPlacements } from './tables.js';
import {
  aliasesOf,
  decisionsOf,
  participationsOf,
  partyBrandsOf,
  partyOrganisationsOf,
  planElementsOf,
  profilesOf,
  ranksOf,
  ratingsOf,
  type PlacementRow,
} from './repo.js';

export const profileLoader = defineLoader('weicheng.profile', async (db, ids: readonly string[]) => byKey(ids, await profilesOf(db, ids), (r) => r.groupId));
export const aliasesLoader = defineLoader('weicheng.aliases', async (db, ids: readonly string[]) => groupByKey(ids, await aliasesOf(db, ids), (r) => r.groupId));
export const partyOrganisationsLoader = defineLoader('weicheng.partyOrganisations', async (db, ids: readonly string[]) => groupByKey(ids, await partyOrganisationsOf(db, ids), (r) => r.groupId));
export const partyBrandsLoader = defineLoader('weicheng.partyBrands', async (db, ids: readonly string[]) => groupByKey(ids, await partyBrandsOf(db, ids), (r) => r.groupId));
export const decisionsLoader = defineLoader('weicheng.decisions', async (db, ids: readonly string[]) => groupByKey(ids, await decisionsOf(db, { groupIds: ids }), (r) => r.groupId));
export const participationsLoader = defineLoader('weicheng.participations', async (db, ids: readonly string[]) => groupByKey(ids, await participationsOf(db, ids), (r) => r.decisionId));
export const planElementsLoader = defineLoader('weicheng.planElements', async (db, ids: readonly string[]) => groupByKey(ids, await planElementsOf(db, ids), (r) => r.planId));
export const ranksLoader = defineLoader('weicheng.ranks', async (db, ids: readonly string[]) => groupByKey(ids, await ranksOf(db, ids), (r) => r.personId));
export const ratingsLoader = defineLoader('weicheng.ratings', async (db, codes: readonly string[]) => groupByKey(codes, await ratingsOf(db, codes), (r) => r.schoolCode));

export const projectsLoader = defineLoader('weicheng.projects', async (db, ids: readonly string[]) =>
  groupByKey(ids, await db.select().from(experimentalProjects).where(inArray(experimentalProjects.groupId, [...ids])).orderBy(experimentalProjects.validFrom), (r) => r.groupId),
);
export const festivalsLoader = defineLoader('weicheng.festivals', async (db, ids: readonly string[]) =>
  groupByKey(ids, await db.select().from(festivals).where(inArray(festivals.groupId, [...ids])).orderBy(festivals.name), (r) => r.groupId),
);

export interface Placement {
  placement: PlacementRow;
  post: PostRow;
}

/** 区管校聘 placements at schools whose post is in force on a date. */
export const placementsBySchoolLoader = defineLoader<{ id: string; asOf: string }, Placement[]>(
  'weicheng.placements.bySchool',
  async (db, keys) => {
    const out = new Map<string, Placement[]>();
    for (const [asOf, ks] of groupKeysByDate(keys)) {
      const codes = ks.map((k) => k.id);
      const rows = await db
        .select({ placement: teacherPlacements, post: core.posts })
        .from(teacherPlacements)
        .innerJoin(core.posts, eq(core.posts.id, teacherPlacements.postId))
        .where(and(inArray(core.posts.schoolCode, codes), isNull(core.posts.archivedAt), inForceOn(core.posts.validFrom, core.posts.validTo, asOf)))
        .orderBy(core.posts.validFrom);
      groupByKey(codes, rows, (r) => r.post.schoolCode!).forEach((list, i) => out.set(`${codes[i]}|${asOf}`, list));
    }
    return keys.map((k) => out.get(`${k.id}|${k.asOf}`) ?? []);
  },
  (k) => `${k.id}|${k.asOf}`,
);

/** The placement a post records, if it is one. */
export const placementByPostLoader = defineLoader('weicheng.placements.byPost', async (db, ids: readonly string[]) =>
  byKey(ids, await db.select().from(teacherPlacements).where(inArray(teacherPlacements.postId, [...ids])), (r) => r.postId),
);
