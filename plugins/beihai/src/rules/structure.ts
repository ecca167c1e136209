/** Write rules on the shape of a 学区 (北教基教〔2018〕130号 四). They run on every change of a beihai.xuequ group. */
import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { COMPULSORY_STAGES, defineRule, tables as core, type Finding } from '@gongzhi/core';
import type { BeihaiOptions } from '../options.js';
import { DOC, formOf, profilesOf, schoolsByCode, XUEQU_KIND } from '../repo.js';
import { changedXuequs, checkpoints, groupSubject, membersAt } from './common.js';

export const xuequSize = defineRule<BeihaiOptions>({
  id: 'beihai.xuequ-size',
  title: { zh: '每个学区包含2-4所学校（含学区长学校）', en: 'a 学区 has 2–4 schools, the lead included' },
  cite: { doc: DOC, clause: '四(二)' },
  enforce: 'write',
  appliesTo: ['SchoolGroup'],
  async evaluate({ db, options: o, changes }) {
    const expected = { min: o.xuequSizeMin, max: o.xuequSizeMax };
    const out: Finding[] = [];
    for (const { group, members } of await changedXuequs(db, changes)) {
      // The first date the size is out of bounds is the one reported.
      const bad = checkpoints(group, members)
        .map((date) => ({ date, schools: membersAt(members, date) }))
        .find((p) => p.schools.length < o.xuequSizeMin || p.schools.length > o.xuequSizeMax);
      out.push(
        bad
          ? {
              status: 'FAIL',
              measured: { schools: bad.schools.length, on: bad.date, schoolCodes: bad.schools },
              expected,
              subjects: [groupSubject(group)],
              message: {
                zh: `学区「${group.name}」在 ${bad.date} 有 ${bad.schools.length} 所学校，应为 ${o.xuequSizeMin}-${o.xuequSizeMax} 所`,
                en: `学区 “${group.name}” has ${bad.schools.length} schools on ${bad.date}; it should have ${o.xuequSizeMin}–${o.xuequSizeMax}`,
              },
            }
          : { status: 'PASS', measured: { schools: membersAt(members, group.validFrom).length }, expected, subjects: [groupSubject(group)] },
      );
    }
    return out;
  },
});

export const singleLead = defineRule<BeihaiOptions>({
  id: 'beihai.single-lead',
  title: { zh: '学区有且只有一所学区长学校，且它是成员', en: 'a 学区 has exactly one lead school, and it is a member' },
  cite: { doc: DOC, clause: '四' },
  enforce: 'write',
  appliesTo: ['SchoolGroup'],
  async evaluate({ db, changes }) {
    const out: Finding[] = [];
    for (const { group, members } of await changedXuequs(db, changes)) {
      const lead = group.leadSchoolCode;
      // A core group has one lead column, so "exactly one" means: it is set, and the lead stays a member throughout.
      const missing = lead ? checkpoints(group, members).find((d) => !membersAt(members, d).includes(lead)) : group.validFrom;
      out.push(
        missing
          ? {
              status: 'FAIL',
              measured: { leadSchoolCode: lead, notMemberOn: lead ? missing : null },
              expected: { leadSchools: 1, leadIsMember: true },
              subjects: [groupSubject(group)],
              message: lead
                ? { zh: `学区长学校 ${lead} 在 ${missing} 不是学区成员`, en: `the lead school ${lead} is not a member on ${missing}` }
                : { zh: '学区未指定学区长学校', en: 'the 学区 has no lead school' },
            }
          : { status: 'PASS', measured: { leadSchoolCode: lead }, expected: { leadSchools: 1, leadIsMember: true }, subjects: [groupSubject(group)] },
      );
    }
    return out;
  },
});

