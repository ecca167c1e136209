import { and, asc, count, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db.js';
import { exchanges, schools } from '../tables.js';
import { byKey, defineLoader, groupByKey } from '../loaders.js';
import { uuidOf } from '../ids.js';
import { badInput, notFound } from '../errors.js';
import { divisionPrefix, schoolYearRange } from '../codes.js';
import { getPerson } from './people.js';
import { getSchool } from './schools.js';
import { overlapping } from './common.js';

export type ExchangeRow = typeof exchanges.$inferSelect;

/** Kinds of staff movement the documents name. */
export const EXCHANGE_KINDS = {
  ROTATION: { zh: '交流轮岗', en: 'rotation to another school' },
  SUPPORT_TEACHING: { zh: '支教', en: 'support teaching' },
  CROSS_SCHOOL_TEACHING: { zh: '跨校兼课', en: 'teaching across schools' },
  FIELD_STAY: { zh: '蹲点', en: 'field stay' },
  SECONDMENT: { zh: '挂职', en: 'secondment' },
  PAIRED_ASSISTANCE: { zh: '对口帮扶', en: 'paired assistance' },
} as const;
export type ExchangeKind = keyof typeof EXCHANGE_KINDS;

/** Exchanges by id, archived ones included (a Relay `node(id:)` still finds what it was given). */
export const exchangeLoader = defineLoader<string, ExchangeRow | null>('core.exchanges.byId', async (db, ids) => byKey(ids, await db.select().from(exchanges).where(inArray(exchanges.id, [...ids])), (r) => r.id));

export const exchangesByPersonLoader = defineLoader<string, ExchangeRow[]>('core.exchanges.byPerson', async (db, ids) =>
  groupByKey(
    ids,
    await db.select().from(exchanges).where(and(inArray(exchanges.personId, [...ids]), isNull(exchanges.archivedAt))).orderBy(exchanges.startDate),
    (r) => r.personId,
  ),
);

export interface ExchangeFilter {
  /** Exchanges from or to a school in this locality. */
  localityCode?: string | null;
  schoolCode?: string | null;
  personId?: string | null;
  groupId?: string | null;
  kind?: string | null;
  /** Exchanges in progress at any time in the school year. */
  schoolYear?: string | null;
}

function schoolIn(col: typeof exchanges.fromSchoolCode, localityCode: string): SQL {
  const prefix = `${divisionPrefix(localityCode)}%`;
  const place = localityCode.length === 9 ? sql`${schools.townshipCode} = ${localityCode}` : sql`${schools.countyCode} like ${prefix}`;
  return sql`exists (select 1 from ${schools} where ${schools.code} = ${col} and ${place})`;
}

export function exchangeFilterSql(f: ExchangeFilter): SQL {
  const conds: SQL[] = [isNull(exchanges.archivedAt)];
  if (f.schoolCode) conds.push(or(eq(exchanges.fromSchoolCode, f.schoolCode), eq(exchanges.toSchoolCode, f.schoolCode))!);
  if (f.personId) conds.push(eq(exchanges.personId, f.personId));
  if (f.groupId) conds.push(eq(exchanges.groupId, f.groupId));
  if (f.kind) conds.push(eq(exchanges.kind, f.kind));
  if (f.schoolYear) {
    const { start, end } = schoolYearRange(f.schoolYear);
    conds.push(overlapping(exchanges.startDate, exchanges.endDate, start, end));
  }
  if (f.localityCode) conds.push(or(schoolIn(exchanges.fromSchoolCode, f.localityCode), schoolIn(exchanges.toSchoolCode, f.localityCode))!);
  return and(...conds)!;
}

export async function listExchanges(db: Db, f: ExchangeFilter, page: { after?: string; before?: string; limit: number; inverted: boolean }) {
  const conds = [exchangeFilterSql(f)];
  if (page.after) conds.push(gt(exchanges.id, page.after));
  if (page.before) conds.push(lt(exchanges.id, page.before));
  return db.select().from(exchanges).where(and(...conds)).orderBy(page.inverted ? desc(exchanges.id) : asc(exchanges.id)).limit(page.limit);
}

export async function countExchanges(db: Db, f: ExchangeFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(exchanges).where(exchangeFilterSql(f));
  return Number(row?.n ?? 0);
}

export interface ExchangeInput {
  personId: string;
  fromSchoolCode: string;
  toSchoolCode: string;
  kind: string;
  startDate: string;
  endDate?: string | null;
  groupId?: string | null;
  note?: string | null;
}

/** Record an exchange; the backbone level is taken from the person as it stands now. */
export async function createExchange(db: Db, input: ExchangeInput): Promise<ExchangeRow> {
  const person = await getPerson(db, input.personId);
  await getSchool(db, input.fromSchoolCode);
  await getSchool(db, input.toSchoolCode);
  if (input.fromSchoolCode === input.toSchoolCode)
    throw badInput('input.toSchoolCode', { zh: '交流的目标学校须不同于原学校', en: 'an exchange goes to another school' });
  if (input.endDate && input.endDate < input.startDate) throw badInput('input.endDate', { zh: '结束日期早于开始日期', en: 'ends before it starts' });
  const [row] = await db
    .insert(exchanges)
    .values({
      personId: input.personId,
      fromSchoolCode: input.fromSchoolCode,
      toSchoolCode: input.toSchoolCode,
      kind: input.kind,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      backboneLevel: person.backboneLevel,
      groupId: input.groupId ?? null,
      note: input.note ?? null,
    })
    .returning();
  return row!;
}

/** An exchange by its UUID or Relay global ID; NOT_FOUND when there is none or it was archived. */
export async function getExchange(db: Db, id: string): Promise<ExchangeRow> {
  const uuid = uuidOf(id, (type) => type === 'Exchange');
  const [row] = uuid ? await db.select().from(exchanges).where(eq(exchanges.id, uuid)) : [];
  if (!row || row.archivedAt) throw notFound('Exchange', id);
  return row;
}

export async function updateExchange(db: Db, id: string, patch: { endDate?: string | null; note?: string | null; kind?: string | null }): Promise<ExchangeRow> {
  const current = await getExchange(db, id);
  const endDate = patch.endDate === undefined ? current.endDate : patch.endDate;
  if (endDate && endDate < current.startDate) throw badInput('input.endDate', { zh: '结束日期早于开始日期', en: 'ends before it starts' });
  const [row] = await db
    .update(exchanges)
    .set({ endDate, note: patch.note === undefined ? current.note : patch.note, kind: patch.kind ?? current.kind, version: current.version + 1, updatedAt: new Date() })
    .where(eq(exchanges.id, current.id))
    .returning();
  return row!;
}

export async function archiveExchange(db: Db, id: string): Promise<ExchangeRow> {
  const current = await getExchange(db, id);
  const [row] = await db.update(exchanges).set({ archivedAt: new Date(), version: current.version + 1 }).where(eq(exchanges.id, current.id)).returning();
  return row!;
}
