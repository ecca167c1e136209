import {
  defineRule,
  groupsTouchedBy,
  groupSubject,
  groupsInSchoolYear,
  membersInSchoolYear,
  schoolYearRange,
  type Db,
  type Finding,
  type Subject,
} from '@gongzhi/core';
import type { HuayuankouOptions } from './options.js';
import {
  DISTRICT_KIND,
  DOC,
  DUTY_ROLES,
  INTEGRATION_KEYS,
  ROLES,
  INTEGRATIONS,
  SETTLED_STATUSES,
  TEACHING_POINT_TYPE,
  type Duty,
  type IntegrationStatus,
} from './domain.js';
import { brandsOf, facilitiesOf, facilityUsesOf, groupPostsOf, integrationTargetsOf, schoolsByCode, specialitiesOf } from './repo.js';

const dutyTitle = (d: Duty) => ROLES.find((r) => r.id === DUTY_ROLES[d])!.title;


/** The central-school 学区 of the locality in force during the year, with their members in the year. */
async function districtsInYear(db: Db, localityCode: string, schoolYear: string) {
  const groups = await groupsInSchoolYear(db, { localityCode, kind: DISTRICT_KIND, schoolYear });
  const members = await membersInSchoolYear(db, groups.map((g) => g.id), schoolYear);
  return { groups, members };
}

/**
 * 三(一): "乡镇中心校 … 自身作为牵头学校与村小学、教学点组成学区" — the 学区 is formed "根据行政区域划分",
 * so every member lies in the central school's township. Checked on every write to a 学区 (its own
 * mutation and core's createSchoolGroup / addSchoolGroupMember / updateSchoolGroup), over the
 * whole membership history: a 学区 is one township's for all of its life. A 学区 without a central
 * school, or a school without a recorded township, cannot show that it belongs, so it fails too.
 * Also checked when a school changes (core's updateSchool moving it to another township or clearing
 * its township), and the 学区 itself must be recorded under that township: it is listed and
 * reported there.
 */
export const sameTownship = defineRule<HuayuankouOptions>({
  id: 'huayuankou.same-township',
  title: { zh: '中心校学区的成员学校均在中心校所在乡镇', en: 'members of a central-school 学区 lie in the central school’s township' },
  cite: { doc: DOC, clause: '三(一)' },
  enforce: 'write',
  appliesTo: ['SchoolGroup', 'GroupMembership', 'School'],
  async evaluate({ db, changes }) {
    // Core's helper: the 学区 a group, membership or school change touches (member or central school).
    const touched = await groupsTouchedBy(db, changes, DISTRICT_KIND);
    if (touched.length === 0) return [];
    const groups = touched.map((t) => t.group);
    const memberships = touched.flatMap((t) => t.members);
    const schools = await schoolsByCode(db, [...memberships.map((m) => m.schoolCode), ...groups.flatMap((g) => (g.leadSchoolCode ? [g.leadSchoolCode] : []))]);
    return groups.map((g): Finding => {
      const lead = g.leadSchoolCode ? schools.get(g.leadSchoolCode) : undefined;
      if (!lead?.townshipCode)
        return {
          status: 'FAIL',
          measured: { centralSchool: g.leadSchoolCode ?? null, township: null },
          expected: { centralSchoolWithTownship: true },
          subjects: [groupSubject(g)],
          message: lead
            ? { zh: `中心校 ${lead.name} 未登记所在乡镇`, en: `the central school ${lead.name} has no township recorded` }
            : { zh: '中心校学区须有中心校（牵头学校）', en: 'a central-school 学区 needs its central (lead) school' },
        };
      if (g.localityCode !== lead.townshipCode)
        return {
          status: 'FAIL',
          measured: { districtLocality: g.localityCode },
          expected: { townshipCode: lead.townshipCode },
          subjects: [groupSubject(g)],
          message: { zh: `学区「${g.name}」登记在 ${g.localityCode}，而中心校 ${lead.name} 在乡镇 ${lead.townshipCode}`, en: `学区 “${g.name}” is recorded under ${g.localityCode} but its central school ${lead.name} is in township ${lead.townshipCode}` },
        };
      const outside = [...new Set(memberships.filter((m) => m.groupId === g.id).map((m) => m.schoolCode))]
        .map((code) => schools.get(code)!)
        .filter((s) => s.townshipCode !== lead.townshipCode);
      return {
        status: outside.length ? 'FAIL' : 'PASS',
        measured: Object.fromEntries(outside.map((s) => [s.code, s.townshipCode])),
        expected: { townshipCode: lead.townshipCode },
        subjects: [groupSubject(g), ...outside.map((s): Subject => ({ type: 'School', key: s.code, name: s.name }))],
        message: outside.length
          ? {
              zh: `${outside.map((s) => `${s.name}（${s.townshipCode ?? '未登记乡镇'}）`).join('、')} 不在中心校 ${lead.name} 所在乡镇 ${lead.townshipCode}`,
              en: `${outside.map((s) => `${s.name} (${s.townshipCode ?? 'no township'})`).join(', ')} not in the central school ${lead.name}’s township ${lead.townshipCode}`,
            }
          : undefined,
      };
    });
  },
});

