import {
  addGroupFormMutation,
  addGroupQueries,
  asOfOrToday,
  badInput,
  getSchool,
  groupMembersLoader,
  localityLoader,
  parseInput,
  postsByGroupLoader,
  schoolLoader,
  zSchoolYear,
  type GongzhiContext,
  type PluginSchemaApi,
  schoolGroupNode,
  type SchoolGroupRow,
  type SchoolRow,
} from '@gongzhi/core';
import { DISTRICT_KIND, DUTY_ROLES, INTEGRATION_KEYS, PLUGIN_ID, PRIMARY_SCHOOL_TYPE, TEACHING_POINT_TYPE } from '../domain.js';
import { brandLoader, facilitiesLoader, integrationTargetsLoader, placementsLoader } from '../loaders.js';
import type { HuayuankouRefs } from './refs.js';

const AS_OF = 'The date asked about; today when omitted.';

/** Member schools on a date other than the central school. */
async function otherMembers(ctx: GongzhiContext, g: SchoolGroupRow, asOf: string | null | undefined): Promise<SchoolRow[]> {
  const members = await groupMembersLoader(ctx).load({ id: g.id, asOf: asOfOrToday(ctx, asOf) });
  const schools = await schoolLoader(ctx).loadMany(members.filter((m) => m.schoolCode !== g.leadSchoolCode).map((m) => m.schoolCode));
  return schools.filter((s): s is SchoolRow => !!s && !(s instanceof Error));
}

async function dutyHolder(ctx: GongzhiContext, g: SchoolGroupRow, role: string, asOf: string | null | undefined) {
  const posts = await postsByGroupLoader(ctx).load({ id: g.id, asOf: asOfOrToday(ctx, asOf) });
  return posts.find((p) => p.role === role) ?? null;
}

