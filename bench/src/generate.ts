/**
 * The bench's data, generated deterministically (a seeded PRNG) and loaded with COPY … FROM STDIN:
 *
 * - the county: 520527 赫章县, 520 schools and 20,000 staff;
 * - the province (--size province): 贵州省 with that county and 27 more of 500 schools and 20,000
 *   staff each: 14,020 schools and 560,000 staff in all.
 *
 * Each county has 20 townships; schools of the national statistics' mix (primary, teaching points,
 * junior, nine- and twelve-year, special, vocational) with three school years of statistics; its
 * staff with one post in force each (PRINCIPAL, PARTY_SECRETARY, VICE_PRINCIPAL, MIDDLE_MANAGER,
 * TEACHER, STAFF) and a quarter with an earlier, ended post at another school of the county; staff
 * exchanges (ROTATION, SUPPORT_TEACHING) in each of the three years; and 20 education groups of
 * 10 schools. Every row is flagged is_sample and named 【示例】.
 *
 * Rows are written straight into Gongzhi's tables (after its migrations), so the same database
 * serves Gongzhi, PostGraphile (schema core) and the SQL floor.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { between, int, pick, prng, uuid, type Rand } from './prng.js';

const { from: copyFrom } = copyStreams;

export const GENERATOR_VERSION = 3;
export const BENCH_COUNTY = '520527';
export const PROVINCE = '520000';
export const GROUP_KIND = 'bench.education-group';

const CITIES: [string, string][] = [['520100', '贵阳市'], ['520300', '遵义市'], ['520500', '毕节市']];
/** The bench county first; then 27 more of the province (real codes of Guizhou's counties). */
const COUNTIES: [string, string][] = [
  ['520527', '赫章县'],
  ['520502', '七星关区'], ['520521', '大方县'], ['520523', '金沙县'], ['520524', '织金县'], ['520525', '纳雍县'], ['520526', '威宁彝族回族苗族自治县'], ['520581', '黔西市'],
  ['520302', '红花岗区'], ['520303', '汇川区'], ['520304', '播州区'], ['520322', '桐梓县'], ['520323', '绥阳县'], ['520324', '正安县'], ['520325', '道真仡佬族苗族自治县'],
  ['520326', '务川仡佬族苗族自治县'], ['520327', '凤冈县'], ['520328', '湄潭县'], ['520329', '余庆县'], ['520330', '习水县'], ['520381', '赤水市'], ['520382', '仁怀市'],
  ['520102', '南明区'], ['520103', '云岩区'], ['520111', '花溪区'], ['520112', '乌当区'], ['520113', '白云区'], ['520115', '观山湖区'],
];

export type Size = 'county' | 'province';
export interface GenerateOptions {
  size: Size;
  seed: number;
  /** The current school year (e.g. 2026-2027): statistics for it and the two before, exchanges in each. */
  schoolYear: string;
  log?: (line: string) => void;
}

// --- TSV for COPY (text format) --------------------------------------------------------------
const esc = (v: unknown): string => {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (Array.isArray(v)) return `{${v.join(',')}}`; // our array items are plain words
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
};
class Table {
  lines: string[] = [];
  constructor(readonly name: string, readonly columns: string[]) {}
  add(...values: unknown[]) {
    this.lines.push(values.map(esc).join('\t') + '\n');
  }
}

// --- the data ------------------------------------------------------------------------------
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林龙杜潘肖蒋'.split('');
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '华', '玉兰'];
const SUBJECTS = ['语文', '语文', '数学', '数学', '英语', '科学', '道德与法治', '体育', '音乐', '美术', '信息技术', '物理', '化学', '历史', '地理', '生物'];
const QUAL_PRIMARY = ['MASTER', 'BACHELOR', 'BACHELOR', 'BACHELOR', 'BACHELOR', 'ASSOCIATE', 'ASSOCIATE', 'ASSOCIATE', 'SENIOR_SECONDARY'];
const QUAL_JUNIOR = ['MASTER', 'BACHELOR', 'BACHELOR', 'BACHELOR', 'BACHELOR', 'BACHELOR', 'BACHELOR', 'BACHELOR', 'ASSOCIATE'];
const TITLES = ['FIRST_GRADE', 'SECOND_GRADE', 'SENIOR', 'NONE', 'FIRST_GRADE', 'THIRD_GRADE'];
const STAGES_OF: Record<string, string[]> = { '211': ['PRIMARY'], '218': ['PRIMARY'], '311': ['JUNIOR'], '312': ['PRIMARY', 'JUNIOR'], '345': ['PRIMARY', 'JUNIOR', 'SENIOR'], '511': ['SPECIAL'], '361': ['VOCATIONAL'] };
const TYPE_ZH: Record<string, string> = { '211': '小学', '218': '教学点', '311': '初级中学', '312': '九年一贯制学校', '345': '十二年一贯制学校', '511': '特殊教育学校', '361': '中等职业学校' };
const CATEGORY: Record<string, string> = { '211': '21', '218': '21', '311': '31', '312': '21', '345': '21', '511': '51', '361': '36' };
const MIX: [string, number][] = [['211', 0.6], ['218', 0.08], ['311', 0.16], ['312', 0.1], ['345', 0.02], ['511', 0.02], ['361', 0.02]];

