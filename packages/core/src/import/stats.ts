/**
 * Importing a county's yearly school statistics (基表): one row per school. Registers schools not
 * yet known and writes their school_year_stats row. Idempotent: a row equal to what is stored
 * changes nothing (not even the version or updatedAt).
 */
import { and, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db.js';
import { localities, schools, schoolYearStats } from '../tables.js';
import { divisionLevel, divisionPrefix, isDivisionCode, isSchoolCode, schoolCodeWarnings, SCHOOL_TYPES } from '../codes.js';
import { cellText, cellError, isBlank, parseBoolean, parseChoice, parseNonNegative, type ColumnSpec, type ImportIssue, type Parsed, type RawRow } from './columns.js';

export const STATS_COLUMNS = [
  { key: 'schoolCode', headers: ['学校标识码', '学校代码'], required: true, description: '10-digit 学校标识码.' },
  { key: 'name', headers: ['学校名称', '校名'], required: true, description: 'The school’s name.' },
  { key: 'schoolType', headers: ['办学类型', '办学类型代码'], required: true, description: '办学类型 code (211, 218, 311, 312, 341, 345 …) or its Chinese name (小学, 九年一贯制学校 …).' },
  { key: 'countyCode', headers: ['县级行政区划代码', '区县代码', '所在县代码'], required: true, description: 'GB/T 2260 code of the county the school is in; the county must exist.' },
  { key: 'townshipCode', headers: ['乡镇代码', '乡镇（街道）代码'], required: false, description: '9-digit township code (optional; must exist and lie in the county).' },
  { key: 'area', headers: ['城乡分类', '城乡分类代码'], required: false, description: 'URBAN/TOWN/RURAL, 城区/镇区/乡村, or the statistics code (111–123 → urban/town, 210/220 → rural). Needed for a school not yet registered.' },
  { key: 'enrollmentKindergarten', headers: ['附设幼儿班在园人数', '在园幼儿数'], required: false, description: 'Children in kindergarten classes (default 0).' },
  { key: 'enrollmentPrimary', headers: ['小学在校生数', '小学在校生'], required: false, description: 'Primary pupils (default 0).' },
  { key: 'enrollmentJunior', headers: ['初中在校生数', '初中在校生'], required: false, description: 'Junior pupils (default 0).' },
  { key: 'enrollmentSenior', headers: ['高中在校生数', '高中在校生'], required: false, description: 'Senior pupils (default 0).' },
  { key: 'classes', headers: ['班级数', '教学班数'], required: false, description: 'Classes (default 0).' },
  { key: 'teachingAuxAreaM2', headers: ['教学及辅助用房面积', '教学及辅助用房'], required: true, description: '教学及辅助用房面积, m².' },
  { key: 'sportsGroundAreaM2', headers: ['体育运动场馆面积', '体育运动场（馆）面积'], required: true, description: '体育运动场馆面积, m².' },
  { key: 'equipmentValueYuan', headers: ['教学仪器设备值', '教学仪器设备资产值'], required: true, description: '教学仪器设备值 in yuan (kept as whole fen); a header with （万元） is read in 10,000 yuan.' },
  { key: 'multimediaClassrooms', headers: ['网络多媒体教室数', '网络多媒体教室'], required: true, description: '网络多媒体教室, count.' },
  { key: 'isSample', headers: ['是否示例', '示例数据'], required: false, description: '是/否: sample data, not a real school (default 否).' },
] as const satisfies readonly ColumnSpec[];

export type StatsColumnKey = (typeof STATS_COLUMNS)[number]['key'];

export interface StatsRow {
  row: number;
  schoolCode: string;
  name: string;
  schoolType: string;
  countyCode: string;
  townshipCode: string | null;
  area: string | null;
  enrollmentKindergarten: number;
  enrollmentPrimary: number;
  enrollmentJunior: number;
  enrollmentSenior: number;
  classes: number;
  teachingAuxAreaM2: number;
  sportsGroundAreaM2: number;
  /** Whole fen: files give yuan (or 万元), the API gives fen. */
  equipmentValueFen: number;
  multimediaClassrooms: number;
  isSample: boolean | null;
}

const TYPE_LABELS: Record<string, string> = Object.fromEntries([
  ...Object.keys(SCHOOL_TYPES).map((c) => [c, c]),
  // Chinese names only where they name one code (中职 and 特教 have several).
  ...Object.entries(SCHOOL_TYPES)
    .filter(([, t]) => Object.values(SCHOOL_TYPES).filter((u) => u.zh === t.zh).length === 1)
    .map(([c, t]) => [t.zh, c]),
  ['教学点', '218'],
  ['初中', '311'],
  ['九年制学校', '312'],
]);

const AREA_LABELS: Record<string, string> = {
  URBAN: 'URBAN', TOWN: 'TOWN', RURAL: 'RURAL',
  城区: 'URBAN', 镇区: 'TOWN', 乡村: 'RURAL', 农村: 'RURAL',
  // 统计用城乡分类代码: 111 主城区, 112 城乡结合区 (城区); 121 镇中心区, 122 镇乡结合区, 123 特殊区域 (镇区); 210 乡中心区, 220 村庄 (乡村).
  '111': 'URBAN', '112': 'URBAN', '121': 'TOWN', '122': 'TOWN', '123': 'TOWN', '210': 'RURAL', '220': 'RURAL',
};

const ENROLLMENT_STAGE: Record<string, string> = { enrollmentPrimary: 'PRIMARY', enrollmentJunior: 'JUNIOR', enrollmentSenior: 'SENIOR' };
const STAGE_ZH: Record<string, string> = { PRIMARY: '小学', JUNIOR: '初中', SENIOR: '高中' };

export interface ValidateOptions {
  /** Numbers scaled by their header (万元 → yuan). */
  scale?: ReadonlyMap<string, number>;
  /** GraphQL: every school must lie in this locality (the caller's editor scope was checked on it). */
  withinLocality?: string | null;
  onProgress?: (done: number, total: number) => void;
}

export interface ValidationResult<R> {
  good: R[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

/**
 * Sane bounds of one school's yearly figures (issue 14: one imported area of 1e308 made the county's
 * balanceReport fail). Far above any real school — the largest Chinese schools have some 30,000
 * pupils and 1 km² of grounds — and small enough that a county's sums, squares and per-student
 * ratios stay finite and exact in a double.
 */
export const STATS_BOUNDS: Record<string, number> = {
  enrollmentKindergarten: 100_000,
  enrollmentPrimary: 100_000,
  enrollmentJunior: 100_000,
  enrollmentSenior: 100_000,
  classes: 5_000,
  teachingAuxAreaM2: 10_000_000,
  sportsGroundAreaM2: 10_000_000,
  /** 10 billion yuan, in fen. */
  equipmentValueFen: 1_000_000_000_000,
  /** The same bound in yuan (the file's column), before conversion. */
  equipmentValueYuan: 10_000_000_000,
  multimediaClassrooms: 10_000,
};

/** Check every cell of a row; all problems are reported, not only the first. */
export function parseStatsRow(raw: RawRow, scale?: ReadonlyMap<string, number>): { row?: StatsRow; issues: ImportIssue[]; warnings: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const v = raw.values;
  const take = <T>(column: string, p: Parsed<T>): T | undefined => {
    if (p.ok) return p.value;
    issues.push({ row: raw.row, column, reason: p.reason });
    return undefined;
  };
  const code = take('schoolCode', isSchoolCode(cellText(v.schoolCode)) ? { ok: true, value: cellText(v.schoolCode) } : cellError(`“${cellText(v.schoolCode)}”不是 10 位学校标识码`, `"${cellText(v.schoolCode)}" is not a 10-digit school code`));
  const name = take('name', cellText(v.name) && cellText(v.name).length <= 200 ? { ok: true, value: cellText(v.name) } : cellError('学校名称不能为空（最多 200 字）', 'the name must not be blank (at most 200 characters)'));
  const schoolType = take('schoolType', parseChoice(v.schoolType, TYPE_LABELS, { zh: '办学类型', en: '办学类型 (school type)' }));
  const countyText = cellText(v.countyCode);
  const countyCode = take('countyCode', isDivisionCode(countyText) && countyText.length === 6 && divisionLevel(countyText) === 'COUNTY' ? { ok: true, value: countyText } : cellError(`“${countyText}”不是县级行政区划代码`, `"${countyText}" is not a county-level division code`));
  const townText = cellText(v.townshipCode);
  const townshipCode = isBlank(v.townshipCode) ? null : take('townshipCode', /^\d{9}$/.test(townText) && isDivisionCode(townText) ? { ok: true, value: townText } : cellError(`“${townText}”不是 9 位乡镇代码`, `"${townText}" is not a 9-digit township code`));
  const area = isBlank(v.area) ? null : take('area', parseChoice(v.area, AREA_LABELS, { zh: '城乡分类', en: 'urban/rural class (URBAN, TOWN, RURAL)' }));
  const num = (key: string, integer: boolean, required: boolean) => {
    if (!required && isBlank(v[key])) return 0;
    return take(key, parseNonNegative(v[key], { integer, scale: scale?.get(key), max: STATS_BOUNDS[key] }));
  };
  const n = {
    enrollmentKindergarten: num('enrollmentKindergarten', true, false),
    enrollmentPrimary: num('enrollmentPrimary', true, false),
    enrollmentJunior: num('enrollmentJunior', true, false),
    enrollmentSenior: num('enrollmentSenior', true, false),
    classes: num('classes', true, false),
    teachingAuxAreaM2: num('teachingAuxAreaM2', false, true),
    sportsGroundAreaM2: num('sportsGroundAreaM2', false, true),
    // Files give yuan (or 万元); the GraphQL input gives whole fen already. Stored as fen (API.md money).
    equipmentValueFen:
      v.equipmentValueFen !== undefined
        ? take('equipmentValueFen', parseNonNegative(v.equipmentValueFen, { integer: true, max: STATS_BOUNDS.equipmentValueFen }))
        : yuanToFen(num('equipmentValueYuan', false, true)),
    multimediaClassrooms: num('multimediaClassrooms', true, true),
  };
  const isSample = isBlank(v.isSample) ? null : take('isSample', parseBoolean(v.isSample));
  // Pupils in a stage the school type does not have are a data error (a 211 has no junior pupils).
  if (schoolType) {
    const stages = SCHOOL_TYPES[schoolType]!.stages;
    for (const [key, stage] of Object.entries(ENROLLMENT_STAGE)) {
      const count = n[key as keyof typeof n];
      if (count && count > 0 && !stages.includes(stage as never))
        issues.push({ row: raw.row, column: key, reason: { zh: `办学类型 ${schoolType}（${SCHOOL_TYPES[schoolType]!.zh}）没有${STAGE_ZH[stage]}学段，在校生应为 0`, en: `school type ${schoolType} has no ${stage.toLowerCase()} stage; its pupils must be 0` } });
    }
  }
  if (code && schoolType && countyCode)
    for (const w of schoolCodeWarnings(code, schoolType, countyCode)) warnings.push({ row: raw.row, column: 'schoolCode', reason: { zh: w, en: w } });
  if (townshipCode && countyCode && !townshipCode.startsWith(countyCode))
    issues.push({ row: raw.row, column: 'townshipCode', reason: { zh: `乡镇 ${townshipCode} 不在 ${countyCode} 内`, en: `township ${townshipCode} is not in ${countyCode}` } });
  if (issues.length) return { issues, warnings };
  return { row: { row: raw.row, schoolCode: code!, name: name!, schoolType: schoolType!, countyCode: countyCode!, townshipCode: townshipCode ?? null, area: area ?? null, ...(n as Required<{ [K in keyof typeof n]: number }>), isSample: isSample ?? null }, issues, warnings };
}

const CHUNK = 1000;
async function chunked<T, R>(items: readonly T[], size: number, run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await run(items.slice(i, i + size))));
  return out;
}

type ExistingSchool = { code: string; countyCode: string; area: string; townshipCode: string | null; isSample: boolean; stages: string[]; schoolType: string };

/**
 * Validate every row: cells, duplicates in the file, and what the database must hold (the county
 * and township exist; a known school stays in its county; a new school has an urban/rural class).
 */
export async function validateStatsRows(db: Db, rows: readonly RawRow[], opts: ValidateOptions = {}): Promise<ValidationResult<StatsRow> & { existing: Map<string, ExistingSchool> }> {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const parsed: StatsRow[] = [];
  const seen = new Map<string, number>();
  rows.forEach((raw, i) => {
    const r = parseStatsRow(raw, opts.scale);
    errors.push(...r.issues);
    warnings.push(...r.warnings);
    if (r.row) {
      const first = seen.get(r.row.schoolCode);
      if (first !== undefined) errors.push({ row: raw.row, column: 'schoolCode', reason: { zh: `学校标识码与第 ${first} 行重复`, en: `school code repeats row ${first}` } });
      else {
        seen.set(r.row.schoolCode, raw.row);
        parsed.push(r.row);
      }
    }
    if (opts.onProgress && (i % 500 === 499 || i === rows.length - 1)) opts.onProgress(i + 1, rows.length);
  });

  const places = [...new Set(parsed.flatMap((r) => [r.countyCode, ...(r.townshipCode ? [r.townshipCode] : [])]))];
  const known = new Map<string, { level: string }>();
  for (const l of await chunked(places, CHUNK, (c) => db.select({ code: localities.code, level: localities.level }).from(localities).where(and(inArray(localities.code, c), isNull(localities.archivedAt)))))
    known.set(l.code, l);
  const existing = new Map<string, ExistingSchool>();
  const codes = parsed.map((r) => r.schoolCode);
  for (const s of await chunked(codes, CHUNK, (c) =>
    db.select({ code: schools.code, countyCode: schools.countyCode, area: schools.area, townshipCode: schools.townshipCode, isSample: schools.isSample, stages: schools.stages, schoolType: schools.schoolType }).from(schools).where(inArray(schools.code, c)),
  ))
    existing.set(s.code, s);

  const good: StatsRow[] = [];
  for (const r of parsed) {
    const issues: ImportIssue[] = [];
    const county = known.get(r.countyCode);
    if (!county) issues.push({ row: r.row, column: 'countyCode', reason: { zh: `未找到行政区划 ${r.countyCode}`, en: `locality ${r.countyCode} not found` } });
    else if (county.level !== 'COUNTY') issues.push({ row: r.row, column: 'countyCode', reason: { zh: `${r.countyCode} 不是县级行政区划`, en: `${r.countyCode} is not a county-level division` } });
    if (r.townshipCode && !known.has(r.townshipCode)) issues.push({ row: r.row, column: 'townshipCode', reason: { zh: `未找到乡镇 ${r.townshipCode}`, en: `township ${r.townshipCode} not found` } });
    if (opts.withinLocality && !r.countyCode.startsWith(divisionPrefix(opts.withinLocality)))
      issues.push({ row: r.row, column: 'countyCode', reason: { zh: `${r.countyCode} 不在 ${opts.withinLocality} 内`, en: `${r.countyCode} is not inside ${opts.withinLocality}` } });
    const old = existing.get(r.schoolCode);
    if (old && old.countyCode !== r.countyCode)
      issues.push({ row: r.row, column: 'countyCode', reason: { zh: `该校登记在 ${old.countyCode}；迁移学校请用 updateSchool`, en: `the school is registered in ${old.countyCode}; move it with updateSchool` } });
    if (!old && !r.area) issues.push({ row: r.row, column: 'area', reason: { zh: '新学校须填写城乡分类', en: 'a school not yet registered needs its urban/rural class' } });
    if (issues.length) errors.push(...issues);
    else good.push(r);
  }
  errors.sort((a, b) => a.row - b.row);
  return { good, errors, warnings, existing };
}

export interface StatsWriteResult {
  schoolsCreated: number;
  schoolsUpdated: number;
  statsCreated: number;
  statsUpdated: number;
  unchanged: number;
}

/**
 * Write validated rows for a school year (inside the caller's transaction). Upserts only change a
 * row that differs, so re-running a file leaves versions and timestamps alone.
 */
export async function writeStatsRows(
  tx: Db,
  rows: readonly StatsRow[],
  schoolYear: string,
  existing: ReadonlyMap<string, ExistingSchool>,
  onProgress?: (done: number, total: number) => void,
): Promise<StatsWriteResult> {
  const result: StatsWriteResult = { schoolsCreated: 0, schoolsUpdated: 0, statsCreated: 0, statsUpdated: 0, unchanged: 0 };
  const CH = 500;
  for (let i = 0; i < rows.length; i += CH) {
    const chunk = rows.slice(i, i + CH);
    const schoolValues = chunk.map((r) => {
      const old = existing.get(r.schoolCode);
      // A type change resets the stages to the type's; otherwise the registered stages stay.
      const stages = old && old.schoolType === r.schoolType ? old.stages : SCHOOL_TYPES[r.schoolType]!.stages;
      return {
        code: r.schoolCode,
        name: r.name,
        schoolType: r.schoolType,
        stages,
        countyCode: r.countyCode,
        townshipCode: r.townshipCode ?? old?.townshipCode ?? null,
        area: r.area ?? old!.area,
        authorityCode: r.countyCode,
        isSample: r.isSample ?? old?.isSample ?? false,
      };
    });
    const s = await tx
      .insert(schools)
      .values(schoolValues)
      .onConflictDoUpdate({
        target: schools.code,
        set: {
          name: sql`excluded.name`,
          schoolType: sql`excluded.school_type`,
          stages: sql`excluded.stages`,
          townshipCode: sql`excluded.township_code`,
          area: sql`excluded.area`,
          isSample: sql`excluded.is_sample`,
          version: sql`${schools.version} + 1`,
          updatedAt: sql`now()`,
        },
        setWhere: sql`(${schools.name}, ${schools.schoolType}, ${schools.stages}, ${schools.townshipCode}, ${schools.area}, ${schools.isSample}) is distinct from (excluded.name, excluded.school_type, excluded.stages, excluded.township_code, excluded.area, excluded.is_sample)`,
      })
      .returning({ version: schools.version });
    result.schoolsCreated += s.filter((x) => x.version === 1).length;
    result.schoolsUpdated += s.filter((x) => x.version > 1).length;

    const st = await tx
      .insert(schoolYearStats)
      .values(
        chunk.map((r) => ({
          schoolCode: r.schoolCode,
          schoolYear,
          enrollmentKindergarten: r.enrollmentKindergarten,
          enrollmentPrimary: r.enrollmentPrimary,
          enrollmentJunior: r.enrollmentJunior,
          enrollmentSenior: r.enrollmentSenior,
          classes: r.classes,
          teachingAuxAreaM2: r.teachingAuxAreaM2,
          sportsGroundAreaM2: r.sportsGroundAreaM2,
          equipmentValueFen: r.equipmentValueFen,
          multimediaClassrooms: r.multimediaClassrooms,
        })),
      )
      .onConflictDoUpdate({
        target: [schoolYearStats.schoolCode, schoolYearStats.schoolYear],
        set: {
          enrollmentKindergarten: sql`excluded.enrollment_kindergarten`,
          enrollmentPrimary: sql`excluded.enrollment_primary`,
          enrollmentJunior: sql`excluded.enrollment_junior`,
          enrollmentSenior: sql`excluded.enrollment_senior`,
          classes: sql`excluded.classes`,
          teachingAuxAreaM2: sql`excluded.teaching_aux_area_m2`,
          sportsGroundAreaM2: sql`excluded.sports_ground_area_m2`,
          equipmentValueFen: sql`excluded.equipment_value_fen`,
          multimediaClassrooms: sql`excluded.multimedia_classrooms`,
          version: sql`${schoolYearStats.version} + 1`,
          updatedAt: sql`now()`,
        },
        setWhere: sql`(${schoolYearStats.enrollmentKindergarten}, ${schoolYearStats.enrollmentPrimary}, ${schoolYearStats.enrollmentJunior}, ${schoolYearStats.enrollmentSenior}, ${schoolYearStats.classes}, ${schoolYearStats.teachingAuxAreaM2}, ${schoolYearStats.sportsGroundAreaM2}, ${schoolYearStats.equipmentValueFen}, ${schoolYearStats.multimediaClassrooms}) is distinct from (excluded.enrollment_kindergarten, excluded.enrollment_primary, excluded.enrollment_junior, excluded.enrollment_senior, excluded.classes, excluded.teaching_aux_area_m2, excluded.sports_ground_area_m2, excluded.equipment_value_fen, excluded.multimedia_classrooms)`,
      })
      .returning({ version: schoolYearStats.version });
    result.statsCreated += st.filter((x) => x.version === 1).length;
    result.statsUpdated += st.filter((x) => x.version > 1).length;
    result.unchanged += chunk.length - st.length;
    onProgress?.(Math.min(i + CH, rows.length), rows.length);
  }
  return result;
}

/** Yuan to whole fen; undefined (a bad cell, already reported) stays undefined. */
function yuanToFen(yuan: number | undefined): number | undefined {
  return yuan === undefined ? undefined : Math.round(yuan * 100);
}
