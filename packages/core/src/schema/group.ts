import { z } from 'zod';
import { uuidOf } from '../ids.js';
import type { CoreRefs } from './refs.js';
import type { PluginSchemaApi } from './api.js';
import { present } from '../loaders.js';
import { PROVINCIAL_TAG } from '../federation.js';
import type { GongzhiContext } from '../context.js';
import {
  addGroupMember,
  archiveGroup,
  createGroup,
  endGroupMembership,
  getGroup,
  groupMembersLoader,
  listGroups,
  schoolGroupLoader,
  updateGroup,
  type SchoolGroupRow,
} from '../repos/groups.js';
import { localityLoader } from '../repos/localities.js';
import { schoolLoader } from '../repos/schools.js';
import { postsByGroupLoader } from '../repos/posts.js';
import { createPlan, planLoader, plansByGroupLoader } from '../repos/plans.js';
import { zDate, zDivisionCode, zGroupId, zName, zPattern, zSchoolCode, zSchoolYear } from '../validation.js';
import type { GongzhiTypes } from '../builder.js';
import { runMutation } from '../mutation.js';
import { badInput } from '../errors.js';
import { exceptionsInputField, arrayConnection, asOfOrToday, localised, payloadType, totalCountField, loadNodes } from './helpers.js';

/** The plugin that owns a group kind, or BAD_USER_INPUT naming the known kinds. */
export function groupKindPlugin(ctx: GongzhiContext, kind: string, field = 'input.kind'): string {
  const k = ctx.registry.groupKinds.get(kind);
  if (!k)
    throw badInput(field, {
      zh: `未知的学校共同体类型 ${kind}（可选：${[...ctx.registry.groupKinds.keys()].join('、') || '无'}）`,
      en: `unknown group kind ${kind} (known: ${[...ctx.registry.groupKinds.keys()].join(', ') || 'none'})`,
    });
  return k.pluginId;
}

/**
 * What makes a regime's group type a Relay node implementing SchoolGroup: its global id wraps the
 * group's UUID, and `node(id:)` loads it (batched) when it is of this kind. A plugin spreads it
 * into `builder.node(ref, { ...schoolGroupNode(refs, kind), description, fields })`.
 */
export function schoolGroupNode(refs: CoreRefs, kind: string | null) {
  return {
    interfaces: [refs.SchoolGroup] as [CoreRefs['SchoolGroup']],
    id: { resolve: (g: SchoolGroupRow) => g.id },
    loadMany: async (ids: readonly string[], ctx: GongzhiContext) =>
      (await schoolGroupLoader(ctx).loadMany(ids)).map((g) => (g instanceof Error || !g || (kind !== null && g.kind !== kind) ? null : g)),
  };
}

/** The descriptions of a "form a group" input's fields, in the regime's words. */
export interface GroupFormText {
  name: string;
  leadSchoolCode: string;
  memberSchoolCodes: string;
  validFrom: string;
  isSample?: string;
}

/**
 * The fields every "form a group" input has, each with its validation: core's createSchoolGroup
 * and each regime's own form mutation (`addGroupFormMutation`) declare them here once.
 */
export function groupFormFields<LeadRequired extends boolean>(
  t: PothosSchemaTypes.InputFieldBuilder<GongzhiTypes, 'InputObject'>,
  refs: CoreRefs,
  leadRequired: LeadRequired,
  text: GroupFormText,
  maxMembers = 100,
) {
  return {
    name: t.string({ required: true, validate: zName, description: text.name }),
    leadSchoolCode: t.field({ type: 'SchoolCode', required: leadRequired, validate: zSchoolCode, description: text.leadSchoolCode }),
    memberSchoolCodes: t.field({ type: ['SchoolCode'], required: true, validate: z.array(zSchoolCode).max(maxMembers), description: text.memberSchoolCodes }),
    validFrom: t.field({ type: 'Date', required: true, validate: zDate, description: text.validFrom }),
    isSample: t.boolean({ description: text.isSample ?? 'Sample data, not a real group.' }),
    exceptions: exceptionsInputField(t, refs),
  };
}

