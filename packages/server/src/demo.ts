import { and, eq, inArray, like } from 'drizzle-orm';
import { seededRandom, tables, type Db } from '@gongzhi/core';

/**
 * Sample schools and staff for a demo county, flagged `isSample`: plausible, varied, and never to
 * be taken for real records. Sample school codes use the sequence range 990000–999999 (digits 5–10
 * start with 99), which the demo reserves.
 */

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '罗', '高', '林'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '文', '华', '红'];
const SUBJECTS = ['语文', '数学', '英语', '科学', '道德与法治', '体育', '音乐', '美术', '信息技术', '物理', '化学', '历史', '地理', '生物'];
const PLACES = ['城关', '东街', '西街', '南山', '北岭', '河口', '新村', '石桥', '柳塘', '青龙', '白马', '中和', '上坪', '下寨', '龙井', '桃园', '松林', '金竹', '双河', '古城'];

/** School years of statistics the demo county gets (the current one and those before it). */
const YEARS_OF_HISTORY = 3;

export interface DemoSize {
  primary: number;
  junior: number;
  nineYear: number;
  teachingPoints: number;
}

export async function seedDemoCounty(db: Db, countyCode: string, schoolYear: string, size: DemoSize = { primary: 24, junior: 8, nineYear: 4, teachingPoints: 4 }, log: (l: string) => void = () => {}) {
  const province = countyCode.slice(0, 2);
  const existing = await db.select({ code: tables.schools.code }).from(tables.schools).where(and(eq(tables.schools.countyCode, countyCode), eq(tables.schools.isSample, true), like(tables.schools.code, `__${province}99%`)));
  const rand = seededRandom(Number(countyCode));
  // A regime's seed may have made this county its own (Hezhang's 赫章县): its sample schools and staff
  // stand, and the demo only gives them what the balance views need and the regime does not seed.
  if (existing.length > 0) return completeSampleCounty(db, countyCode, schoolYear, rand, log);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const between = betweenOf(rand);
  let seq = 0;
  const schools: (typeof tables.schools.$inferInsert)[] = [];
  const stats: (typeof tables.schoolYearStats.$inferInsert)[] = [];
  const people: (typeof tables.people.$inferInsert & { id: string })[] = [];
  const posts: (typeof tables.posts.$inferInsert)[] = [];
  const startOfYear = `${schoolYear.slice(0, 4)}-09-01`;

  const add = (kind: 'primary' | 'junior' | 'nineYear' | 'teachingPoint', i: number) => {
    seq++;
    const category = kind === 'junior' ? '31' : '21';
    const code = `${category}${province}99${String(seq).padStart(4, '0')}`;
    const place = PLACES[i % PLACES.length]!;
    const type = { primary: '211', junior: '311', nineYear: '312', teachingPoint: '218' }[kind];
    const name = { primary: `${place}小学`, junior: `${place}中学`, nineYear: `${place}九年一贯制学校`, teachingPoint: `${place}教学点` }[kind] + (i >= PLACES.length ? `（${Math.floor(i / PLACES.length) + 1}）` : '');
    const rural = kind === 'teachingPoint' || rand() < 0.45;
    const stages = kind === 'nineYear' ? ['PRIMARY', 'JUNIOR'] : kind === 'junior' ? ['JUNIOR'] : ['PRIMARY'];
    schools.push({ code, name: `【示例】${name}`, schoolType: type, stages, countyCode, area: rural ? 'RURAL' : rand() < 0.5 ? 'URBAN' : 'TOWN', authorityCode: countyCode, isSample: true, isBoarding: kind !== 'teachingPoint' && rural && rand() < 0.5 });
    // Urban schools are bigger and better equipped: the balance report then shows real gaps.
    const richness = rural ? between(0.55, 1.05) : between(0.9, 1.5);
    const primary = kind === 'teachingPoint' ? Math.round(between(25, 80)) : kind === 'junior' ? 0 : Math.round(between(rural ? 120 : 600, rural ? 600 : 2200));
    const junior = kind === 'junior' || kind === 'nineYear' ? Math.round(between(rural ? 150 : 500, rural ? 600 : 1600)) : 0;
    const pupils = primary + junior;
    stats.push(...sampleStats(code, schoolYear, { primary, junior, rural, richness }, rand));
    const teachers = Math.max(3, Math.round(pupils / between(13, 19)));
    for (let t = 0; t < teachers + 1; t++) {
      const id = crypto.randomUUID();
      const isPrincipal = t === 0;
      const subject = pick(SUBJECTS);
      const q = rand();
      people.push({
        id,
        name: pick(SURNAMES) + pick(GIVEN),
        gender: rand() < 0.62 ? 'FEMALE' : 'MALE',
        birthDate: `${Math.round(between(1966, 2000))}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
        qualification: q < richness * 0.45 ? 'BACHELOR' : q < 0.9 ? 'ASSOCIATE' : 'MASTER',
        title: pick(['SECOND_GRADE', 'FIRST_GRADE', 'FIRST_GRADE', 'SENIOR', 'NONE']),
        backboneLevel: rand() < 0.06 * richness ? pick(['COUNTY', 'COUNTY', 'CITY', 'PROVINCE']) : rand() < 0.1 ? 'SCHOOL' : 'NONE',
        subjects: [subject],
        localityCode: countyCode,
        isSample: true,
      });
      posts.push({
        personId: id,
        role: isPrincipal ? 'PRINCIPAL' : 'TEACHER',
        schoolCode: code,
        stage: kind === 'nineYear' ? (t % 2 === 0 ? 'PRIMARY' : 'JUNIOR') : stages[0]!,
        // Most teachers have been in post for years; a few arrived this year.
        validFrom: isPrincipal ? `${Number(schoolYear.slice(0, 4)) - 3}-09-01` : rand() < 0.1 ? startOfYear : `${Number(schoolYear.slice(0, 4)) - 1 - Math.floor(rand() * 8)}-09-01`,
      });
      if (!isPrincipal) teacherPool.push({ id, code, rural, backbone: people[people.length - 1]!.backboneLevel! });
    }
  };
  const teacherPool: { id: string; code: string; rural: boolean; backbone: string }[] = [];
  for (let i = 0; i < size.primary; i++) add('primary', i);
  for (let i = 0; i < size.junior; i++) add('junior', i);
  for (let i = 0; i < size.nineYear; i++) add('nineYear', i);
  for (let i = 0; i < size.teachingPoints; i++) add('teachingPoint', i);

  const chunked = async <T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
  };
  await chunked(schools, (c) => db.insert(tables.schools).values(c));
  await chunked(stats, (c) => db.insert(tables.schoolYearStats).values(c));
  await chunked(people, (c) => db.insert(tables.people).values(c));
  await chunked(posts, (c) => db.insert(tables.posts).values(c));
  // Exchanges (交流轮岗) this year: about 9% of the teachers of town schools go to rural schools for
  // the year, backbone teachers first among volunteers — close to the 10% / 20% of 第七条（十一）.
  const ruralCodes = [...new Set(teacherPool.filter((t) => t.rural).map((t) => t.code))];
  const exchanges: (typeof tables.exchanges.$inferInsert)[] = [];
  for (const t of teacherPool) {
    if (t.rural || ruralCodes.length === 0) continue;
    const isBackbone = ['COUNTY', 'CITY', 'PROVINCE', 'NATIONAL'].includes(t.backbone);
    if (rand() < (isBackbone ? 0.5 : 0.12))
      exchanges.push({ personId: t.id, fromSchoolCode: t.code, toSchoolCode: pick(ruralCodes), kind: 'ROTATION', startDate: startOfYear, endDate: `${Number(schoolYear.slice(0, 4)) + 1}-07-15`, backboneLevel: t.backbone, note: '示例数据 / sample' });
  }
  await chunked(exchanges, (c) => db.insert(tables.exchanges).values(c));
  log(`demo county ${countyCode}: ${schools.length} sample schools, ${people.length} sample staff, ${exchanges.length} exchanges (statistics ${YEARS_OF_HISTORY} school years to ${schoolYear})`);
}

const betweenOf = (rand: () => number) => (a: number, b: number) => a + rand() * (b - a);

/**
 * Three school years of sample statistics for one school, so balanceTrend has a history: rural
 * schools were poorer two years ago and have caught up a little each year (the gaps narrow, as the
 * regimes intend).
 */
function sampleStats(code: string, schoolYear: string, o: { primary: number; junior: number; rural: boolean; richness: number }, rand: () => number): (typeof tables.schoolYearStats.$inferInsert)[] {
  const between = betweenOf(rand);
  const pupils = o.primary + o.junior;
  const junWeight = o.junior / Math.max(pupils, 1);
  const out: (typeof tables.schoolYearStats.$inferInsert)[] = [];
  for (let back = YEARS_OF_HISTORY - 1; back >= 0; back--) {
    const first = Number(schoolYear.slice(0, 4)) - back;
    const catchUp = o.rural ? 1 - 0.12 * back : 1 - 0.03 * back;
    const drift = 1 + (rand() - 0.5) * 0.06 * back;
    out.push({
      schoolCode: code,
      schoolYear: `${first}-${first + 1}`,
      enrollmentPrimary: Math.round(o.primary * drift),
      enrollmentJunior: Math.round(o.junior * drift),
      classes: Math.max(1, Math.round((pupils * drift) / 45)),
      teachingAuxAreaM2: Math.round(pupils * (4.5 + junWeight * 1.3) * o.richness * catchUp),
      sportsGroundAreaM2: Math.round(pupils * (7.5 + junWeight * 2.7) * o.richness * catchUp * between(0.8, 1.2)),
      equipmentValueFen: Math.round(100 * pupils * (2000 + junWeight * 500) * o.richness * catchUp * between(0.8, 1.3)),
      multimediaClassrooms: Math.max(1, Math.round((pupils / 100) * 2.4 * o.richness * catchUp)),
    });
  }
  return out;
}

/**
 * A county whose sample schools a regime's seed made: each primary or junior sample school without
 * statistics gets three years of them, its pupils sized from its teachers on record (13–19 pupils a
 * teacher), and — when the seed named no backbone teacher at all — about 6% of the sample teachers
 * become county-level or higher backbone teachers (骨干教师), so L2 has figures. Idempotent: a school
 * with statistics, and a county with a backbone teacher, are left alone.
 */
async function completeSampleCounty(db: Db, countyCode: string, schoolYear: string, rand: () => number, log: (l: string) => void): Promise<void> {
  const between = betweenOf(rand);
  const province = countyCode.slice(0, 2);
  const sampleSchools = and(eq(tables.schools.countyCode, countyCode), eq(tables.schools.isSample, true), like(tables.schools.code, `__${province}99%`));
  const rows = await db
    .select({ code: tables.schools.code, stages: tables.schools.stages, area: tables.schools.area, stats: tables.schoolYearStats.schoolCode })
    .from(tables.schools)
    .leftJoin(tables.schoolYearStats, eq(tables.schoolYearStats.schoolCode, tables.schools.code))
    .where(sampleSchools)
    .orderBy(tables.schools.code);
  const bare = [...new Map(rows.map((r) => [r.code, r])).values()].filter((r) => !rows.some((x) => x.code === r.code && x.stats !== null) && (r.stages.includes('PRIMARY') || r.stages.includes('JUNIOR')));
  const teachers = await db
    .select({ personId: tables.posts.personId, schoolCode: tables.posts.schoolCode, stage: tables.posts.stage, backboneLevel: tables.people.backboneLevel })
    .from(tables.posts)
    .innerJoin(tables.people, eq(tables.people.id, tables.posts.personId))
    .innerJoin(tables.schools, eq(tables.schools.code, tables.posts.schoolCode))
    .where(and(sampleSchools, eq(tables.posts.role, 'TEACHER'), eq(tables.people.isSample, true)))
    .orderBy(tables.posts.personId);
  const stats: (typeof tables.schoolYearStats.$inferInsert)[] = [];
  for (const school of bare) {
    const own = teachers.filter((t) => t.schoolCode === school.code);
    const perStage = (stage: string) => own.filter((t) => t.stage === stage || (t.stage === null && school.stages.length === 1 && school.stages[0] === stage)).length;
    const rural = school.area === 'RURAL';
    const size = (n: number) => Math.round(Math.max(n, 2) * between(13, 19));
    const primary = school.stages.includes('PRIMARY') ? size(perStage('PRIMARY')) : 0;
    const junior = school.stages.includes('JUNIOR') ? size(perStage('JUNIOR')) : 0;
    stats.push(...sampleStats(school.code, schoolYear, { primary, junior, rural, richness: rural ? between(0.55, 1.05) : between(0.9, 1.5) }, rand));
  }
  for (let i = 0; i < stats.length; i += 500) await db.insert(tables.schoolYearStats).values(stats.slice(i, i + 500));
  let backbone: string[] = [];
  if (!teachers.some((t) => ['COUNTY', 'CITY', 'PROVINCE', 'NATIONAL'].includes(t.backboneLevel))) {
    backbone = [...new Set(teachers.map((t) => t.personId))].filter(() => rand() < 0.06);
    if (backbone.length) await db.update(tables.people).set({ backboneLevel: 'COUNTY' }).where(inArray(tables.people.id, backbone));
  }
  if (stats.length || backbone.length) log(`demo county ${countyCode}: statistics for ${bare.length} of its regime's sample schools (${YEARS_OF_HISTORY} school years to ${schoolYear}), ${backbone.length} sample backbone teachers`);
}
