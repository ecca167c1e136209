/** The Sanming GraphQL types: the 总校 (implementing core's SchoolGroup) and what hangs off it. */
import {
  asOfOrToday,
  canReadPersonalData,
  groupMembersLoader,
  listGroups,
  localityLoader,
  parseInput,
  personLoader,
  postsByGroupLoader,
  postsBySchoolLoader,
  schoolGroupLoader,
  schoolGroupNode,
  schoolLoader,
  schoolPlacementLoader,
  uuidOf,
  zDivisionCode,
  zSchoolYear,
  type GongzhiContext,
  type GroupMemberRow,
  type PersonRow,
  type PluginSchemaApi,
  type PostRow,
  type SchoolGroupRow,
  type SchoolRow,
} from '@gongzhi/core';
import {
  admissionsLoader,
  appointmentLoader,
  appraisalsLoader,
  authorityLoader,
  centresLoader,
  countsOf,
  decisionsLoader,
  evaluationsLoader,
  experimentalClassesLoader,
  flowsLoader,
  KIND,
  payByPersonLoader,
  priorityLoader,
  profileLoader,
  quotasBySchoolLoader,
  ROLE,
  standardsBySchoolLoader,
  statusByPersonLoader,
  twoSchoolTeachersLoader,
  type AdmissionRow,
  type AppraisalRow,
  type CentreRow,
  type DecisionRow,
  type EvaluationRow,
  type ExperimentalClassRow,
  type Flow,
  type PayRecordRow,
  type PayStandardRow,
  type QuotaRow,
  type StaffStatusRow,
  type TwoSchoolTeacher,
} from '../repo.js';

const CITE = '明政办〔2017〕118号';

async function people(ctx: GongzhiContext, ids: string[]): Promise<PersonRow[]> {
  return (await personLoader(ctx).loadMany(ids)).filter((p): p is PersonRow => !!p && !(p instanceof Error));
}
const schoolYearArg = (ctx: GongzhiContext, v: string) => parseInput(zSchoolYear, v, 'schoolYear');

