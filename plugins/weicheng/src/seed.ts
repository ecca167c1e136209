/**
 * The demo of 潍城区 (370702): the 学区 the report names, their party brands and festivals, and the
 * schools it names. Idempotent: a 学区 already there (by name) is left as it is.
 *
 * What is the report's and what is ours:
 * - The seven 学区 are the report's, named in official simplified characters with the report's
 *   traditional spellings (and short names) as aliases. The eighth (划分八大学区) is not named: it
 *   is a flagged sample placeholder.
 * - Each named 学区's lead is its namesake school — our reading (`isLeadInferred`), the report
 *   never says which school leads.
 * - Schools the report names keep their names (simplified), with sample codes (digits 5–6 = 99)
 *   and `isSample`, since the report gives no 学校标识码. Their types are our reading (a 学校 as
 *   nine-year, 三中 / 五中 as junior). 实验小学 is entered as 潍城区实验小学, to tell it from the new
 *   潍城经济开发区实验小学 the report also names.
 * - Schools the report names without placing them in a 学区 (湖景小学 and the other new schools of
 *   一(一)2) stay unassigned; weicheng.district-coverage reports them. Schools it only plans (计划建)
 *   are not entered.
 * - The "N" members, the people (总校长, principals, party secretaries), party organisations,
 *   charters, plans, ranks, ratings, decisions and placements are samples: 【示例】 and `isSample`
 *   where the record has the flag, 【示例】 in their document references otherwise.
 * - Party brands (一(二)3(2)) and festivals (一(二)4(7)) are the report's, for the 学区 it names
 *   them for; the others have none (weicheng.party-brand reports them).
 */
import { and, eq } from 'drizzle-orm';
import { createPerson, createPost, ensureLocality, ensureSchool, Registry, tables as core, type AnyPlugin, type SeedApi } from '@gongzhi/core';
import { PLAN_ELEMENT_KEYS, PLAN_ELEMENTS, XUEQU_KIND, type AliasKind } from './domain.js';
import { adoptCharter, awardRank, formXuequ, placeTeacher, rateSchool, recordDecision, recordDevelopmentPlan, setFestival, setPartyBrand, setPartyOrganisation } from './repo.js';

const COUNTY = '370702';
/**
 * Our reading: the 学区 were set up under the implementing opinions of 2020-03 (一(二)1(1)); the report
 * gives no day. Brands and festivals are dated from then too (the report, of late 2020, dates none).
 */
const FORMED = '2020-03-01';
/** Sample dates of the sample records (ranks, ratings): current in the demo's school years. */
const RANKED = '2021-09-01';
const RATED = '2025-09-01';

interface SeedSchool {
  code: string;
  name: string;
  schoolType: '211' | '311' | '312';
  isNamed: boolean;
}
const named = (code: string, name: string, schoolType: SeedSchool['schoolType']): SeedSchool => ({ code, name, schoolType, isNamed: true });
const sample = (code: string, name: string, schoolType: SeedSchool['schoolType'] = '211'): SeedSchool => ({ code, name: `【示例】${name}`, schoolType, isNamed: false });

interface SeedXuequ {
  name: string;
  aliases: { alias: string; kind: AliasKind }[];
  lead: SeedSchool;
  others: SeedSchool[];
  brand?: string;
  festival?: string;
  isSample?: boolean;
  note?: string;
}

const S = (alias: string): { alias: string; kind: AliasKind } => ({ alias, kind: 'SOURCE_SPELLING' });
const SHORT = (alias: string): { alias: string; kind: AliasKind } => ({ alias, kind: 'SHORT_NAME' });

