/** The Weicheng GraphQL types: the 学区 (implementing core's SchoolGroup) and what hangs off it. */
import {
  asOfOrToday,
  groupMembersLoader,
  groupsBySchoolLoader,
  inForceOnDate,
  listGroups,
  localised,
  personLoader,
  plansByGroupLoader,
  postsByGroupLoader,
  schoolGroupLoader,
  schoolGroupNode,
  schoolLoader,
  schoolYearRange,
  uuidOf,
  zDate,
  zDivisionCode,
  zSchoolYear,
  type GongzhiContext,
  type PlanRow,
  type PluginSchemaApi,
  type SchoolGroupRow,
  type SchoolRow,
} from '@gongzhi/core';
import { z } from 'zod';
import {
  ALIAS_KINDS,
  DOC,
  HIRING_ROUTES,
  MAJOR_MATTER_KINDS,
  PAIRINGS,
  PARTICIPATION_STAGES,
  PARTY_ORGANISATION_KINDS,
  PLAN_ELEMENT_KEYS,
  PLAN_ELEMENTS,
  PROJECT_CATEGORIES,
  ROLE,
  XUEQU_KIND,
  XUEQU_TYPE,
  type PlanElement,
} from '../domain.js';
import { BUNDLE_METHOD, bundleRating, type Bundle } from '../bundle.js';
import {
  aliasesLoader,
  decisionsLoader,
  festivalsLoader,
  participationsLoader,
  partyBrandsLoader,
  partyOrganisationsLoader,
  placementByPostLoader,
  placementsBySchoolLoader,
  planElementsLoader,
  profileLoader,
  projectsLoader,
  ranksLoader,
  ratingsLoader,
  type Placement,
} from '../loaders.js';
import { standingDocument, xuequIdsNamed, type AliasRow, type DecisionRow, type FestivalRow, type ParticipationRow, type PartyBrandRow, type PartyOrganisationRow, type PlacementRow, type ProjectRow, type RankRow, type RatingRow } from '../repo.js';

const AS_OF = 'The day asked about; today when omitted.';
type Titled = Record<string, { zh: string; en: string }>;
/** Enum values from the report's closed lists: the Chinese term leads, as the user knows it. */
const values = (o: Titled) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { description: `${v.zh} — ${v.en}.` }]));
const members = async (ctx: GongzhiContext, g: SchoolGroupRow, asOf: string) => (await groupMembersLoader(ctx).load({ id: g.id, asOf })).map((m) => m.schoolCode);
const schools = async (ctx: GongzhiContext, codes: string[]) => (await schoolLoader(ctx).loadMany(codes)).filter((s): s is SchoolRow => !!s && !(s instanceof Error));

export interface DevelopmentPlanParent {
  plan: PlanRow;
}
export interface BundleParent extends Bundle {
  on: string;
}

