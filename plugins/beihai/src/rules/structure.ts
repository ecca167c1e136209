/**
 * Write rules on the shape of a 学区 (北教基教〔2018〕130号 四). They run on every change that can
 * alter it: the plugin's own mutations, core's group and membership mutations, and core's writes to
 * a member or lead school (updateSchool, imports) — core's `groupsTouchedBy` finds the 学区.
 * "A school is in at most one 学区" is core's capability, switched on in the plugin's group kind.
 */
import { COMPULSORY_STAGES, defineRule, groupsTouchedBy, type Finding } from '@gongzhi/core';
import type { BeihaiOptions } from '../options.js';
import { DOC, formOf, profilesOf, schoolsByCode, XUEQU_KIND } from '../repo.js';
import { checkpoints, groupSubject, membersAt, XUEQU_CHANGES } from './common.js';

export const xuequSize = defineRule<BeihaiOptions>({
  id: 'beihai.xuequ-size',
  title: { zh: '每个学区包含2-4所学校（含学区长学校）', en: 'a 学区 has 2–4 schools, the lead included' },
  cite: { doc: DOC, clause: '四(二)' },
  enforce: 'write',
  appliesTo: XUEQU_CHANGES,
  async evaluate({ db, options: o, changes }) {
    const expected = { min: o.xuequSizeMin, max: o.xuequSizeMax };
    const out: Finding[] = [];
    for (const { group, members } of await groupsTouchedBy(db, changes, XUEQU_KIND)) {
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
  appliesTo: XUEQU_CHANGES,
  async evaluate({ db, changes }) {
    const out: Finding[] = [];
    for (const { group, members } of await groupsTouchedBy(db, changes, XUEQU_KIND)) {
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
  title: { zh: '学区成员学校与学区长学校同学段', en: 'members of a 学区 share the lead school’s stage' },
  cite: { doc: DOC, clause: '四, 四(一)' },
  enforce: 'write',
  // 四: "学区(集团)一般以1所优质学校为学区长学校,与若干所同学段学校组成" — 一般 (normally): a
  // bureau may approve a deviation, recorded as an exception.
  inPrinciple: true,
  appliesTo: XUEQU_CHANGES,
  async evaluate({ db, changes, today }) {
    // Schools are judged as they are now: a school that left a 学区 (or a 学区 dissolved) before today
    // may since have become anything; members of today and of the future must share the stage.
    const xs = (await groupsTouchedBy(db, changes, XUEQU_KIND))
      .filter((x) => !x.group.validTo || x.group.validTo >= today)
      .map((x) => ({ ...x, members: x.members.filter((m) => !m.validTo || m.validTo >= today) }));
    const profiles = await profilesOf(db, xs.map((x) => x.group.id));
    const schools = await schoolsByCode(db, xs.flatMap((x) => [...x.members.map((m) => m.schoolCode), ...(x.group.leadSchoolCode ? [x.group.leadSchoolCode] : [])]));
    const out: Finding[] = [];
    for (const { group, members } of xs) {
      const form = formOf(profiles.get(group.id));
      const lead = group.leadSchoolCode ? schools.get(group.leadSchoolCode) : undefined;
      // 四's lead sentence names 学区(集团): the 集团化办学 form shares the stage condition too (POLICIES.md,
      // revised). Without a lead, single-lead reports the fault.
      if (!lead) {
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
