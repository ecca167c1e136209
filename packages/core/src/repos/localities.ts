import { eq, inArray, and, isNull } from 'drizzle-orm';
import type { Db } from '../db.js';
import { localities } from '../tables.js';
import { byKey, defineLoader, groupByKey } from '../loaders.js';
import { divisionLevel, divisionParent } from '../codes.js';
import { badInput, notFound } from '../errors.js';

export type LocalityRow = typeof localities.$inferSelect;

export const localityLoader = defineLoader<string, LocalityRow | null>('core.locality', async (db, codes) =>
  byKey(codes, await db.select().from(localities).where(inArray(localities.code, [...codes])), (r) => r.code),
);

export const localityChildrenLoader = defineLoader<string, LocalityRow[]>('core.locality.children', async (db, codes) =>
  groupByKey(
    codes,
    await db.select().from(localities).where(and(inArray(localities.parentCode, [...codes]), isNull(localities.archivedAt))).orderBy(localities.code),
    (r) => r.parentCode!,
  ),
);

/** The nearest existing ancestor: a county directly under a province (省直辖) has no city row. */
export async function findParent(db: Db, code: string): Promise<string | null> {
  let p = divisionParent(code);
  while (p) {
    const [row] = await db.select({ code: localities.code }).from(localities).where(eq(localities.code, p));
    if (row) return row.code;
    p = divisionParent(p);
  }
  return null;
}

export async function getLocality(db: Db, code: string): Promise<LocalityRow> {
  const [row] = await db.select().from(localities).where(eq(localities.code, code));
  if (!row || row.archivedAt) throw notFound('Locality', code);
  return row;
}

export async function createLocality(db: Db, input: { code: string; name: string }): Promise<LocalityRow> {
  const [existing] = await db.select().from(localities).where(eq(localities.code, input.code));
  if (existing) throw badInput('input.code', { zh: `行政区划 ${input.code} 已存在`, en: `locality ${input.code} already exists` });
  const level = divisionLevel(input.code);
  const parentCode = await findParent(db, input.code);
  if (level !== 'PROVINCE' && !parentCode)
    throw badInput('input.code', {
      zh: `上级行政区划不存在，请先创建 ${divisionParent(input.code)}`,
      en: `no parent locality: create ${divisionParent(input.code)} first`,
    });
  const [row] = await db.insert(localities).values({ code: input.code, name: input.name, level, parentCode }).returning();
  return row!;
}

/** For seeds: create the locality when missing, leave it alone when present. */
export async function ensureLocality(db: Db, code: string, name: string): Promise<void> {
  const [existing] = await db.select({ code: localities.code }).from(localities).where(eq(localities.code, code));
  if (!existing) await createLocality(db, { code, name });
}
