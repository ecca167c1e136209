import { and, eq } from 'drizzle-orm';
import { createGroup, ensureLocality, ensureSchool, tables as core, type SeedApi } from '@gongzhi/core';
import { specialities } from './tables.js';
import { DISTRICT_KIND } from './domain.js';

const COUNTY = '410108';
/**
 * 花园口镇. 410108101 is the county code + 101, the form of the national statistical township codes;
 * it should be checked against the 统计用区划代码 before real data is loaded.
 */
const TOWNSHIP = '410108101';

/**
 * The six public schools the report names (一、区域现状). Their real 学校标识码 are not in the report,
 * so they carry codes from the sample range (province digits 41, sequence 99…) and isSample. The
 * report does not say whether they are 城区/镇区/乡村; it describes a lagging rural township (村小学、
 * 教学点 led by the township's central school), so they are entered as RURAL (to verify).
 */
const SCHOOLS = [
  { code: '3141990201', name: '惠济六中', schoolType: '311' },
  { code: '2141990201', name: '花园口小学', schoolType: '211' },
  { code: '2141990202', name: '京水小学', schoolType: '211' },
  { code: '2141990203', name: '八堡小学', schoolType: '211' },
  { code: '2141990204', name: '申庄小学', schoolType: '211' },
  { code: '2141990205', name: '石桥小学', schoolType: '211' },
];

/**
 * The lead. The report does not name its 龙头学校: 三(一) says the central school leads "1所优质学校
 * (规模较大)" with weaker schools "同学段", and in the 乡镇中心校+村小 form the central school itself
 * leads the 村小. The weaker members being 村小 (primary), the lead is the primary school that bears
 * the township's name and that the report names first, 花园口小学 — a reading to confirm with the
 * bureau. 惠济六中 (junior) is a member too: the report counts it among the 学区's schools and its
 * culture (三(五)4).
 */
const CENTRAL_SCHOOL = '2141990201';
const DISTRICT_NAME = '花园口镇中心校学区';
/** The report is undated; it follows 河南省《新时代全省教育综合改革实施方案》. A sample start date. */
const SINCE = '2021-09-01';

/** 三(五)4: the specialities the report names, as it names them. */
const SPECIALITIES: { schoolCode: string; name: string }[] = [
  { schoolCode: '2141990201', name: '黄河文化展室' },
  { schoolCode: '2141990201', name: '剪纸' },
  { schoolCode: '2141990201', name: '校本课程' },
  { schoolCode: '2141990205', name: '陶笛' },
  { schoolCode: '2141990205', name: '烙画' },
  { schoolCode: '3141990201', name: '非物质文化遗产课程' },
  { schoolCode: '3141990201', name: '蛋雕' },
];

/** Idempotent: what exists is left as it is. */
export async function seed({ db, log }: SeedApi): Promise<void> {
  await ensureLocality(db, '410000', '河南省');
  await ensureLocality(db, '410100', '郑州市');
  await ensureLocality(db, COUNTY, '惠济区');
  await ensureLocality(db, TOWNSHIP, '花园口镇');
  for (const s of SCHOOLS) await ensureSchool(db, { ...s, countyCode: COUNTY, townshipCode: TOWNSHIP, area: 'RURAL', isSample: true });

  const [existing] = await db
    .select({ id: core.schoolGroups.id })
    .from(core.schoolGroups)
    .where(and(eq(core.schoolGroups.kind, DISTRICT_KIND), eq(core.schoolGroups.name, DISTRICT_NAME), eq(core.schoolGroups.localityCode, TOWNSHIP)));
  if (!existing) {
    await createGroup(db, {
      kind: DISTRICT_KIND,
      name: DISTRICT_NAME,
      localityCode: TOWNSHIP,
      leadSchoolCode: CENTRAL_SCHOOL,
      memberSchoolCodes: SCHOOLS.map((s) => s.code).filter((c) => c !== CENTRAL_SCHOOL),
      validFrom: SINCE,
      isSample: true,
    });
    log(`formed ${DISTRICT_NAME}`);
  }
  await db
    .insert(specialities)
    .values(SPECIALITIES.map((s) => ({ ...s, validFrom: SINCE })))
    .onConflictDoNothing();
}