/**
 * 三（目标任务）: the ten integrations are the 学区's targets ("实现'十个一体'目标"). Each 学区 in force
 * during the year records, for that year, a target and a status for all ten: a missing one fails.
 * No paper compliance: a target recorded as NOT_ACHIEVED is a target missed, so it FAILs, naming the
 * integration — in a running year too, since NOT_ACHIEVED is the year's outcome ("未实现"), not
 * "not yet" (that is IN_PROGRESS). A year that is over must end with every status settled: one still
 * PLANNED or IN_PROGRESS after 31 August FAILs as well (a bureau reads "yearly status" as the year's
 * outcome, and an open one proves nothing), unless the locality turns that check off.
 */
export const integrationTargets = defineRule<HuayuankouOptions>({
  id: 'huayuankou.integration-targets',
  title: { zh: '“十个一体”每项均有年度目标和完成状态，且未标为未实现、学年结束时已确定', en: 'each of the ten integrations has a target and a yearly status, none NOT_ACHIEVED and all settled once the year is over' },
  cite: { doc: DOC, clause: '三（目标任务）' },
  enforce: 'report',
  appliesTo: ['SchoolGroup'],
  async evaluate({ db, localityCode, schoolYear, options, today }) {
    const { groups } = await districtsInYear(db, localityCode, schoolYear);
    const rows = await integrationTargetsOf(db, groups.map((g) => g.id), schoolYear);
    const yearOver = today > schoolYearRange(schoolYear).end;
    const expected = { integrations: INTEGRATION_KEYS, status: 'ACHIEVED', settledStatusAfterYearEnd: options.requireSettledIntegrationStatus };
    return groups.map((g): Finding => {
      const mine = rows.filter((r) => r.groupId === g.id);
      const missing = INTEGRATION_KEYS.filter((k) => !mine.some((r) => r.integration === k));
      const unsettled = INTEGRATION_KEYS.filter((k) => mine.some((r) => r.integration === k && !SETTLED_STATUSES.includes(r.status as IntegrationStatus)));
      const notAchieved = INTEGRATION_KEYS.filter((k) => mine.some((r) => r.integration === k && r.status === 'NOT_ACHIEVED'));
      const measured = { recorded: mine.length, missing, unsettled, notAchieved };
      const title = (k: string) => INTEGRATIONS[k as keyof typeof INTEGRATIONS];
      if (missing.length)
        return {
          status: 'FAIL',
          measured,
          expected,
          subjects: [groupSubject(g)],
          message: {
            zh: `${g.name} ${schoolYear} 学年缺少目标：${missing.map((k) => INTEGRATIONS[k as keyof typeof INTEGRATIONS].zh).join('、')}`,
            en: `${g.name} has no ${schoolYear} target for: ${missing.join(', ')}`,
          },
        };
      const open = options.requireSettledIntegrationStatus && yearOver ? unsettled : [];
      if (notAchieved.length || open.length) {
        const zh = [notAchieved.length ? `未实现：${notAchieved.map((k) => title(k).zh).join('、')}` : '', open.length ? `学年已结束仍未确定完成情况：${open.map((k) => title(k).zh).join('、')}` : ''].filter(Boolean);
        const en = [notAchieved.length ? `not achieved: ${notAchieved.join(', ')}` : '', open.length ? `still open after the year ended: ${open.join(', ')}` : ''].filter(Boolean);
        return { status: 'FAIL', measured, expected, subjects: [groupSubject(g)], message: { zh: `${g.name} ${schoolYear} 学年“十个一体”${zh.join('；')}`, en: `${g.name}, ${schoolYear}: ${en.join('; ')}` } };
      }
      return { status: 'PASS', measured, expected, subjects: [groupSubject(g)] };
    });
  },
});

/**
 * 三(五)4: "一校一特色、一学区一品牌". Every school that was a member during the year records at least
 * `minSpecialitiesPerSchool` specialities in force during the year. Teaching points are judged only
 * when the locality says so (NOT_APPLICABLE otherwise). The 学区 brand, the second half of the same
 * sentence, is huayuankou.district-brand.
 */
