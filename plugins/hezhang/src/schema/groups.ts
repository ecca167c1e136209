/**
 * 教育集团 (附件2 二): the two senior-high groups, defined by their schools, and the eight compulsory
 * and preschool groups, defined by township. Both are core school groups and implement SchoolGroup;
 * a compulsory group's `members` are the schools standing in its townships that day (so a school that
 * changes township changes group), less the county-town schools, which help the groups by pairing.
 */
import { addGroupQueries, asOfOrToday, localityLoader, schoolGroupNode, schoolLoader, type PluginSchemaApi, type SchoolGroupRow } from '@gongzhi/core';
import { COMPULSORY_KIND, COMPULSORY_TYPE, DOC, SENIOR_KIND, SENIOR_TYPE } from '../domain.js';
import { compulsoryMembersLoader, groupProfileLoader, pairingsByGroupLoader, townshipsLoader } from '../repo.js';
import type { PairingTypes } from './pairings.js';

export function addGroupTypes(api: PluginSchemaApi, { Pairing }: PairingTypes) {
  const { builder, refs } = api;
  const { School, Locality, GroupMembership } = refs;

  const Senior = builder.node(builder.objectRef<SchoolGroupRow>(SENIOR_TYPE), {
    ...schoolGroupNode(refs, SENIOR_KIND),
    description: `普通高中联盟型教育集团 — a senior-high alliance education group, defined by its list of schools (高中一教育集团, 高中第二教育集团; ${DOC} 附件2 二(一)); led by a 总校长 who is the 党委书记, with 3 分校长.`,
    fields: () => ({}),
  });

  const Compulsory = builder.node(builder.objectRef<SchoolGroupRow>(COMPULSORY_TYPE), {
    ...schoolGroupNode(refs, COMPULSORY_KIND),
    description: `义教和学前联盟型教育集团 — a compulsory and preschool alliance education group (第一…第八教育集团), defined by the townships it is responsible for (${DOC} 附件2 二(二)); helped by county-town schools through paired assistance (二(三)); led by a 总负责人 with 3–5 片区负责人.`,
    fields: (t) => ({
      townships: t.field({
        type: [Locality],
        description: '负责的乡（镇、街道） — the townships the group is responsible for on a date (today by default): a school standing in one of them is a member.',
        args: { asOf: t.arg({ type: 'Date', description: 'The day asked about; today when omitted.' }) },
        resolve: async (g, args, ctx) => {
          const codes = await townshipsLoader(ctx).load({ id: g.id, asOf: asOfOrToday(ctx, args.asOf) });
          return (await localityLoader(ctx).loadMany(codes)).filter((l): l is NonNullable<typeof l> & object => !!l && !(l instanceof Error)) as never;
        },
      }),
      memberSchools: t.field({
        type: [School],
        description: 'The member schools on a date (today by default): the schools standing in the group’s townships that day, less the county-town schools (县直各校(园)), by code. The same schools as `members`.',
        args: { asOf: t.arg({ type: 'Date', description: 'The day asked about; today when omitted.' }) },
        resolve: (g, args, ctx) => compulsoryMembersLoader(ctx).load({ id: g.id, asOf: asOfOrToday(ctx, args.asOf) }),
      }),
      pairings: t.field({
        type: [Pairing],
        description: '协作型对口帮扶 — the county-town schools pairing with the group (secondary → its junior schools, primary → primary, kindergarten → kindergarten), in force on a date.',
        args: { asOf: t.arg({ type: 'Date', description: 'The day asked about; today when omitted.' }) },
        resolve: (g, args, ctx) => pairingsByGroupLoader(ctx).load({ id: g.id, asOf: asOfOrToday(ctx, args.asOf) }),
      }),
    }),
  });

  for (const ref of [Senior, Compulsory])
    builder.objectFields(ref, (t) => ({
      partyCommitteeOn: t.field({
        type: 'Date',
        nullable: true,
        description: '设立党委 — the day the group’s party committee was set up (附件2 三(一)); null while none is recorded.',
        resolve: async (g, _, ctx) => (await groupProfileLoader(ctx).load(g.id))?.partyCommitteeOn ?? null,
      }),
      generalOfficeOn: t.field({
        type: 'Date',
        nullable: true,
        description: '综合办公室 — the day the group’s general office was set up (附件2 三(一)); null while none is recorded.',
        resolve: async (g, _, ctx) => (await groupProfileLoader(ctx).load(g.id))?.generalOfficeOn ?? null,
      }),
    }));

  addGroupQueries(api, {
    type: Senior,
    kind: SENIOR_KIND,
    word: 'senior-high education groups',
    list: { name: 'hezhangSeniorEducationGroups', description: '普通高中教育集团 — the senior-high education groups of a locality (赫章县: 高中一教育集团, 高中第二教育集团).', localityCode: 'The county (or a locality inside it).' },
    one: { name: 'hezhangSeniorEducationGroup', description: 'A senior-high education group by id; null unless it is one.' },
  });
  addGroupQueries(api, {
    type: Compulsory,
    kind: COMPULSORY_KIND,
    word: 'compulsory and preschool education groups',
    list: { name: 'hezhangCompulsoryEducationGroups', description: '义教和学前教育集团 — the compulsory and preschool education groups of a locality (赫章县: 第一…第八教育集团).', localityCode: 'The county (or a locality inside it).' },
    one: { name: 'hezhangCompulsoryEducationGroup', description: 'A compulsory and preschool education group by id; null unless it is one.' },
  });
  void schoolLoader;
  void GroupMembership;
  return { Senior, Compulsory };
}
export type GroupTypes = ReturnType<typeof addGroupTypes>;
