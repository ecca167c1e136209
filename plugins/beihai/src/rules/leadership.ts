/** Report rules on who leads a 学区 and staffs its office (北教基教〔2018〕130号 五(一), 五(二)3). */
import { defineRule, schoolYearRange, type Finding, type PostRow } from '@gongzhi/core';
import type { BeihaiOptions } from '../options.js';
import { DOC, membershipsOverlapping, officesOf, postsOn, profilesOf, ROLE, xuequsOverlapping } from '../repo.js';
import { groupSubject, membersAt, referenceDate } from './common.js';

/** The 学区 in force on the report's reference date, with their member schools that day. */
async function xuequsOn(db: Parameters<typeof xuequsOverlapping>[0], localityCode: string, schoolYear: string, today: string) {
  const asOf = referenceDate(schoolYear, today);
  const groups = await xuequsOverlapping(db, localityCode, asOf, asOf);
  const members = await membershipsOverlapping(db, groups.map((g) => g.id), asOf, asOf);
  return { asOf, list: groups.map((group) => ({ group, schools: membersAt(members.filter((m) => m.groupId === group.id), asOf) })) };
}

const person = (p: PostRow) => ({ type: 'Person', key: p.personId });

export const headIsLeadPrincipal = defineRule<BeihaiOptions>({
  id: 'beihai.head-is-lead-principal',
  title: { zh: '学区长由学区长学校现任校长兼任', en: 'the 学区长 is the lead school’s current principal' },
  cite: { doc: DOC, clause: '五(一)' },
  enforce: 'report',
  appliesTo: ['SchoolGroup'],
  async evaluate({ db, localityCode, schoolYear, today }) {
    const { asOf, list } = await xuequsOn(db, localityCode, schoolYear, today);
    const heads = await postsOn(db, { groupIds: list.map((x) => x.group.id) }, [ROLE.HEAD], asOf);
    const principals = await postsOn(db, { schoolCodes: list.flatMap((x) => (x.group.leadSchoolCode ? [x.group.leadSchoolCode] : [])) }, ['PRINCIPAL'], asOf);
    return list.map(({ group }): Finding => {
      const h = heads.filter((p) => p.groupId === group.id);
      const pr = principals.filter((p) => p.schoolCode === group.leadSchoolCode);
      const measured = { asOf, headPersonIds: h.map((p) => p.personId), leadPrincipalPersonIds: pr.map((p) => p.personId) };
      const expected = { heads: 1, headIs: 'PRINCIPAL of the lead school' };
      const ok = h.length === 1 && pr.some((p) => p.personId === h[0]!.personId);
      return {
        status: ok ? 'PASS' : 'FAIL',
        measured,
        expected,
        subjects: [groupSubject(group), ...(group.leadSchoolCode ? [{ type: 'School', key: group.leadSchoolCode }] : []), ...h.map(person)],
        message: ok
          ? undefined
          : h.length === 0
            ? { zh: `学区「${group.name}」在 ${asOf} 没有学区长`, en: `学区 “${group.name}” has no head on ${asOf}` }
            : h.length > 1
              ? { zh: `学区「${group.name}」在 ${asOf} 有 ${h.length} 名学区长`, en: `学区 “${group.name}” has ${h.length} heads on ${asOf}` }
              : { zh: `学区「${group.name}」的学区长不是学区长学校的现任校长`, en: `the head of 学区 “${group.name}” is not the lead school’s current principal` },
      };
    });
  },
});

export const deputiesAreMemberPrincipals = defineRule<BeihaiOptions>({
  id: 'beihai.deputies-are-member-principals',
  title: { zh: '副学区长由其他成员学校校长兼任', en: 'each 副学区长 is the principal of another member school' },
  cite: { doc: DOC, clause: '五(一)1' },
  enforce: 'report',
  appliesTo: ['SchoolGroup', 'Person'],
  async evaluate({ db, localityCode, schoolYear, today }) {
    const { asOf, list } = await xuequsOn(db, localityCode, schoolYear, today);
    const leaders = await postsOn(db, { groupIds: list.map((x) => x.group.id) }, [ROLE.DEPUTY, ROLE.HEAD], asOf);
    const deputies = leaders.filter((p) => p.role === ROLE.DEPUTY);
    const headsOf = leaders.filter((p) => p.role === ROLE.HEAD);
    const principals = await postsOn(db, { schoolCodes: list.flatMap((x) => x.schools) }, ['PRINCIPAL'], asOf);
    const profiles = await profilesOf(db, list.map((x) => x.group.id));
    const out: Finding[] = [];
    for (const { group, schools } of list) {
      // 五(一)1 is the 学校联盟 paragraph; a 集团化办学 学区 has no 副学区长 (五(一)2: branches are run by
      // the 总校's vice-principals), so the rule does not judge it.
      if (profiles.get(group.id)?.form === 'GROUP') {
        out.push({ status: 'NOT_APPLICABLE', measured: { asOf, form: 'GROUP' }, subjects: [groupSubject(group)], message: { zh: '集团化办学的学区不设副学区长（五(一)2）', en: 'a school-group (集团化办学) 学区 has no deputy heads (五(一)2)' } });
        continue;
      }
      const others = schools.filter((c) => c !== group.leadSchoolCode);
      const ds = deputies.filter((d) => d.groupId === group.id);
      // "副学区长若干名(由其他成员学校校长兼任)": the number follows the member schools — each other member
      // school's principal is a 副学区长. So a member principal who holds no deputy post is at fault as
      // well as a deputy who is no member principal. (The 学区长 is not asked to be a deputy too: someone
      // who heads the 学区 and also runs a member school is counted as its head.)
      const heads = new Set(headsOf.filter((h) => h.groupId === group.id).map((h) => h.personId));
      const notDeputies = principals.filter((p) => others.includes(p.schoolCode!) && !ds.some((d) => d.personId === p.personId) && !heads.has(p.personId));
      // A 学区 whose other members have no principal that day and no deputies: there is no one to judge.
      if (ds.length === 0 && notDeputies.length === 0) out.push({ status: 'NOT_APPLICABLE', measured: { asOf, deputies: 0, memberPrincipals: 0 }, subjects: [groupSubject(group)] });
      for (const p of notDeputies)
        out.push({
          status: 'FAIL',
          measured: { asOf, principalOf: p.schoolCode, deputyHead: false },
          expected: { deputyHead: true },
          subjects: [groupSubject(group), person(p), { type: 'School', key: p.schoolCode! }],
          message: { zh: `成员学校 ${p.schoolCode} 的校长未任副学区长（五(一)1：副学区长由其他成员学校校长兼任）`, en: `the principal of member school ${p.schoolCode} is not a 副学区长 (五(一)1: the other member schools’ principals are the deputy heads)` },
        });
      for (const d of ds) {
        const school = principals.find((p) => p.personId === d.personId && others.includes(p.schoolCode!))?.schoolCode ?? null;
        out.push({
          status: school ? 'PASS' : 'FAIL',
          measured: { asOf, principalOf: school },
          expected: { principalOfOneOf: others },
          subjects: [groupSubject(group), person(d)],
          message: school ? undefined : { zh: `副学区长不是学区内其他成员学校的现任校长`, en: 'the deputy head is not the current principal of another member school' },
        });
      }
    }
    return out;
  },
});

