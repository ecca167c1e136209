/**
 * Annex 1's demo data for 赫章县 (520527), all 【示例】 sample: the county's rates (the document names the
 * 发改局 as their author but gives no figures, so the amounts are ours), a filed plan and a session every
 * school day so far this term at each county-town school (县城区中小学, 二(四)), and at the county-town
 * primary schools a few pupils with their personal data, enrolments, charges, a waiver, attendance and a
 * withdrawal. One school's sessions are 90 minutes, so the report shows the 2 h WARN. Idempotent: skipped
 * when the county-town schools already have a plan for the term.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { SCHOOL_TYPES, schoolYearOf, tables as core, type SeedApi } from '@gongzhi/core';
import { schoolProfiles, pupils } from '../tables.js';
import { SERVICE_STAGES, schoolDays } from './domain.js';
import * as ops from './ops.js';
import * as t from './tables.js';

const COUNTY = '520527';
const RATES = { PRIMARY: 1200, JUNIOR: 1500, SENIOR: 1800 } as const;

/** The term holding `today`: autumn (1 September – 15 January) or spring (20 February – 10 July). */
function termOf(today: string) {
  const year = schoolYearOf(today);
  const [a, b] = [year.slice(0, 4), year.slice(5)];
  return today >= `${b}-02-01` ? { term: `${year}-2`, startsOn: `${b}-02-20`, endsOn: `${b}-07-10` } : { term: `${year}-1`, startsOn: `${a}-09-01`, endsOn: `${b}-01-15` };
}

export async function seedAfterSchoolDemo({ db, today, log }: SeedApi): Promise<void> {
  const schools = await db
    .select({ code: core.schools.code, name: core.schools.name, schoolType: core.schools.schoolType, isBoarding: core.schools.isBoarding })
    .from(core.schools)
    .innerJoin(schoolProfiles, eq(schoolProfiles.schoolCode, core.schools.code))
    .where(and(eq(core.schools.countyCode, COUNTY), eq(schoolProfiles.isCountyTown, true)))
    .orderBy(core.schools.code);
  const served = schools.map((s) => ({ ...s, stage: ((SCHOOL_TYPES[s.schoolType]?.stages ?? []) as string[]).find((x) => (SERVICE_STAGES as readonly string[]).includes(x)) })).filter((s) => s.stage);
  if (!served.length) return log('annex 1 demo: no county-town schools yet');
  const { term, startsOn, endsOn } = termOf(today);
  const [done] = await db.select({ id: t.plans.id }).from(t.plans).where(and(inArray(t.plans.schoolCode, served.map((s) => s.code)), eq(t.plans.term, term))).limit(1);
  if (done) return log(`annex 1 demo: ${term} already seeded`);

  const [rated] = await db.select({ id: t.rates.id }).from(t.rates).where(eq(t.rates.countyCode, COUNTY)).limit(1);
  if (!rated)
    for (const [stage, sessionFen] of Object.entries(RATES))
      await ops.setRate(db, { countyCode: COUNTY, stage, sessionFen, sessionMinutes: 120, effectiveFrom: '2021-09-01', approvalRef: '【示例】赫章县发展和改革局课后服务收费标准批复', hearingOn: '2021-08-25' });

  const until = today < endsOn ? today : endsOn;
  const days = schoolDays(startsOn, until).filter((d) => d < today);
  const sessionsBySchool = new Map<string, string[]>();
  for (const [i, s] of served.entries()) {
    const plan = (await ops.recordPlan(db, { schoolCode: s.code, term, title: `【示例】${s.name}课后服务实施方案`, startsOn, endsOn, filedOn: `${startsOn.slice(0, 4)}-${startsOn.slice(5, 7) === '09' ? '08-25' : '02-15'}`, filingRef: `【示例】赫教科课后服务备〔${startsOn.slice(0, 4)}〕${i + 1}号`, isSample: true })).row;
    const senior = s.stage === 'SENIOR';
    const [startsAt, endsAt] = senior ? ['17:00', '19:00'] : i === 1 ? ['16:30', '18:00'] : ['16:00', '18:00'];
    const kinds = ['READING', 'HOMEWORK_HELP', 'SPORTS', 'ARTS', 'CLUB'];
    const rows = days.map((d, k) => ({ schoolCode: s.code, planId: plan.id, stage: s.stage!, heldOn: d, startsAt, endsAt, contentKind: kinds[k % kinds.length]!, title: '【示例】课后服务', isSample: true }));
    const ids: string[] = [];
    for (let k = 0; k < rows.length; k += 500) ids.push(...(await db.insert(t.sessions).values(rows.slice(k, k + 500)).returning({ id: t.sessions.id })).map((r) => r.id));
    sessionsBySchool.set(s.code, ids);
  }

  // Pupils at the county-town primary schools: 6 each; the first is of a 建档立卡 family (waived in full),
  // the second withdraws after attending the first sessions.
  for (const s of served.filter((x) => x.schoolType === '211')) {
    const ps = await db
      .insert(pupils)
      .values(Array.from({ length: 6 }, (_, i) => ({ schoolCode: s.code, pupilRef: `AS${s.code.slice(-4)}-${String(i + 1).padStart(3, '0')}`, className: `${1 + (i % 6)}年级(1)班`, isSample: true })))
      .onConflictDoNothing()
      .returning({ id: pupils.id });
    for (const [i, p] of ps.entries()) {
      await ops.recordPupilDetails(db, {
        pupilId: p.id,
        name: `【示例】学生${s.code.slice(-2)}${i + 1}`,
        guardianName: `【示例】家长${i + 1}`,
        guardianPhone: `1380000${String(i).padStart(4, '0')}`,
        waiverCategory: i === 0 ? 'POVERTY_ALLEVIATION' : null,
        priorityGroups: [...(i === 0 ? ['POVERTY_ALLEVIATION'] : []), ...(i % 3 === 1 ? ['LEFT_BEHIND'] : []), ...(i < 3 ? ['LOWER_GRADE'] : [])],
      });
      const e = (await ops.enrol(db, { pupilId: p.id, schoolCode: s.code, term, stage: 'PRIMARY', appliedOn: startsOn, applicationRef: '【示例】家长书面申请', approvedOn: startsOn, agreementSignedOn: startsOn, safetyLetterSignedOn: startsOn, isSample: true })).row;
      if (i === 0) await ops.recordWaiver(db, { pupilId: p.id, term, shareBp: 10000, approvalRef: '【示例】赫教科减免', approvedOn: startsOn });
      await ops.charge(db, { enrolmentId: e.id, item: 'SERVICE', units: 40, chargedOn: startsOn });
      const sessions = sessionsBySchool.get(s.code) ?? [];
      if (i === 1 && sessions.length >= 8) {
        for (const sid of sessions.slice(0, 7)) await db.insert(t.attendance).values({ sessionId: sid, pupilId: p.id }).onConflictDoNothing();
        await ops.withdraw(db, { enrolmentId: e.id, appliedOn: days[7]!, applicationRef: '【示例】家长退出申请' });
      }
    }
  }
  log(`annex 1 demo: ${served.length} county-town schools with a filed plan and ${days.length} days of sessions in ${term}`);
}
