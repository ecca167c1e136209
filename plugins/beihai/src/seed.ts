/**
 * Sample 学区 for 北海市 (450500). The document's school table (附件1 学区设置表) is not in the
 * published text, so these are illustrations, flagged `isSample` everywhere, with school codes in
 * the demo sequence range (digits 5–6 = 99): 21459901xx primary, 31459901xx junior. Idempotent.
 */
import { and, eq } from 'drizzle-orm';
import { createPerson, ensureLocality, ensureSchool, tables as core, type Registry, type SeedApi } from '@gongzhi/core';
import { formXuequ } from './ops.js';
import { XUEQU_KIND, type XuequForm } from './repo.js';

const CITY = '450500';
const FORMED = '2018-12-31'; // 六(一): 组建学区(2018年12月底前)
const PRINCIPALS_FROM = '2018-09-01';
const SURNAMES = ['林', '陈', '黄', '李', '王', '张', '刘', '梁', '吴', '周', '何', '罗', '郑', '谢', '庞', '苏'];

interface SampleSchool {
  code: string;
  name: string;
  county: '450502' | '450503';
  area: 'URBAN' | 'TOWN' | 'RURAL';
}

const P = (code: string, name: string, county: SampleSchool['county'], area: SampleSchool['area'] = 'URBAN'): SampleSchool => ({ code, name, county, area });

export const SAMPLE_XUEQUS: { name: string; form: XuequForm; schoolType: '211' | '311'; schools: SampleSchool[] }[] = [
  { name: '【示例】北海市第一学区', form: 'ALLIANCE', schoolType: '211', schools: [P('2145990101', '【示例】北海市海城区第一小学', '450502'), P('2145990102', '【示例】北海市海城区第二小学', '450502'), P('2145990103', '【示例】北海市海城区第三小学', '450502')] },
  {
    name: '【示例】北海市第二学区',
    form: 'PAIRED_ASSISTANCE',
    schoolType: '211',
    schools: [P('2145990111', '【示例】北海市银海区中心小学', '450503'), P('2145990112', '【示例】北海市银海区福成小学', '450503', 'RURAL'), P('2145990113', '【示例】北海市银海区平阳小学', '450503', 'RURAL'), P('2145990114', '【示例】北海市银海区侨港小学', '450503', 'TOWN')],
  },
  { name: '【示例】北海市第三学区', form: 'GROUP', schoolType: '211', schools: [P('2145990121', '【示例】北海市实验小学（总校）', '450502'), P('2145990122', '【示例】北海市实验小学银滩校区', '450503')] },
  { name: '【示例】北海市第四学区', form: 'ALLIANCE', schoolType: '311', schools: [P('3145990101', '【示例】北海市第一初级中学', '450502'), P('3145990102', '【示例】北海市第二初级中学', '450502'), P('3145990103', '【示例】北海市第三初级中学', '450503')] },
  { name: '【示例】北海市第五学区', form: 'PAIRED_ASSISTANCE', schoolType: '311', schools: [P('3145990111', '【示例】北海市海城区实验中学', '450502'), P('3145990112', '【示例】北海市银海区福成中学', '450503', 'RURAL')] },
];

export async function seedBeihai({ db, log }: SeedApi, registry: Registry): Promise<void> {
  // Parents first; the deployment's config normally creates these already.
  for (const [code, name] of [['450000', '广西壮族自治区'], [CITY, '北海市'], ['450502', '海城区'], ['450503', '银海区']] as const) await ensureLocality(db, code, name);
  for (const x of SAMPLE_XUEQUS) {
    const [existing] = await db.select({ id: core.schoolGroups.id }).from(core.schoolGroups).where(and(eq(core.schoolGroups.kind, XUEQU_KIND), eq(core.schoolGroups.name, x.name)));
    if (existing) continue;
    for (const s of x.schools) {
      await ensureSchool(db, { code: s.code, name: s.name, schoolType: x.schoolType, countyCode: s.county, area: s.area, authorityCode: CITY, isSample: true });
      const [principal] = await db.select({ id: core.posts.id }).from(core.posts).where(and(eq(core.posts.schoolCode, s.code), eq(core.posts.role, 'PRINCIPAL')));
      if (!principal) {
        const n = Number(s.code.slice(-2)) + (s.code.startsWith('31') ? 7 : 0);
        const person = await createPerson(db, { name: `【示例】${SURNAMES[n % SURNAMES.length]}校长`, gender: n % 2 ? 'FEMALE' : 'MALE', qualification: 'BACHELOR', title: 'SENIOR', localityCode: CITY, isSample: true });
        await db.insert(core.posts).values({ personId: person.id, role: 'PRINCIPAL', schoolCode: s.code, validFrom: PRINCIPALS_FROM });
      }
    }
    const [lead, ...members] = x.schools.map((s) => s.code);
    await formXuequ(db, registry, { localityCode: CITY, name: x.name, form: x.form, leadSchoolCode: lead!, memberSchoolCodes: members, validFrom: FORMED, admissionsZoning: 'SINGLE_SCHOOL', isSample: true });
    log(`sample 学区 ${x.name} (${x.schools.length} schools)`);
  }
}