export const XUEQUS: SeedXuequ[] = [
  {
    name: '潍坊外国语学校学区',
    // 一(二)3(1) 濰坊外國語學校學區; 4(6) 濰坊外國語學區; 4(7) 外國語學校學區.
    aliases: [S('濰坊外國語學校學區'), SHORT('潍坊外国语学区'), S('濰坊外國語學區'), SHORT('外国语学校学区'), S('外國語學校學區')],
    lead: named('3137990201', '潍坊外国语学校', '312'),
    others: [sample('2137990301', '外国语学校学区成员小学')],
    festival: '中华优秀传统文化节',
  },
  {
    name: '实验小学学区',
    aliases: [S('實驗小學學區')],
    lead: named('2137990201', '潍城区实验小学', '211'),
    others: [sample('2137990302', '实验小学学区成员小学')],
    brand: '红色长廊',
    festival: '艺术节',
  },
  {
    name: '永安路小学学区',
    aliases: [S('永安路小學學區')],
    lead: named('2137990202', '永安路小学', '211'),
    others: [sample('2137990303', '永安路小学学区成员小学')],
    brand: '学习新思想主题活动',
  },
  {
    name: '潍坊三中学区',
    aliases: [S('濰坊三中學區')],
    lead: named('3137990202', '潍坊三中', '311'),
    others: [sample('2137990304', '潍坊三中学区成员小学'), sample('3137990301', '潍坊三中学区成员初中', '311')],
    brand: '革命故事专栏',
  },
  {
    name: '潍州麓台学区',
    // 一(二)3(2) 濰州麓臺學區; 3(3), 4(5), 4(6) 麓臺學區.
    aliases: [S('濰州麓臺學區'), SHORT('麓台学区'), S('麓臺學區')],
    lead: named('3137990203', '潍州麓台学校', '312'),
    others: [sample('2137990305', '潍州麓台学区成员小学')],
    brand: '红色教育阵地',
  },
  {
    name: '利昌学区',
    aliases: [S('利昌學區')],
    lead: named('3137990204', '利昌学校', '312'),
    others: [sample('2137990306', '利昌学区成员小学')],
    festival: '体育节',
  },
  {
    name: '潍坊五中学区',
    aliases: [S('濰坊五中學區')],
    lead: named('3137990205', '潍坊五中', '311'),
    others: [sample('2137990307', '潍坊五中学区成员小学')],
    festival: '科技创新节',
  },
  {
    name: '【示例】第八学区',
    aliases: [],
    lead: sample('2137990308', '第八学区牵头学校'),
    others: [sample('2137990309', '第八学区成员学校')],
    isSample: true,
    note: '占位：报告称“划分八大学区”，但只点名七个；第八个学区的名称与学校不详。 Placeholder: the report divides the district into eight 学区 but names seven.',
  },
];

/** Named by the report (一(一)2 新建成) but placed in no 学区: they stay unassigned. */
export const UNASSIGNED: SeedSchool[] = [
  named('2137990203', '湖景小学', '211'),
  named('2137990204', '潍城经济开发区实验小学', '211'),
  named('2137990205', '西关中心小学', '211'),
  named('3137990206', '智群学校', '312'),
  named('2137990206', '南三里小学', '211'),
];

/** Sample schools without a current rating in the demo, so the report shows the rule failing too. */
const UNRATED = new Set(['2137990309', ...UNASSIGNED.map((s) => s.code)]);

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '孙', '周', '吴', '郑', '冯', '韩', '曹'];
let n = 0;
const sampleName = (role: string) => `【示例】${SURNAMES[n++ % SURNAMES.length]}${role}`;

