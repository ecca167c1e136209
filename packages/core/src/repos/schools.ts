import { and, arrayContains, asc, count, desc, eq, gt, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { anyOf, preparedQuery } from '../prepared.js';
import type { Db } from '../db.js';
import { localities, posts, schools, schoolYearStats } from '../tables.js';
import { byKey, defineLoader } from '../loaders.js';
import { SCHOOL_TYPES, type Stage } from '../codes.js';
import { inForceOn, inPartition, withinDivision, type Bind, type Partition } from './common.js';
import { badInput, conflict, notFound } from '../errors.js';
import { recordPastPlacement, yesterday } from './locality-history.js';

export type SchoolRow = typeof schools.$inferSelect;
export type SchoolYearStatsRow = typeof schoolYearStats.$inferSelect;

const schoolsByCodes = preparedQuery((db) => db.select().from(schools).where(anyOf(schools.code, 'codes')).prepare());

export const schoolLoader = defineLoader<string, SchoolRow | null>('core.school', async (db, codes) => byKey(codes, await schoolsByCodes(db, { codes: [...codes] }), (r) => r.code));

const statsOfSchools = preparedQuery((db) =>
  db
    .select()
    .from(schoolYearStats)
    .where(and(anyOf(schoolYearStats.schoolCode, 'codes'), anyOf(schoolYearStats.schoolYear, 'years')))
    .prepare(),
);

export const schoolYearStatsLoader = defineLoader<{ schoolCode: string; schoolYear: string }, SchoolYearStatsRow | null>(
  'core.schoolYearStats',
  async (db, keys) => {
    const rows = await statsOfSchools(db, { codes: [...new Set(keys.map((k) => k.schoolCode))], years: [...new Set(keys.map((k) => k.schoolYear))] });
    const m = new Map(rows.map((r) => [`${r.schoolCode}|${r.schoolYear}`, r]));
    return keys.map((k) => m.get(`${k.schoolCode}|${k.schoolYear}`) ?? null);
  },
);

export interface SchoolFilter {
  /** A province, city, county or township: the schools inside it. */
  localityCode?: string | null;
  stage?: Stage | null;
  schoolType?: string | null;
  area?: string | null;
  isRural?: boolean | null;
  isSample?: boolean | null;
  nameContains?: string | null;
  includeArchived?: boolean | null;
  codes?: readonly string[] | null;
  /** One slice of a partitioned pull. */
  partition?: Partition | null;
}

export function schoolFilterSql(f: SchoolFilter): SQL | undefined {
  const { conds } = schoolConditions(f, (_name, v) => v);
  return conds.length ? and(...conds) : undefined;
}

/**
 * The filter's conditions, and its shape: which conditions there are (not their values), so that
 * a page statement is built once per shape and then only executed with new values (issue 9).
 */
function schoolConditions(f: SchoolFilter, bind: Bind): { conds: SQL[]; shape: string[] } {
  const conds: SQL[] = [];
  const shape: string[] = [];
  if (f.localityCode) {
    if (f.localityCode.length === 9) {
      shape.push('township');
      conds.push(eq(schools.townshipCode, bind('township', f.localityCode)));
    } else {
      shape.push('division');
      conds.push(withinDivision(schools.countyCode, f.localityCode, bind));
    }
  }
  if (f.stage) {
    shape.push('stage');
    conds.push(arrayContains(schools.stages, bind('stage', [f.stage])));
  }
  if (f.schoolType) {
    shape.push('schoolType');
    conds.push(eq(schools.schoolType, bind('schoolType', f.schoolType)));
  }
  if (f.area) {
    shape.push('area');
    conds.push(eq(schools.area, bind('area', f.area)));
  }
  if (f.isRural === true) conds.push(eq(schools.area, 'RURAL'));
  if (f.isRural === false) conds.push(or(eq(schools.area, 'URBAN'), eq(schools.area, 'TOWN'))!);
  if (f.isRural != null) shape.push(`rural:${f.isRural}`);
  if (f.isSample != null) {
    shape.push('sample');
    conds.push(eq(schools.isSample, bind('isSample', f.isSample)));
  }
  if (f.nameContains) {
    shape.push('name');
    conds.push(ilike(schools.name, bind('name', `%${f.nameContains.replace(/[%_\\]/g, (c) => `\\${c}`)}%`)));
  }
  if (!f.includeArchived) {
    shape.push('current');
    conds.push(isNull(schools.archivedAt));
  }
  if (f.codes) {
    shape.push('codes');
    // A placeholder is one array parameter (`= any($1)`); values written in are a list (`in (…)`).
    const codes = bind('codes', [...f.codes]);
    conds.push(Array.isArray(codes) ? inArray(schools.code, codes) : sql`${schools.code} = any(${codes})`);
  }
  if (f.partition) {
    shape.push('partition');
    conds.push(inPartition(schools.code, f.partition, bind));
  }
  return { conds, shape };
}

/**
 * What a page of schools may read along with each school, in the same statement, for the fields
 * below it (a dashboard asks every school's statistics of a year and its head count): the school
 * year's statistics row, and the number of posts in force on a date.
 */
export interface SchoolPageExtras {
  statsOfYear?: string;
  staffCountOn?: string;
  /** The connection's totalCount: every school that matches the filter, counted once by the same statement. */
  total?: boolean;
}

/** A school of a page and what was read along with it (null where not asked): the row as the driver mapped it, not copied. */
export type SchoolPageRow = { school: SchoolRow; stats: SchoolYearStatsRow | null; staffCount: number | string | null; total: number | string | null };

/** A page of schools in code order (keyset pagination: stable while rows are added). */
export async function listSchools(db: Db, f: SchoolFilter, page: { after?: string; before?: string; limit: number; inverted: boolean }, extras: SchoolPageExtras = {}): Promise<SchoolPageRow[]> {
  const params: Record<string, unknown> = {};
  const bind: Bind = (name, value) => ((params[name] = value), sql.placeholder(name));
  const { conds: filter, shape } = schoolConditions(f, bind);
  const key = [...shape, page.after ? 'after' : '', page.before ? 'before' : '', page.inverted ? 'inverted' : '', extras.statsOfYear ? 'stats' : '', extras.staffCountOn ? 'count' : '', extras.total ? 'total' : ''].join(',');
  if (page.after) params.after = page.after;
  if (page.before) params.before = page.before;
  if (extras.statsOfYear) params.statsOfYear = extras.statsOfYear;
  if (extras.staffCountOn) params.staffCountOn = extras.staffCountOn;
  params.limit = page.limit;
  let statement = pageStatements.get(key);
  if (!statement) pageStatements.set(key, (statement = preparedQuery((db) => buildSchoolPage(db, filter, page, extras).prepare())));
  return (await statement(db, params)) as SchoolPageRow[];
}

/** A page statement by shape (filter conditions, cursor side, extras): a few dozen at most in a process. */
const pageStatements = new Map<string, (db: Db, params: Record<string, unknown>) => Promise<unknown>>();

/**
 * The statement of a page of schools, its values as placeholders. One row per school still:
 * (school_code, school_year) is the statistics' key, and the head count is a scalar subquery on the
 * posts' (school_code) index. The total is an uncorrelated subquery over the filter alone (not the
 * cursor), which PostgreSQL evaluates once.
 */
function buildSchoolPage(db: Db, filter: SQL[], page: { after?: string; before?: string; inverted: boolean }, extras: SchoolPageExtras) {
  const conds = [...filter];
  if (page.after) conds.push(gt(schools.code, sql.placeholder('after')));
  if (page.before) conds.push(lt(schools.code, sql.placeholder('before')));
  const staffCount = extras.staffCountOn
    ? sql<number>`(select count(*) from ${posts} where ${posts.schoolCode} = ${schools.code} and ${posts.archivedAt} is null and ${inForceOn(posts.validFrom, posts.validTo, sql.placeholder('staffCountOn'))})`
    : sql<null>`null`;
  const total = extras.total ? sql<number>`(select count(*) from ${schools} ${filter.length ? sql`where ${and(...filter)}` : sql``})` : sql<null>`null`;
  const statsJoin = extras.statsOfYear ? and(eq(schoolYearStats.schoolCode, schools.code), eq(schoolYearStats.schoolYear, sql.placeholder('statsOfYear'))) : sql`false`;
  return db
    .select({ school: schools, stats: schoolYearStats, staffCount: staffCount.as('staff_count'), total: total.as('total') })
    .from(schools)
    .leftJoin(schoolYearStats, statsJoin)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(page.inverted ? desc(schools.code) : asc(schools.code))
    .limit(sql.placeholder('limit'));
}

export async function countSchools(db: Db, f: SchoolFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(schools).where(schoolFilterSql(f));
  return Number(row?.n ?? 0);
}

export interface SchoolInput {
  code: string;
  name: string;
  schoolType: string;
  stages?: Stage[] | null;
  countyCode: string;
  townshipCode?: string | null;
  area: string;
  authorityCode?: string | null;
  isLegalPerson?: boolean | null;
  isBoarding?: boolean | null;
  isSample?: boolean | null;
}

async function checkPlace(db: Db, input: { countyCode: string; townshipCode?: string | null; authorityCode?: string | null }) {
  const codes = [input.countyCode, input.townshipCode, input.authorityCode].filter((c): c is string => !!c);
  const found = await db.select().from(localities).where(inArray(localities.code, codes));
  const get = (c: string) => found.find((r) => r.code === c && !r.archivedAt);
  const county = get(input.countyCode);
  if (!county) throw notFound('Locality', input.countyCode);
  if (county.level !== 'COUNTY')
    throw badInput('input.countyCode', { zh: `${input.countyCode} 不是县级行政区划`, en: `${input.countyCode} is not a county-level division` });
  if (input.townshipCode) {
    if (!get(input.townshipCode)) throw notFound('Locality', input.townshipCode);
    if (!input.townshipCode.startsWith(input.countyCode))
      throw badInput('input.townshipCode', { zh: `乡镇 ${input.townshipCode} 不在 ${input.countyCode} 内`, en: `township ${input.townshipCode} is not in ${input.countyCode}` });
  }
  if (input.authorityCode && !get(input.authorityCode)) throw notFound('Locality', input.authorityCode);
}

function stagesFor(input: { schoolType: string; stages?: Stage[] | null }): Stage[] {
  const typical = SCHOOL_TYPES[input.schoolType]!.stages;
  if (!input.stages || input.stages.length === 0) return typical;
  const odd = input.stages.filter((s) => !typical.includes(s));
  if (odd.length)
    throw badInput('input.stages', {
      zh: `办学类型 ${input.schoolType} 不含学段 ${odd.join('、')}`,
      en: `school type ${input.schoolType} has no stage ${odd.join(', ')}`,
    });
  return input.stages;
}

export async function createSchool(db: Db, input: SchoolInput): Promise<SchoolRow> {
  const [existing] = await db.select({ code: schools.code }).from(schools).where(eq(schools.code, input.code));
  if (existing) throw badInput('input.code', { zh: `学校标识码 ${input.code} 已存在（标识码不可重复使用）`, en: `school code ${input.code} already exists (codes are never reused)` });
  await checkPlace(db, input);
  const [row] = await db
    .insert(schools)
    .values({
      code: input.code,
      name: input.name,
      schoolType: input.schoolType,
      stages: stagesFor(input),
      countyCode: input.countyCode,
      townshipCode: input.townshipCode ?? null,
      area: input.area,
      authorityCode: input.authorityCode ?? input.countyCode,
      isLegalPerson: input.isLegalPerson ?? true,
      isBoarding: input.isBoarding ?? false,
      isSample: input.isSample ?? false,
    })
    .returning();
  return row!;
}

export async function getSchool(db: Db, code: string): Promise<SchoolRow> {
  const [row] = await db.select().from(schools).where(eq(schools.code, code));
  if (!row || row.archivedAt) throw notFound('School', code);
  return row;
}

export async function updateSchool(
  db: Db,
  code: string,
  patch: Partial<Omit<SchoolInput, 'code'>>,
  expectedVersion?: number | null,
): Promise<SchoolRow> {
  const current = await getSchool(db, code);
  if (expectedVersion != null && expectedVersion !== current.version) throw conflict('School', expectedVersion, current.version);
  const merged = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined && v !== null)) } as SchoolRow & SchoolInput;
  await checkPlace(db, merged);
  const stages = patch.stages || patch.schoolType ? stagesFor({ schoolType: merged.schoolType, stages: patch.stages ?? null }) : current.stages;
  // Dated locality history: a school that moves county keeps where it stood until yesterday.
  if (merged.countyCode !== current.countyCode) await recordPastPlacement(db, current, yesterday());
  const [row] = await db
    .update(schools)
    .set({
      name: merged.name,
      schoolType: merged.schoolType,
      stages,
      countyCode: merged.countyCode,
      townshipCode: patch.townshipCode === undefined ? current.townshipCode : patch.townshipCode,
      area: merged.area,
      authorityCode: merged.authorityCode,
      isLegalPerson: merged.isLegalPerson,
      isBoarding: merged.isBoarding,
      isSample: merged.isSample,
      version: current.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(schools.code, code))
    .returning();
  return row!;
}

