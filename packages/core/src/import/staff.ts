/**
 * Importing a staff roster: one row per person, with their post at a school. A person is keyed by
 * their ID number (身份证号) or, without one, by their staff number (教职工号) within the county,
 * so re-running a roster changes nothing and a changed row updates the same person.
 */
import crypto from 'node:crypto';
import { and, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db.js';
import { people, posts, schools } from '../tables.js';
import { isSchoolCode } from '../codes.js';
import { CORE_ROLES } from '../roles.js';
import { cellText, cellError, isBlank, parseChoice, parseDate, type ColumnSpec, type ImportIssue, type Parsed, type RawRow } from './columns.js';
import { birthDateOfIdNumber, isResidentIdNumber } from './id-number.js';
import type { ValidationResult } from './stats.js';

export const STAFF_COLUMNS = [
  { key: 'idNumber', headers: ['身份证号', '公民身份号码', '身份证件号'], required: false, description: '18-character 身份证号 (checked). The key of the person; personal data, stored for the pii scope only.' },
  { key: 'staffNumber', headers: ['教职工号', '工号', '教师编号'], required: false, description: 'The bureau’s staff number: the key when no ID number is given (unique within the county).' },
  { key: 'name', headers: ['姓名'], required: true, description: 'Name.' },
  { key: 'gender', headers: ['性别'], required: true, description: '男/女 (or MALE/FEMALE, 1/2 as in GB/T 2261.1).' },
  { key: 'birthDate', headers: ['出生日期'], required: false, description: 'YYYY-MM-DD (must agree with the ID number).' },
  { key: 'qualification', headers: ['最高学历', '学历'], required: true, description: '博士研究生, 硕士研究生, 本科, 专科, 高中/中专/中师, 高中以下 (or the enum value).' },
  { key: 'title', headers: ['职称', '专业技术职务'], required: false, description: '正高级教师, 高级教师, 一级教师, 二级教师, 三级教师, 未定级 (pre-2015 names such as 中学一级, 小学高级 accepted). Default 未定级.' },
  { key: 'backboneLevel', headers: ['骨干教师级别', '骨干级别'], required: false, description: '国家级, 省级, 市级, 县级, 校级, 无. Default 无.' },
  { key: 'subjects', headers: ['任教学科', '学科'], required: false, description: 'Subjects separated by 、 , ; or / (体育, 音乐, 美术 count for L3).' },
  { key: 'schoolCode', headers: ['学校标识码', '任职学校标识码'], required: true, description: 'The school of the post; it must be registered (import the statistics first).' },
  { key: 'role', headers: ['岗位', '岗位类别'], required: false, description: '专任教师, 校长, 副校长, 党组织书记, 中层干部, 教辅 (or a core role id). Default 专任教师.' },
  { key: 'stage', headers: ['任教学段', '学段'], required: false, description: '小学, 初中, 高中, 幼儿园: needed to split a nine-year or twelve-year school’s staff by stage.' },
  { key: 'validFrom', headers: ['任职开始日期', '到校日期'], required: false, description: 'First day of the post. Default: the first day of the school year (--school-year, else the current one).' },
  { key: 'phone', headers: ['联系电话', '手机号'], required: false, description: 'Phone (personal data).' },
  { key: 'isSample', headers: ['是否示例'], required: false, description: '是/否: sample data, not a real person.' },
] as const satisfies readonly ColumnSpec[];

const GENDER: Record<string, string> = { 男: 'MALE', 女: 'FEMALE', MALE: 'MALE', FEMALE: 'FEMALE', M: 'MALE', F: 'FEMALE', '1': 'MALE', '2': 'FEMALE' };
const QUALIFICATION: Record<string, string> = {
  DOCTORATE: 'DOCTORATE', 博士研究生: 'DOCTORATE', 博士: 'DOCTORATE',
  MASTER: 'MASTER', 硕士研究生: 'MASTER', 硕士: 'MASTER', 研究生: 'MASTER',
  BACHELOR: 'BACHELOR', 本科: 'BACHELOR', 大学本科: 'BACHELOR',
  ASSOCIATE: 'ASSOCIATE', 专科: 'ASSOCIATE', 大专: 'ASSOCIATE', 大学专科: 'ASSOCIATE',
  SENIOR_SECONDARY: 'SENIOR_SECONDARY', 高中: 'SENIOR_SECONDARY', 中专: 'SENIOR_SECONDARY', 中师: 'SENIOR_SECONDARY', 中等师范: 'SENIOR_SECONDARY', 高中阶段: 'SENIOR_SECONDARY',
  BELOW_SENIOR_SECONDARY: 'BELOW_SENIOR_SECONDARY', 高中以下: 'BELOW_SENIOR_SECONDARY', 初中及以下: 'BELOW_SENIOR_SECONDARY',
};
/** 2015 title reform (人社部发〔2015〕59号): old secondary/primary titles map onto the unified ones. */
const TITLE: Record<string, string> = {
  PROFESSOR_SENIOR: 'PROFESSOR_SENIOR', 正高级教师: 'PROFESSOR_SENIOR', 正高级: 'PROFESSOR_SENIOR',
  SENIOR: 'SENIOR', 高级教师: 'SENIOR', 高级: 'SENIOR', 中学高级: 'SENIOR',
  FIRST_GRADE: 'FIRST_GRADE', 一级教师: 'FIRST_GRADE', 一级: 'FIRST_GRADE', 中学一级: 'FIRST_GRADE', 小学高级: 'FIRST_GRADE',
  SECOND_GRADE: 'SECOND_GRADE', 二级教师: 'SECOND_GRADE', 二级: 'SECOND_GRADE', 中学二级: 'SECOND_GRADE', 小学一级: 'SECOND_GRADE',
  THIRD_GRADE: 'THIRD_GRADE', 三级教师: 'THIRD_GRADE', 三级: 'THIRD_GRADE', 中学三级: 'THIRD_GRADE', 小学二级: 'THIRD_GRADE', 小学三级: 'THIRD_GRADE',
  NONE: 'NONE', 未定级: 'NONE', 无: 'NONE',
};
const BACKBONE: Record<string, string> = {
  NATIONAL: 'NATIONAL', 国家级: 'NATIONAL', PROVINCE: 'PROVINCE', 省级: 'PROVINCE', CITY: 'CITY', 市级: 'CITY', 地市级: 'CITY',
  COUNTY: 'COUNTY', 县级: 'COUNTY', 区级: 'COUNTY', SCHOOL: 'SCHOOL', 校级: 'SCHOOL', NONE: 'NONE', 无: 'NONE', 否: 'NONE',
};
const ROLE: Record<string, string> = {
  ...Object.fromEntries(CORE_ROLES.map((r) => [r.id, r.id])),
  ...Object.fromEntries(CORE_ROLES.map((r) => [r.title.zh, r.id])),
  教师: 'TEACHER', 书记: 'PARTY_SECRETARY', 教辅: 'STAFF', 职工: 'STAFF', 其他: 'STAFF',
};
const STAGE: Record<string, string> = { 小学: 'PRIMARY', 初中: 'JUNIOR', 高中: 'SENIOR', 幼儿园: 'KINDERGARTEN', 学前: 'KINDERGARTEN', PRIMARY: 'PRIMARY', JUNIOR: 'JUNIOR', SENIOR: 'SENIOR', KINDERGARTEN: 'KINDERGARTEN' };

export interface StaffRow {
  row: number;
  idNumber: string | null;
  staffNumber: string | null;
  name: string;
  gender: string;
  birthDate: string | null;
  qualification: string;
  title: string | null;
  backboneLevel: string | null;
  subjects: string[] | null;
  schoolCode: string;
  role: string;
  stage: string | null;
  validFrom: string;
  phone: string | null;
  isSample: boolean | null;
}

export function parseStaffRow(raw: RawRow, defaultValidFrom: string): { row?: StaffRow; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const v = raw.values;
  const take = <T>(column: string, p: Parsed<T>): T | undefined => {
    if (p.ok) return p.value;
    issues.push({ row: raw.row, column, reason: p.reason });
    return undefined;
  };
  const text = (k: string) => cellText(v[k]);
  const idText = text('idNumber').toUpperCase();
  // The ID number is personal: a reason never repeats it.
  const idNumber = idText ? take('idNumber', isResidentIdNumber(idText) ? { ok: true, value: idText } : cellError('身份证号无效（18 位，末位校验码不符或出生日期无效）', 'not a valid 18-character ID number (check character or birth date wrong)')) : null;
  const staffNumber = text('staffNumber') || null;
  if (!idText && !staffNumber) issues.push({ row: raw.row, column: 'idNumber', reason: { zh: '身份证号与教职工号至少填写一项', en: 'give an ID number or a staff number' } });
  if (staffNumber && staffNumber.length > 40) issues.push({ row: raw.row, column: 'staffNumber', reason: { zh: '教职工号过长（最多 40 字符）', en: 'staff number too long (at most 40 characters)' } });
  const name = take('name', text('name') && text('name').length <= 100 ? { ok: true, value: text('name') } : cellError('姓名不能为空', 'the name must not be blank'));
  const gender = take('gender', parseChoice(v.gender, GENDER, { zh: '性别', en: 'gender (男/女)' }));
  const birthDate = isBlank(v.birthDate) ? null : take('birthDate', parseDate(v.birthDate));
  if (birthDate && idNumber && birthDateOfIdNumber(idNumber) !== birthDate)
    issues.push({ row: raw.row, column: 'birthDate', reason: { zh: '出生日期与身份证号不符', en: 'the birth date does not agree with the ID number' } });
  const qualification = take('qualification', parseChoice(v.qualification, QUALIFICATION, { zh: '学历', en: 'qualification' }));
  const title = isBlank(v.title) ? null : take('title', parseChoice(v.title, TITLE, { zh: '职称', en: 'title' }));
  const backboneLevel = isBlank(v.backboneLevel) ? null : take('backboneLevel', parseChoice(v.backboneLevel, BACKBONE, { zh: '骨干教师级别', en: 'backbone level' }));
  const subjects = isBlank(v.subjects) ? null : [...new Set(text('subjects').split(/[、,，;；/\s]+/).map((s) => s.trim()).filter(Boolean))];
  const schoolCode = take('schoolCode', isSchoolCode(text('schoolCode')) ? { ok: true, value: text('schoolCode') } : cellError(`“${text('schoolCode')}”不是 10 位学校标识码`, `"${text('schoolCode')}" is not a 10-digit school code`));
  const role = isBlank(v.role) ? 'TEACHER' : take('role', parseChoice(v.role, ROLE, { zh: '岗位', en: 'role' }));
  const stage = isBlank(v.stage) ? null : take('stage', parseChoice(v.stage, STAGE, { zh: '学段', en: 'stage' }));
  const validFrom = isBlank(v.validFrom) ? defaultValidFrom : take('validFrom', parseDate(v.validFrom));
  const phone = isBlank(v.phone) ? null : take('phone', /^[\d\-+() ]{5,20}$/.test(text('phone')) ? { ok: true, value: text('phone') } : cellError('电话号码格式不对', 'not a phone number'));
  const sampleText = text('isSample');
  const isSample = sampleText ? (['是', 'true', '1', 'yes'].includes(sampleText.toLowerCase()) ? true : ['否', 'false', '0', 'no'].includes(sampleText.toLowerCase()) ? false : take('isSample', cellError('应为 是/否', 'should be yes/no'))) : null;
  if (issues.length) return { issues };
  return {
    row: { row: raw.row, idNumber: idNumber ?? null, staffNumber, name: name!, gender: gender!, birthDate: birthDate ?? null, qualification: qualification!, title: title ?? null, backboneLevel: backboneLevel ?? null, subjects, schoolCode: schoolCode!, role: role!, stage: stage ?? null, validFrom: validFrom!, phone: phone ?? null, isSample: isSample ?? null },
    issues,
  };
}

/**
 * The id of a person known by staff number only: derived from the county and the number, so the
 * same roster row always names the same person. (ID numbers are never hashed into ids: an id is
 * public and a hash of an ID number can be reversed by trying them all.)
 */
export function staffNumberPersonId(countyCode: string, staffNumber: string): string {
  const h = crypto.createHash('sha256').update(`gongzhi:staff:${countyCode}:${staffNumber}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const CHUNK = 1000;
async function chunked<T, R>(items: readonly T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await run(items.slice(i, i + CHUNK))));
  return out;
}

type PersonRow = typeof people.$inferSelect;
export interface PlannedStaff extends StaffRow {
  personId: string;
  countyCode: string;
  existing: PersonRow | null;
}

export interface StaffValidateOptions {
  defaultValidFrom: string;
  withinLocality?: string | null;
  onProgress?: (done: number, total: number) => void;
}

/** Validate every row and resolve who each row is (existing person or new). */
export async function validateStaffRows(db: Db, rows: readonly RawRow[], opts: StaffValidateOptions): Promise<ValidationResult<PlannedStaff>> {
  const errors: ImportIssue[] = [];
  const parsed: StaffRow[] = [];
  rows.forEach((raw, i) => {
    const r = parseStaffRow(raw, opts.defaultValidFrom);
    errors.push(...r.issues);
    if (r.row) parsed.push(r.row);
    if (opts.onProgress && (i % 1000 === 999 || i === rows.length - 1)) opts.onProgress(i + 1, rows.length);
  });
  const schoolRows = new Map(
    (await chunked([...new Set(parsed.map((r) => r.schoolCode))], (c) => db.select({ code: schools.code, countyCode: schools.countyCode, stages: schools.stages, archivedAt: schools.archivedAt }).from(schools).where(inArray(schools.code, c)))).map((s) => [s.code, s]),
  );
  const byIdNumber = new Map(
    (await chunked([...new Set(parsed.flatMap((r) => (r.idNumber ? [r.idNumber] : [])))], (c) => db.select().from(people).where(inArray(people.idNumber, c)))).map((p) => [p.idNumber!, p]),
  );
  const derivedIds = parsed.flatMap((r) => {
    const s = schoolRows.get(r.schoolCode);
    return r.staffNumber && s ? [staffNumberPersonId(s.countyCode, r.staffNumber)] : [];
  });
  const byId = new Map((await chunked([...new Set(derivedIds)], (c) => db.select().from(people).where(inArray(people.id, c)))).map((p) => [p.id, p]));

  const good: PlannedStaff[] = [];
  const seenPerson = new Map<string, number>();
  const seenId = new Map<string, number>();
  for (const r of parsed) {
    const issues: ImportIssue[] = [];
    const school = schoolRows.get(r.schoolCode);
    if (!school || school.archivedAt) issues.push({ row: r.row, column: 'schoolCode', reason: { zh: `未找到学校 ${r.schoolCode}（请先导入学校统计数据）`, en: `school ${r.schoolCode} not found (import the statistics first)` } });
    else {
      if (r.stage && !school.stages.includes(r.stage)) issues.push({ row: r.row, column: 'stage', reason: { zh: `该校没有学段 ${r.stage}`, en: `the school has no ${r.stage} stage` } });
      if (opts.withinLocality && !school.countyCode.startsWith(opts.withinLocality)) issues.push({ row: r.row, column: 'schoolCode', reason: { zh: `学校不在 ${opts.withinLocality} 内`, en: `the school is not inside ${opts.withinLocality}` } });
    }
    if (issues.length || !school) {
      errors.push(...issues);
      continue;
    }
    const fromId = r.idNumber ? byIdNumber.get(r.idNumber) ?? null : null;
    const derived = r.staffNumber ? staffNumberPersonId(school.countyCode, r.staffNumber) : null;
    const fromStaff = derived ? byId.get(derived) ?? null : null;
    if (fromId && fromStaff && fromId.id !== fromStaff.id) {
      errors.push({ row: r.row, column: 'staffNumber', reason: { zh: '身份证号与教职工号对应不同的人员', en: 'the ID number and the staff number name two different people' } });
      continue;
    }
    const existing = fromId ?? fromStaff;
    const personId = existing?.id ?? derived ?? crypto.randomUUID();
    const first = seenPerson.get(personId) ?? (r.idNumber ? seenId.get(r.idNumber) : undefined);
    if (first !== undefined) {
      errors.push({ row: r.row, column: r.idNumber ? 'idNumber' : 'staffNumber', reason: { zh: `与第 ${first} 行是同一人（每人一行）`, en: `the same person as row ${first} (one row per person)` } });
      continue;
    }
    seenPerson.set(personId, r.row);
    if (r.idNumber) seenId.set(r.idNumber, r.row);
    good.push({ ...r, personId, countyCode: school.countyCode, existing });
  }
  errors.sort((a, b) => a.row - b.row);
  return { good, errors, warnings: [] };
}

export interface StaffWriteResult {
  peopleCreated: number;
  peopleUpdated: number;
  postsCreated: number;
  postsEnded: number;
  unchanged: number;
}

/**
 * The posts an import created and ended, with their holder: the import hands them to the write
 * rules as `Post` changes, as createPost/endPost would, so a move made by a spreadsheet is judged
 * like one made by a mutation (every path that can break a write rule is guarded).
 */
export interface PostsWritten {
  postsWritten: { postId: string; personId: string }[];
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Write validated rows (inside the caller's transaction). A person's row is upserted only when it
 * differs. Their post: an open post of the same role at the same school and stage is kept; an open
 * post of the same role elsewhere is ended the day before the new one starts, and the new one
 * opened. Posts of other roles (and plugins' group posts) are left alone.
 */
export async function writeStaffRows(tx: Db, rows: readonly PlannedStaff[], onProgress?: (done: number, total: number) => void): Promise<StaffWriteResult & PostsWritten> {
  const result: StaffWriteResult & PostsWritten = { peopleCreated: 0, peopleUpdated: 0, postsCreated: 0, postsEnded: 0, unchanged: 0, postsWritten: [] };
  const CH = 500;
  const total = rows.length * 2;
  for (let i = 0; i < rows.length; i += CH) {
    const chunk = rows.slice(i, i + CH);
    const values = chunk.map((r) => ({
      id: r.personId,
      name: r.name,
      gender: r.gender,
      birthDate: r.birthDate ?? r.existing?.birthDate ?? null,
      idNumber: r.idNumber ?? r.existing?.idNumber ?? null,
      phone: r.phone ?? r.existing?.phone ?? null,
      qualification: r.qualification,
      title: r.title ?? r.existing?.title ?? 'NONE',
      backboneLevel: r.backboneLevel ?? r.existing?.backboneLevel ?? 'NONE',
      subjects: r.subjects ?? r.existing?.subjects ?? [],
      localityCode: r.countyCode,
      isSample: r.isSample ?? r.existing?.isSample ?? false,
    }));
    const changed = await tx
      .insert(people)
      .values(values)
      .onConflictDoUpdate({
        target: people.id,
        set: {
          name: sql`excluded.name`,
          gender: sql`excluded.gender`,
          birthDate: sql`excluded.birth_date`,
          idNumber: sql`excluded.id_number`,
          phone: sql`excluded.phone`,
          qualification: sql`excluded.qualification`,
          title: sql`excluded.title`,
          backboneLevel: sql`excluded.backbone_level`,
          subjects: sql`excluded.subjects`,
          localityCode: sql`excluded.locality_code`,
          isSample: sql`excluded.is_sample`,
          version: sql`${people.version} + 1`,
          updatedAt: sql`now()`,
        },
        setWhere: sql`(${people.name}, ${people.gender}, ${people.birthDate}, ${people.idNumber}, ${people.phone}, ${people.qualification}, ${people.title}, ${people.backboneLevel}, ${people.subjects}, ${people.localityCode}, ${people.isSample}) is distinct from (excluded.name, excluded.gender, excluded.birth_date, excluded.id_number, excluded.phone, excluded.qualification, excluded.title, excluded.backbone_level, excluded.subjects, excluded.locality_code, excluded.is_sample)`,
      })
      .returning({ id: people.id, version: people.version });
    result.peopleCreated += changed.filter((c) => c.version === 1).length;
    result.peopleUpdated += changed.filter((c) => c.version > 1).length;
    const changedIds = new Set(changed.map((c) => c.id));
    onProgress?.(Math.min(i + CH, rows.length), total);

    // Posts: the open ones of these people.
    const open = await tx
      .select({ id: posts.id, personId: posts.personId, role: posts.role, schoolCode: posts.schoolCode, stage: posts.stage, validFrom: posts.validFrom })
      .from(posts)
      .where(and(inArray(posts.personId, chunk.map((r) => r.personId)), isNull(posts.validTo), isNull(posts.archivedAt)));
    const toEnd = new Map<string, string[]>();
    const holderOf = new Map(open.map((p) => [p.id, p.personId]));
    const toCreate: (typeof posts.$inferInsert)[] = [];
    const postUnchanged = new Set<string>();
    for (const r of chunk) {
      const mine = open.filter((p) => p.personId === r.personId && p.role === r.role && p.schoolCode !== null);
      const same = mine.find((p) => p.schoolCode === r.schoolCode && (p.stage ?? null) === r.stage);
      for (const p of mine) {
        if (p === same) continue;
        const end = dayBefore(r.validFrom) < p.validFrom ? p.validFrom : dayBefore(r.validFrom);
        toEnd.set(end, [...(toEnd.get(end) ?? []), p.id]);
      }
      if (same) postUnchanged.add(r.personId);
      else toCreate.push({ personId: r.personId, role: r.role, schoolCode: r.schoolCode, stage: r.stage, validFrom: r.validFrom });
    }
    for (const [end, ids] of toEnd) {
      await tx.update(posts).set({ validTo: end, version: sql`${posts.version} + 1`, updatedAt: new Date() }).where(inArray(posts.id, ids));
      result.postsEnded += ids.length;
      for (const id of ids) result.postsWritten.push({ postId: id, personId: holderOf.get(id)! });
    }
    if (toCreate.length) {
      const created = await tx.insert(posts).values(toCreate).returning({ id: posts.id, personId: posts.personId });
      for (const c of created) result.postsWritten.push({ postId: c.id, personId: c.personId });
    }
    result.postsCreated += toCreate.length;
    result.unchanged += chunk.filter((r) => !changedIds.has(r.personId) && postUnchanged.has(r.personId)).length;
    onProgress?.(rows.length + Math.min(i + CH, rows.length), total);
  }
  return result;
}

