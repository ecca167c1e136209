/**
 * Sample import files for a county: plausible schools (with teaching points under 50 pupils,
 * nine- and twelve-year schools, special and vocational schools) and their staff roster. Every
 * row is flagged 是否示例 = 是, and school codes use the reserved sequence range 98xxxx, so sample
 * rows can never pass for real ones. Used by the benchmark and the tests.
 */
import fs from 'node:fs';
import { xlsxBuffer } from './xlsx.js';
import { idNumberCheckChar, SCHOOL_TYPES, seededRandom } from '@gongzhi/core';


export interface SampleCountyOptions {
  countyCode: string;
  schools: number;
  people: number;
  seed?: number;
  /** Digits 5–6 of the sample school codes (default 98): give two sample counties different blocks. */
  codeBlock?: string;
}

export const STATS_HEADERS = ['学校标识码', '学校名称', '办学类型', '县级行政区划代码', '城乡分类', '附设幼儿班在园人数', '小学在校生数', '初中在校生数', '高中在校生数', '班级数', '教学及辅助用房面积（平方米）', '体育运动场馆面积（平方米）', '教学仪器设备值（元）', '网络多媒体教室数', '是否示例'];
export const STAFF_HEADERS = ['身份证号', '教职工号', '姓名', '性别', '出生日期', '最高学历', '职称', '骨干教师级别', '任教学科', '学校标识码', '岗位', '任教学段', '任职开始日期', '是否示例'];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林'.split('');
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平'];
const SUBJECTS = ['语文', '数学', '英语', '科学', '道德与法治', '体育', '音乐', '美术', '信息技术', '物理', '化学', '历史', '地理', '生物'];
const QUAL_PRIMARY = ['硕士研究生', '本科', '本科', '本科', '本科', '专科', '专科', '专科', '中师'];
const QUAL_JUNIOR = ['硕士研究生', '本科', '本科', '本科', '本科', '本科', '本科', '本科', '专科'];
const TITLES = ['一级教师', '二级教师', '高级教师', '未定级', '一级教师'];