export const sameStage = defineRule<BeihaiOptions>({
  id: 'beihai.same-stage',
  title: { zh: '学校联盟、对口帮扶学区的成员学校与学区长学校同学段', en: 'members of an alliance or paired-assistance 学区 share the lead school’s stage' },
  cite: { doc: DOC, clause: '四(一)' },
  enforce: 'write',
  appliesTo: ['SchoolGroup'],
  async evaluate({ db, changes }) {
    const xs = await changedXuequs(db, changes);
    const profiles = await profilesOf(db, xs.map((x) => x.group.id));
    const schools = await schoolsByCode(db, xs.flatMap((x) => [...x.members.map((m) => m.schoolCode), ...(x.group.leadSchoolCode ? [x.group.leadSchoolCode] : [])]));
    const out: Finding[] = [];
    for (const { group, members } of xs) {
      const form = formOf(profiles.get(group.id));
      const lead = group.leadSchoolCode ? schools.get(group.leadSchoolCode) : undefined;
      // 集团化办学 (总校 + 分校区) names no stage condition in 四(一)2; without a lead, single-lead reports the fault.
      if (form === 'GROUP' || !lead) {
        out.push({ status: 'NOT_APPLICABLE', measured: { form }, subjects: [groupSubject(group)] });
        continue;
      }
      // 同学段: a member must teach one of the lead's compulsory stages (a nine-year school joins a
      // primary 学区 through its primary section); senior or kindergarten overlap does not count.
      const leadStages = lead.stages.filter((s) => (COMPULSORY_STAGES as readonly string[]).includes(s));
      const codes = [...new Set(members.map((m) => m.schoolCode))];
      const offending = codes.map((c) => schools.get(c)!).filter((s) => !s.stages.some((st) => leadStages.includes(st)));
      out.push(
        offending.length
          ? {
              status: 'FAIL',
              measured: { form, leadStages, offending: offending.map((s) => ({ schoolCode: s.code, stages: s.stages })) },
              expected: { stagesSharedWithLead: leadStages },
              subjects: [groupSubject(group), ...offending.map((s) => ({ type: 'School', key: s.code, name: s.name }))],
              message: {
                zh: `成员学校 ${offending.map((s) => s.name).join('、')} 与学区长学校（${leadStages.join('/')}）不同学段`,
                en: `member school(s) ${offending.map((s) => s.code).join(', ')} do not share the lead school’s stage (${leadStages.join('/')})`,
              },
            }
          : { status: 'PASS', measured: { form, leadStages }, expected: { stagesSharedWithLead: leadStages }, subjects: [groupSubject(group)] },
      );
    }
    return out;
  },
});

export const oneXuequPerSchool = defineRule<BeihaiOptions>({
  id: 'beihai.one-xuequ-per-school',
  title: { zh: '一所学校同一时间只属于一个学区', en: 'a school belongs to at most one 学区 at a time' },
  cite: { doc: DOC, clause: '四(二)' },
  enforce: 'write',
  appliesTo: ['SchoolGroup'],
  async evaluate({ db, changes }) {
    const out: Finding[] = [];
    for (const { group, members } of await changedXuequs(db, changes)) {
      const codes = [...new Set(members.map((m) => m.schoolCode))];
      const others = codes.length
        ? await db
            .select({ m: core.groupMembers, g: core.schoolGroups })
            .from(core.groupMembers)
            .innerJoin(core.schoolGroups, eq(core.schoolGroups.id, core.groupMembers.groupId))
            .where(and(inArray(core.groupMembers.schoolCode, codes), eq(core.schoolGroups.kind, XUEQU_KIND), ne(core.schoolGroups.id, group.id), isNull(core.schoolGroups.archivedAt)))
        : [];
      // Two memberships clash when their periods overlap (both ends inclusive; null = open-ended).
      const clash = members
        .flatMap((m) => others.filter((o) => o.m.schoolCode === m.schoolCode && o.m.validFrom <= (m.validTo ?? '9999-12-31') && m.validFrom <= (o.m.validTo ?? '9999-12-31')).map((o) => ({ m, o })))
        .at(0);
      out.push(
        clash
          ? {
              status: 'FAIL',
              measured: { schoolCode: clash.m.schoolCode, otherXuequ: { groupId: clash.o.g.id, name: clash.o.g.name, from: clash.o.m.validFrom, to: clash.o.m.validTo } },
              expected: { xuequsPerSchool: 1 },
              subjects: [groupSubject(group), { type: 'School', key: clash.m.schoolCode }, { type: 'SchoolGroup', key: clash.o.g.id, name: clash.o.g.name }],
              message: {
                zh: `学校 ${clash.m.schoolCode} 已属于学区「${clash.o.g.name}」（自 ${clash.o.m.validFrom} 起）`,
                en: `school ${clash.m.schoolCode} already belongs to 学区 “${clash.o.g.name}” (from ${clash.o.m.validFrom})`,
              },
            }
          : { status: 'PASS', expected: { xuequsPerSchool: 1 }, subjects: [groupSubject(group)] },
      );
    }
    return out;
  },
});