function idNumberCheckChar(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * w[i]!;
  return '10X98765432'[s % 11]!;
}
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10);

interface Tables {
  schools: Table;
  stats: Table;
  people: Table;
  posts: Table;
  groups: Table;
  members: Table;
  exchanges: Table;
}
const newTables = (): Tables => ({
  schools: new Table('core.schools', ['code', 'name', 'stages', 'school_type', 'county_code', 'township_code', 'area', 'authority_code', 'is_legal_person', 'is_boarding', 'is_sample']),
  stats: new Table('core.school_year_stats', ['school_code', 'school_year', 'enrollment_kindergarten', 'enrollment_primary', 'enrollment_junior', 'enrollment_senior', 'classes', 'teaching_aux_area_m2', 'sports_ground_area_m2', 'equipment_value_fen', 'multimedia_classrooms']),
  people: new Table('core.people', ['id', 'name', 'gender', 'birth_date', 'id_number', 'phone', 'qualification', 'title', 'backbone_level', 'subjects', 'locality_code', 'is_sample']),
  posts: new Table('core.posts', ['id', 'person_id', 'role', 'school_code', 'group_id', 'stage', 'valid_from', 'valid_to']),
  groups: new Table('core.school_groups', ['id', 'kind', 'name', 'locality_code', 'lead_school_code', 'valid_from', 'valid_to', 'is_sample']),
  members: new Table('core.group_members', ['id', 'group_id', 'school_code', 'valid_from', 'valid_to']),
  exchanges: new Table('core.exchanges', ['id', 'person_id', 'from_school_code', 'to_school_code', 'kind', 'start_date', 'end_date', 'backbone_level', 'group_id', 'note']),
});