export async function archiveSchool(db: Db, code: string): Promise<SchoolRow> {
  const current = await getSchool(db, code);
  const [row] = await db
    .update(schools)
    .set({ archivedAt: new Date(), version: current.version + 1, updatedAt: new Date() })
    .where(eq(schools.code, code))
    .returning();
  return row!;
}

/** For seeds: insert when missing; an existing school is left as it is. */
export async function ensureSchool(db: Db, input: SchoolInput): Promise<void> {
  const [existing] = await db.select({ code: schools.code }).from(schools).where(eq(schools.code, input.code));
  if (!existing) await createSchool(db, input);
}

/** Schools by code, for rules that judge many at once (one statement). */
export async function schoolsByCode(db: Db, codes: readonly string[]): Promise<Map<string, SchoolRow>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select().from(schools).where(inArray(schools.code, [...new Set(codes)]));
  return new Map(rows.map((r) => [r.code, r]));
}

/**
 * Correct a mistyped 学校标识码 (issue 15: "a school code corrected"). The row moves to the new
 * code with everything that refers to it — every foreign key onto core.schools(code), core's and
 * each plugin's, found in the catalogue — and the old code is gone (never reused: it named no
 * real school). The change feed tells it as one key change: the old code's tombstone names the
 * new code, the new code's entry the old.
 */