export function addTypes({ builder, refs }: PluginSchemaApi) {
  const { SchoolGroup, Post, Person, School, Plan } = refs;

  const PartyOrganisationKind = builder.enumType('WeichengPartyOrganisationKind', { description: `学区党组织形式 — the form of a 学区's party organisation (${DOC} 一(二)3 设置学区党委或党总支).`, values: values(PARTY_ORGANISATION_KINDS) });
  const MajorMatterKind = builder.enumType('WeichengMajorMatterKind', {
    description: `重大事项 — the four kinds of major matter in whose decision the 学区 party organisation takes part throughout (${DOC} 一(二)3; the catalogue calls them 三重一大, a word the report does not use).`,
    values: values(MAJOR_MATTER_KINDS),
  });
  const ParticipationStage = builder.enumType('WeichengParticipationStage', {
    description: '全程参与 — a stage of a decision the party organisation takes part in. weicheng.major-decision-participation requires DELIBERATION (on or before the decision day) and DECISION (on the decision day); IMPLEMENTATION (on or after it) may be added.',
    values: values(PARTICIPATION_STAGES),
  });
  const PlanElementEnum = builder.enumType('WeichengPlanElement', { description: `发展规划要素 — the six elements a 学区's mid/long-term development plan covers (${DOC} 一(二)1(3), 二(三)).`, values: values(PLAN_ELEMENTS) });
  const ProjectCategory = builder.enumType('WeichengProjectCategory', {
    description: `实验项目类别 — the categories of experimental project the 学区 lead (${DOC} 一(二)2). The report announces eight categories (八大类) but names seven; OTHER stands for the eighth.`,
    values: values(PROJECT_CATEGORIES),
  });
  const Pairing = builder.enumType('WeichengPairing', { description: `“1+N”模式 — how the lead brings on the 学区's other schools (${DOC} 二(一)).`, values: values(PAIRINGS) });
  const HiringRoute = builder.enumType('WeichengHiringRoute', { description: `新教师补充方式 — how the district recruits the teachers it places (${DOC} 一(二)4(3)).`, values: values(HIRING_ROUTES) });
  const AliasKind = builder.enumType('WeichengAliasKind', { description: 'What kind of other name a 学区 has.', values: values(ALIAS_KINDS) });

  const Alias = builder.objectRef<AliasRow>('WeichengXuequAlias').implement({
    description: '别名 — another name of a 学区 that search finds: the source’s traditional spelling, or a short name the report uses.',
    fields: (t) => ({
      alias: t.exposeString('alias', { description: 'The other name, e.g. 濰坊外國語學校學區 or 外国语学校学区.' }),
      kind: t.field({ type: AliasKind, description: 'Where the name comes from.', resolve: (a) => a.kind as never }),
    }),
  });

  const PartyOrganisation = builder.objectRef<PartyOrganisationRow>('WeichengPartyOrganisation').implement({
    description: `学区党委 / 学区党总支 — the party organisation of a 学区, under whose leadership it works; it takes part throughout in its major decisions (${DOC} 一(二)3). Dated: a new one ends the one before.`,
    fields: (t) => ({
      organisationId: t.exposeID('id', { description: 'The organisation record’s UUID.' }),
      kind: t.field({ type: PartyOrganisationKind, description: '党委 or 党总支.', resolve: (o) => o.kind as never }),
      name: t.exposeString('name', { description: 'Its name, e.g. 中共潍坊外国语学校学区委员会.' }),
      approvalRef: t.exposeString('approvalRef', { nullable: true, description: '批复文件 — the approval that set it up, if recorded.' }),
      secretary: t.field({
        type: Post,
        nullable: true,
        description: '书记 — its secretary on a date: the PARTY_SECRETARY post at the 学区.',
        args: { asOf: t.arg({ type: 'Date', validate: zDate, description: AS_OF }) },
        resolve: async (o, args, ctx) => (await postsByGroupLoader(ctx).load({ id: o.groupId, asOf: asOfOrToday(ctx, args.asOf) })).find((p) => p.role === 'PARTY_SECRETARY') ?? null,
      }),
      validFrom: t.field({ type: 'Date', description: 'First day (成立).', resolve: (o) => o.validFrom }),
      validTo: t.field({ type: 'Date', nullable: true, description: 'Last day; null while it stands.', resolve: (o) => o.validTo }),
      isSample: t.exposeBoolean('isSample', { description: 'Sample data: the report says each 学区 has a 党委 or 党总支 but not which, nor their names.' }),
    }),
  });

  const PartyBrand = builder.objectRef<PartyBrandRow>('WeichengPartyBrand').implement({
    description: `党建品牌 — a 学区's party-building brand (一学区一品牌, ${DOC} 一(二)3(2)), e.g. 实验小学学区 红色长廊. Dated: a new one ends the one before, and a past year keeps its brand.`,
    fields: (t) => ({
      name: t.exposeString('name', { description: 'The brand as the report names it, e.g. 红色长廊.' }),
      description: t.exposeString('description', { nullable: true, description: 'What it is, if recorded.' }),
      validFrom: t.field({ type: 'Date', description: 'First day.', resolve: (b) => b.validFrom }),
      validTo: t.field({ type: 'Date', nullable: true, description: 'Last day; null while it stands.', resolve: (b) => b.validTo }),
    }),
  });

  const Participation = builder.objectRef<ParticipationRow>('WeichengPartyParticipation').implement({
    description: '党组织参与 — the 学区 party organisation’s part in one stage of a decision, with the record that shows it.',
    fields: (t) => ({
      stage: t.field({ type: ParticipationStage, description: 'The stage.', resolve: (p) => p.stage as never }),
      heldOn: t.field({ type: 'Date', description: 'The day it took part.', resolve: (p) => p.heldOn }),
      recordRef: t.exposeString('recordRef', { description: '会议纪要 — the minutes or record that shows it.' }),
    }),
  });

  const Decision = builder.objectRef<DecisionRow>('WeichengMajorDecision').implement({
    description: `重大事项决策 — a decision of one of the four major kinds, with the party organisation's participation throughout (${DOC} 一(二)3; weicheng.major-decision-participation).`,
    fields: (t) => ({
      decisionId: t.exposeID('id', { description: 'The decision’s UUID.' }),
      xuequ: t.field({ type: SchoolGroup, description: 'The 学区 that decided.', resolve: async (d, _, ctx) => (await schoolGroupLoader(ctx).load(d.groupId))! }),
      kind: t.field({ type: MajorMatterKind, description: 'Which of the four kinds.', resolve: (d) => d.kind as never }),
      title: t.exposeString('title', { description: 'What was decided.' }),
      decidedOn: t.field({ type: 'Date', description: 'The decision day.', resolve: (d) => d.decidedOn }),
      amountFen: t.field({ type: 'Fen', nullable: true, description: 'For an investment or a spending: the sum, in fen (1 yuan = 100 fen).', resolve: (d) => d.amountFen }),
      participations: t.field({ type: [Participation], description: 'The party organisation’s participations, by day.', resolve: (d, _, ctx) => participationsLoader(ctx).load(d.id) }),
      isSample: t.exposeBoolean('isSample', { description: 'Sample data, not a real decision.' }),
    }),
  });

  const PlanElementEntry = builder.objectRef<{ element: string; content: string }>('WeichengPlanElementEntry').implement({
    description: 'What a development plan says on one of the six elements.',
    fields: (t) => ({
      element: t.field({ type: PlanElementEnum, description: 'The element.', resolve: (e) => e.element as never }),
      content: t.exposeString('content', { description: 'What the plan says on it.' }),
    }),
  });

  const DevelopmentPlan = builder.objectRef<DevelopmentPlanParent>('WeichengDevelopmentPlan').implement({
    description: `中长期发展规划 — a 学区's mid/long-term development plan and what it says on each of the six elements (${DOC} 一(二)1(3), 二(三)). The document itself is a core Plan (kind DEVELOPMENT_PLAN).`,
    fields: (t) => ({
      plan: t.field({ type: Plan, description: 'The plan document: title, period, filing.', resolve: (p) => p.plan }),
      elements: t.field({ type: [PlanElementEntry], description: 'The elements it covers, in the report’s order.', resolve: async (p, _, ctx) => sortElements(await planElementsLoader(ctx).load(p.plan.id)) }),
      missingElements: t.field({
        type: [PlanElementEnum],
        description: 'The elements it leaves out (weicheng.charter-and-plan fails the 学区 while any is missing).',
        resolve: async (p, _, ctx) => {
          const have = (await planElementsLoader(ctx).load(p.plan.id)).filter((e) => e.content.trim()).map((e) => e.element);
          return PLAN_ELEMENT_KEYS.filter((k) => !have.includes(k)) as never;
        },
      }),
    }),
  });

  const Project = builder.objectRef<ProjectRow>('WeichengExperimentalProject').implement({
    description: `实验项目 — an experimental project a 学区 leads, to drive teaching research, training and brand building across its schools (${DOC} 一(二)2).`,
    fields: (t) => ({
      projectId: t.exposeID('id', { description: 'The project’s UUID.' }),
      category: t.field({ type: ProjectCategory, description: 'Its category.', resolve: (p) => p.category as never }),
      name: t.exposeString('name', { description: 'Its name.' }),
      validFrom: t.field({ type: 'Date', description: 'First day.', resolve: (p) => p.validFrom }),
      validTo: t.field({ type: 'Date', nullable: true, description: 'Last day; null while it runs.', resolve: (p) => p.validTo }),
    }),
  });

  const Festival = builder.objectRef<FestivalRow>('WeichengFestival').implement({
    description: `学区节日 — a festival a 学区 holds jointly for its schools: the report's 四大节 are one per 学区 (潍坊五中学区 科技创新节, 利昌学区 体育节, 实验小学学区 艺术节, 外国语学校学区 中华优秀传统文化节; ${DOC} 一(二)4(7)), not four in every 学区.`,
    fields: (t) => ({
      name: t.exposeString('name', { description: 'The festival as the report names it, e.g. 科技创新节.' }),
      validFrom: t.field({ type: 'Date', description: 'Since when the 学区 holds it.', resolve: (f) => f.validFrom }),
      validTo: t.field({ type: 'Date', nullable: true, description: 'Last day; null while it is held.', resolve: (f) => f.validTo }),
    }),
  });

  const Rank = builder.objectRef<RankRow>('WeichengPrincipalRank').implement({
    description: `校长职级 — a principal's rank under the district's 校长职级制 (${DOC} 一(二)4(2), 二(二)), dated, with the document that conferred it. The report does not list the ranks: they are recorded as the bureau's scheme names them.`,
    fields: (t) => ({
      person: t.field({ type: Person, description: 'The principal.', resolve: async (r, _, ctx) => (await personLoader(ctx).load(r.personId))! }),
      rank: t.exposeString('rank', { description: 'The rank, as the scheme names it (e.g. 高级校长).' }),
      documentRef: t.exposeString('documentRef', { description: '认定文件 — the document that conferred it.' }),
      validFrom: t.field({ type: 'Date', description: 'First day held.', resolve: (r) => r.validFrom }),
      validTo: t.field({ type: 'Date', nullable: true, description: 'Last day held; null while held (a new rank ends the one before).', resolve: (r) => r.validTo }),
    }),
  });

  const Rating = builder.objectRef<RatingRow>('WeichengStarRating').implement({
    description: `星级评价 — a school's star rating under the district's 星级学校管理办法 (${DOC} 二(四)), dated: a new rating ends the one before.`,
    fields: (t) => ({
      school: t.field({ type: School, description: 'The school rated.', resolve: async (r, _, ctx) => (await schoolLoader(ctx).load(r.schoolCode))! }),
      stars: t.exposeInt('stars', { description: 'Its stars (1 … the locality’s `maxStars`, 5 by default).' }),
      documentRef: t.exposeString('documentRef', { description: '评定文件 — the document that awarded it.' }),
      validFrom: t.field({ type: 'Date', description: 'First day in force.', resolve: (r) => r.validFrom }),
      validTo: t.field({ type: 'Date', nullable: true, description: 'Last day in force; null while current.', resolve: (r) => r.validTo }),
    }),
  });

  const BundledRating = builder.objectRef<BundleParent>('WeichengBundledRating').implement({
    description: `捆绑评价 — the 学区's bundled rating (${DOC} 二(四) 学区自主、捆绑评价). The report does not say how the bundle is computed; our method: ${BUNDLE_METHOD.en}`,
    fields: (t) => ({
      on: t.field({ type: 'Date', description: 'The day it is computed for.', resolve: (b) => b.on }),
      stars: t.float({ nullable: true, description: 'The bundled stars: the plain mean of every member school’s current stars (the lead included), to one decimal; null while any member has no current rating.', resolve: (b) => b.stars }),
      weakestStars: t.int({ nullable: true, description: 'The stars of the weakest rated member; null when none is rated.', resolve: (b) => b.weakestStars }),
      schools: t.exposeInt('schools', { description: 'Member schools on the day.' }),
      ratedSchools: t.exposeInt('ratedSchools', { description: 'Of those, the ones with a current rating.' }),
      unratedSchools: t.field({ type: [School], description: 'Members with no current rating (the bundle waits for them).', resolve: (b, _, ctx) => schools(ctx, b.unratedSchoolCodes) }),
      method: t.string({ description: 'How the bundle is computed, in the caller’s language.', resolve: (_, __, ctx) => localised(ctx, BUNDLE_METHOD) }),
    }),
  });

  const PlacementRef = builder.objectRef<Placement>('WeichengTeacherPlacement').implement({
    description: `区管校聘 — a teacher hired by the district and placed at a school: 按需设岗、分层聘任、合同管理、绩效激励, the teacher a 系统人 rather than a 学校人 (${DOC} 一(二)4(4)). The placement is a core TEACHER post, so every national measure counts the teacher at the school.`,
    fields: (t) => ({
      post: t.field({ type: Post, description: 'The TEACHER post: who, where, from when.', resolve: (p) => p.post }),
      hiredBy: t.field({ type: 'DivisionCode', description: 'The district bureau that hired the teacher.', resolve: (p) => p.placement.hiredByCode }),
      hiringRoute: t.field({ type: HiringRoute, description: 'How the teacher was recruited.', resolve: (p) => p.placement.hiringRoute as never }),
      positionTitle: t.string({ description: '按需设岗 — the post the school set for its need.', resolve: (p) => p.placement.positionTitle }),
      contractRef: t.string({ description: '合同管理 — the contract’s reference.', resolve: (p) => p.placement.contractRef }),
    }),
  });

  const Xuequ = builder.node(builder.objectRef<SchoolGroupRow>(XUEQU_TYPE), {
    ...schoolGroupNode(refs, XUEQU_KIND),
    description: `学区 — a Weicheng school district under one 总校长 (一校长多学校): “1+N”, a lead school and N ≥ 1 others — famous school and branches, strong and weak, big and small (名校带分校、强校带弱校、大校带小校) — run by the 总校长 (${DOC} 二(一)); the district is divided into eight (一(二)1(2)). Names are the official simplified ones; the source's spellings are \`aliases\`.`,
    fields: (t) => ({
      aliases: t.field({ type: [Alias], description: '别名 — other names that search (`weichengXuequs(filter: { nameContains })`) finds: the source’s traditional spelling, short names.', resolve: (g, _, ctx) => aliasesLoader(ctx).load(g.id) }),
      isLeadInferred: t.boolean({ description: 'The lead school is our reading (the 学区’s namesake school), not stated by a source.', resolve: async (g, _, ctx) => (await profileLoader(ctx).load(g.id))?.leadIsInferred ?? false }),
      note: t.string({ nullable: true, description: 'A note on the record (e.g. why it is a placeholder).', resolve: async (g, _, ctx) => (await profileLoader(ctx).load(g.id))?.note ?? null }),
      pairings: t.field({ type: [Pairing], description: '“1+N”模式 — how the lead brings on the others, where recorded (the report names the patterns, not which 学区 follows which).', resolve: async (g, _, ctx) => ((await profileLoader(ctx).load(g.id))?.pairings ?? []) as never }),
      otherSchools: t.field({
        type: [School],
        description: 'The N of “1+N”: member schools other than the lead, on a date.',
        args: { asOf: t.arg({ type: 'Date', validate: zDate, description: AS_OF }) },
        resolve: async (g, args, ctx) => schools(ctx, (await members(ctx, g, asOfOrToday(ctx, args.asOf))).filter((c) => c !== g.leadSchoolCode)),
      }),
      zongxiaozhang: t.field({
        type: Post,
        nullable: true,
        description: '总校长 — the one principal over the 学区’s schools (二(一), 总校长负责制 二(二)), on a date.',
        args: { asOf: t.arg({ type: 'Date', validate: zDate, description: AS_OF }) },
        resolve: async (g, args, ctx) => (await postsByGroupLoader(ctx).load({ id: g.id, asOf: asOfOrToday(ctx, args.asOf) })).find((p) => p.role === ROLE.ZONGXIAOZHANG) ?? null,
      }),
      partyOrganisation: t.field({
        type: PartyOrganisation,
        nullable: true,
        description: '学区党委 / 党总支 — its party organisation on a date.',
        args: { asOf: t.arg({ type: 'Date', validate: zDate, description: AS_OF }) },
        resolve: async (g, args, ctx) => inForceOnDate(await partyOrganisationsLoader(ctx).load(g.id), asOfOrToday(ctx, args.asOf)),
      }),
      partyOrganisationHistory: t.field({ type: [PartyOrganisation], description: 'Every party organisation it has had, oldest first.', resolve: (g, _, ctx) => partyOrganisationsLoader(ctx).load(g.id) }),
      partyBrand: t.field({
        type: PartyBrand,
        nullable: true,
        description: '党建品牌 — its party-building brand on a date (一学区一品牌).',
        args: { asOf: t.arg({ type: 'Date', validate: zDate, description: AS_OF }) },
        resolve: async (g, args, ctx) => inForceOnDate(await partyBrandsLoader(ctx).load(g.id), asOfOrToday(ctx, args.asOf)),
      }),
      partyBrandHistory: t.field({ type: [PartyBrand], description: 'Every brand it has had, oldest first.', resolve: (g, _, ctx) => partyBrandsLoader(ctx).load(g.id) }),
      majorDecisions: t.field({
        type: [Decision],
        description: '重大事项决策 — its decisions of the four major kinds, all or those of a school year, oldest first.',
        args: { schoolYear: t.arg({ type: 'SchoolYear', validate: zSchoolYear, description: 'Only decisions taken in this school year.' }) },
        resolve: async (g, args, ctx) => {
          const all = await decisionsLoader(ctx).load(g.id);
          if (!args.schoolYear) return all;
          const { start, end } = schoolYearRange(args.schoolYear);
          return all.filter((d) => d.decidedOn >= start && d.decidedOn <= end);
        },
      }),
      charter: t.field({
        type: Plan,
        nullable: true,
        description: '章程 — its charter in force on a date (二(三) 学区内制定统一章程).',
        args: { asOf: t.arg({ type: 'Date', validate: zDate, description: AS_OF }) },
        resolve: async (g, args, ctx) => standingDocument(await plansByGroupLoader(ctx).load(g.id), 'CHARTER', asOfOrToday(ctx, args.asOf)),
      }),
      developmentPlan: t.field({
        type: DevelopmentPlan,
        nullable: true,
        description: '中长期发展规划 — its development plan in force on a date, with the six elements.',
        args: { asOf: t.arg({ type: 'Date', validate: zDate, description: AS_OF }) },
        resolve: async (g, args, ctx) => {
          const plan = standingDocument(await plansByGroupLoader(ctx).load(g.id), 'DEVELOPMENT_PLAN', asOfOrToday(ctx, args.asOf));
          return plan ? { plan } : null;
        },
      }),
      experimentalProjects: t.field({ type: [Project], description: '实验项目 — the experimental projects it leads, oldest first.', resolve: (g, _, ctx) => projectsLoader(ctx).load(g.id) }),
      festivals: t.field({ type: [Festival], description: '学区节日 — the festivals it holds (the report names one for four of the 学区).', resolve: (g, _, ctx) => festivalsLoader(ctx).load(g.id) }),
      bundledRating: t.field({
        type: BundledRating,
        description: `捆绑评价 — its bundled star rating on a date. ${BUNDLE_METHOD.en}`,
        args: { asOf: t.arg({ type: 'Date', validate: zDate, description: AS_OF }) },
        resolve: async (g, args, ctx) => {
          const on = asOfOrToday(ctx, args.asOf);
          const codes = await members(ctx, g, on);
          const histories = await ratingsLoader(ctx).loadMany(codes);
          const starsOf = new Map(codes.map((c, i) => [c, histories[i] instanceof Error ? null : (inForceOnDate(histories[i] as RatingRow[], on)?.stars ?? null)]));
          return { on, ...bundleRating(codes, (c) => starsOf.get(c)) };
        },
      }),
    }),
  });

  builder.objectFields(School, (t) => ({
    weichengXuequ: t.field({
      type: Xuequ,
      nullable: true,
      description: '学区 — the Weicheng 学区 the school belongs to on a date (at most one: weicheng.one-xuequ-per-school).',
      args: { asOf: t.arg({ type: 'Date', validate: zDate, description: AS_OF }) },
      resolve: async (s, args, ctx) => (await groupsBySchoolLoader(ctx).load({ id: s.code, asOf: asOfOrToday(ctx, args.asOf) })).find((g) => g.kind === XUEQU_KIND) ?? null,
    }),
    weichengStarRating: t.field({
      type: Rating,
      nullable: true,
      description: '星级评价 — the school’s Weicheng star rating in force on a date.',
      args: { asOf: t.arg({ type: 'Date', validate: zDate, description: AS_OF }) },
      resolve: async (s, args, ctx) => inForceOnDate(await ratingsLoader(ctx).load(s.code), asOfOrToday(ctx, args.asOf)),
    }),
    weichengStarRatings: t.field({ type: [Rating], description: 'Every Weicheng star rating the school has had, oldest first.', resolve: (s, _, ctx) => ratingsLoader(ctx).load(s.code) }),
    weichengPlacements: t.field({
      type: [PlacementRef],
      description: '区管校聘 — teachers the district placed at the school whose post is in force on a date.',
      args: { asOf: t.arg({ type: 'Date', validate: zDate, description: AS_OF }) },
      resolve: (s, args, ctx) => placementsBySchoolLoader(ctx).load({ id: s.code, asOf: asOfOrToday(ctx, args.asOf) }),
    }),
  }));

  builder.objectFields(Person, (t) => ({
    weichengPrincipalRank: t.field({
      type: Rank,
      nullable: true,
      description: '校长职级 — the person’s Weicheng principal rank on a date.',
      args: { asOf: t.arg({ type: 'Date', validate: zDate, description: AS_OF }) },
      resolve: async (p, args, ctx) => inForceOnDate(await ranksLoader(ctx).load(p.id), asOfOrToday(ctx, args.asOf)),
    }),
    weichengPrincipalRanks: t.field({ type: [Rank], description: 'Every Weicheng principal rank the person has held, oldest first.', resolve: (p, _, ctx) => ranksLoader(ctx).load(p.id) }),
  }));

  builder.objectField(Post, 'weichengPlacement', (t) =>
    t.field({
      type: PlacementRef,
      nullable: true,
      description: '区管校聘 — the district’s placement this TEACHER post records, if it is one.',
      resolve: async (p, _, ctx) => {
        const placement: PlacementRow | null = await placementByPostLoader(ctx).load(p.id);
        return placement ? { placement, post: p } : null;
      },
    }),
  );

  const Filter = builder.inputType('WeichengXuequFilter', {
    description: 'Which 学区: the locality is required; the other conditions narrow it.',
    fields: (t) => ({
      localityCode: t.field({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: 'The district (370702 潍城区) or a locality above or inside it.' }),
      asOf: t.field({ type: 'Date', validate: zDate, description: 'Only 学区 in force on this day; every 学区 not archived when omitted.' }),
      nameContains: t.string({ validate: z.string().trim().min(1).max(100), description: 'Only 学区 whose name or an alias contains this (e.g. 外國語, 麓台学区); case-insensitive.' }),
    }),
  });

  builder.queryFields((t) => ({
    weichengXuequs: t.field({
      type: [Xuequ],
      description: '学区 of a locality (and the localities inside it), by name. The district has eight; the list stays small.',
      args: { filter: t.arg({ type: Filter, required: true, description: 'Which 学区.' }) },
      resolve: async (_, { filter }, ctx) => {
        const all = await listGroups(ctx.db, { localityCode: filter.localityCode, kind: XUEQU_KIND, asOf: filter.asOf ?? null });
        if (!filter.nameContains) return all;
        const named = new Set(await xuequIdsNamed(ctx.db, filter.nameContains));
        return all.filter((g) => named.has(g.id));
      },
    }),
    weichengXuequ: t.field({
      type: Xuequ,
      nullable: true,
      description: 'One 学区 by id; null when there is none (or it is archived, or of another regime).',
      args: { id: t.arg.id({ required: true, description: 'The 学区’s Relay global ID or its UUID (`groupId`).' }) },
      resolve: async (_, { id }, ctx) => {
        const uuid = uuidOf(String(id));
        const g = uuid ? await schoolGroupLoader(ctx).load(uuid) : null;
        return g && g.kind === XUEQU_KIND && !g.archivedAt ? g : null;
      },
    }),
  }));

  return { Xuequ, PartyOrganisation, PartyBrand, Decision, DevelopmentPlan, Project, Festival, Rank, Rating, PlacementRef, PartyOrganisationKind, MajorMatterKind, ParticipationStage, PlanElementEnum, ProjectCategory, Pairing, HiringRoute, AliasKind };
}

export type WeichengRefs = ReturnType<typeof addTypes>;

function sortElements<T extends { element: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => PLAN_ELEMENT_KEYS.indexOf(a.element as PlanElement) - PLAN_ELEMENT_KEYS.indexOf(b.element as PlanElement));
}
