import { and, eq, like } from 'drizzle-orm';
import { tables, type Db } from '@gongzhi/core';

/**
 * Sample schools and staff for a demo county, flagged `isSample`: plausible, varied, and never to
 * be taken for real records. Sample school codes use the sequence range 990000–999999 (digits 5–10
 * start with 99), which the demo reserves.
 */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

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
  if (existing.length > 0) return; // already seeded
  const rand = rng(Number(countyCode));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const between = (a: number, b: number) => a + rand() * (b - a);
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
    const junWeight = junior / Math.max(pupils, 1);
    // Three school years, so balanceTrend has a history: rural schools were poorer two years ago
    // and have caught up a little each year (the gaps narrow, as the regimes intend).
    for (let back = YEARS_OF_HISTORY - 1; back >= 0; back--) {
      const first = Number(schoolYear.slice(0, 4)) - back;
      const catchUp = rural ? 1 - 0.12 * back : 1 - 0.03 * back;
      const drift = 1 + (rand() - 0.5) * 0.06 * back;
      stats.push({
        schoolCode: code,
        schoolYear: `${first}-${first + 1}`,
        enrollmentPrimary: Math.round(primary * drift),
        enrollmentJunior: Math.round(junior * drift),
        classes: Math.max(1, Math.round((pupils * drift) / 45)),
        teachingAuxAreaM2: Math.round(pupils * (4.5 + junWeight * 1.3) * richness * catchUp),
        sportsGroundAreaM2: Math.round(pupils * (7.5 + junWeight * 2.7) * richness * catchUp * between(0.8, 1.2)),
        equipmentValueFen: Math.round(100 * pupils * (2000 + junWeight * 500) * richness * catchUp * between(0.8, 1.3)),
        multimediaClassrooms: Math.max(1, Math.round((pupils / 100) * 2.4 * richness * catchUp)),
      });
    }
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
