/** The Beihai GraphQL types: the 学区 (implementing core's SchoolGroup) and what hangs off it. */
import {
  asOfOrToday,
  parseInput,
  personLoader,
  plansByGroupLoader,
  postsByGroupLoader,
  groupsBySchoolLoader,
  schoolGroupLoader,
  schoolLoader,
  schoolYearRange,
  zSchoolYear,
  type PersonRow,
  type PluginSchemaApi,
  schoolGroupNode,
  type SchoolGroupRow,
} from '@gongzhi/core';
import {
  meetingAttendeesLoader,
  meetingsByGroupLoader,
  moralTeamMembersLoader,
  moralTeamsByGroupLoader,
  officeLoader,
  profileLoader,
  ROLE,
  subjectGroupMembersLoader,
  subjectGroupsByGroupLoader,
  XUEQU_KIND,
  type JointMeetingAttendeeRow,
  type JointMeetingRow,
  type MoralTeamRow,
  type OfficeRow,
  type SubjectGroupRow,
} from '../repo.js';

const CITE = '北教基教〔2018〕130号';

async function people(ctx: Parameters<typeof personLoader>[0], ids: string[]): Promise<PersonRow[]> {
  return (await personLoader(ctx).loadMany(ids)).filter((p): p is PersonRow => !!p && !(p instanceof Error));
}

