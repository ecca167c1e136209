/**
 * Write rules on what a 总校 is and what joining it leaves alone (明政办〔2017〕118号 三, 四(三), 六(三)).
 * They run on every change that can break them: the plugin's own mutations and core's group,
 * membership, school and post writes (core's `groupsTouchedBy` finds the 总校 a change touches),
 * and the report judges the year's data with them (`inReport`).
 */
import { and, asc, eq, inArray, isNull, lte, or, gte } from 'drizzle-orm';
import { defineRule, groupsTouchedBy, schoolsByCode, schoolYearRange, tables as core, type Finding, type SchoolRow } from '@gongzhi/core';
import type { SanmingOptions } from '../options.js';
import { authorityHistoryOf, authorityOn, DOC, KIND, ROLE } from '../repo.js';
import { leaderPostQuotas, staffStatuses } from '../tables.js';
import { groupSubject, personSubject, schoolSubject, zongxiaoInYear, zongxiaoMembershipsOn, memberOn } from './common.js';

/**
 * 三(一) 适用范围: "市、区所属的学前教育、小学、初中、九年一贯制学校、普通高中等基础教育阶段学校".
 * The source lists five kinds and ends with 等 (and the like) 基础教育阶段学校: every school of basic
 * education is in scope, so 完全中学 (341) and 十二年一贯制 (345) are too — the catalogue lists only
 * the five named kinds (the source wins; a test says so). 中职 and 特殊教育 are not 基础教育阶段学校.
 * A 教学点 (218) is a primary teaching point.
 */
export const SCOPE_TYPES: Record<string, string> = { '111': '幼儿园', '211': '小学', '218': '小学教学点', '311': '初级中学', '312': '九年一贯制学校', '341': '完全中学', '342': '高级中学（普通高中）', '345': '十二年一贯制学校' };

export const ZONGXIAO_CHANGES = ['SchoolGroup', 'GroupMembership', 'School'];

export const scope = defineRule<SanmingOptions>({
  id: 'sanming.scope',
  title: { zh: '总校成员为市、区所属的幼儿园、小学、初中、九年一贯制学校、普通高中等基础教育学校', en: 'a 总校 member is a city- or district-run basic-education school (kindergarten, primary, junior, nine-year, senior …)' },
  cite: { doc: DOC, clause: '三(一)' },
  enforce: 'write',
  appliesTo: ZONGXIAO_CHANGES,
  async inReport({ facts }) {
    return (await zongxiaoInYear(facts)).map((z) => ({ entity: 'SchoolGroup', key: z.group.id }));
  },
  async evaluate({ db, changes, today }) {
    const touched = (await groupsTouchedBy(db, changes, KIND)).map((x) => ({ ...x, members: x.members.filter((m) => !m.validTo || m.validTo >= today) }));
    const schools = await schoolsByCode(db, touched.flatMap((x) => x.members.map((m) => m.schoolCode)));
    return touched.map(({ group, members }): Finding => {
      const offending = [...new Set(members.map((m) => m.schoolCode))].map((c) => schools.get(c)!).filter((s) => !(s.schoolType in SCOPE_TYPES));
      const expected = { schoolTypes: Object.keys(SCOPE_TYPES) };
      return offending.length
        ? {
            status: 'FAIL',
            measured: { offending: offending.map((s) => ({ schoolCode: s.code, schoolType: s.schoolType, stages: s.stages })) },
            expected,
            subjects: [groupSubject(group), ...offending.map((s) => schoolSubject(s))],
            message: {
              zh: `${offending.map((s) => `${s.name}（办学类型 ${s.schoolType}）`).join('、')}不在总校制适用范围内：中职、特殊教育学校不属基础教育阶段学校`,
              en: `${offending.map((s) => `${s.code} (type ${s.schoolType})`).join(', ')} is outside the 总校 scope: vocational and special schools are not basic-education schools`,
            },
          }
        : { status: 'PASS', measured: { schools: new Set(members.map((m) => m.schoolCode)).size }, expected, subjects: [groupSubject(group)] };
    });
  },
});