export async function seedWeicheng({ db, log }: SeedApi, plugin: AnyPlugin): Promise<void> {
  const registry = new Registry([plugin]);
  for (const [code, name] of [['370000', '山东省'], ['370700', '潍坊市'], [COUNTY, '潍城区']] as const) await ensureLocality(db, code, name);
  const person = (role: string) => createPerson(db, { name: sampleName(role), gender: n % 2 ? 'FEMALE' : 'MALE', qualification: 'BACHELOR', title: 'SENIOR', localityCode: COUNTY, isSample: true });
  const school = (s: SeedSchool) => ensureSchool(db, { code: s.code, name: s.name, schoolType: s.schoolType, countyCode: COUNTY, area: 'URBAN', authorityCode: COUNTY, isSample: true });

  for (const s of UNASSIGNED) await school(s);
  let formedNow = 0;
  for (const x of XUEQUS) {
    const [existing] = await db.select({ id: core.schoolGroups.id }).from(core.schoolGroups).where(and(eq(core.schoolGroups.kind, XUEQU_KIND), eq(core.schoolGroups.name, x.name)));
    if (existing) continue;
    formedNow++;
    for (const s of [x.lead, ...x.others]) await school(s);
    // The 总校长 is also the lead school's principal; each other school has its own principal under them.
    const head = await person('总校长');
    await createPost(db, registry, { personId: head.id, role: 'PRINCIPAL', schoolCode: x.lead.code, validFrom: FORMED });
    const { group } = await formXuequ(db, registry, {
      localityCode: COUNTY,
      name: x.name,
      aliases: x.aliases,
      leadSchoolCode: x.lead.code,
      memberSchoolCodes: x.others.map((s) => s.code),
      validFrom: FORMED,
      zongxiaozhangPersonId: head.id,
      pairings: [],
      leadIsInferred: !x.isSample,
      note: x.note ?? null,
      isSample: x.isSample ?? false,
    });
    await awardRank(db, { personId: head.id, rank: '【示例】高级校长', documentRef: '【示例】潍城区校长职级认定文件', validFrom: RANKED });
    for (const [i, s] of x.others.entries()) {
      const principal = await person('校长');
      await createPost(db, registry, { personId: principal.id, role: 'PRINCIPAL', schoolCode: s.code, validFrom: FORMED });
      // Every other member principal holds a rank in the demo; the rest show weicheng.principal-rank failing.
      if (i % 2 === 0 && !x.isSample) await awardRank(db, { personId: principal.id, rank: '【示例】中级校长', documentRef: '【示例】潍城区校长职级认定文件', validFrom: RANKED });
    }
    if (!x.isSample) {
      // 一(二)3: each has a 党委 or 党总支, which the report does not name: samples.
      await setPartyOrganisation(db, group, { kind: 'GENERAL_BRANCH', name: `【示例】中共${x.name}总支部委员会`, validFrom: FORMED, isSample: true });
      const secretary = await person('书记');
      await createPost(db, registry, { personId: secretary.id, role: 'PARTY_SECRETARY', groupId: group.id, validFrom: FORMED });
      await adoptCharter(db, group, { title: `【示例】${x.name}章程`, adoptedOn: FORMED });
      await recordDevelopmentPlan(db, group, {
        title: `【示例】${x.name}中长期发展规划（2020—2030年）`,
        validFrom: FORMED,
        validTo: '2030-08-31',
        elements: PLAN_ELEMENT_KEYS.map((element) => ({ element, content: `【示例】${PLAN_ELEMENTS[element].zh}：学区统筹。` })),
      });
      await recordDecision(db, group, {
        kind: 'LARGE_SPENDING',
        title: `【示例】${x.name}年度教学设备统筹采购`,
        decidedOn: '2026-10-20',
        amountFen: 150_000_00,
        isSample: true,
        participations: [
          { stage: 'DELIBERATION', heldOn: '2026-10-12', recordRef: '【示例】党总支会议纪要' },
          { stage: 'DECISION', heldOn: '2026-10-20', recordRef: '【示例】学区联席会议纪要' },
        ],
      });
    }
    if (x.brand) await setPartyBrand(db, group, { name: x.brand, validFrom: FORMED });
    if (x.festival) await setFestival(db, group, { name: x.festival, validFrom: FORMED });
    for (const s of [x.lead, ...x.others])
      if (!UNRATED.has(s.code)) await rateSchool(db, { schoolCode: s.code, stars: s.isNamed ? 5 : 3, documentRef: '【示例】潍城区星级学校评定结果', validFrom: RATED });
    log(`学区 ${x.name} (${1 + x.others.length} schools)`);
  }
  if (formedNow > 0) {
    // 一(二)4(3)–(4): new teachers hired by the district and placed at its schools (区管校聘); samples.
    for (const [i, code] of ['2137990301', '3137990301'].entries()) {
      const teacher = await createPerson(db, { name: sampleName('老师'), gender: i ? 'MALE' : 'FEMALE', qualification: 'MASTER', title: 'NONE', localityCode: COUNTY, isSample: true });
      await placeTeacher(db, registry, { hiredByCode: COUNTY, personId: teacher.id, schoolCode: code, validFrom: '2020-09-01', hiringRoute: i ? 'TALENT_INTRODUCTION' : 'PUBLIC_INSTITUTION_EXAM', positionTitle: i ? '【示例】初中数学教师' : '【示例】小学语文教师', contractRef: `【示例】潍城教聘〔2020〕${i + 1}号` });
    }
  }
}