export function addTypes({ builder, refs }: PluginSchemaApi) {
  const { SchoolGroup, Post, Person, School, Plan, Stage, BackboneLevel } = refs;

  const XuequForm = builder.enumType('BeihaiXuequForm', {
    description: `学区组建形式 — how a 学区 is formed (${CITE} 四(一)).`,
    values: {
      ALLIANCE: { description: '学校联盟 — school alliance: one strong school and schools of the same stage; members keep their legal person, name, affiliation, staff, money and property (五(一)1).' },
      GROUP: { description: '集团化办学 — school group: a 总校 and branch campuses under one 总校 principal; branches are run by vice-principals and middle managers sent by the 总校 (五(一)2).' },
      PAIRED_ASSISTANCE: { description: '对口帮扶 — paired assistance: a strong urban school helps weaker schools of the same stage; system, legal representative and funding unchanged (五(一)3).' },
    },
  });
  const Zoning = builder.enumType('BeihaiAdmissionsZoning', {
    description: `招生划片方式 — how pupils are assigned to the 学区's schools (${CITE} 五(二)5(7)).`,
    values: {
      SINGLE_SCHOOL: { description: '单校划片 — each school has its own catchment (地段划片): the default.' },
      MULTI_SCHOOL: { description: '多校划片 — several schools share a catchment: allowed where population is dense and places uneven.' },
    },
  });
  const SubjectGroupKind = builder.enumType('BeihaiSubjectGroupKind', {
    description: `学科中心教研组类型 (${CITE} 五(二)4): primary groups by subject, junior groups by grade.`,
    values: {
      PRIMARY_CHINESE: { description: '小学语文学科中心组 — primary Chinese.' },
      PRIMARY_MATHS: { description: '小学数学学科中心组 — primary mathematics.' },
      PRIMARY_INTEGRATED: { description: '小学综合学科中心组 — primary integrated subjects.' },
      JUNIOR_GRADE: { description: '初中年级组 — a junior grade group (grade 7, 8 or 9).' },
      OTHER: { description: '其他 — another group the 学区 sets up (the document says "一般", normally).' },
    },
  });
  const TeacherHonour = builder.enumType('BeihaiTeacherHonour', {
    description: `学科中心教研组组长的称号 — a subject group leader's recognition besides the 骨干 level on the person (${CITE} 五(二)4 "市级及以上名师、学科带头人、骨干教师").`,
    values: {
      FAMOUS_TEACHER: { description: '名师 — famous teacher.' },
      SUBJECT_LEADER: { description: '学科带头人 — subject leader.' },
    },
  });

  const Honour = builder.enumType('BeihaiHeadTeacherHonour', {
    description: `德育工作团队负责人的荣誉 — the honour of the moral-education team's leader (${CITE} 五(二)5(3)).`,
    values: {
      FAMOUS_HEAD_TEACHER: { description: '名班主任 — famous head teacher.' },
      EXCELLENT_HEAD_TEACHER: { description: '优秀班主任 — excellent head teacher.' },
      NONE: { description: '无 — no such honour.' },
    },
  });

  const MeetingDeputy = builder.objectRef<JointMeetingAttendeeRow>('BeihaiJointMeetingDeputy').implement({
    description: `代表 — a person who attended a joint meeting in place of a member school's principal (${CITE} 五(二)2: the meeting is made up of the principals).`,
    fields: (t) => ({
      person: t.field({ type: Person, description: 'Who attended.', resolve: async (a, _, ctx) => (await personLoader(ctx).load(a.personId))! }),
      school: t.field({ type: School, description: 'The member school they stood for.', resolve: async (a, _, ctx) => (await schoolLoader(ctx).load(a.forSchoolCode!))! }),
    }),
  });

  const JointMeeting = builder.objectRef<JointMeetingRow>('BeihaiJointMeeting').implement({
    description: `校长联席会议 — a joint meeting of the 学区's principals, its highest body; held at least every two months, chaired by the 学区长 (${CITE} 五(二)2).`,
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The meeting’s id.' }),
      xuequ: t.field({ type: SchoolGroup, description: 'The 学区 that met.', resolve: async (m, _, ctx) => (await schoolGroupLoader(ctx).load(m.groupId))! }),
      heldOn: t.field({ type: 'Date', description: 'The day it was held.', resolve: (m) => m.heldOn }),
      chair: t.field({ type: Person, nullable: true, description: '主席 — who chaired it (the 学区长 by default).', resolve: (m, _, ctx) => (m.chairPersonId ? personLoader(ctx).load(m.chairPersonId) : null) }),
      attendees: t.field({ type: [Person], description: 'Everyone recorded as attending: the principals, the deputies and others.', resolve: async (m, _, ctx) => people(ctx, (await meetingAttendeesLoader(ctx).load(m.id)).map((a) => a.personId)) }),
      deputies: t.field({
        type: [MeetingDeputy],
        description: '代表 — who attended in place of a member school’s principal, with the school they stood for (beihai.joint-meeting-attendance counts them for that school).',
        resolve: async (m, _, ctx) => (await meetingAttendeesLoader(ctx).load(m.id)).filter((a) => a.forSchoolCode),
      }),
      tookMajorDecisions: t.boolean({ nullable: true, description: '是否作出重大决策 — whether the meeting took major decisions; null when not recorded (beihai.joint-meeting-attendance fails it).', resolve: (m) => m.tookMajorDecisions }),
      decisions: t.exposeStringList('decisions', { description: '重大决策 — the major decisions taken.' }),
      reportFiledOn: t.field({ type: 'Date', nullable: true, description: '书面汇报 — when the written report of its major decisions reached the city bureau.', resolve: (m) => m.reportFiledOn }),
      hasReportedToBureau: t.boolean({ description: 'Whether the written report to the bureau has been filed.', resolve: (m) => !!m.reportFiledOn }),
    }),
  });

  type OfficeParent = OfficeRow & { group: SchoolGroupRow };
  const rolePosts = (role: string) => async (o: OfficeParent, args: { asOf?: string | null }, ctx: Parameters<typeof postsByGroupLoader>[0] & Parameters<typeof asOfOrToday>[0]) =>
    (await postsByGroupLoader(ctx).load({ id: o.groupId, asOf: asOfOrToday(ctx, args.asOf) })).filter((p) => p.role === role);
  const Office = builder.objectRef<OfficeParent>('BeihaiXuequOffice').implement({
    description: `学区管理办公室 — the 学区's management office, at the lead school: director the lead school's vice-principal in charge, deputies member schools' vice-principals, 2–4 staff from middle-level cadres (${CITE} 五(二)3).`,
    fields: (t) => ({
      establishedOn: t.field({ type: 'Date', description: 'When the office was set up.', resolve: (o) => o.establishedOn }),
      school: t.field({ type: School, nullable: true, description: 'Where it sits: the lead school (学区长学校).', resolve: (o, _, ctx) => (o.group.leadSchoolCode ? schoolLoader(ctx).load(o.group.leadSchoolCode) : null) }),
      director: t.field({ type: Post, nullable: true, description: '主任 — the director on a date (today by default).', args: { asOf: t.arg({ type: 'Date', description: 'The day asked about.' }) }, resolve: async (o, args, ctx) => (await rolePosts(ROLE.OFFICE_DIRECTOR)(o, args, ctx))[0] ?? null }),
      deputyDirectors: t.field({ type: [Post], description: '副主任 — the deputy directors on a date.', args: { asOf: t.arg({ type: 'Date', description: 'The day asked about.' }) }, resolve: (o, args, ctx) => rolePosts(ROLE.OFFICE_DEPUTY)(o, args, ctx) }),
      staff: t.field({ type: [Post], description: '工作人员 — the staff on a date.', args: { asOf: t.arg({ type: 'Date', description: 'The day asked about.' }) }, resolve: (o, args, ctx) => rolePosts(ROLE.OFFICE_STAFF)(o, args, ctx) }),
    }),
  });

  const SubjectGroup = builder.objectRef<SubjectGroupRow>('BeihaiSubjectGroup').implement({
    description: `学科中心教研组 — a subject centre group appointed by the 学区 for two years: 4–6 members, led by a city-level-or-higher famous teacher, subject leader or backbone teacher (${CITE} 五(二)4).`,
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The group’s id.' }),
      xuequ: t.field({ type: SchoolGroup, description: 'The 学区 that appointed it.', resolve: async (g, _, ctx) => (await schoolGroupLoader(ctx).load(g.groupId))! }),
      kind: t.field({ type: SubjectGroupKind, description: 'Subject (primary) or grade (junior).', resolve: (g) => g.kind as never }),
      stage: t.field({ type: Stage, description: 'The stage it serves.', resolve: (g) => (g.kind === 'JUNIOR_GRADE' ? 'JUNIOR' : 'PRIMARY') as never }),
      grade: t.exposeInt('grade', { nullable: true, description: 'For a junior grade group: the grade (7–9).' }),
      subject: t.exposeString('subject', { nullable: true, description: 'The subject, where it is not given by the kind.' }),
      name: t.exposeString('name', { description: 'Its name, e.g. 小学数学学科中心组.' }),
      leader: t.field({ type: Person, description: '组长 — the leader.', resolve: async (g, _, ctx) => (await personLoader(ctx).load(g.leaderPersonId))! }),
      leaderHonour: t.field({ type: TeacherHonour, nullable: true, description: 'The leader’s 名师 or 学科带头人 title, if recorded (the 骨干 level is the person’s `backboneLevel`).', resolve: (g) => g.leaderHonour as never }),
      leaderHonourLevel: t.field({ type: BackboneLevel, nullable: true, description: 'The level that conferred that title (市级 = CITY …).', resolve: (g) => g.leaderHonourLevel as never }),
      members: t.field({ type: [Person], description: '组员 — the members (the leader not included).', resolve: async (g, _, ctx) => people(ctx, await subjectGroupMembersLoader(ctx).load(g.id)) }),
      termStart: t.field({ type: 'Date', description: '聘期开始 — first day of the term.', resolve: (g) => g.termStart }),
      termEnd: t.field({ type: 'Date', description: '聘期结束 — last day of the term.', resolve: (g) => g.termEnd }),
    }),
  });

  const MoralTeam = builder.objectRef<MoralTeamRow>('BeihaiMoralEducationTeam').implement({
    description: `德育工作团队 — the 学区's moral-education team, led by a city-level-or-higher famous or excellent head teacher (${CITE} 五(二)5(3)).`,
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The team’s id.' }),
      leader: t.field({ type: Person, description: '负责人 — the leader.', resolve: async (m, _, ctx) => (await personLoader(ctx).load(m.leaderPersonId))! }),
      leaderHonour: t.field({ type: Honour, description: 'The leader’s head-teacher honour.', resolve: (m) => m.leaderHonour as never }),
      leaderHonourLevel: t.field({ type: BackboneLevel, description: 'The level that conferred it (市级 = CITY …).', resolve: (m) => m.leaderHonourLevel as never }),
      members: t.field({ type: [Person], description: 'The team members.', resolve: async (m, _, ctx) => people(ctx, await moralTeamMembersLoader(ctx).load(m.id)) }),
      establishedOn: t.field({ type: 'Date', description: 'When the team was formed.', resolve: (m) => m.establishedOn }),
    }),
  });

  const Xuequ = builder.node(builder.objectRef<SchoolGroupRow>('BeihaiXuequ'), {
    ...schoolGroupNode(refs, XUEQU_KIND),
    description: `学区 — a Beihai school district: a lead school (学区长学校 / 龙头学校) and 1–3 member schools of the same stage, run as an alliance, a school group or paired assistance (${CITE} 四).`,
    fields: (t) => ({
      form: t.field({ type: XuequForm, description: '组建形式 — how it is formed (ALLIANCE when not recorded: the document’s main form).', resolve: async (g, _, ctx) => ((await profileLoader(ctx).load(g.id))?.form ?? 'ALLIANCE') as never }),
      admissionsZoning: t.field({ type: Zoning, description: '招生划片 — single- or multi-school zoning.', resolve: async (g, _, ctx) => ((await profileLoader(ctx).load(g.id))?.admissionsZoning ?? 'SINGLE_SCHOOL') as never }),
      head: t.field({
        type: Post,
        nullable: true,
        description: '学区长 — head of the school district: the lead school’s principal (五(一)), on a date (today by default).',
        args: { asOf: t.arg({ type: 'Date', description: 'The day asked about.' }) },
        resolve: async (g, args, ctx) => (await postsByGroupLoader(ctx).load({ id: g.id, asOf: asOfOrToday(ctx, args.asOf) })).find((p) => p.role === ROLE.HEAD) ?? null,
      }),
      deputyHeads: t.field({
        type: [Post],
        description: '副学区长 — deputy heads: the other member schools’ principals (五(一)1), on a date.',
        args: { asOf: t.arg({ type: 'Date', description: 'The day asked about.' }) },
        resolve: async (g, args, ctx) => (await postsByGroupLoader(ctx).load({ id: g.id, asOf: asOfOrToday(ctx, args.asOf) })).filter((p) => p.role === ROLE.DEPUTY),
      }),
      jointMeetings: t.field({
        type: [JointMeeting],
        description: '校长联席会议 — its joint meetings, all or those of one school year, oldest first.',
        args: { schoolYear: t.arg({ type: 'SchoolYear', description: 'Only meetings held in this school year.' }) },
        resolve: async (g, args, ctx) => {
          const all = await meetingsByGroupLoader(ctx).load(g.id);
          if (!args.schoolYear) return all;
          const { start, end } = schoolYearRange(parseInput(zSchoolYear, args.schoolYear, 'schoolYear'));
          return all.filter((m) => m.heldOn >= start && m.heldOn <= end);
        },
      }),
      office: t.field({ type: Office, nullable: true, description: '学区管理办公室 — its management office, once set up.', resolve: async (g, _, ctx) => { const o = await officeLoader(ctx).load(g.id); return o ? { ...o, group: g } : null; } }),
      subjectGroups: t.field({ type: [SubjectGroup], description: '学科中心教研组 — its subject centre groups.', resolve: (g, _, ctx) => subjectGroupsByGroupLoader(ctx).load(g.id) }),
      moralEducationTeams: t.field({ type: [MoralTeam], description: '德育工作团队 — its moral-education team(s), oldest first.', resolve: (g, _, ctx) => moralTeamsByGroupLoader(ctx).load(g.id) }),
      workPlan: t.field({
        type: Plan,
        nullable: true,
        description: '学区工作计划 — the work plan of a school year (六(二)), if recorded.',
        args: { schoolYear: t.arg({ type: 'SchoolYear', required: true, description: 'The school year.' }) },
        resolve: async (g, args, ctx) => {
          const year = parseInput(zSchoolYear, args.schoolYear, 'schoolYear');
          return (await plansByGroupLoader(ctx).load(g.id)).find((p) => p.kind === 'WORK_PLAN' && p.schoolYear === year) ?? null;
        },
      }),
    }),
  });

  builder.objectField(School, 'beihaiXuequ', (t) =>
    t.field({
      type: Xuequ,
      nullable: true,
      description: '学区 — the Beihai school district the school belongs to on a date (today by default).',
      args: { asOf: t.arg({ type: 'Date', description: 'The day asked about.' }) },
      resolve: async (s, args, ctx) => (await groupsBySchoolLoader(ctx).load({ id: s.code, asOf: asOfOrToday(ctx, args.asOf) })).find((g) => g.kind === XUEQU_KIND) ?? null,
    }),
  );


  return { Xuequ, XuequForm, Zoning, SubjectGroupKind, Honour, TeacherHonour, JointMeeting, Office, SubjectGroup, MoralTeam };
}

export type BeihaiRefs = ReturnType<typeof addTypes>;