export const oneHead = defineRule<SanmingOptions>({
  id: 'sanming.one-head',
  title: { zh: '总校实行总校长负责制：每个总校有且只有一名现任总校长', en: 'exactly one current 总校长 heads each 总校' },
  cite: { doc: DOC, clause: '三(三)' },
  enforce: 'write',
  appliesTo: ['SchoolGroup', 'GroupMembership', 'Post'],
  async inReport({ facts }) {
    return (await zongxiaoInYear(facts)).map((z) => ({ entity: 'SchoolGroup', key: z.group.id }));
  },
  async evaluate({ db, changes, today }) {
    const touched = await groupsTouchedBy(db, changes, KIND);
    if (touched.length === 0) return [];
    const heads = await db
      .select()
      .from(core.posts)
      .where(and(inArray(core.posts.groupId, touched.map((x) => x.group.id)), eq(core.posts.role, ROLE.GENERAL_PRINCIPAL), isNull(core.posts.archivedAt)))
      .orderBy(asc(core.posts.validFrom));
    return touched.map(({ group }): Finding => {
      const mine = heads.filter((p) => p.groupId === group.id);
      const overlap = mine.find((a, i) => mine.slice(i + 1).some((b) => b.validFrom <= (a.validTo ?? '9999-12-31') && (b.validTo ?? '9999-12-31') >= a.validFrom));
      // The 总校 stands today (or from a later first day): someone must head it then.
      const on = group.validFrom > today ? group.validFrom : today;
      const stands = !group.validTo || group.validTo >= on;
      const current = mine.filter((p) => p.validFrom <= on && (!p.validTo || p.validTo >= on));
      const expected = { generalPrincipals: 1 };
      if (overlap)
        return {
          status: 'FAIL',
          measured: { overlapping: mine.filter((p) => p !== overlap && p.validFrom <= (overlap.validTo ?? '9999-12-31') && (p.validTo ?? '9999-12-31') >= overlap.validFrom).length + 1 },
          expected,
          subjects: [groupSubject(group), personSubject(overlap.personId)],
          message: { zh: `总校「${group.name}」同一时间有多名总校长`, en: `总校 “${group.name}” has more than one 总校长 at a time` },
        };
      if (stands && current.length === 0)
        return {
          status: 'FAIL',
          measured: { generalPrincipals: 0, on },
          expected,
          subjects: [groupSubject(group)],
          message: { zh: `总校「${group.name}」在 ${on} 没有总校长`, en: `总校 “${group.name}” has no 总校长 on ${on}` },
        };
      return { status: 'PASS', measured: { generalPrincipals: stands ? 1 : 0, on }, expected, subjects: [groupSubject(group), ...current.map((p) => personSubject(p.personId))] };
    });
  },
});

/**
 * 四(三)1 "总校及成员学校的性质保持不变，原有人员的身份保持不变": joining changes no school's
 * nature — read as its 隶属 (市属/区属) and running bureau (机构设置和行政建制) — and no staff member's
 * status or 编制 school. A legal person is not the school's nature: 三(三) lets a 总校 be one legal
 * person, so members may give theirs up. A merger of districts (the bureau's successor) is not a change.
 */