export const oneSpecialityPerSchool = defineRule<HuayuankouOptions>({
  id: 'huayuankou.one-speciality-per-school',
  title: { zh: '一校一特色：每所成员学校至少有一项特色', en: 'every member school records at least one speciality' },
  cite: { doc: DOC, clause: '三(五)4' },
  enforce: 'report',
  appliesTo: ['School', 'SchoolGroup'],
  async evaluate({ db, localityCode, schoolYear, options }) {
    const { groups, members } = await districtsInYear(db, localityCode, schoolYear);
    const { start, end } = schoolYearRange(schoolYear);
    const codes = [...new Set([...members.values()].flat().map((m) => m.schoolCode))];
    const schools = await schoolsByCode(db, codes);
    const specs = await specialitiesOf(db, codes, start, end);
    const expected = { min: options.minSpecialitiesPerSchool, teachingPointsIncluded: options.teachingPointsHaveSpecialities };
    const findings: Finding[] = [];
    for (const g of groups) {
      for (const code of new Set(members.get(g.id)!.map((m) => m.schoolCode))) {
        const s = schools.get(code)!;
        const subjects: Subject[] = [{ type: 'School', key: s.code, name: s.name }, groupSubject(g)];
        if (s.schoolType === TEACHING_POINT_TYPE && !options.teachingPointsHaveSpecialities) {
          findings.push({ status: 'NOT_APPLICABLE', expected, subjects, message: { zh: '教学点不单独要求特色', en: 'teaching points are not asked for a speciality here' } });
          continue;
        }
        const names = specs.filter((x) => x.schoolCode === code).map((x) => x.name);
        const ok = names.length >= options.minSpecialitiesPerSchool;
        findings.push({
          status: ok ? 'PASS' : 'FAIL',
          measured: { count: names.length, specialities: names },
          expected,
          subjects,
          message: ok
            ? undefined
            : { zh: `${s.name} 有 ${names.length} 项特色，应至少 ${options.minSpecialitiesPerSchool} 项`, en: `${s.name} records ${names.length} specialities; at least ${options.minSpecialitiesPerSchool} expected` },
        });
      }
    }
    return findings;
  },
});

/**
 * 三(五)4: "形成'一校一特色、一学区一品牌'的良好育人环境" — the 学区 has a brand of its own. Each 学区 in force
 * during the year had a brand in force on some day of it (brands are dated: a new one ends the one
 * before, and a past year keeps the brand it had); the finding names the latest. A 学区 with no brand
 * in force in the year FAILs: "一学区一品牌" is stated as the outcome the measures form, and a 学区
 * that has none shows nothing of it.
 */
export const districtBrand = defineRule<HuayuankouOptions>({
  id: 'huayuankou.district-brand',
  title: { zh: '一学区一品牌：学区有本学年的学区品牌', en: 'the 学区 has a brand in force in the year (一学区一品牌)' },
  cite: { doc: DOC, clause: '三(五)4' },
  enforce: 'report',
  appliesTo: ['SchoolGroup'],
  async evaluate({ db, localityCode, schoolYear }) {
    const { groups } = await districtsInYear(db, localityCode, schoolYear);
    const { start, end } = schoolYearRange(schoolYear);
    const brands = await brandsOf(db, groups.map((g) => g.id));
    return groups.map((g): Finding => {
      // The brand the 学区 had in the year (the latest, if it changed): past years keep theirs.
      const inYear = brands.filter((b) => b.groupId === g.id && b.validFrom <= end && (b.validTo === null || b.validTo >= start));
      const brand = inYear.at(-1);
      return {
        status: brand ? 'PASS' : 'FAIL',
        measured: { brand: brand?.name ?? null, validFrom: brand?.validFrom ?? null, validTo: brand?.validTo ?? null, brandsInYear: inYear.map((b) => b.name) },
        expected: { brandInForceInYear: true },
        subjects: [groupSubject(g)],
        message: brand ? undefined : { zh: `${g.name} ${schoolYear} 学年没有学区品牌（一学区一品牌）`, en: `${g.name} had no 学区 brand in force in ${schoolYear} (一学区一品牌)` },
      };
    });
  },
});

/**
 * 三(五)2 and 三(五)3: teaching research is led by the central school's 辅导站站长, moral education by
 * its 德育专干. Each 学区 in force during the year has both duties held, by someone, on some day of
 * the year (a bureau asks whether the duty was filled that year, not whether it never fell vacant).
 */
