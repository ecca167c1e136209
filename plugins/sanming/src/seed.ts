/**
 * The six city-level 总校 of 2017, exactly as 明政办〔2017〕118号 五(一) names them ("A与B组合"), under
 * 三明市 (350400), and the 2021 merger of 梅列区 and 三元区 as dated locality history. Idempotent.
 *
 * - Real schools keep their real names. Their 学校标识码 are not in the document: codes come from the
 *   documented sample range (digits 5–6 = 99) and the schools are flagged `isSample` — not renamed.
 * - Type: 小学 211, 幼儿园 111; for a 中学 the document gives no type, and 341 (完全中学, junior and
 *   senior) is our reading of the name.
 * - District: where the name says so (梅列区…, 三元区…). The others stand under 350401 市辖区 — "the
 *   city's districts" (the document's 市区), which one not stated — rather than a guessed district.
 * - Authority (隶属): 区属 where the name says 梅列区/三元区; elsewhere UNKNOWN, not guessed (the lead
 *   is the city school by our reading of 五(一) "市属优质教育资源…下沉", but the name does not say so).
 * - Formed on the opinion's date, 2017-09-27 (our reading: 五(一) says only "2017年").
 * - The merger: 梅列区 350402 and 三元区 350403 cease, the new 三元区 350404 from 2021-02-03 (the day
 *   福建省人民政府's approval 关于同意调整三明市部分行政区划的批复 was published; our reading of the date).
 */
import { and, eq } from 'drizzle-orm';
import { ensureLocality, ensureSchool, mergeLocalities, tables as core, type Registry, type SeedApi } from '@gongzhi/core';
import { formZongxiao, setAuthority } from './ops.js';
import { KIND } from './repo.js';

const CITY = '350400';
const DISTRICTS_UNSTATED = '350401';
const MEILIE = '350402';
const SANYUAN_OLD = '350403';
const SANYUAN = '350404';
export const FORMED = '2017-09-27';
export const MERGER_DATE = '2021-02-03';

interface DemoSchool {
  code: string;
  name: string;
  type: '111' | '211' | '341';
}

const S = (code: string, name: string, type: DemoSchool['type']): DemoSchool => ({ code, name, type });

/** 五(一), in its order; the first school of each is the lead. */
export const ZONGXIAO_2017: { name: string; schools: DemoSchool[] }[] = [
  { name: '三明二中与列东中学、三明八中组合', schools: [S('3435990001', '三明二中', '341'), S('3435990002', '列东中学', '341'), S('3435990003', '三明八中', '341')] },
  { name: '三明一中与三明三中组合', schools: [S('3435990004', '三明一中', '341'), S('3435990005', '三明三中', '341')] },
  { name: '三明市实验小学与梅列区第二实验小学组合', schools: [S('2135990001', '三明市实验小学', '211'), S('2135990002', '梅列区第二实验小学', '211')] },
  { name: '三明学院附属小学与三元区建设小学组合', schools: [S('2135990003', '三明学院附属小学', '211'), S('2135990004', '三元区建设小学', '211')] },
  { name: '三明市实验幼儿园与三元区东霞幼儿园组合', schools: [S('1135990001', '三明市实验幼儿园', '111'), S('1135990002', '三元区东霞幼儿园', '111')] },
  { name: '三明市妇联幼儿园与梅列区六路幼儿园组合', schools: [S('1135990003', '三明市妇联幼儿园', '111'), S('1135990004', '梅列区六路幼儿园', '111')] },
];

const districtOf = (name: string) => (name.startsWith('梅列区') ? MEILIE : name.startsWith('三元区') ? SANYUAN_OLD : null);

export async function seedSanming({ db, log }: SeedApi, _registry: Registry): Promise<void> {
  for (const [code, name] of [['350000', '福建省'], [CITY, '三明市'], [DISTRICTS_UNSTATED, '市辖区'], [MEILIE, '梅列区'], [SANYUAN_OLD, '三元区']] as const) await ensureLocality(db, code, name);
  const [meilie] = await db.select().from(core.localities).where(eq(core.localities.code, MEILIE));
  const merged = !!meilie?.successorCode;
  for (const z of ZONGXIAO_2017) {
    const [existing] = await db.select({ id: core.schoolGroups.id }).from(core.schoolGroups).where(and(eq(core.schoolGroups.kind, KIND), eq(core.schoolGroups.name, z.name)));
    if (existing) continue;
    for (const s of z.schools) {
      const district = districtOf(s.name);
      // After the merger a district school is placed in the new 三元区 (a re-seed of a merged database).
      const county = district && merged ? SANYUAN : (district ?? DISTRICTS_UNSTATED);
      await ensureSchool(db, { code: s.code, name: s.name, schoolType: s.type, countyCode: county, area: 'URBAN', authorityCode: county, isSample: true });
      if (district) await setAuthority(db, s.code, 'DISTRICT', FORMED);
    }
    const [lead, ...members] = z.schools.map((s) => s.code);
    await formZongxiao(db, { localityCode: CITY, name: z.name, level: 'CITY', legalPersons: null, leadSchoolCode: lead!, memberSchoolCodes: members, validFrom: FORMED, isSample: true });
    log(`总校 ${z.name} (${z.schools.length} schools)`);
  }
  const out = await mergeLocalities(db, { fromCodes: [MEILIE, SANYUAN_OLD], into: { code: SANYUAN, name: '三元区' }, effectiveOn: MERGER_DATE });
  if (out.changed) log(`merged 梅列区 and 三元区 into 三元区 ${SANYUAN} from ${MERGER_DATE} (${out.movedSchoolCodes.length} schools moved)`);
}