export const statusUnchanged = defineRule<SanmingOptions>({
  id: 'sanming.status-unchanged',
  title: { zh: '组建总校后学校性质不变、原有人员身份（编制）不变', en: 'joining a 总校 changes no school’s nature and no staff member’s status (编制, establishment school)' },
  cite: { doc: DOC, clause: '四(三)1' },
  enforce: 'write',
  appliesTo: ['School', 'SanmingStaffStatus', 'SanmingSchoolAuthority'],
  async inReport({ db, facts }) {
    const { start, end } = schoolYearRange(facts.schoolYear);
    const codes = (await zongxiaoInYear(facts)).flatMap((z) => z.members.map((m) => m.schoolCode));
    if (codes.length === 0) return [];
    const statuses = await db.select({ id: staffStatuses.id }).from(staffStatuses).where(and(gte(staffStatuses.validFrom, start), lte(staffStatuses.validFrom, end)));
    return [...new Set(codes)].map((c) => ({ entity: 'SanmingSchoolAuthority', key: c })).concat(statuses.map((s) => ({ entity: 'SanmingStaffStatus', key: s.id })));
  },
  async evaluate({ db, changes, today }) {
    const out: Finding[] = [];
    // A school's 隶属: a recorded authority may be set where it was unknown, never switched while a member.
    const schoolCodes = [...new Set(changes.filter((c) => c.entity === 'SanmingSchoolAuthority' || (c.entity === 'School' && (!c.fields || c.fields.includes('authorityCode')))).map((c) => c.key))];
    if (schoolCodes.length) {
      const history = await authorityHistoryOf(db, schoolCodes);
      const memberships = await zongxiaoMembershipsOn(db, schoolCodes);
      const schools = await schoolsByCode(db, schoolCodes);
      const localities = await db.select().from(core.localities).where(inArray(core.localities.code, [...schools.values()].map((s) => s.authorityCode)));
      for (const code of schoolCodes) {
        const rows = history.filter((r) => r.schoolCode === code);
        const mine = memberships.filter((m) => m.member.schoolCode === code);
        const school = schools.get(code);
        for (let i = 1; i < rows.length; i++) {
          const [prev, next] = [rows[i - 1]!, rows[i]!];
          const during = mine.find((m) => memberOn(m, next.validFrom));
          if (during && prev.authority !== 'UNKNOWN' && next.authority !== prev.authority)
            out.push({
              status: 'FAIL',
              measured: { schoolCode: code, authorityBefore: prev.authority, authorityAfter: next.authority, from: next.validFrom },
              expected: { authority: prev.authority },
              subjects: [groupSubject(during.group), school ? schoolSubject(school) : { type: 'School', key: code }],
              message: { zh: `成员学校 ${school?.name ?? code} 的隶属由 ${prev.authority} 改为 ${next.authority}：组建总校后学校性质保持不变`, en: `member ${code} would change authority from ${prev.authority} to ${next.authority}; a 总校 member keeps its nature` },
            });
        }
        // Core's running bureau must stay that of the recorded authority: the city's for a 市属 member, a district's for a 区属 one.
        const now = authorityOn(history, code);
        const bureau = localities.find((l) => l.code === school?.authorityCode);
        const during = mine.find((m) => memberOn(m, today));
        if (school && during && bureau && ((now === 'CITY' && bureau.level !== 'CITY') || (now === 'DISTRICT' && bureau.level !== 'COUNTY')))
          out.push({
            status: 'FAIL',
            measured: { schoolCode: code, authority: now, runningBureau: school.authorityCode },
            expected: { runningBureauLevel: now === 'CITY' ? 'CITY' : 'COUNTY' },
            subjects: [groupSubject(during.group), schoolSubject(school)],
            message: { zh: `${school.name}（${now === 'CITY' ? '市属' : '区属'}）的主管部门不能改为 ${bureau.name}：组建总校后学校性质保持不变`, en: `${code} (${now}) cannot be run by ${bureau.code}: a 总校 member keeps its nature` },
          });
        if (mine.length && !out.some((f) => f.subjects?.some((s) => s.key === code)))
          out.push({ status: 'PASS', measured: { schoolCode: code, authority: now }, subjects: [groupSubject(mine[0]!.group), school ? schoolSubject(school) : { type: 'School', key: code }] });
      }
    }
    // A staff member's status and 编制 school: unchanged while they serve at a member, and their 编制
    // not moved to another school of the same 总校 (they serve there through exchanges and posts).
    const statusIds = changes.filter((c) => c.entity === 'SanmingStaffStatus').map((c) => c.key);
    if (statusIds.length) {
      const changed = await db.select().from(staffStatuses).where(inArray(staffStatuses.id, statusIds));
      const personIds = [...new Set(changed.map((r) => r.personId))];
      const all = personIds.length ? await db.select().from(staffStatuses).where(inArray(staffStatuses.personId, personIds)).orderBy(asc(staffStatuses.validFrom)) : [];
      const posts = personIds.length ? await db.select().from(core.posts).where(and(inArray(core.posts.personId, personIds), isNull(core.posts.archivedAt), isNull(core.posts.groupId))) : [];
      const memberships = await zongxiaoMembershipsOn(db, [...new Set([...posts.map((p) => p.schoolCode!), ...all.map((r) => r.establishmentSchoolCode).filter((c): c is string => !!c)])]);
      for (const row of changed) {
        const history = all.filter((r) => r.personId === row.personId);
        const prev = history.filter((r) => r.validFrom < row.validFrom).at(-1);
        const day = row.validFrom;
        const servingAt = posts.filter((p) => p.personId === row.personId && p.validFrom <= day && (!p.validTo || p.validTo >= day)).map((p) => p.schoolCode!);
        const groupsServed = memberships.filter((m) => servingAt.includes(m.member.schoolCode) && memberOn(m, day));
        if (!prev || groupsServed.length === 0) {
          out.push({ status: 'PASS', measured: { personId: row.personId, status: row.status, inZongxiao: groupsServed.length > 0 }, subjects: [personSubject(row.personId)] });
          continue;
        }
        const sameGroup = (a: string | null, b: string | null) => !!a && !!b && groupsServed.some((g) => memberships.some((m) => m.group.id === g.group.id && m.member.schoolCode === a && memberOn(m, day)) && memberships.some((m) => m.group.id === g.group.id && m.member.schoolCode === b && memberOn(m, day)));
        const statusChanged = prev.status !== row.status;
        const moved = prev.establishmentSchoolCode !== row.establishmentSchoolCode && sameGroup(prev.establishmentSchoolCode, row.establishmentSchoolCode);
        if (statusChanged || moved)
          out.push({
            status: 'FAIL',
            measured: { personId: row.personId, before: { status: prev.status, establishmentSchoolCode: prev.establishmentSchoolCode }, after: { status: row.status, establishmentSchoolCode: row.establishmentSchoolCode }, from: day },
            expected: { status: prev.status, establishmentSchoolCode: prev.establishmentSchoolCode },
            subjects: [groupSubject(groupsServed[0]!.group), personSubject(row.personId)],
            message: statusChanged
              ? { zh: `总校成员学校人员的身份不得由 ${prev.status} 改为 ${row.status}：原有人员的身份保持不变`, en: `a 总校 member’s staff status cannot change from ${prev.status} to ${row.status}` }
              : { zh: `编制不得在总校内由 ${prev.establishmentSchoolCode} 转到 ${row.establishmentSchoolCode}：人员身份保持不变，以交流任职任教`, en: `the 编制 cannot move within the 总校 from ${prev.establishmentSchoolCode} to ${row.establishmentSchoolCode}; staff serve elsewhere through exchanges` },
          });
        else out.push({ status: 'PASS', measured: { personId: row.personId, status: row.status, establishmentSchoolCode: row.establishmentSchoolCode }, subjects: [groupSubject(groupsServed[0]!.group), personSubject(row.personId)] });
      }
    }
    return out;
  },
});