export const namedDuties = defineRule<HuayuankouOptions>({
  id: 'huayuankou.named-duties',
  title: { zh: '中心校设辅导站站长和德育专干', en: 'a 辅导站站长 and a 德育专干 are appointed' },
  cite: { doc: DOC, clause: '三(五)2、3' },
  enforce: 'report',
  appliesTo: ['SchoolGroup', 'Person'],
  async evaluate({ db, localityCode, schoolYear }) {
    const { groups } = await districtsInYear(db, localityCode, schoolYear);
    const { start, end } = schoolYearRange(schoolYear);
    const held = await groupPostsOf(db, groups.map((g) => g.id), Object.values(DUTY_ROLES), start, end);
    const duties = Object.keys(DUTY_ROLES) as Duty[];
    return groups.map((g): Finding => {
      const mine = held.filter((h) => h.post.groupId === g.id);
      const measured = Object.fromEntries(duties.map((d) => [d, [...new Set(mine.filter((h) => h.post.role === DUTY_ROLES[d]).map((h) => h.personName))]]));
      const vacant = duties.filter((d) => measured[d]!.length === 0);
      return {
        status: vacant.length ? 'FAIL' : 'PASS',
        measured,
        expected: { duties },
        subjects: [groupSubject(g), ...mine.map((h): Subject => ({ type: 'Person', key: h.post.personId, name: h.personName }))],
        message: vacant.length
          ? {
              zh: `${g.name} ${schoolYear} 学年未任命：${vacant.map((d) => dutyTitle(d).zh).join('、')}`,
              en: `${g.name} had no ${vacant.map((d) => dutyTitle(d).en).join(' and no ')} in ${schoolYear}`,
            }
          : undefined,
      };
    });
  },
});

/**
 * 三(三)2: sports grounds, libraries and laboratories are "在学区内学校开放共享". Each shared facility in
 * force during the year lists the member schools that used it; it counts as shared when at least
 * `minOtherSchoolsUsingFacility` member schools other than its host did (the host's own use shows
 * nothing about sharing). A 学区 that records no shared facility in force in the year FAILs: the
 * clause asks for the sharing, and a 学区 with nothing recorded shows none (no paper compliance).
 */
export const facilitySharing = defineRule<HuayuankouOptions>({
  id: 'huayuankou.facility-sharing',
  title: { zh: '学区登记共享场所，每处列明本学年使用的其他成员学校', en: 'the 学区 records its shared facilities, each listing the other member schools that used it in the year' },
  cite: { doc: DOC, clause: '三(三)2' },
  enforce: 'report',
  appliesTo: ['SchoolGroup', 'HuayuankouSharedFacility'],
  async evaluate({ db, localityCode, schoolYear, options }) {
    const { groups } = await districtsInYear(db, localityCode, schoolYear);
    const facilities = await facilitiesOf(db, groups.map((g) => g.id), schoolYear);
    const uses = await facilityUsesOf(db, facilities.map((f) => f.id), schoolYear);
    const expected = { minOtherSchools: options.minOtherSchoolsUsingFacility };
    const findings: Finding[] = [];
    for (const g of groups) {
      const mine = facilities.filter((f) => f.groupId === g.id);
      if (mine.length === 0)
        findings.push({
          status: 'FAIL',
          measured: { facilities: 0 },
          expected: { ...expected, facilities: { min: 1 } },
          subjects: [groupSubject(g)],
          message: { zh: `${g.name} ${schoolYear} 学年未登记共享场所（体育场馆、图书馆、实验室等开放共享）`, en: `${g.name} records no shared facility in ${schoolYear} (sports grounds, libraries, laboratories open to the member schools)` },
        });
      for (const f of mine) {
        const usedBy = uses.filter((u) => u.facilityId === f.id && u.sessions > 0).map((u) => u.schoolCode);
        const others = usedBy.filter((c) => c !== f.hostSchoolCode);
        const ok = others.length >= options.minOtherSchoolsUsingFacility;
        findings.push({
          status: ok ? 'PASS' : 'FAIL',
          measured: { usedBy, otherSchools: others.length },
          expected,
          subjects: [groupSubject(g), { type: 'HuayuankouSharedFacility', key: f.id, name: f.name }, { type: 'School', key: f.hostSchoolCode }],
          message: ok
            ? undefined
            : {
                zh: `${f.name} 本学年有 ${others.length} 所其他成员学校使用，应至少 ${options.minOtherSchoolsUsingFacility} 所`,
                en: `${f.name} was used by ${others.length} other member schools this year; at least ${options.minOtherSchoolsUsingFacility} expected`,
              },
        });
      }
    }
    return findings;
  },
});

export const rules = [sameTownship, integrationTargets, oneSpecialityPerSchool, namedDuties, facilitySharing, districtBrand];