export function addTypes({ builder, refs }: PluginSchemaApi) {
  const { SchoolGroup, Post, Person, School, Locality, Stage } = refs;
  const e = <V extends Record<string, { description: string }>>(name: string, description: string, values: V) => builder.enumType(name, { description, values });

  const Level = e('SanmingZongxiaoLevel', `总校层级 — who formed the 总校 (${CITE} 五).`, {
    CITY: { description: '市级总校 — formed at the city level (2017, 五(一)).' },
    DISTRICT: { description: '区级总校 — formed by a district among its own schools (from 2018, 五(二)).' },
    COUNTY: { description: '县级总校 — formed by a county following the city (from 2018, 五(三)).' },
  });
  const LegalPersons = e('SanmingLegalPersons', `法人 — one legal person or several (${CITE} 三(三) 总校实行一个法人，也可以多个法人).`, {
    ONE: { description: '一个法人 — the 总校 is one legal person.' },
    SEVERAL: { description: '多个法人 — member schools keep their own legal persons.' },
  });
  const Authority = e('SanmingAuthority', `隶属 — the authority a school belongs to (${CITE} 三(三) 成员学校隶属教育行政部门).`, {
    CITY: { description: '市属 — run by the city (三明市教育局).' },
    DISTRICT: { description: '区属 — run by its district (梅列区, 三元区 …).' },
    UNKNOWN: { description: '不详 — not known: the document does not say, and it is not guessed.' },
  });
  const DecisionKind = e('SanmingDecisionKind', `重要决策 — a major decision over a member school (${CITE} 三(三) 人事调配、经费安排等重要决策).`, {
    PERSONNEL: { description: '人事调配 — personnel deployment (an appointment at the member).' },
    FUNDING: { description: '经费安排 — funding.' },
    OTHER_MAJOR: { description: '其他重要决策 — another major decision (等).' },
  });
  const CentreKind = e('SanmingCentreKind', `总校的中心 (${CITE} 四(二)1–2, 四(一)4).`, {
    HR: { description: '教师资源管理中心(处) — HR centre: manages and co-ordinates teacher deployment (四(二)1).' },
    FINANCE: { description: '财务核算中心 — finance accounting centre: one accounting for all schools (四(二)2).' },
    TEACHER_DEVELOPMENT: { description: '教师发展中心 — teacher-development centre: teaching research and guidance (四(一)4).' },
  });
  const PayComponent = e('SanmingPayComponent', `待遇项目 — a component of staff pay (${CITE} 四(三)3).`, {
    BASIC_SALARY: { description: '基本工资 — basic salary.' },
    PERFORMANCE_PAY: { description: '绩效工资 — performance pay.' },
    YEAR_END_PERFORMANCE_PAY: { description: '年终追加绩效工资 — additional year-end performance pay.' },
    CIVILISED_UNIT_BONUS: { description: '文明单位奖金 — civilised-unit bonus.' },
    PUBLIC_SECURITY_AWARD: { description: '综治奖 — comprehensive public-security award.' },
    CIVILISED_CITY_AWARD: { description: '创城奖 — civilised-city award.' },
    OTHER: { description: '其他 — another component (the list ends with 等); its name is required.' },
  });
  const StaffStatus = e('SanmingStaffStatusKind', `身份 — a staff member's status (${CITE} 四(三)1 原有人员的身份保持不变).`, {
    IN_ESTABLISHMENT: { description: '在编 — in the establishment (编制) of a school.' },
    CONTRACT: { description: '合同制 — on contract.' },
    OTHER: { description: '其他 — another status.' },
  });
  const AdmissionMethod = e('SanmingAdmissionMethod', `招生方式 — how a compulsory member admits pupils (${CITE} 四(一)6).`, {
    CATCHMENT: { description: '划片就近 — by catchment, near home (primary).' },
    FEEDER: { description: '划片对口 — by catchment with fixed feeder primary schools (junior).' },
    SELECTIVE: { description: '择优 / 考试 — by selection or examination (not allowed in compulsory education).' },
  });
  const FlowDirection = e('SanmingFlowDirection', `流动方向 (${CITE} 四(一)3).`, {
    OUT: { description: '总校派出 — from the lead to the member.' },
    BACK: { description: '成员学校派出 — from the member to the lead (相应人员).' },
  });

  const HeadPost = builder.objectRef<PostRow>('SanmingAppointedPost').implement({
    description: `总校长 or 执行校长 post with the body that appointed it (${CITE} 四(二)1 统一任命; the text does not say by whom).`,
    fields: (t) => ({
      post: t.field({ type: Post, description: 'The core post (person, school or group, period).', resolve: (p) => p }),
      person: t.field({ type: Person, description: 'Who holds it.', resolve: async (p, _, ctx) => (await personLoader(ctx).load(p.personId))! }),
      appointedBy: t.string({ nullable: true, description: '任命机关 — who appointed them; null when the post was not recorded through the Sanming appointment (sanming.executive-principal fails it).', resolve: async (p, _, ctx) => (await appointmentLoader(ctx).load(p.id))?.appointedBy ?? null }),
      documentRef: t.string({ nullable: true, description: '任命文件 — the appointing document, if recorded.', resolve: async (p, _, ctx) => (await appointmentLoader(ctx).load(p.id))?.documentRef ?? null }),
      validFrom: t.field({ type: 'Date', description: 'First day in post.', resolve: (p) => p.validFrom }),
      validTo: t.field({ type: 'Date', nullable: true, description: 'Last day in post; null while held.', resolve: (p) => p.validTo }),
    }),
  });

  type MemberParent = GroupMemberRow & { group: SchoolGroupRow; asOf: string };
  const Member = builder.objectRef<MemberParent>('SanmingMember').implement({
    description: `成员学校 — a school of a 总校 on a date, with its place then, its authority and its 执行校长 (${CITE} 三).`,
    fields: (t) => ({
      school: t.field({ type: School, description: 'The school.', resolve: async (m, _, ctx) => (await schoolLoader(ctx).load(m.schoolCode))! }),
      isLead: t.boolean({ description: '总校 (牵头学校) — whether this is the lead school the 总校长 runs.', resolve: (m) => m.group.leadSchoolCode === m.schoolCode }),
      county: t.field({
        type: Locality,
        description: 'The district or county the school was in on the date asked (dated locality history: 梅列区 before the 2021 merger, 三元区 after).',
        resolve: async (m, _, ctx) => {
          // Both loads at once, so every member's county is asked for at the same level (one batch).
          const [past, school] = await Promise.all([schoolPlacementLoader(ctx).load({ schoolCode: m.schoolCode, asOf: m.asOf }), schoolLoader(ctx).load(m.schoolCode)]);
          return (await localityLoader(ctx).load(past?.countyCode ?? school!.countyCode))!;
        },
      }),
      authority: t.field({ type: Authority, description: '隶属 — 市属, 区属, or UNKNOWN where the document does not say.', resolve: (m, _, ctx) => authorityLoader(ctx).load(m.schoolCode) as never }),
      executivePrincipal: t.field({
        type: HeadPost,
        nullable: true,
        description: '执行校长 — the member’s executive principal on the date; null for the lead and where none is appointed.',
        resolve: async (m, _, ctx) => (m.group.leadSchoolCode === m.schoolCode ? null : ((await postsBySchoolLoader(ctx).load({ id: m.schoolCode, asOf: m.asOf })).find((p) => p.role === ROLE.EXECUTIVE_PRINCIPAL) ?? null)),
      }),
      validFrom: t.field({ type: 'Date', description: 'First day as a member.', resolve: (m) => m.validFrom }),
      validTo: t.field({ type: 'Date', nullable: true, description: 'Last day as a member; null while it is one.', resolve: (m) => m.validTo }),
    }),
  });

  const Decision = builder.objectRef<DecisionRow>('SanmingDecision').implement({
    description: `重要决策 — a decision of the 总校长 over a member, with the consultation of the member's own bureau and the agreement reached (${CITE} 三(三)).`,
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The decision’s id.' }),
      school: t.field({ type: School, description: 'The member school it concerns.', resolve: async (d, _, ctx) => (await schoolLoader(ctx).load(d.schoolCode))! }),
      kind: t.field({ type: DecisionKind, description: 'Personnel, funding or another major decision.', resolve: (d) => d.kind as never }),
      subject: t.exposeString('subject', { description: 'What was decided.' }),
      decidedOn: t.field({ type: 'Date', description: 'The day it was decided.', resolve: (d) => d.decidedOn }),
      person: t.field({ type: Person, nullable: true, description: 'For a personnel decision: the person it concerns.', resolve: (d, _, ctx) => (d.personId ? personLoader(ctx).load(d.personId) : null) }),
      consultedBureau: t.field({ type: Locality, nullable: true, description: '征求意见 — the bureau consulted; null when none was.', resolve: (d, _, ctx) => (d.consultedBureauCode ? localityLoader(ctx).load(d.consultedBureauCode) : null) }),
      consultedOn: t.field({ type: 'Date', nullable: true, description: 'When it was consulted.', resolve: (d) => d.consultedOn }),
      agreementReached: t.boolean({ nullable: true, description: '达成共识 — whether agreement was reached; null when not recorded.', resolve: (d) => d.agreementReached }),
      agreement: t.string({ nullable: true, description: 'The agreement reached (its document or minutes).', resolve: (d) => d.agreement }),
    }),
  });

  const Centre = builder.objectRef<CentreRow>('SanmingCentre').implement({
    description: `A centre of the 总校: HR, finance accounting or teacher development (${CITE} 四(二)1–2, 四(一)4).`,
    fields: (t) => ({
      kind: t.field({ type: CentreKind, description: 'Which centre.', resolve: (c) => c.kind as never }),
      name: t.exposeString('name', { description: 'Its name.' }),
      establishedOn: t.field({ type: 'Date', description: 'When it was set up.', resolve: (c) => c.establishedOn }),
      closedOn: t.field({ type: 'Date', nullable: true, description: 'When it closed; null while open.', resolve: (c) => c.closedOn }),
    }),
  });

  const Appraisal = builder.objectRef<AppraisalRow>('SanmingBundledAppraisal').implement({
    description: `捆绑考核 — a school year's bundled appraisal of the 总校's schools (${CITE} 四(一)1).`,
    fields: (t) => ({
      schoolYear: t.field({ type: 'SchoolYear', description: 'The school year appraised.', resolve: (a) => a.schoolYear }),
      method: t.exposeString('method', { description: 'How the schools were appraised together.' }),
      schools: t.field({ type: [School], description: 'The schools it covered.', resolve: async (a, _, ctx) => (await schoolLoader(ctx).loadMany(a.schoolCodes)).filter((s): s is SchoolRow => !!s && !(s instanceof Error)) }),
      completedOn: t.field({ type: 'Date', description: 'When it was completed.', resolve: (a) => a.completedOn }),
    }),
  });

  type FlowParent = Flow & { schoolYear: string };
  const FlowRef = builder.objectRef<FlowParent>('SanmingBackboneFlow').implement({
    description: `骨干教师流动 — the people of one school serving at the other in a school year (${CITE} 四(一)3): a post there during an exchange that overlaps the year. People, not dispatch events.`,
    fields: (t) => ({
      school: t.field({ type: School, description: 'The member school (not the lead) the flow is about.', resolve: async (f, _, ctx) => (await schoolLoader(ctx).load(f.memberSchoolCode))! }),
      direction: t.field({ type: FlowDirection, description: 'Lead → member (OUT) or member → lead (BACK).', resolve: (f) => f.direction }),
      schoolYear: t.field({ type: 'SchoolYear', description: 'The school year counted.', resolve: (f) => f.schoolYear }),
      schoolLeaders: t.int({ description: '校级领导 — school-level leaders serving (principal, party secretary, vice-principal, 执行校长).', resolve: (f) => countsOf(f).SCHOOL_LEADER }),
      middleLeaders: t.int({ description: '中层领导 — middle-level leaders serving.', resolve: (f) => countsOf(f).MIDDLE_LEADER }),
      backboneTeachers: t.int({ description: '市级骨干教师 — city-level-or-higher backbone teachers teaching (level as when the exchange began).', resolve: (f) => countsOf(f).BACKBONE_TEACHER }),
      people: t.field({ type: [Person], description: 'Everyone counted, each once.', resolve: (f, _, ctx) => people(ctx, f.people.map((p) => p.personId)) }),
    }),
  });

  const ExperimentalClass = builder.objectRef<ExperimentalClassRow>('SanmingExperimentalClass').implement({
    description: `初中实验班 — a junior experimental class run jointly by junior and senior, with 双导师 (${CITE} 四(一)5).`,
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The class’s id.' }),
      name: t.exposeString('name', { description: 'Its name.' }),
      school: t.field({ type: School, description: 'The junior school where it is.', resolve: async (c, _, ctx) => (await schoolLoader(ctx).load(c.schoolCode))! }),
      schoolYear: t.field({ type: 'SchoolYear', description: 'The school year.', resolve: (c) => c.schoolYear }),
      juniorMentor: t.field({ type: Person, nullable: true, description: '初中导师 — the junior mentor.', resolve: (c, _, ctx) => (c.juniorMentorPersonId ? personLoader(ctx).load(c.juniorMentorPersonId) : null) }),
      seniorMentor: t.field({ type: Person, nullable: true, description: '高中导师 — the senior mentor.', resolve: (c, _, ctx) => (c.seniorMentorPersonId ? personLoader(ctx).load(c.seniorMentorPersonId) : null) }),
    }),
  });

  const Admission = builder.objectRef<AdmissionRow>('SanmingAdmissionPolicy').implement({
    description: `招生入学 — how a compulsory member admits pupils in a school year (${CITE} 四(一)6 免试就近; 小学划片就近、初中划片对口).`,
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The record’s id.' }),
      school: t.field({ type: School, description: 'The member school.', resolve: async (a, _, ctx) => (await schoolLoader(ctx).load(a.schoolCode))! }),
      schoolYear: t.field({ type: 'SchoolYear', description: 'The school year of admission.', resolve: (a) => a.schoolYear }),
      stage: t.field({ type: Stage, description: 'PRIMARY or JUNIOR.', resolve: (a) => a.stage as never }),
      isExamFree: t.exposeBoolean('isExamFree', { description: '免试 — admission without an examination.' }),
      method: t.field({ type: AdmissionMethod, description: 'Catchment, feeder pairing or selection.', resolve: (a) => a.method as never }),
      catchment: t.string({ nullable: true, description: '划片范围 — the catchment, as published.', resolve: (a) => a.catchment }),
      feederSchools: t.field({ type: [School], description: '对口小学 — the fixed feeder primary schools of a junior school.', resolve: async (a, _, ctx) => (await schoolLoader(ctx).loadMany(a.feederSchoolCodes)).filter((s): s is SchoolRow => !!s && !(s instanceof Error)) }),
    }),
  });

  const Evaluation = builder.objectRef<EvaluationRow>('SanmingEvaluation').implement({
    description: `第三方评估 — a third-party performance evaluation, with satisfaction rates (${CITE} 四(一)7).`,
    fields: (t) => ({
      schoolYear: t.field({ type: 'SchoolYear', description: 'The school year evaluated.', resolve: (v) => v.schoolYear }),
      agency: t.exposeString('agency', { description: '第三方评估机构 — the agency.' }),
      completedOn: t.field({ type: 'Date', description: 'When it was completed.', resolve: (v) => v.completedOn }),
      pupilSatisfaction: t.float({ nullable: true, description: '学生满意度 — pupils’ satisfaction, percent.', resolve: (v) => v.pupilSatisfaction }),
      parentSatisfaction: t.float({ nullable: true, description: '家长满意度 — parents’ satisfaction, percent.', resolve: (v) => v.parentSatisfaction }),
      communitySatisfaction: t.float({ nullable: true, description: '社区老百姓满意度 — the community’s satisfaction, percent.', resolve: (v) => v.communitySatisfaction }),
      reportRef: t.string({ nullable: true, description: 'The evaluation report’s reference.', resolve: (v) => v.reportRef }),
    }),
  });

  const TwoSchoolTeacher = builder.objectRef<TwoSchoolTeacher & { listed: boolean }>('SanmingTwoSchoolTeacher').implement({
    description: `两校任教经历 — a teacher who taught at two schools of the 总校, to be considered first for title promotion (${CITE} 六(三)).`,
    fields: (t) => ({
      person: t.field({ type: Person, description: 'The teacher.', resolve: async (x, _, ctx) => (await personLoader(ctx).load(x.personId))! }),
      schools: t.field({ type: [School], description: 'The schools of the 总校 where they taught.', resolve: async (x, _, ctx) => (await schoolLoader(ctx).loadMany(x.schoolCodes)).filter((s): s is SchoolRow => !!s && !(s instanceof Error)) }),
      isListed: t.boolean({ description: 'Whether the 总校 listed them for priority in the year.', resolve: (x) => x.listed }),
    }),
  });

  const Zongxiao = builder.objectRef<SchoolGroupRow>('SanmingZongxiao');
  builder.node(Zongxiao, {
    ...schoolGroupNode(refs, KIND),
    description: `总校 — a Sanming general school: one 总校长 over a lead school and member schools, 一对一 or 一对多, of one stage or several; people, money and property managed as one (${CITE} 三(二)(三)).`,
    fields: (t) => ({
      level: t.field({ type: Level, nullable: true, description: '总校层级 — city, district or county level; null when formed without the Sanming profile.', resolve: async (g, _, ctx) => ((await profileLoader(ctx).load(g.id))?.level ?? null) as never }),
      legalPersons: t.field({ type: LegalPersons, nullable: true, description: '一个法人 / 多个法人.', resolve: async (g, _, ctx) => ((await profileLoader(ctx).load(g.id))?.legalPersons ?? null) as never }),
      memberSchools: t.field({
        type: [Member],
        description: 'The schools on a date (today by default), the lead first, each with its place then, its authority and its 执行校长.',
        args: { asOf: t.arg({ type: 'Date', description: 'The day asked about; today when omitted. A school of a district merged since shows under that district for an earlier date.' }) },
        resolve: async (g, args, ctx) => {
          const asOf = asOfOrToday(ctx, args.asOf);
          const rows = await groupMembersLoader(ctx).load({ id: g.id, asOf });
          return rows.map((m) => ({ ...m, group: g, asOf })).sort((a, b) => Number(b.schoolCode === g.leadSchoolCode) - Number(a.schoolCode === g.leadSchoolCode) || a.schoolCode.localeCompare(b.schoolCode));
        },
      }),
      generalPrincipal: t.field({
        type: HeadPost,
        nullable: true,
        description: '总校长 — the general principal on a date (总校长负责制, 三(三)); null when none.',
        args: { asOf: t.arg({ type: 'Date', description: 'The day asked about; today when omitted.' }) },
        resolve: async (g, args, ctx) => (await postsByGroupLoader(ctx).load({ id: g.id, asOf: asOfOrToday(ctx, args.asOf) })).find((p) => p.role === ROLE.GENERAL_PRINCIPAL) ?? null,
      }),
      decisions: t.field({ type: [Decision], description: '重要决策 over members, oldest first, each with its consultation.', resolve: (g, _, ctx) => decisionsLoader(ctx).load(g.id) }),
      centres: t.field({ type: [Centre], description: 'HR, finance accounting and teacher-development centres.', resolve: (g, _, ctx) => centresLoader(ctx).load(g.id) }),
      bundledAppraisals: t.field({ type: [Appraisal], description: '捆绑考核, by school year.', resolve: (g, _, ctx) => appraisalsLoader(ctx).load(g.id) }),
      flows: t.field({
        type: [FlowRef],
        description: '骨干教师流动 — per member, the people serving at the other school in a school year, both directions.',
        args: { schoolYear: t.arg({ type: 'SchoolYear', required: true, description: 'The school year counted.' }) },
        resolve: async (g, args, ctx) => {
          const schoolYear = schoolYearArg(ctx, args.schoolYear);
          return (await flowsLoader(ctx).load({ groupId: g.id, schoolYear })).map((f) => ({ ...f, schoolYear }));
        },
      }),
      experimentalClasses: t.field({ type: [ExperimentalClass], description: '初中实验班, by school year.', resolve: (g, _, ctx) => experimentalClassesLoader(ctx).load(g.id) }),
      admissionPolicies: t.field({ type: [Admission], description: '招生入学 records of the members, by school year.', resolve: (g, _, ctx) => admissionsLoader(ctx).load(g.id) }),
      evaluations: t.field({ type: [Evaluation], description: '第三方评估, oldest first.', resolve: (g, _, ctx) => evaluationsLoader(ctx).load(g.id) }),
      twoSchoolTeachers: t.field({
        type: [TwoSchoolTeacher],
        description: '两校任教经历 — teachers who taught at two of its schools by the end of a school year, and whether they are listed for title-promotion priority that year.',
        args: { schoolYear: t.arg({ type: 'SchoolYear', required: true, description: 'The school year.' }) },
        resolve: async (g, args, ctx) => {
          const schoolYear = schoolYearArg(ctx, args.schoolYear);
          const listed = (await priorityLoader(ctx).load(g.id)).filter((e) => e.schoolYear === schoolYear).map((e) => e.personId);
          return (await twoSchoolTeachersLoader(ctx).load({ groupId: g.id, schoolYear })).map((x) => ({ ...x, listed: listed.includes(x.personId) }));
        },
      }),
    }),
  });

  // Pay is personal (PIPL): amounts only with the pii scope for the person's locality, each read audited.
  type PayParent = PayRecordRow & { localityCode: string };
  const PayRecord = builder.objectRef<PayParent>('SanmingPayRecord').implement({
    description: `待遇 — one component of a staff member's pay from a date (${CITE} 四(三)3). Personal: the amount needs the \`pii\` scope.`,
    fields: (t) => ({
      component: t.field({ type: PayComponent, description: 'Which component.', resolve: (r) => r.component as never }),
      label: t.string({ nullable: true, description: 'The name of an OTHER component.', resolve: (r) => r.label }),
      school: t.field({ type: School, description: 'The school that pays it.', resolve: async (r, _, ctx) => (await schoolLoader(ctx).load(r.schoolCode))! }),
      // @inaccessible as core's personal fields: no router or contract reaches a pay amount.
      amountFen: t.field({
        inaccessible: true,
        type: 'Fen',
        nullable: true,
        description: 'The amount in fen — personal: null without the `pii` scope for the person’s locality; each read is audited.',
        resolve: (r, _, ctx) => {
          if (!canReadPersonalData(ctx.principal, r.localityCode)) return null;
          ctx.personalDataReads.push({ entity: 'SanmingPayRecord', key: r.id, field: 'amountFen', localityCode: r.localityCode });
          return r.amountFen;
        },
      }),
      validFrom: t.field({ type: 'Date', description: 'First day of this amount.', resolve: (r) => r.validFrom }),
    }),
  });
  const PayStandard = builder.objectRef<PayStandardRow>('SanmingPayStandard').implement({
    description: `待遇标准 — a school's standard for one pay component from a date (${CITE} 四(三)3 就高不就低).`,
    fields: (t) => ({
      component: t.field({ type: PayComponent, description: 'Which component.', resolve: (r) => r.component as never }),
      label: t.string({ nullable: true, description: 'The name of an OTHER component.', resolve: (r) => r.label }),
      amountFen: t.expose('amountFen', { type: 'Fen', description: 'The standard in fen (a school’s, not a person’s).' }),
      validFrom: t.field({ type: 'Date', description: 'First day of this standard.', resolve: (r) => r.validFrom }),
    }),
  });
  const StaffStatusRef = builder.objectRef<StaffStatusRow>('SanmingStaffStatus').implement({
    description: `身份与编制 — a staff member's status and establishment school from a date (${CITE} 四(三)1).`,
    fields: (t) => ({
      status: t.field({ type: StaffStatus, description: 'In the establishment, on contract, or other.', resolve: (r) => r.status as never }),
      establishmentSchool: t.field({ type: School, nullable: true, description: '编制所在学校 — the school that holds their 编制.', resolve: (r, _, ctx) => (r.establishmentSchoolCode ? schoolLoader(ctx).load(r.establishmentSchoolCode) : null) }),
      validFrom: t.field({ type: 'Date', description: 'First day of this status.', resolve: (r) => r.validFrom }),
    }),
  });
  const Quota = builder.objectRef<QuotaRow>('SanmingLeaderPostQuota').implement({
    description: `领导职数 — a school's approved number of leader posts from a date (${CITE} 六(三)).`,
    fields: (t) => ({
      quota: t.exposeInt('quota', { description: 'The number of leader posts.' }),
      validFrom: t.field({ type: 'Date', description: 'First day of this number.', resolve: (r) => r.validFrom }),
      documentRef: t.string({ nullable: true, description: 'The approving document.', resolve: (r) => r.documentRef }),
    }),
  });

  builder.objectFields(School, (t) => ({
    sanmingAuthority: t.field({ type: Authority, description: '隶属 (Sanming) — 市属, 区属, or UNKNOWN where not recorded.', resolve: (s, _, ctx) => authorityLoader(ctx).load(s.code) as never }),
    sanmingPayStandards: t.field({ type: [PayStandard], description: '待遇标准 (Sanming) — the school’s pay standards, by component, oldest first.', resolve: (s, _, ctx) => standardsBySchoolLoader(ctx).load(s.code) }),
    sanmingLeaderPostQuotas: t.field({ type: [Quota], description: '领导职数 (Sanming) — the school’s leader-post quotas, oldest first.', resolve: (s, _, ctx) => quotasBySchoolLoader(ctx).load(s.code) }),
  }));
  builder.objectFields(Person, (t) => ({
    sanmingPay: t.field({ type: [PayRecord], description: '待遇 (Sanming) — pay by component, oldest first; amounts need the `pii` scope.', resolve: async (p, _, ctx) => (await payByPersonLoader(ctx).load(p.id)).map((r) => ({ ...r, localityCode: p.localityCode })) }),
    sanmingStaffStatus: t.field({ type: [StaffStatusRef], description: '身份与编制 (Sanming) — status and establishment school over time, oldest first.', resolve: (p, _, ctx) => statusByPersonLoader(ctx).load(p.id) }),
  }));

  builder.queryFields((t) => ({
    sanmingZongxiaos: t.field({
      type: [Zongxiao],
      description: '总校 of a locality and the localities inside it, by name (a city has a handful: a plain list).',
      args: {
        localityCode: t.arg({ type: 'DivisionCode', required: true, description: 'The city or district, e.g. 350400 三明市.' }),
        asOf: t.arg({ type: 'Date', description: 'Only 总校 in force on this date; every one not archived when omitted.' }),
      },
      resolve: (_, args, ctx) => listGroups(ctx.db, { localityCode: parseInput(zDivisionCode, args.localityCode, 'localityCode'), kind: KIND, asOf: args.asOf ? asOfOrToday(ctx, args.asOf) : null }),
    }),
    sanmingZongxiao: t.field({
      type: Zongxiao,
      nullable: true,
      description: '总校 — one by id; null when there is none.',
      args: { id: t.arg.id({ required: true, description: 'The 总校’s Relay global ID or its UUID (`groupId`).' }) },
      resolve: async (_, { id }, ctx) => {
        const uuid = uuidOf(String(id));
        const g = uuid ? await schoolGroupLoader(ctx).load(uuid) : null;
        return g && g.kind === KIND ? g : null;
      },
    }),
  }));

  return { Zongxiao, Decision, Centre, Appraisal, ExperimentalClass, Admission, Evaluation, PayRecord, PayStandard, StaffStatusRef, Quota, HeadPost, Level, LegalPersons, Authority, DecisionKind, CentreKind, PayComponent, StaffStatus, AdmissionMethod };
}

export type SanmingRefs = ReturnType<typeof addTypes>;