/**
 * 六(三) "总校、成员校在不减少领导职数基础上，适当增加领导职数": the catalogue reads it as the 总校's
 * total not falling below its schools' before joining; the source says the 总校 (lead) and each
 * member keep theirs — a school's quota is never reduced while it is in a 总校 (the source wins;
 * a test lowers one member's quota while another's rises).
 */
export const leaderPostsKept = defineRule<SanmingOptions>({
  id: 'sanming.leader-posts-kept',
  title: { zh: '总校、成员校不减少领导职数', en: 'neither the 总校 nor a member reduces its leader posts (领导职数)' },
  cite: { doc: DOC, clause: '六(三)' },
  enforce: 'write',
  appliesTo: ['SanmingLeaderPostQuota', 'GroupMembership'],
  async inReport({ db, facts }) {
    const codes = [...new Set((await zongxiaoInYear(facts)).flatMap((z) => z.members.map((m) => m.schoolCode)))];
    if (codes.length === 0) return [];
    const { end } = schoolYearRange(facts.schoolYear);
    const rows = await db.select({ id: leaderPostQuotas.id }).from(leaderPostQuotas).where(and(inArray(leaderPostQuotas.schoolCode, codes), lte(leaderPostQuotas.validFrom, end)));
    return rows.map((r) => ({ entity: 'SanmingLeaderPostQuota', key: r.id }));
  },
  async evaluate({ db, changes }) {
    const ids = changes.filter((c) => c.entity === 'SanmingLeaderPostQuota').map((c) => c.key);
    // A school joining a 总校: its quotas from then on are judged again (a reduction recorded in advance).
    const joined = await groupsTouchedBy(db, changes.filter((c) => c.entity === 'GroupMembership'), KIND);
    const viaJoin = joined.flatMap((x) => x.members.map((m) => m.schoolCode));
    const rows = ids.length || viaJoin.length ? await db.select().from(leaderPostQuotas).where(or(ids.length ? inArray(leaderPostQuotas.id, ids) : undefined, viaJoin.length ? inArray(leaderPostQuotas.schoolCode, viaJoin) : undefined)) : [];
    if (rows.length === 0) return [];
    const codes = [...new Set(rows.map((r) => r.schoolCode))];
    const all = await db.select().from(leaderPostQuotas).where(inArray(leaderPostQuotas.schoolCode, codes)).orderBy(asc(leaderPostQuotas.validFrom));
    const memberships = await zongxiaoMembershipsOn(db, codes);
    const schools: Map<string, SchoolRow> = await schoolsByCode(db, codes);
    const out: Finding[] = [];
    for (const row of rows) {
      const history = all.filter((r) => r.schoolCode === row.schoolCode);
      const i = history.findIndex((r) => r.id === row.id);
      const pairs = [history[i - 1] ? [history[i - 1]!, row] : null, history[i + 1] ? [row, history[i + 1]!] : null].filter((p): p is [typeof row, typeof row] => !!p);
      const school = schools.get(row.schoolCode)!;
      const bad = pairs.map(([a, b]) => ({ a, b, during: memberships.find((m) => m.member.schoolCode === row.schoolCode && memberOn(m, b.validFrom)) })).find((p) => p.during && p.b.quota < p.a.quota);
      out.push(
        bad
          ? {
              status: 'FAIL',
              measured: { schoolCode: row.schoolCode, quotaBefore: bad.a.quota, quotaAfter: bad.b.quota, from: bad.b.validFrom },
              expected: { quotaAtLeast: bad.a.quota },
              subjects: [groupSubject(bad.during!.group), schoolSubject(school)],
              message: { zh: `${school.name}的领导职数由 ${bad.a.quota} 减为 ${bad.b.quota}：总校、成员校不减少领导职数`, en: `${school.code}'s leader posts would fall from ${bad.a.quota} to ${bad.b.quota}; a 总校 school keeps its leader posts` },
            }
          : { status: 'PASS', measured: { schoolCode: row.schoolCode, quota: row.quota, from: row.validFrom }, subjects: [schoolSubject(school)] },
      );
    }
    return out;
  },
});