/** One county's rows, from its own PRNG stream (so a county's data does not depend on the others). */
function county(o: { code: string; name: string; block: string; schools: number; people: number; seed: number; years: string[] }): Tables {
  const r: Rand = prng(o.seed);
  const t = newTables();
  const lastYearStart = Number(o.years[o.years.length - 1]!.slice(0, 4));
  // Schools: the mix of a mountain county, sized so the county has about 15 pupils per member of staff.
  interface S { code: string; type: string; rural: boolean; richness: number; primary: number; junior: number; senior: number; other: number; staff: number }
  const schools: S[] = [];
  let seq = 0;
  for (const [type, share] of MIX) {
    const n = type === '211' ? o.schools - MIX.slice(1).reduce((s, [, sh]) => s + Math.round(o.schools * sh), 0) : Math.round(o.schools * share);
    for (let i = 0; i < n; i++) {
      seq++;
      const rural = type === '218' || r() < 0.5;
      schools.push({
        code: `${CATEGORY[type]}${o.code.slice(0, 2)}${o.block}${pad(seq, 4)}`,
        type,
        rural,
        richness: rural ? between(r, 0.75, 1.15) : between(r, 0.95, 1.5),
        primary: type === '218' ? Math.round(between(r, 20, 90)) : ['211', '312', '345'].includes(type) ? between(r, rural ? 150 : 600, rural ? 700 : 2200) : 0,
        junior: ['311', '312', '345'].includes(type) ? between(r, rural ? 200 : 500, rural ? 700 : 1600) : 0,
        senior: type === '345' ? between(r, 300, 900) : 0,
        other: ['511', '361'].includes(type) ? between(r, 80, 600) : 0,
        staff: 0,
      });
    }
  }
  const draftPupils = schools.reduce((s, d) => s + (d.type === '218' ? 0 : d.primary + d.junior + d.senior + d.other), 0);
  const pointPupils = schools.reduce((s, d) => s + (d.type === '218' ? d.primary : 0), 0);
  const scale = (o.people * 15 - pointPupils) / Math.max(1, draftPupils);
  for (const s of schools) {
    if (s.type !== '218') for (const k of ['primary', 'junior', 'senior', 'other'] as const) s[k] = Math.round(s[k] * scale);
  }
  const totalPupils = schools.reduce((s, d) => s + d.primary + d.junior + d.senior + d.other, 0);
  let assigned = 0;
  schools.forEach((s, i) => {
    s.staff = i === schools.length - 1 ? o.people - assigned : Math.max(2, Math.round((o.people * (s.primary + s.junior + s.senior + s.other)) / totalPupils));
    assigned += s.staff;
  });
  const townships = Array.from({ length: 20 }, (_, i) => `${o.code}1${pad(i + 1, 2)}`);
  for (const s of schools) {
    t.schools.add(s.code, `【示例】${o.name}${TYPE_ZH[s.type]}${s.code.slice(-4)}`, STAGES_OF[s.type], s.type, o.code, pick(r, townships), s.rural ? 'RURAL' : r() < 0.5 ? 'URBAN' : 'TOWN', o.code, s.type !== '218', s.type === '311' && r() < 0.4, true);
    // Three school years of statistics; enrollment drifts a little from year to year.
    o.years.forEach((year, yi) => {
      const f = 1 + (yi - o.years.length + 1) * between(r, -0.04, 0.03);
      const [p, j, sr, ot] = [s.primary, s.junior, s.senior, s.other].map((x) => Math.max(0, Math.round(x * f)));
      const pupils = p! + j! + sr! + ot!;
      const jw = (j! + sr!) / Math.max(pupils, 1);
      t.stats.add(
        s.code, year, 0, p, j, sr,
        Math.max(1, Math.round(pupils / 45)),
        Math.round(pupils * (4.5 + jw * 1.3) * s.richness),
        Math.round(pupils * (7.5 + jw * 2.7) * s.richness * between(r, 0.8, 1.2)),
        Math.round(pupils * (2000 + jw * 500) * s.richness * between(r, 0.8, 1.3)) * 100,
        Math.max(1, Math.round((pupils / 100) * 2.4 * s.richness)),
      );
    });
  }
  // Staff: one post in force each; a quarter also held an earlier post at another school.
  const usedIds = new Map<string, number>();
  const teachers: { id: string; school: string; backbone: string }[] = [];
  let personNo = 0;
  for (const s of schools) {
    const multi = STAGES_OF[s.type]!.length > 1;
    for (let k = 0; k < s.staff; k++, personNo++) {
      const id = uuid(r);
      const role = k === 0 ? 'PRINCIPAL' : s.staff >= 10 && k === 1 ? 'PARTY_SECRETARY' : s.staff >= 20 && k <= 3 ? 'VICE_PRINCIPAL' : r() < 0.05 ? 'MIDDLE_MANAGER' : r() < 0.08 ? 'STAFF' : 'TEACHER';
      const birthYear = int(r, 1965, 2001);
      const birth = `${birthYear}${pad(int(r, 1, 12), 2)}${pad(int(r, 1, 28), 2)}`;
      const withId = personNo % 10 < 7;
      let idNumber: string | null = null;
      if (withId) {
        const n = (usedIds.get(birth) ?? 0) + 1;
        usedIds.set(birth, n);
        const first17 = `${o.code}${birth}${pad(n, 3)}`;
        idNumber = first17 + idNumberCheckChar(first17);
      }
      const stage = multi && role === 'TEACHER' ? (r() < s.junior / Math.max(1, s.primary + s.junior) ? 'JUNIOR' : 'PRIMARY') : null;
      const junior = stage === 'JUNIOR' || (!s.primary && s.junior > 0);
      const backbone = r() < 0.16 ? pick(r, ['COUNTY', 'COUNTY', 'CITY', 'PROVINCE']) : r() < 0.1 ? 'SCHOOL' : 'NONE';
      const subjects = r() < 0.2 ? [pick(r, SUBJECTS), pick(r, SUBJECTS)].filter((x, i, a) => a.indexOf(x) === i) : [pick(r, SUBJECTS)];
      t.people.add(
        id, pick(r, SURNAMES) + pick(r, GIVEN), r() < 0.62 ? 'FEMALE' : 'MALE',
        withId ? `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}` : null, idNumber, null,
        pick(r, junior ? QUAL_JUNIOR : QUAL_PRIMARY), pick(r, TITLES), backbone, role === 'TEACHER' ? subjects : [], o.code, true,
      );
      // The post in force: started on 1 September of a year between 2002 and the current one (some mid-year).
      const startYear = Math.min(lastYearStart, Math.max(birthYear + 22, int(r, 2002, lastYearStart)));
      const validFrom = r() < 0.85 ? `${startYear}-09-01` : `${startYear}-${pad(int(r, 2, 6), 2)}-${pad(int(r, 1, 28), 2)}`;
      t.posts.add(uuid(r), id, role, s.code, null, stage, validFrom, null);
      if (r() < 0.25 && startYear > birthYear + 24) {
        const other = schools[int(r, 0, schools.length - 1)]!;
        if (other !== s) t.posts.add(uuid(r), id, r() < 0.03 ? 'PRINCIPAL' : 'TEACHER', other.code, null, null, `${int(r, birthYear + 22, startYear - 1)}-09-01`, dayBefore(validFrom));
      }
      if (role === 'TEACHER') teachers.push({ id, school: s.code, backbone });
    }
  }
  // Exchanges in each of the three years: about 2.5% of the teachers a year.
  for (const year of o.years) {
    const y = Number(year.slice(0, 4));
    for (const tch of teachers) {
      if (r() >= 0.025) continue;
      let to = schools[int(r, 0, schools.length - 1)]!.code;
      if (to === tch.school) to = schools[(schools.findIndex((s) => s.code === to) + 1) % schools.length]!.code;
      t.exchanges.add(uuid(r), tch.id, tch.school, to, r() < 0.75 ? 'ROTATION' : 'SUPPORT_TEACHING', `${y}-09-01`, `${y + 1}-07-15`, tch.backbone, null, null);
    }
  }
  // 20 education groups of 10 schools (the lead school first), each school in at most one.
  const eligible = schools.filter((s) => ['211', '311', '312'].includes(s.type));
  const order = eligible.map((s) => ({ s, k: r() })).sort((a, b) => a.k - b.k).map((x) => x.s);
  for (let g = 0; g < 20 && (g + 1) * 10 <= order.length; g++) {
    const gid = uuid(r);
    const members = order.slice(g * 10, g * 10 + 10);
    t.groups.add(gid, GROUP_KIND, `【示例】${o.name}第${g + 1}教育集团`, o.code, members[0]!.code, '2019-09-01', null, true);
    members.forEach((m, i) => t.members.add(uuid(r), gid, m.code, i < 8 ? '2019-09-01' : `${lastYearStart - 1}-09-01`, null));
  }
  return t;
}