const CADRE_ROLES = ['PRINCIPAL', 'PARTY_SECRETARY', 'VICE_PRINCIPAL', 'MIDDLE_MANAGER'];

export const officeStaffing = defineRule<BeihaiOptions>({
  id: 'beihai.office-staffing',
  title: {
    zh: '学区管理办公室设在学区长学校：主任由学区长学校分管副校长兼任，副主任由成员学校分管副校长兼任，工作人员2-4名由中层以上干部兼任',
    en: 'the 学区 office: director the lead school’s vice-principal, deputies member schools’ vice-principals, 2–4 staff from middle-level cadres or above',
  },
  cite: { doc: DOC, clause: '五(二)3' },
  enforce: 'report',
  appliesTo: ['SchoolGroup'],
  async evaluate({ db, localityCode, schoolYear, today, options: o }) {
    const { asOf, list } = await xuequsOn(db, localityCode, schoolYear, today);
    const ids = list.map((x) => x.group.id);
    const offices = await officesOf(db, ids);
    const posts = await postsOn(db, { groupIds: ids }, [ROLE.OFFICE_DIRECTOR, ROLE.OFFICE_DEPUTY, ROLE.OFFICE_STAFF], asOf);
    const schoolPosts = await postsOn(db, { schoolCodes: list.flatMap((x) => x.schools) }, CADRE_ROLES, asOf);
    const expected = { office: true, directors: 1, directorIs: 'VICE_PRINCIPAL of the lead school', deputiesAre: 'VICE_PRINCIPAL of another member school', staff: { min: o.officeStaffMin, max: o.officeStaffMax }, staffAre: CADRE_ROLES };
    const { end } = schoolYearRange(schoolYear);
    return list.map(({ group, schools }): Finding => {
      const office = offices.get(group.id);
      const mine = posts.filter((p) => p.groupId === group.id);
      const holds = (p: PostRow, roles: string[], at: string[]) => schoolPosts.some((s) => s.personId === p.personId && roles.includes(s.role) && at.includes(s.schoolCode!));
      const directors = mine.filter((p) => p.role === ROLE.OFFICE_DIRECTOR);
      const deputies = mine.filter((p) => p.role === ROLE.OFFICE_DEPUTY);
      const staff = mine.filter((p) => p.role === ROLE.OFFICE_STAFF);
      const lead = group.leadSchoolCode ? [group.leadSchoolCode] : [];
      const others = schools.filter((c) => c !== group.leadSchoolCode);
      const problems: string[] = [];
      if (!office || office.establishedOn > end) problems.push('no office');
      if (directors.length !== 1) problems.push(`${directors.length} directors`);
      else if (!holds(directors[0]!, ['VICE_PRINCIPAL'], lead)) problems.push('director is not a vice-principal of the lead school');
      const badDeputies = deputies.filter((d) => !holds(d, ['VICE_PRINCIPAL'], others));
      if (badDeputies.length) problems.push(`${badDeputies.length} deputy director(s) not a vice-principal of another member school`);
      if (staff.length < o.officeStaffMin || staff.length > o.officeStaffMax) problems.push(`${staff.length} staff`);
      const badStaff = staff.filter((s) => !holds(s, CADRE_ROLES, schools));
      if (badStaff.length) problems.push(`${badStaff.length} staff not a middle-level cadre or above at a member school`);
      return {
        status: problems.length ? 'FAIL' : 'PASS',
        measured: { asOf, hasOffice: !!office, directors: directors.length, deputyDirectors: deputies.length, staff: staff.length, problems },
        expected,
        subjects: [groupSubject(group), ...[...directors, ...badDeputies, ...badStaff].map(person)],
        message: problems.length ? { zh: `学区管理办公室配置不符：${problems.join('；')}`, en: `office staffing: ${problems.join('; ')}` } : undefined,
      };
    });
  },
});
