/**
 * The demo of 赫章县 (520527) — the county the demo deployment seeds — as 赫府办发〔2021〕60号 names it.
 * Idempotent: once the county has its education groups, nothing is written again.
 *
 * What is the document's and what is ours:
 * - The 27 townships are the document's names (附件2 二(二)); their codes are ours (domain.ts TOWNSHIPS).
 * - The ten groups are the document's, exactly as named, with its townships, schools and pairings.
 * - The named schools keep their real names, with flagged sample codes (digits 5–6 = 99) and
 *   `isSample`, since the document gives no 学校标识码; their types are our reading (domain.ts).
 * - Village schools (one 中心小学 and one 幼儿园 per township, a 中学 in every other), staff, leaders,
 *   transfers, attendance, union activities, visits, pupils, quotas and awards are samples: 【示例】
 *   and `isSample` where the record has the flag, 【示例】 in their text otherwise.
 * - These sample schools use the demo's sample range (`__5299…`), so the server's generic demo county
 *   (packages/server demo.ts, run after the plugins' seeds) finds the county seeded and adds no second
 *   set beside it: the sample county of 520527 becomes Hezhang.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { addDays, createPlan, seededRandom, ensureLocality, ensureSchool, SCHOOL_TYPES, schoolYearOf, schoolYearRange, tables as core, type SeedApi, type Stage } from '@gongzhi/core';
import { COUNTY, COMPULSORY_KIND, EDUCATION_GROUPS, GROUP_KINDS, GROUPS_FORMED, NAMED_SCHOOLS, ROLE, SENIOR_KIND, TOWNSHIPS, namedSchool, townshipByName } from './domain.js';
import { attendance, attendanceWeeks, lessonVisits, pupils as pupilsTable, pupilSkills, unionActivities } from './tables.js';
import { assessPairing, awardUnit, fileAttendanceRules, formEducationGroup, grantQuota, pairSchools, recordTransfer, setGroupProfile, setSchoolProfile } from './ops.js';
import { seedAfterSchool } from './after-school/index.js';

/** The localities the document governs, parents first (the townships follow, from domain.ts). */
export const SEED_LOCALITIES = [
  { code: '520000', name: '贵州省' },
  { code: '520500', name: '毕节市' },
  { code: '520527', name: '赫章县' },
];

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '罗', '赵', '吴', '周', '龙', '禄', '安', '陆', '朱', '胡', '熊', '何', '苏', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '霞', '平', '刚', '文', '华', '红'];
const SUBJECTS = ['语文', '数学', '英语', '科学', '道德与法治', '体育', '音乐', '美术', '信息技术', '物理', '化学', '历史', '地理', '生物'];

interface SeedSchool {
  code: string;
  name: string;
  schoolType: string;
  townshipCode: string;
  area: 'URBAN' | 'TOWN' | 'RURAL';
  staff: number;
}

/** The sample village schools: 中心小学 and 幼儿园 in every township, a 中学 in every other (odd index). */
export function villageSchools(): SeedSchool[] {
  const out: SeedSchool[] = [];
  TOWNSHIPS.forEach((t, i) => {
    const seq = (k: number) => String(100 + i * 3 + k).padStart(4, '0');
    const area = t.name.endsWith('街道') ? 'URBAN' : t.name.endsWith('镇') ? 'TOWN' : 'RURAL';
    out.push({ code: `215299${seq(0)}`, name: `【示例】${t.name}中心小学`, schoolType: '211', townshipCode: t.code, area, staff: 12 });
    out.push({ code: `115299${seq(1)}`, name: `【示例】${t.name}中心幼儿园`, schoolType: '111', townshipCode: t.code, area, staff: 6 });
    if (i % 2 === 1) out.push({ code: `315299${seq(2)}`, name: `【示例】${t.name}中学`, schoolType: '311', townshipCode: t.code, area, staff: 15 });
  });
  return out;
}

export async function seedHezhang(api: SeedApi): Promise<void> {
  const { db, today, log } = api;
  for (const l of SEED_LOCALITIES) await ensureLocality(db, l.code, l.name);
  for (const t of TOWNSHIPS) await ensureLocality(db, t.code, t.name);
  const [seeded] = await db
    .select({ id: core.schoolGroups.id })
    .from(core.schoolGroups)
    .where(and(eq(core.schoolGroups.localityCode, COUNTY), inArray(core.schoolGroups.kind, [...GROUP_KINDS])))
    .limit(1);
  if (!seeded) await seedCounty(api);
  else log('赫章县 already has its education groups');
  await seedAfterSchool(api);
  void today;
}