/** The GraphQL type of a group: its regime's, or GenericSchoolGroup when that plugin is not installed. */
export function groupTypeName(ctx: GongzhiContext, g: SchoolGroupRow): string {
  return ctx.registry.groupKinds.get(g.kind)?.typeName ?? 'GenericSchoolGroup';
}

export function addGroupSchema({ builder, refs }: PluginSchemaApi) {
  const { SchoolGroup, GroupMembership, School, Locality, Post, Plan } = refs;

  SchoolGroup.implement({
    // Interfaces take no `tag` option in plugin-federation; the directive says the same.
    directives: { tag: { name: PROVINCIAL_TAG } },
    description:
      '学校共同体 — a group of schools formed under a governance regime: a lead school, member schools with periods, and leadership posts. Each installed regime implements it with its own type (see `installedPlugins` and the implementing types), so a provincial screen can list every group whatever the regime.',
    interfaces: [builder.nodeInterfaceRef()],
    resolveType: (row, ctx) => groupTypeName(ctx, row),
    fields: (t) => ({
      id: t.globalID({ description: 'The Relay global ID: opaque, stable, and accepted by `node(id:)`, `schoolGroup(id:)` and every mutation that names a group.', resolve: (g, _, ctx) => ({ type: groupTypeName(ctx, g), id: g.id }) }),
      groupId: t.exposeID('id', { description: 'The raw identifier (UUID); `id` is the Relay global ID. Arguments naming a group take either.' }),
      kind: t.exposeString('kind', { description: '`<plugin>.<kind>`: the regime plugin that owns the group, and its kind of group (see `installedPlugins`).' }),
      kindTitle: t.string({ description: 'The kind’s name in the caller’s language (学区, 总校 …).', resolve: (g, _, ctx) => { const k = ctx.registry.groupKinds.get(g.kind); return k ? localised(ctx, k.title) : g.kind; } }),
      name: t.exposeString('name', { description: 'The group’s name, e.g. 北海市第一学区.' }),
      locality: t.field({ type: Locality, description: 'The locality whose regime the group belongs to.', resolve: (g, _, ctx) => present(localityLoader(ctx).now(g.localityCode)) }),
      leadSchool: t.field({ type: School, nullable: true, description: 'The lead school (牵头学校 / 龙头学校 / 中心校).', resolve: (g, _, ctx) => (g.leadSchoolCode ? schoolLoader(ctx).now(g.leadSchoolCode) : null) }),
      members: t.field({
        type: [GroupMembership],
        description: 'Member schools on a date (today by default), the lead included.',
        args: { asOf: t.arg({ type: 'Date', description: 'The day asked about; today when omitted. A membership counts from its validFrom to its validTo, both inclusive.' }) },
        resolve: (g, args, ctx) => groupMembersLoader(ctx).load({ id: g.id, asOf: asOfOrToday(ctx, args.asOf) }),
      }),
      leadership: t.field({
        type: [Post],
        description: 'Posts held at the group on a date (学区长, 总校长, 总负责人 …).',
        args: { asOf: t.arg({ type: 'Date', description: 'The day asked about; today when omitted.' }) },
        resolve: (g, args, ctx) => postsByGroupLoader(ctx).load({ id: g.id, asOf: asOfOrToday(ctx, args.asOf) }),
      }),
      plans: t.field({ type: [Plan], description: 'Work plans, charters and development plans of the group.', resolve: (g, _, ctx) => plansByGroupLoader(ctx).load(g.id) }),
      validFrom: t.field({ type: 'Date', description: 'First day of the group (成立).', resolve: (g) => g.validFrom }),
      validTo: t.field({ type: 'Date', nullable: true, description: 'Last day of the group when dissolved (撤销); null while it stands.', resolve: (g) => g.validTo }),
      isSample: t.exposeBoolean('isSample', { description: 'Sample data (demo or policy illustration), not a real group.' }),
      isArchived: t.boolean({ description: 'Archived: kept, but left out of lists and closed to changes (a group dissolved on a date has a validTo instead).', resolve: (g) => !!g.archivedAt }),
    }),
  });

  builder.node(builder.objectRef<SchoolGroupRow>('GenericSchoolGroup'), {
    ...schoolGroupNode(refs, null),
    description: 'A group whose regime plugin is not installed in this deployment (its data is kept).',
    fields: () => ({}),
  });

  GroupMembership.implement({
    tag: PROVINCIAL_TAG,
    description: 'A school’s membership of a group, for a period.',
    fields: (t) => ({
      school: t.field({ type: School, description: 'The member school.', resolve: (m, _, ctx) => present(schoolLoader(ctx).now(m.schoolCode)) }),
      validFrom: t.field({ type: 'Date', description: 'First day as a member.', resolve: (m) => m.validFrom }),
      validTo: t.field({ type: 'Date', nullable: true, description: 'Last day as a member; null while it is still one.', resolve: (m) => m.validTo }),
    }),
  });

  builder.node(Plan, {
    description: 'A plan or standing document of a group: yearly work plan (工作计划), charter (章程), development plan (发展规划).',
    id: { resolve: (p) => p.id },
    loadMany: loadNodes(planLoader),
    fields: (t) => ({
      planId: t.exposeID('id', { description: 'The raw identifier (UUID); `id` is the Relay global ID.' }),
      kind: t.exposeString('kind', { description: 'WORK_PLAN, CHARTER, DEVELOPMENT_PLAN, or a regime’s own kind.' }),
      title: t.exposeString('title', { description: 'The document’s title, e.g. 北海市第一学区2019-2020学年工作计划.' }),
      schoolYear: t.field({ type: 'SchoolYear', nullable: true, description: 'The school year a yearly plan covers; null for a standing document (charter, multi-year plan).', resolve: (p) => p.schoolYear }),
      filedOn: t.field({ type: 'Date', nullable: true, description: 'When it was filed with the bureau (报备).', resolve: (p) => p.filedOn }),
      validFrom: t.field({ type: 'Date', nullable: true, description: 'First day in force; null when the document does not say.', resolve: (p) => p.validFrom }),
      validTo: t.field({ type: 'Date', nullable: true, description: 'Last day in force (e.g. the end of a development plan’s period); null when open-ended or not stated.', resolve: (p) => p.validTo }),
    }),
  });

  const SchoolGroupFilter = builder.inputType('SchoolGroupFilter', {
    description: 'Narrow a list of groups. All given conditions apply.',
    fields: (t) => ({
      localityCode: t.field({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: 'Groups of this locality or of a division inside it.' }),
      kind: t.string({ description: 'Only this kind (`<plugin>.<kind>`); every kind when omitted.' }),
      asOf: t.field({ type: 'Date', validate: zDate, description: 'Only groups in force on this date; every group not archived when omitted.' }),
    }),
  });

  builder.queryFields((t) => ({
    // A connection: a province holds hundreds of groups (API.md: lists past 100).
    schoolGroups: t.connection(
      {
        tag: PROVINCIAL_TAG,
        type: SchoolGroup,
        description: 'Groups of a locality (and the localities inside it), of every regime or of one kind, by name, a page at a time (100 by default, up to 1000).',
        args: { filter: t.arg({ type: SchoolGroupFilter, required: true, description: 'Which groups: the locality is required.' }) },
        resolve: async (_, { filter, ...page }, ctx) =>
          arrayConnection(
            page,
            await listGroups(ctx.db, { localityCode: filter.localityCode, kind: filter.kind, asOf: filter.asOf ?? null }),
            { defaultSize: 100, maxSize: 1000 },
          ),
      },
      { name: 'SchoolGroupConnection', description: 'A page of groups.', fields: (c) => ({ totalCount: totalCountField(c, 'All groups that match the filter.') }) },
      { description: 'One group in a page, with its cursor.' },
    ),
    schoolGroup: t.field({
      tag: PROVINCIAL_TAG,
      type: SchoolGroup,
      nullable: true,
      description: '学校共同体 — one group of any regime by id; null when there is none.',
      args: { id: t.arg.id({ required: true, description: 'The group’s Relay global ID or its UUID (`groupId`).' }) },
      resolve: (_, { id }, ctx) => {
        const uuid = uuidOf(String(id));
        return uuid ? schoolGroupLoader(ctx).load(uuid) : null;
      },
    }),
  }));

  const GroupPayload = payloadType(builder, 'SchoolGroupPayload', 'group', SchoolGroup, 'The result of a group mutation.');
  const PlanPayload = payloadType(builder, 'PlanPayload', 'plan', Plan, 'The result of a plan mutation.');

  const CreateSchoolGroupInput = builder.inputType('CreateSchoolGroupInput', {
    description: 'A group of a regime’s kind. Regimes also offer their own richer operations on their own types.',
    fields: (t) => ({
      kind: t.string({ required: true, description: 'A kind `<plugin>.<kind>` of an installed plugin.' }),
      localityCode: t.field({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: 'The locality whose regime forms it; the regime must be in force there.' }),
      ...groupFormFields(t, refs, false, {
        name: 'The group’s name.',
        leadSchoolCode: 'The lead school (牵头学校); it becomes a member too. Omit for a group without one.',
        memberSchoolCodes: 'Members besides the lead.',
        validFrom: 'First day of the group and of every membership.',
      }),
    }),
  });
  const GroupMemberInput = builder.inputType('SchoolGroupMemberInput', {
    description: 'A school joining or leaving a group on a date.',
    fields: (t) => ({
      groupId: t.id({ required: true, validate: zGroupId, description: 'The group: its Relay global ID or UUID (`groupId`).' }),
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: '学校标识码 of the school joining or leaving.' }),
      date: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day of membership (add) or last day (end).' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const UpdateSchoolGroupInput = builder.inputType('UpdateSchoolGroupInput', {
    description: 'Change a group. Omitted fields stay as they are.',
    fields: (t) => ({
      id: t.id({ required: true, validate: zGroupId, description: 'The group: its Relay global ID or UUID (`groupId`).' }),
      name: t.string({ validate: zName, description: 'A new name.' }),
      leadSchoolCode: t.field({ type: 'SchoolCode', validate: zSchoolCode, description: 'A new lead school (its membership is not changed: add it with addSchoolGroupMember).' }),
      validTo: t.field({ type: 'Date', validate: zDate, description: 'Dissolve the group after this day.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const ArchiveSchoolGroupInput = builder.inputType('ArchiveSchoolGroupInput', {
    description: 'Archive a group: it leaves lists and can no longer be changed (to dissolve it on a date, set its validTo instead).',
    fields: (t) => ({ id: t.id({ required: true, validate: zGroupId, description: 'The group: its Relay global ID or UUID (`groupId`).' }), exceptions: exceptionsInputField(t, refs) }),
  });
  const RecordPlanInput = builder.inputType('RecordPlanInput', {
    description: 'A plan or standing document of a group, and when it was filed.',
    fields: (t) => ({
      groupId: t.id({ required: true, validate: zGroupId, description: 'The group: its Relay global ID or UUID (`groupId`).' }),
      kind: t.string({ required: true, validate: zPattern(/^[A-Z][A-Z_]*$/, { en: 'a plan kind is SCREAMING_SNAKE', zh: '计划类型应为大写英文（如 WORK_PLAN）' }), description: 'WORK_PLAN, CHARTER, DEVELOPMENT_PLAN …' }),
      title: t.string({ required: true, validate: zName, description: 'The document’s title.' }),
      schoolYear: t.field({ type: 'SchoolYear', validate: zSchoolYear, description: 'The school year a yearly plan covers; omit for a standing document.' }),
      filedOn: t.field({ type: 'Date', validate: zDate, description: '报备 — the day it was filed with the bureau; omit while it is not.' }),
      validFrom: t.field({ type: 'Date', validate: zDate, description: 'First day in force, if stated.' }),
      validTo: t.field({ type: 'Date', validate: zDate, description: 'Last day in force, if stated.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  /** Mutations on an existing group act under its locality and its regime. */
  async function onGroup(ctx: GongzhiContext, id: string, operation: string, fields: string[], body: (tx: Parameters<Parameters<typeof runMutation>[2]>[0], g: SchoolGroupRow) => Promise<unknown>, exceptions?: readonly unknown[] | null, entity: 'SchoolGroup' | 'GroupMembership' = 'SchoolGroup') {
    const g = await getGroup(ctx.db, id);
    return runMutation(ctx, { operation, localityCode: g.localityCode, plugin: ctx.registry.groupKinds.get(g.kind)?.pluginId, fields, exceptions }, async (tx) => {
      const result = await body(tx, g);
      return { result, changes: [{ entity, key: g.id }] };
    });
  }

  builder.mutationFields((t) => ({
    createSchoolGroup: t.field({
      type: GroupPayload,
      description: 'Form a group of a regime’s kind, with its lead and members. Refused where the regime is not enabled.',
      args: { input: t.arg({ type: CreateSchoolGroupInput, required: true, description: 'The group’s kind, name, locality, lead and members.' }) },
      resolve: async (_, { input }, ctx) => {
        const { exceptions, ...data } = input;
        const plugin = groupKindPlugin(ctx, data.kind);
        return runMutation(ctx, { operation: 'createSchoolGroup', localityCode: data.localityCode, plugin, fields: Object.keys(input), exceptions }, async (tx) => {
          const group = await createGroup(tx, data);
          return { result: { group }, changes: [{ entity: 'SchoolGroup', key: group.id }] };
        });
      },
    }),
    updateSchoolGroup: t.field({
      type: GroupPayload,
      description: 'Rename a group, change its lead school or dissolve it (`validTo`). Acts under the group’s locality and regime.',
      args: { input: t.arg({ type: UpdateSchoolGroupInput, required: true, description: 'The group and the fields to change.' }) },
      resolve: async (_, { input }, ctx) => {
        const { id, exceptions, ...patch } = input;
        return onGroup(ctx, id, 'updateSchoolGroup', Object.keys(input), async (tx) => ({ group: await updateGroup(tx, id, patch) }), exceptions) as never;
      },
    }),
    archiveSchoolGroup: t.field({
      type: GroupPayload,
      description: 'Archive a group (e.g. one recorded in error): it leaves lists and can no longer be changed. To dissolve a group on a date, set its `validTo` with updateSchoolGroup.',
      args: { input: t.arg({ type: ArchiveSchoolGroupInput, required: true, description: 'The group to archive.' }) },
      resolve: (_, { input }, ctx) => {
        const { id } = input;
        return onGroup(ctx, id, 'archiveSchoolGroup', ['id'], async (tx) => ({ group: await archiveGroup(tx, id) }), input.exceptions) as never;
      },
    }),
    addSchoolGroupMember: t.field({
      type: GroupPayload,
      description: 'A school joins a group from a date. The regime’s write rules (size, stage, one group per school …) apply.',
      args: { input: t.arg({ type: GroupMemberInput, required: true, description: 'The group, the school and its first day as a member.' }) },
      resolve: async (_, { input }, ctx) => {
        const data = input;
        return onGroup(ctx, data.groupId, 'addSchoolGroupMember', Object.keys(input), async (tx, g) => {
          await addGroupMember(tx, g.id, data.schoolCode, data.date);
          return { group: g };
        }, input.exceptions, 'GroupMembership') as never;
      },
    }),
    endSchoolGroupMembership: t.field({
      type: GroupPayload,
      description: 'A school leaves a group: `date` is its last day as a member.',
      args: { input: t.arg({ type: GroupMemberInput, required: true, description: 'The group, the school and its last day as a member.' }) },
      resolve: async (_, { input }, ctx) => {
        const data = input;
        return onGroup(ctx, data.groupId, 'endSchoolGroupMembership', Object.keys(input), async (tx, g) => {
          await endGroupMembership(tx, g.id, data.schoolCode, data.date);
          return { group: g };
        }, input.exceptions, 'GroupMembership') as never;
      },
    }),
    recordPlan: t.field({
      type: PlanPayload,
      description: 'Record a group’s work plan, charter or development plan, with the date it was filed.',
      args: { input: t.arg({ type: RecordPlanInput, required: true, description: 'The group, the document and its dates.' }) },
      resolve: async (_, { input }, ctx) => {
        const { exceptions, ...data } = input;
        const g = await getGroup(ctx.db, data.groupId);
        return runMutation(ctx, { operation: 'recordPlan', localityCode: g.localityCode, plugin: ctx.registry.groupKinds.get(g.kind)?.pluginId, fields: Object.keys(input), exceptions }, async (tx) => {
          const plan = await createPlan(tx, { ...data, localityCode: g.localityCode });
          return { result: { plan }, changes: [{ entity: 'Plan', key: plan.id }] };
        });
      },
    }),
  }));
}