export function addDistrictSchema(api: PluginSchemaApi, own: HuayuankouRefs) {
  const { builder, refs } = api;
  const { School, Locality, Post } = refs;

  builder.node(own.District, {
    ...schoolGroupNode(refs, DISTRICT_KIND),
    description:
      '中心校学区 — a township central school (乡镇中心校) leading the village primary schools (村小) and teaching points (教学点) of its township as one 学区 (花园口镇中心学校学区制管理情况汇报 三(一)).',
    fields: (t) => ({
      township: t.field({
        type: Locality,
        nullable: true,
        description: '乡镇 — the central school’s township; every member lies in it (三(一)).',
        resolve: async (g, _, ctx) => {
          const lead = g.leadSchoolCode ? await schoolLoader(ctx).load(g.leadSchoolCode) : null;
          return lead?.townshipCode ? localityLoader(ctx).load(lead.townshipCode) : null;
        },
      }),
      centralSchool: t.field({
        type: School,
        nullable: true,
        description: '中心校 — the central school that leads the 学区 (牵头学校, 龙头学校).',
        resolve: (g, _, ctx) => (g.leadSchoolCode ? schoolLoader(ctx).load(g.leadSchoolCode) : null),
      }),
      villageSchools: t.field({
        type: [School],
        description: '村小 — member primary schools (办学类型 211) other than the central school, on a date.',
        args: { asOf: t.arg({ type: 'Date', description: AS_OF }) },
        resolve: async (g, args, ctx) => (await otherMembers(ctx, g, args.asOf)).filter((s) => s.schoolType === PRIMARY_SCHOOL_TYPE),
      }),
      otherMemberSchools: t.field({
        type: [School],
        description:
          'Members that are neither the central school, a 村小 nor a 教学点, on a date: e.g. the township’s junior school (惠济六中), which the report counts among the 学区’s schools ("1所中学、5所小学") though it is no 村小.',
        args: { asOf: t.arg({ type: 'Date', description: AS_OF }) },
        resolve: async (g, args, ctx) => (await otherMembers(ctx, g, args.asOf)).filter((s) => s.schoolType !== PRIMARY_SCHOOL_TYPE && s.schoolType !== TEACHING_POINT_TYPE),
      }),
      teachingPoints: t.field({
        type: [School],
        description: '教学点 — member teaching points (办学类型 218), on a date.',
        args: { asOf: t.arg({ type: 'Date', description: AS_OF }) },
        resolve: async (g, args, ctx) => (await otherMembers(ctx, g, args.asOf)).filter((s) => s.schoolType === TEACHING_POINT_TYPE),
      }),
      integrationTargets: t.field({
        type: [own.IntegrationTarget],
        description: '十个一体 — the ten integration targets for a school year, all ten in the report’s order; unrecorded ones have no target or status (三（目标任务）).',
        args: { schoolYear: t.arg({ type: 'SchoolYear', required: true, description: 'The school year (学年) of the targets.' }) },
        resolve: async (g, args, ctx) => {
          const schoolYear = parseInput(zSchoolYear, args.schoolYear, 'schoolYear');
          const rows = await integrationTargetsLoader(ctx).load({ id: g.id, asOf: schoolYear });
          return INTEGRATION_KEYS.map((integration) => {
            const r = rows.find((x) => x.integration === integration);
            return { groupId: g.id, schoolYear, integration, target: r?.target ?? null, status: r?.status ?? null, note: r?.note ?? null };
          });
        },
      }),
      brand: t.field({
        type: own.Brand,
        nullable: true,
        description: '学区品牌 — the 学区’s brand on a date (一学区一品牌, 三(五)4), if one is set.',
        args: { asOf: t.arg({ type: 'Date', description: AS_OF }) },
        resolve: async (g, args, ctx) => {
          const on = asOfOrToday(ctx, args.asOf);
          return (await brandLoader(ctx).load(g.id)).find((b) => b.validFrom <= on && (b.validTo === null || b.validTo >= on)) ?? null;
        },
      }),
      brandHistory: t.field({
        type: [own.Brand],
        description: '学区品牌 — every brand the 学区 has had, oldest first.',
        resolve: (g, _, ctx) => brandLoader(ctx).load(g.id),
      }),
      sharedFacilities: t.field({
        type: [own.Facility],
        description: '共享场所 — sports grounds, libraries and laboratories of member schools open to the whole 学区 (三(三)2).',
        resolve: (g, _, ctx) => facilitiesLoader(ctx).load(g.id),
      }),
      guidanceStationHead: t.field({
        type: Post,
        nullable: true,
        description: '辅导站站长 — leads the 学区’s unified teaching research (三(五)2), on a date.',
        args: { asOf: t.arg({ type: 'Date', description: AS_OF }) },
        resolve: (g, args, ctx) => dutyHolder(ctx, g, DUTY_ROLES.GUIDANCE_STATION_HEAD, args.asOf),
      }),
      moralEducationOfficer: t.field({
        type: Post,
        nullable: true,
        description: '德育专干 — leads the 学区’s moral education (三(五)3), on a date.',
        args: { asOf: t.arg({ type: 'Date', description: AS_OF }) },
        resolve: (g, args, ctx) => dutyHolder(ctx, g, DUTY_ROLES.MORAL_EDUCATION_OFFICER, args.asOf),
      }),
      teachers: t.field({
        type: [own.Placement],
        description: '学区人 — county-hired teachers placed at member schools (县管校聘, 三(四)2–3), on a date.',
        args: { asOf: t.arg({ type: 'Date', description: AS_OF }) },
        resolve: (g, args, ctx) => placementsLoader(ctx).load({ id: g.id, asOf: asOfOrToday(ctx, args.asOf) }),
      }),
    }),
  });

  addGroupQueries(api, {
    type: own.District,
    kind: DISTRICT_KIND,
    word: '学区',
    list: { name: 'huayuankouCentralSchoolDistricts', description: '中心校学区 of a locality (and the localities inside it), optionally only those in force on a date.', localityCode: 'A county or township code: its 学区.' },
  });

  addGroupFormMutation(api, {
    name: 'formHuayuankouCentralSchoolDistrict',
    description:
      '组建中心校学区 — form a central-school 学区 with its central school and members, all at once. A member outside the central school’s township breaks huayuankou.same-township and nothing is written.',
    plugin: PLUGIN_ID,
    kind: DISTRICT_KIND,
    type: own.District,
    payload: { name: 'HuayuankouCentralSchoolDistrictPayload', field: 'district', description: 'The result of a central-school 学区 mutation.' },
    input: {
      name: 'FormHuayuankouCentralSchoolDistrictInput',
      description: '组建中心校学区 — a central school and the village schools and teaching points of its township (三(一)).',
      argDescription: 'The central school, its member schools and the first day.',
      text: {
        name: 'The 学区’s name, e.g. 花园口镇中心校学区.',
        leadSchoolCode: '中心校 — the central (lead) school; its township is the 学区’s.',
        memberSchoolCodes: '村小 and 教学点 — the members besides the central school, all in its township.',
        validFrom: 'The first day of the 学区.',
        isSample: 'Sample data, not a real record.',
      },
    },
    // The 学区 is the township's (三(一) "根据行政区域划分"): it belongs to the central school's township.
    localityOf: async (ctx, input) => {
      const central = await getSchool(ctx.db, input.leadSchoolCode);
      if (!central.townshipCode)
        throw badInput('input.leadSchoolCode', {
          zh: `中心校 ${central.name} 未登记所在乡镇，无法按乡镇组建学区`,
          en: `the central school ${central.name} has no township recorded, so no township 学区 can be formed`,
        });
      return central.townshipCode;
    },
  });
}