async function seedCounty({ db, today, log }: SeedApi): Promise<void> {
  const rand = seededRandom(520527);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const year = schoolYearOf(today);
  const { start: yearStart } = schoolYearRange(year);

  // Schools: the named ones (real names, sample codes), then the sample village schools.
  const schools: SeedSchool[] = [
    ...NAMED_SCHOOLS.map((s) => ({ code: s.code, name: s.name, schoolType: s.schoolType, townshipCode: townshipByName(s.township).code, area: 'URBAN' as const, staff: 20 })),
    ...villageSchools(),
  ];
  for (const s of schools) await ensureSchool(db, { code: s.code, name: s.name, schoolType: s.schoolType, countyCode: COUNTY, townshipCode: s.townshipCode, area: s.area, authorityCode: COUNTY, isSample: true });
  for (const s of NAMED_SCHOOLS) await setSchoolProfile(db, { schoolCode: s.code, isCountyTown: s.isCountyTown, isPilot: s.isPilot });

  // Staff: a principal and teachers per school; in a nine-year or complete school the teachers split
  // between its stages (二(一)2: each keeps the hours of the stage taught).
  const people: (typeof core.people.$inferInsert & { id: string })[] = [];
  const posts: (typeof core.posts.$inferInsert)[] = [];
  const staffOf = new Map<string, { id: string; gender: string; birthDate: string; role: string }[]>();
  for (const s of schools) {
    const stages = SCHOOL_TYPES[s.schoolType]!.stages as Stage[];
    const list: { id: string; gender: string; birthDate: string; role: string }[] = [];
    for (let i = 0; i < s.staff; i++) {
      const id = crypto.randomUUID();
      const gender = s.schoolType === '111' ? (rand() < 0.9 ? 'FEMALE' : 'MALE') : rand() < 0.55 ? 'FEMALE' : 'MALE';
      const birthDate = `${1966 + Math.floor(rand() * 34)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
      const role = i === 0 ? 'PRINCIPAL' : i === s.staff - 1 ? 'STAFF' : 'TEACHER';
      people.push({ id, name: pick(SURNAMES) + pick(GIVEN), gender, birthDate, qualification: pick(['BACHELOR', 'BACHELOR', 'ASSOCIATE']), title: pick(['SECOND_GRADE', 'FIRST_GRADE', 'SENIOR', 'NONE']), subjects: [pick(SUBJECTS)], localityCode: COUNTY, isSample: true });
      posts.push({ personId: id, role, schoolCode: s.code, stage: stages[i % stages.length]!, validFrom: `${Number(year.slice(0, 4)) - 1 - Math.floor(rand() * 6)}-09-01` });
      list.push({ id, gender, birthDate, role });
    }
    staffOf.set(s.code, list);
  }
  for (let i = 0; i < people.length; i += 500) await db.insert(core.people).values(people.slice(i, i + 500));
  for (let i = 0; i < posts.length; i += 500) await db.insert(core.posts).values(posts.slice(i, i + 500));

  // The ten groups (附件2 二), with their 党委 and office (group 8's office not yet recorded) and charters.
  const groupIds = new Map<number, string>();
  for (const g of EDUCATION_GROUPS) {
    const members = (g.schools ?? []).map((k) => namedSchool(k).code);
    const { row } = await formEducationGroup(db, {
      kind: g.kind,
      name: g.name,
      localityCode: COUNTY,
      leadSchoolCode: members[0] ?? null,
      memberSchoolCodes: members.slice(1),
      townshipCodes: (g.townships ?? []).map((t) => townshipByName(t).code),
      validFrom: GROUPS_FORMED,
    });
    groupIds.set(g.number, row.id);
    await setGroupProfile(db, { groupId: row.id, partyCommitteeOn: GROUPS_FORMED, partyCommitteeRef: `【示例】赫教党工〔2021〕${g.number}号`, generalOfficeOn: g.number === 8 ? null : GROUPS_FORMED });
    if (g.number !== 6) await createPlan(db, { kind: 'CHARTER', groupId: row.id, localityCode: COUNTY, title: `【示例】${g.name}办学章程`, filedOn: '2021-10-15', validFrom: '2021-10-15' });
    // Leadership (附件2 三(一)): senior — 总校长 (also 党委书记) + 3 分校长; compulsory — 总负责人 + 3–5 片区负责人.
    // Samples: 高中第二教育集团 has only 2 分校长 and 第七教育集团 2 片区负责人 (group-leadership FAILs).
    const pool = g.kind === SENIOR_KIND ? members : schools.filter((s) => g.townships?.some((t) => townshipByName(t).code === s.townshipCode)).map((s) => s.code);
    const leaders = pool.flatMap((c) => staffOf.get(c)!.filter((p) => p.role === 'PRINCIPAL' || p.role === 'TEACHER').slice(0, 2).map((p) => p.id));
    const lead = leaders[0]!;
    const seconds = g.kind === SENIOR_KIND ? (g.number === 102 ? 2 : 3) : g.number === 7 ? 2 : 4;
    const gp = (personId: string, role: string) => ({ personId, role, groupId: row.id, validFrom: GROUPS_FORMED });
    await db.insert(core.posts).values([
      gp(lead, g.kind === SENIOR_KIND ? ROLE.PRESIDENT : ROLE.GROUP_HEAD),
      gp(lead, ROLE.PARTY_SECRETARY),
      ...leaders.slice(1, 1 + seconds).map((p) => gp(p, g.kind === SENIOR_KIND ? ROLE.BRANCH_PRINCIPAL : ROLE.AREA_HEAD)),
    ]);
  }

  // Pairings (附件2 二(三)) by stage, assessed for last school year; this year's assessments of
  // groups 7 and 8 are not yet recorded (hezhang.paired-assessment FAILs).
  const previous = `${Number(year.slice(0, 4)) - 1}-${year.slice(0, 4)}`;
  for (const g of EDUCATION_GROUPS.filter((x) => x.kind === COMPULSORY_KIND)) {
    for (const key of g.pairedBy!) {
      const helper = namedSchool(key);
      const stage = helper.schoolType === '111' ? 'KINDERGARTEN' : helper.schoolType === '211' ? 'PRIMARY' : 'JUNIOR';
      const { row } = await pairSchools(db, { helperSchoolCode: helper.code, groupId: groupIds.get(g.number)!, stage, validFrom: GROUPS_FORMED });
      await assessPairing(db, { pairingId: row.id, schoolYear: previous, assessedOn: `${year.slice(0, 4)}-07-10`, result: '【示例】良好' });
      if (g.number < 7) await assessPairing(db, { pairingId: row.id, schoolYear: year, assessedOn: addDays(yearStart, 60), result: '【示例】优秀' });
    }
  }

  // Transfers this year in 第三教育集团: a few cross-township moves, under the 10% cap.
  const g3 = EDUCATION_GROUPS.find((g) => g.number === 3)!;
  const g3Schools = schools.filter((s) => g3.townships!.some((t) => townshipByName(t).code === s.townshipCode) && s.schoolType === '211');
  for (let i = 0; i < 3 && g3Schools.length > 1; i++) {
    const from = g3Schools[i % g3Schools.length]!;
    const to = g3Schools[(i + 1) % g3Schools.length]!;
    const who = staffOf.get(from.code)!.filter((p) => p.role === 'TEACHER')[i + 1]!;
    await recordTransfer(db, { groupId: groupIds.get(3)!, personId: who.id, schoolYear: year, fromSchoolCode: from.code, toSchoolCode: to.code, startDate: yearStart, consentOn: yearStart, consentRef: '【示例】本人同意书', isSample: true });
  }

  // Attendance rules filed (细则) by every school but the last of each township's kindergartens.
  for (const s of schools) if (!(s.schoolType === '111' && s.name.startsWith('【示例】'))) await fileAttendanceRules(db, { schoolCode: s.code, filedOn: '2021-10-20', title: '【示例】集中办公管理细则', documentRef: `【示例】${s.name}备案` });

  // Two school weeks of attendance before today (Monday–Friday): most keep the hours, some leave
  // early, some are on leave; week one published everywhere, week two at two schools in three.
  const monday = (d: string) => addDays(d, -((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7));
  const week2 = addDays(monday(today), -7);
  const week1 = addDays(week2, -7);
  const rows: (typeof attendance.$inferInsert)[] = [];
  const hours = (t: string) => (t === '111' ? [510, 690, 870, 1020] : t === '211' || t === '218' ? [510, 700, 870, 1020] : [510, 720, 870, 1050]);
  for (const s of schools) {
    const [amS, amE, pmS, pmE] = hours(s.schoolType);
    for (const p of staffOf.get(s.code)!)
      for (const w of [week1, week2])
        for (let d = 0; d < 5; d++) {
          const day = addDays(w, d);
          const r = rand();
          if (r < 0.03) rows.push({ personId: p.id, day, schoolCode: s.code, absenceKind: pick(['PERSONAL', 'SICK', 'TRAINING', 'OFFICIAL_TRAVEL']), approvedBy: '【示例】校长' });
          else rows.push({ personId: p.id, day, schoolCode: s.code, amIn: amS! - Math.floor(rand() * 15), amOut: amE! + Math.floor(rand() * 10), pmIn: pmS! - Math.floor(rand() * 10), pmOut: r < 0.08 ? pmE! - 30 : pmE! + Math.floor(rand() * 20) });
        }
  }
  for (let i = 0; i < rows.length; i += 1000) await db.insert(attendance).values(rows.slice(i, i + 1000));
  await db.insert(attendanceWeeks).values([
    ...schools.map((s) => ({ schoolCode: s.code, weekStart: week1, publishedBy: '【示例】办公室' })),
    ...schools.filter((_, i) => i % 3 !== 2).map((s) => ({ schoolCode: s.code, weekStart: week2, publishedBy: '【示例】办公室' })),
  ]);

  // Union activities: an hour a week at most schools; 40 minutes at every fourth.
  await db.insert(unionActivities).values(schools.flatMap((s, i) => [week1, week2].map((w) => ({ schoolCode: s.code, heldOn: addDays(w, 2), minutes: i % 4 === 3 ? 40 : 60, title: pick(['【示例】篮球赛', '【示例】书画活动', '【示例】棋类比赛', '【示例】歌舞排练']), isSample: true }))));

  // 推门听课: every teacher with classes visited this year, except at every fifth school.
  const visits: (typeof lessonVisits.$inferInsert)[] = [];
  schools.forEach((s, i) => {
    for (const p of staffOf.get(s.code)!.filter((x) => x.role === 'TEACHER'))
      if (i % 5 !== 4 || rand() < 0.5) visits.push({ schoolCode: s.code, teacherId: p.id, visitedOn: addDays(week1, Math.floor(rand() * 5)), visitor: '【示例】教学副校长', rating: pick(['EXCELLENT', 'GOOD', 'GOOD', 'PASS', 'FAIL']), isSample: true });
  });
  for (let i = 0; i < visits.length; i += 1000) await db.insert(lessonVisits).values(visits.slice(i, i + 1000));

  // Pupils (pseudonymous ids only) with their skills at the village primary schools: 8 each, one in
  // four short of an arts skill.
  const SPORTS = ['跳绳', '篮球', '足球', '踢毽子', '武术'];
  const ARTS = ['葫芦丝', '合唱', '剪纸', '书法', '彝族舞蹈'];
  for (const s of schools.filter((x) => x.schoolType === '211' && x.name.startsWith('【示例】'))) {
    const ps = await db
      .insert(pupilsTable)
      .values(Array.from({ length: 8 }, (_, i) => ({ schoolCode: s.code, pupilRef: `S${s.code.slice(-4)}-${String(i + 1).padStart(3, '0')}`, className: `${1 + (i % 6)}年级(1)班`, isSample: true })))
      .returning({ id: pupilsTable.id });
    await db.insert(pupilSkills).values(
      ps.flatMap((p, i) => [{ pupilId: p.id, kind: 'SPORTS', skill: pick(SPORTS), recordedOn: addDays(yearStart, 30) }, ...(i % 4 === 3 ? [] : [{ pupilId: p.id, kind: 'ARTS', skill: pick(ARTS), recordedOn: addDays(yearStart, 30) }])]),
    );
  }

  // Last school year's awards: the ten groups and the county-town schools (main 三(四)) — 9 first,
  // 12 second, 9 third of 30 units; quotas (附件2 三(五)): 17 of 20 to front-line teachers.
  const units: { groupId?: string; schoolCode?: string }[] = [...[...groupIds.values()].map((groupId) => ({ groupId })), ...NAMED_SCHOOLS.filter((s) => s.isCountyTown).map((s) => ({ schoolCode: s.code }))];
  const tiers = units.map((_, i) => (i * 10 < units.length * 3 ? 'FIRST' : i * 10 < units.length * 7 ? 'SECOND' : 'THIRD'));
  for (const [i, u] of units.entries()) await awardUnit(db, { schoolYear: previous, groupId: u.groupId ?? null, schoolCode: u.schoolCode ?? null, tier: tiers[i]!, isSample: true });
  const county = NAMED_SCHOOLS.filter((s) => s.isCountyTown).map((s) => s.code);
  for (let i = 0; i < 20; i++) {
    const code = county[i % county.length]!;
    const who = staffOf.get(code)!.find((p, j) => (i < 17 ? p.role === 'TEACHER' && j === 1 + Math.floor(i / county.length) : p.role === 'STAFF'))!;
    await grantQuota(db, { schoolYear: previous, kind: pick(['TITLE', 'HONOUR', 'ANNUAL_EXCELLENT']), personId: who.id, schoolCode: code, grantedOn: `${year.slice(0, 4)}-07-01`, isSample: true });
  }

  log(`赫章县: ${TOWNSHIPS.length} townships, ${schools.length} schools (${NAMED_SCHOOLS.length} named), ${people.length} sample staff, ${EDUCATION_GROUPS.length} education groups, ${rows.length} attendance days`);
}