export function sampleCounty(o: SampleCountyOptions) {
  const rand = seededRandom(o.seed ?? Number(o.countyCode));
  const between = (a: number, b: number) => a + rand() * (b - a);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const province = o.countyCode.slice(0, 2);
  // The mix of a mountain county: mostly primary schools, some teaching points, a few of each other type.
  const mix: [string, number][] = [['211', 0.6], ['218', 0.08], ['311', 0.16], ['312', 0.1], ['345', 0.02], ['511', 0.02], ['361', 0.02]];
  const stats: (string | number)[][] = [];
  const schools: { code: string; type: string; pupils: number; primary: number; junior: number }[] = [];
  // First the schools' relative sizes, then one scale so the county has about 15 pupils per staff
  // member (the national pupil–teacher ratios are 16–17 primary, 12–13 junior).
  const drafts: { code: string; type: string; rural: boolean; richness: number; primary: number; junior: number; senior: number; other: number }[] = [];
  let seq = 0;
  for (const [type, share] of mix) {
    const n = type === '211' ? o.schools - Math.round(o.schools * 0.4) : Math.round(o.schools * share);
    for (let i = 0; i < n && drafts.length < o.schools; i++) {
      seq++;
      const category = SCHOOL_TYPES[type]!.codeCategory[0] === 'PRIMARY' ? '21' : { '311': '31', '511': '51', '361': '36' }[type] ?? '21';
      const rural = type === '218' || rand() < 0.5;
      drafts.push({
        code: `${category}${province}${o.codeBlock ?? '98'}${String(seq).padStart(4, '0')}`,
        type,
        rural,
        richness: rural ? between(0.75, 1.15) : between(0.95, 1.5),
        primary: type === '218' ? Math.round(between(20, 90)) : ['211', '312', '345'].includes(type) ? between(rural ? 150 : 600, rural ? 700 : 2200) : 0,
        junior: ['311', '312', '345'].includes(type) ? between(rural ? 200 : 500, rural ? 700 : 1600) : 0,
        senior: type === '345' ? between(300, 900) : 0,
        other: ['511', '361'].includes(type) ? between(80, 600) : 0,
      });
    }
  }
  const draftPupils = drafts.reduce((s, d) => s + d.primary + d.junior + d.senior + d.other, 0);
  const scale = (o.people * 15) / Math.max(1, draftPupils);
  for (const d of drafts) {
    const size = (x: number) => (d.type === '218' ? x : Math.round(x * scale));
    const primary = size(d.primary);
    const junior = size(d.junior);
    const senior = size(d.senior);
    const other = size(d.other);
    const pupils = primary + junior + senior + other;
    const jw = (junior + senior) / Math.max(pupils, 1);
    const { code, type, rural, richness } = d;
    schools.push({ code, type, pupils, primary, junior });
    stats.push([
      code,
      `【示例】样本${SCHOOL_TYPES[type]!.zh}${code.slice(-4)}`,
      type,
      o.countyCode,
      rural ? '220' : rand() < 0.5 ? '111' : '121',
      0,
      primary,
      junior,
      senior,
      Math.max(1, Math.round(pupils / 45)),
      Math.round(pupils * (4.5 + jw * 1.3) * richness),
      Math.round(pupils * (7.5 + jw * 2.7) * richness * between(0.8, 1.2)),
      Math.round(pupils * (2000 + jw * 500) * richness * between(0.8, 1.3)),
      Math.max(1, Math.round((pupils / 100) * 2.4 * richness)),
      '是',
    ]);
  }
  const totalPupils = schools.reduce((s, x) => s + x.pupils, 0);
  const staff: (string | number)[][] = [];
  let person = 0;
  const usedIds = new Set<string>();
  schools.forEach((s, si) => {
    const quota = si === schools.length - 1 ? o.people - person : Math.round((o.people * s.pupils) / totalPupils);
    for (let t = 0; t < quota && person < o.people; t++, person++) {
      const year = Math.floor(between(1965, 2001));
      const birth = `${year}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
      let n = person % 1000;
      while (usedIds.has(`${birth}${n}`)) n = (n + 1) % 1000;
      usedIds.add(`${birth}${n}`);
      const first17 = `${o.countyCode}${birth}${String(n).padStart(3, '0')}`;
      const useId = person % 10 < 7; // 70% keyed by ID number, the rest by staff number only
      const stage = s.type === '312' || s.type === '345' ? (s.junior && rand() < s.junior / Math.max(1, s.primary + s.junior) ? '初中' : '小学') : '';
      staff.push([
        useId ? first17 + idNumberCheckChar(first17) : '',
        `${o.codeBlock ?? '98'}-${String(person + 1).padStart(6, '0')}`,
        pick(SURNAMES) + pick(GIVEN),
        rand() < 0.62 ? '女' : '男',
        useId ? `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}` : '',
        pick(stage === '初中' || (!stage && s.junior > 0 && !s.primary) ? QUAL_JUNIOR : QUAL_PRIMARY),
        pick(TITLES),
        rand() < 0.16 ? pick(['县级', '县级', '市级', '省级']) : rand() < 0.1 ? '校级' : '无',
        pick(SUBJECTS),
        s.code,
        t === 0 ? '校长' : '专任教师',
        stage,
        '2020-09-01',
        '是',
      ]);
    }
  });
  return { stats: [STATS_HEADERS, ...stats], staff: [STAFF_HEADERS, ...staff] };
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function writeCsv(file: string, rows: readonly (readonly (string | number)[])[]) {
  fs.writeFileSync(file, `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`);
}

/** XLSX with every cell as text where it is a code (ID numbers would lose digits as numbers). */
export function writeXlsx(file: string, rows: readonly (readonly (string | number)[])[]) {
  fs.writeFileSync(file, xlsxBuffer(rows));
}