export async function correctSchoolCode(db: Db, code: string, newCode: string, expectedVersion?: number | null): Promise<SchoolRow> {
  const current = await getSchool(db, code);
  if (expectedVersion != null && expectedVersion !== current.version) throw conflict('School', expectedVersion, current.version);
  if (newCode === code) throw badInput('input.newCode', { zh: '新代码与原代码相同', en: 'is the code the school already has' });
  const [taken] = await db.select({ code: schools.code }).from(schools).where(eq(schools.code, newCode));
  if (taken) throw badInput('input.newCode', { zh: '该学校标识码已被使用（代码不复用）', en: 'is already used by a school (codes are never reused)' });
  const rowsOf = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
  const before = Number(rowsOf<{ v: string }>(await db.execute(sql`select coalesce(max(version), 0)::bigint as v from core.change_log`))[0]!.v);
  await db.execute(sql`insert into core.schools select (jsonb_populate_record(null::core.schools, to_jsonb(s) || jsonb_build_object('code', ${newCode}::text, 'version', s.version + 1, 'updated_at', now()))).* from core.schools s where s.code = ${code}`);
  const refs = rowsOf<{ tbl: string; col: string }>(await db.execute(sql`
    select c.conrelid::regclass::text as tbl, a.attname as col
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
    where c.contype = 'f' and c.confrelid = 'core.schools'::regclass`));
  // Codes are 10 digits (validated), table and column names come from the catalogue.
  for (const { tbl, col } of refs) await db.execute(sql.raw(`update ${tbl} set "${col.replace(/"/g, '""')}" = '${newCode}' where "${col.replace(/"/g, '""')}" = '${code}'`));
  await db.delete(schools).where(eq(schools.code, code));
  // The feed's triggers saw an insert and a delete; in this transaction, mark them as the key change they are.
  await db.execute(sql`update core.change_log set other_key = ${newCode} where version > ${before} and entity = 'School' and key = ${code} and op = 'DELETE'`);
  await db.execute(sql`update core.change_log set other_key = ${code} where version > ${before} and entity = 'School' and key = ${newCode} and op = 'UPSERT'`);
  const [row] = await db.select().from(schools).where(eq(schools.code, newCode));
  return row!;
}
