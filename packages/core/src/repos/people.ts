import { and, asc, count, desc, eq, gt, ilike, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { anyOf, preparedQuery } from '../prepared.js';
import type { Db } from '../db.js';
import { people, posts } from '../tables.js';
import { byKey, defineLoader } from '../loaders.js';
import { inPartition, withinDivision, type Partition } from './common.js';
import { badInput, conflict, notFound } from '../errors.js';
import { isUuid } from '../ids.js';

export type PersonRow = typeof people.$inferSelect;

export const GENDERS = ['MALE', 'FEMALE'] as const;
/** Highest qualification (学历). */
export const QUALIFICATIONS = ['BELOW_SENIOR_SECONDARY', 'SENIOR_SECONDARY', 'ASSOCIATE', 'BACHELOR', 'MASTER', 'DOCTORATE'] as const;
/** Professional title (职称) of primary and secondary teachers since the 2015 reform. */
export const TITLES = ['NONE', 'THIRD_GRADE', 'SECOND_GRADE', 'FIRST_GRADE', 'SENIOR', 'PROFESSOR_SENIOR'] as const;
/** Backbone-teacher level (骨干教师), lowest first: the order matters for "county level or higher". */
export const BACKBONE_LEVELS = ['NONE', 'SCHOOL', 'COUNTY', 'CITY', 'PROVINCE', 'NATIONAL'] as const;
export type BackboneLevel = (typeof BACKBONE_LEVELS)[number];

export function backboneAtLeast(level: string, min: BackboneLevel): boolean {
  return BACKBONE_LEVELS.indexOf(level as BackboneLevel) >= BACKBONE_LEVELS.indexOf(min);
}

const peopleByIds = preparedQuery((db) => db.select().from(people).where(anyOf(people.id, 'ids')).prepare());

export const personLoader = defineLoader<string, PersonRow | null>('core.person', async (db, ids) => byKey(ids, await peopleByIds(db, { ids: [...ids] }), (r) => r.id));

export interface PersonFilter {
  localityCode?: string | null;
  /** People holding a post at this school today. */
  schoolCode?: string | null;
  role?: string | null;
  backboneAtLeast?: BackboneLevel | null;
  nameContains?: string | null;
  includeArchived?: boolean | null;
  asOf: string;
  /** One slice of a partitioned pull. */
  partition?: Partition | null;
}

function personFilterSql(f: PersonFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.localityCode) conds.push(withinDivision(people.localityCode, f.localityCode));
  if (f.schoolCode || f.role) {
    const postConds = [eq(posts.personId, people.id), isNull(posts.archivedAt), sql`${posts.validFrom} <= ${f.asOf}`, sql`(${posts.validTo} is null or ${posts.validTo} >= ${f.asOf})`];
    if (f.schoolCode) postConds.push(eq(posts.schoolCode, f.schoolCode));
    if (f.role) postConds.push(eq(posts.role, f.role));
    conds.push(sql`exists (select 1 from ${posts} where ${and(...postConds)})`);
  }
  if (f.backboneAtLeast) conds.push(inArray(people.backboneLevel, BACKBONE_LEVELS.slice(BACKBONE_LEVELS.indexOf(f.backboneAtLeast))));
  if (f.nameContains) conds.push(ilike(people.name, `%${f.nameContains.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  if (!f.includeArchived) conds.push(isNull(people.archivedAt));
  if (f.partition) conds.push(inPartition(people.id, f.partition));
  return conds.length ? and(...conds) : undefined;
}

export async function listPeople(db: Db, f: PersonFilter, page: { after?: string; before?: string; limit: number; inverted: boolean }) {
  const conds = [personFilterSql(f)];
  if (page.after) conds.push(gt(people.id, page.after));
  if (page.before) conds.push(lt(people.id, page.before));
  return db
    .select()
    .from(people)
    .where(and(...conds.filter(Boolean)))
    .orderBy(page.inverted ? desc(people.id) : asc(people.id))
    .limit(page.limit);
}

export async function countPeople(db: Db, f: PersonFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(people).where(personFilterSql(f));
  return Number(row?.n ?? 0);
}

export interface PersonInput {
  name: string;
  gender: string;
  birthDate?: string | null;
  idNumber?: string | null;
  phone?: string | null;
  qualification: string;
  title: string;
  backboneLevel?: string | null;
  subjects?: string[] | null;
  localityCode: string;
  isSample?: boolean | null;
}

/**
 * Who may learn about a duplicate: the caller's pii scope. An ID number on file for someone the
 * caller cannot see is refused without saying whose or where (issue 14: "already registered to
 * another person" told an editor without pii scope that the number was on file somewhere).
 */
export interface IdNumberVisibility {
  canSee(localityCode: string): boolean;
}

async function checkIdNumberFree(db: Db, idNumber: string | null | undefined, exceptId?: string, visibility?: IdNumberVisibility) {
  if (!idNumber) return;
  const [dup] = await db.select({ id: people.id, localityCode: people.localityCode }).from(people).where(eq(people.idNumber, idNumber));
  if (!dup || dup.id === exceptId) return;
  // The number itself is personal: the error does not repeat it.
  if (!visibility || visibility.canSee(dup.localityCode))
    throw badInput('input.idNumber', { zh: '该身份证号已登记在另一人员名下', en: 'this ID number is already recorded for another person' }, visibility ? { personId: dup.id } : {});
  throw badInput('input.idNumber', { zh: '该身份证号无法在此登记，请联系管理该人员的教育局', en: 'this ID number cannot be recorded here; ask the bureau that manages the person' });
}

export async function createPerson(db: Db, input: PersonInput, visibility?: IdNumberVisibility): Promise<PersonRow> {
  await checkIdNumberFree(db, input.idNumber, undefined, visibility);
  const [row] = await db
    .insert(people)
    .values({
      name: input.name,
      gender: input.gender,
      birthDate: input.birthDate ?? null,
      idNumber: input.idNumber ?? null,
      phone: input.phone ?? null,
      qualification: input.qualification,
      title: input.title,
      backboneLevel: input.backboneLevel ?? 'NONE',
      subjects: input.subjects ?? [],
      localityCode: input.localityCode,
      isSample: input.isSample ?? false,
    })
    .returning();
  return row!;
}

export async function getPerson(db: Db, id: string): Promise<PersonRow> {
  const [row] = isUuid(id) ? await db.select().from(people).where(eq(people.id, id)) : [];
  if (!row || row.archivedAt) throw notFound('Person', id);
  return row;
}

export async function updatePerson(db: Db, id: string, patch: Partial<PersonInput>, expectedVersion?: number | null, visibility?: IdNumberVisibility): Promise<PersonRow> {
  const current = await getPerson(db, id);
  if (expectedVersion != null && expectedVersion !== current.version) throw conflict('Person', expectedVersion, current.version);
  if (patch.idNumber !== undefined) await checkIdNumberFree(db, patch.idNumber, id, visibility);
  const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const [row] = await db
    .update(people)
    .set({ ...set, version: current.version + 1, updatedAt: new Date() })
    .where(eq(people.id, id))
    .returning();
  return row!;
}

export async function archivePerson(db: Db, id: string): Promise<PersonRow> {
  const current = await getPerson(db, id);
  const [row] = await db.update(people).set({ archivedAt: new Date(), version: current.version + 1, updatedAt: new Date() }).where(eq(people.id, id)).returning();
  return row!;
}