async function copy(client: pg.PoolClient, table: Table) {
  if (!table.lines.length) return;
  const stream = client.query(copyFrom(`COPY ${table.name} (${table.columns.join(', ')}) FROM STDIN`)) as unknown as NodeJS.WritableStream;
  // Chunks of ~1,000 rows keep the writes few and the memory flat.
  const lines = table.lines;
  await pipeline(
    Readable.from(
      (function* () {
        for (let i = 0; i < lines.length; i += 1000) yield lines.slice(i, i + 1000).join('');
      })(),
    ),
    stream,
  );
}

export interface Generated {
  counties: number;
  rows: Record<string, number>;
  seconds: number;
}

/** Load the data into a migrated, empty database. */
export async function generate(url: string, o: GenerateOptions): Promise<Generated> {
  const log = o.log ?? (() => {});
  const t0 = performance.now();
  const y = Number(o.schoolYear.slice(0, 4));
  const years = [y - 2, y - 1, y].map((a) => `${a}-${a + 1}`);
  const counties = o.size === 'county' ? COUNTIES.slice(0, 1) : COUNTIES;
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const rows: Record<string, number> = {};
  try {
    const setup = await pool.connect();
    try {
      const locs = new Table('core.localities', ['code', 'name', 'level', 'parent_code']);
      locs.add(PROVINCE, '贵州省', 'PROVINCE', null);
      for (const [code, name] of CITIES) locs.add(code, name, 'CITY', PROVINCE);
      for (const [code, name] of counties) {
        locs.add(code, name, 'COUNTY', `${code.slice(0, 4)}00`);
        for (let i = 1; i <= 20; i++) locs.add(`${code}1${pad(i, 2)}`, `【示例】${name}第${i}乡镇`, 'TOWNSHIP', code);
      }
      await copy(setup, locs);
      rows.localities = locs.lines.length;
    } finally {
      setup.release();
    }
    // Two connections: one county is generated in JS while the other's rows are copied in.
    let next = 0;
    const worker = async () => {
      const client = await pool.connect();
      try {
        // The rows are consistent by construction: skip the per-row foreign-key triggers (superuser).
        await client.query(`SET session_replication_role = replica`);
        while (next < counties.length) {
          const i = next++;
          const [code, name] = counties[i]!;
          const t = county({ code, name, block: String(10 + i), schools: i === 0 ? 520 : 500, people: 20_000, seed: o.seed * 1000 + i, years });
          await client.query('BEGIN');
          for (const table of Object.values(t) as Table[]) {
            await copy(client, table);
            rows[table.name] = (rows[table.name] ?? 0) + table.lines.length;
          }
          await client.query('COMMIT');
          log(`  ${code} ${name}: ${t.schools.lines.length} schools, ${t.people.lines.length} people, ${t.posts.lines.length} posts (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
        }
      } finally {
        await client.query(`SET session_replication_role = DEFAULT`).catch(() => {});
        client.release();
      }
    };
    await Promise.all([worker(), worker()]);
    await pool.query('ANALYZE');
  } finally {
    await pool.end();
  }
  return { counties: counties.length, rows, seconds: (performance.now() - t0) / 1000 };
}
