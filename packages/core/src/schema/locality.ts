import { and, eq } from 'drizzle-orm';
import type { PluginSchemaApi } from './api.js';
import { present } from '../loaders.js';
import { createLocality, getLocality, localityChildrenLoader, localityLoader } from '../repos/localities.js';
import { parseInput, zDivisionCode, zName } from '../validation.js';
import { runMutation } from '../mutation.js';
import { entityKey, PROVINCIAL_TAG } from '../federation.js';
import { localities, localityGovernance } from '../tables.js';
import { withinDivision } from '../repos/common.js';
import { governanceLoader, type GovernanceInEffect } from '../governance.js';
import { arrayConnection, exceptionsInputField, payloadType, totalCountField } from './helpers.js';
import { badInput, notFound } from '../errors.js';
import { assertCanAdminister } from '../auth.js';

export function addLocalitySchema({ builder, refs }: PluginSchemaApi) {
  const { Locality, LocalityLevel } = refs;
  const GovernanceSetting = builder.objectRef<GovernanceInEffect & { viewedFrom: string }>('GovernanceSetting');

  builder.node(Locality, {
    tag: PROVINCIAL_TAG,
    description: '行政区划 — an administrative division (province, city, county or township) whose bureau governs schools.',
    id: { resolve: (l) => l.code },
    loadMany: async (codes, ctx) => (await localityLoader(ctx).loadMany(codes)).map((r) => (r instanceof Error ? null : r)),
    fields: (t) => ({
      // String, not DivisionCode: the federation key is typed as every other system types it (API.md).
      code: t.exposeString('code', { description: 'GB/T 2260 code (9 digits for a township). The federation key (`String!`, as every system types it).' }),
      name: t.exposeString('name', { description: 'Official name, e.g. 北海市.' }),
      level: t.field({ type: LocalityLevel, description: 'Derived from the code.', resolve: (l) => l.level as never }),
      parent: t.field({
        type: Locality,
        nullable: true,
        description: 'The division above, derived from the code (a county under a province directly skips the city).',
        resolve: (l, _, ctx) => (l.parentCode ? localityLoader(ctx).now(l.parentCode) : null),
      }),
      children: t.field({
        type: [Locality],
        description: 'Divisions directly below.',
        resolve: (l, _, ctx) => localityChildrenLoader(ctx).load(l.code),
      }),
      governance: t.field({
        type: [GovernanceSetting],
        description: 'The governance regimes in force here: enabled here or inherited from a division above (a city’s regime covers its districts).',
        resolve: async (l, _, ctx) => (await governanceLoader(ctx).load(l.code)).map((g) => ({ ...g, viewedFrom: l.code })),
      }),
      isArchived: t.boolean({ description: 'Archived divisions are kept for history but hidden from lists.', resolve: (l) => !!l.archivedAt }),
    }),
  });
  builder.asEntity(Locality, {
    key: builder.selection<{ code: string }>('code'),
    resolveReference: async (ref, ctx) => (await localityLoader(ctx).load(entityKey(ref, 'code', zDivisionCode))) ?? (null as never),
  });

  GovernanceSetting.implement({
    description: 'A governance regime (plugin) in force at a locality, with its options.',
    fields: (t) => ({
      plugin: t.string({ description: 'The plugin id (see `installedPlugins`).', resolve: (g) => g.pluginId }),
      enabledAt: t.field({ type: Locality, description: 'Where it was enabled: this locality, or the one above it inherits from.', resolve: (g, _, ctx) => present(localityLoader(ctx).now(g.enabledAt)) }),
      enabledOn: t.field({ type: 'DateTime', description: 'When the regime was last enabled at `enabledAt` (enabling it again, or changing its options, moves this instant).', resolve: (g) => g.enabledOn }),
      isInherited: t.boolean({ description: 'True when enabled at a division above.', resolve: (g) => g.enabledAt !== g.viewedFrom }),
      options: t.field({ type: 'JSON', description: 'The options in force: the document’s defaults with this locality’s overrides.', resolve: (g) => g.options }),
      overrides: t.field({ type: 'JSON', description: 'Only the options the locality set itself.', resolve: (g) => g.overrides }),
    }),
  });

  const LocalityFilter = builder.inputType('LocalityFilter', {
    description: 'Narrow a list of localities. All given conditions apply.',
    fields: (t) => ({
      parentCode: t.field({ type: 'DivisionCode', validate: zDivisionCode, description: 'Only divisions inside this one.' }),
      level: t.field({ type: LocalityLevel, description: 'Only divisions of this level. Omitted: every level below `parentCode`, or the provinces when there is no parent.' }),
    }),
  });

  builder.queryFields((t) => ({
    locality: t.field({
      tag: PROVINCIAL_TAG,
      type: Locality,
      nullable: true,
      description: 'A locality by its division code.',
      args: { code: t.arg({ type: 'DivisionCode', required: true, description: 'GB/T 2260 code: 6 digits, or 9 for a township.' }) },
      resolve: (_, { code }, ctx) => localityLoader(ctx).load(parseInput(zDivisionCode, code, 'code')),
    }),
    // A connection: a province has 100+ counties and a city 100+ townships (API.md: lists past 100).
    localities: t.connection(
      {
        tag: PROVINCIAL_TAG,
        type: Locality,
        description: 'Localities below a parent (all levels below it, or one level), or every province when no parent is given, in code order, a page at a time (100 by default, up to 1000).',
        args: { filter: t.arg({ type: LocalityFilter, description: 'Which localities; the provinces when omitted.' }) },
        resolve: async (_, { filter, ...page }, ctx) => {
          const conds = [];
          const parent = filter?.parentCode ?? null;
          if (parent) conds.push(withinDivision(localities.code, parent));
          if (filter?.level) conds.push(eq(localities.level, filter.level));
          else if (!parent) conds.push(eq(localities.level, 'PROVINCE'));
          const rows = await ctx.db.select().from(localities).where(and(...conds)).orderBy(localities.code);
          return arrayConnection(page, rows.filter((r) => !r.archivedAt && r.code !== parent), { defaultSize: 100, maxSize: 1000 });
        },
      },
      { name: 'LocalityConnection', description: 'A page of localities.', fields: (c) => ({ totalCount: totalCountField(c, 'All localities that match the filter.') }) },
      { description: 'One locality in a page, with its cursor.' },
    ),
  }));

  const LocalityPayload = payloadType(builder, 'LocalityPayload', 'locality', Locality, 'The result of a locality mutation.');

  const CreateLocalityInput = builder.inputType('CreateLocalityInput', {
    description: 'A new administrative division (行政区划). Its level and parent come from the code.',
    fields: (t) => ({
      code: t.field({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: 'Level and parent are derived from it.' }),
      name: t.string({ required: true, validate: zName, description: 'Official name, e.g. 惠济区 or 花园口镇.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const UpdateLocalityInput = builder.inputType('UpdateLocalityInput', {
    description: 'Rename a division. The code identifies it and cannot change.',
    fields: (t) => ({
      code: t.field({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: 'The division to rename (GB/T 2260 code).' }),
      name: t.string({ required: true, validate: zName, description: 'The new official name.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const ArchiveLocalityInput = builder.inputType('ArchiveLocalityInput', {
    description: 'Archive a division that no longer exists (merged or abolished).',
    fields: (t) => ({ code: t.field({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: 'The division to archive (GB/T 2260 code).' }), exceptions: exceptionsInputField(t, refs) }),
  });

  builder.mutationFields((t) => ({
    createLocality: t.field({
      type: LocalityPayload,
      description: 'Add a division (admin role covering it). Its parent must exist.',
      args: { input: t.arg({ type: CreateLocalityInput, required: true, description: 'The division’s code and name.' }) },
      resolve: async (_, { input }, ctx) => {
        const { exceptions, ...data } = input;
        return runMutation(ctx, { operation: 'createLocality', localityCode: data.code, needsAdmin: true, fields: Object.keys(input), exceptions }, async (tx) => {
          const row = await createLocality(tx, data);
          return { result: { locality: row }, changes: [{ entity: 'Locality', key: row.code }] };
        });
      },
    }),
    updateLocality: t.field({
      type: LocalityPayload,
      description: 'Rename a division (names change; codes do not).',
      args: { input: t.arg({ type: UpdateLocalityInput, required: true, description: 'The division and its new name.' }) },
      resolve: async (_, { input }, ctx) => {
        const { exceptions, ...data } = input;
        return runMutation(ctx, { operation: 'updateLocality', localityCode: data.code, needsAdmin: true, fields: Object.keys(input), exceptions }, async (tx) => {
          await getLocality(tx, data.code);
          const [row] = await tx.update(localities).set({ name: data.name, updatedAt: new Date() }).where(eq(localities.code, data.code)).returning();
          return { result: { locality: row! }, changes: [{ entity: 'Locality', key: data.code }] };
        });
      },
    }),
    archiveLocality: t.field({
      type: LocalityPayload,
      description: 'Archive a division (e.g. after a merger such as 梅列区 + 三元区 → 三元区 350404). Its history is kept.',
      args: { input: t.arg({ type: ArchiveLocalityInput, required: true, description: 'The division to archive.' }) },
      resolve: async (_, { input }, ctx) => {
        const { code } = input;
        return runMutation(ctx, { operation: 'archiveLocality', localityCode: code, needsAdmin: true, fields: ['code'], exceptions: input.exceptions }, async (tx) => {
          await getLocality(tx, code);
          const [row] = await tx.update(localities).set({ archivedAt: new Date(), updatedAt: new Date() }).where(eq(localities.code, code)).returning();
          return { result: { locality: row! }, changes: [{ entity: 'Locality', key: code }] };
        });
      },
    }),
  }));

  addGovernanceMutations({ builder, refs } as PluginSchemaApi, LocalityPayload);
}

function addGovernanceMutations({ builder, refs }: PluginSchemaApi, LocalityPayload: ReturnType<typeof payloadType>) {
  const EnableGovernanceInput = builder.inputType('EnableGovernanceInput', {
    description: 'Adopt a governance regime at a locality, or change the options it runs with there.',
    fields: (t) => ({
      localityCode: t.field({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: 'The adopting locality; the regime also covers every division inside it.' }),
      plugin: t.string({ required: true, description: 'An installed plugin id (see `installedPlugins`).' }),
      // Checked against the plugin's own options schema in the resolver: which schema depends on `plugin`.
      options: t.field({ type: 'JSON', description: 'Overrides of the document’s defaults; omitted options keep the defaults. Validated against the plugin’s options schema.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const DisableGovernanceInput = builder.inputType('DisableGovernanceInput', {
    description: 'Stop a regime where it was enabled. Its data stays.',
    fields: (t) => ({
      localityCode: t.field({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: 'The locality where the regime was enabled (not one that only inherits it).' }),
      plugin: t.string({ required: true, description: 'The plugin id (see `installedPlugins`).' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  builder.mutationFields((t) => ({
    enableGovernance: t.field({
      type: LocalityPayload,
      description: 'A locality adopts a governance regime (or changes its options): its mutations and rules then act there and below.',
      args: { input: t.arg({ type: EnableGovernanceInput, required: true, description: 'The locality, the plugin and any option overrides.' }) },
      resolve: async (_, { input }, ctx) => {
        const code = input.localityCode;
        // Authorise before saying anything about what is installed.
        assertCanAdminister(ctx.principal, code);
        const plugin = ctx.registry.plugin(input.plugin);
        if (!plugin)
          throw badInput('input.plugin', {
            zh: `未安装插件 ${input.plugin}（已安装：${[...ctx.registry.plugins.keys()].join('、') || '无'}）`,
            en: `plugin ${input.plugin} is not installed (installed: ${[...ctx.registry.plugins.keys()].join(', ') || 'none'})`,
          });
        const overrides = (input.options ?? {}) as Record<string, unknown>;
        if (typeof overrides !== 'object' || Array.isArray(overrides)) throw badInput('input.options', { zh: '选项须为对象', en: 'options must be an object' });
        parseInput(plugin.options.strict(), overrides, 'input.options');
        return runMutation(ctx, { operation: 'enableGovernance', localityCode: code, needsAdmin: true, fields: ['localityCode', 'plugin', ...Object.keys(overrides).map((k) => `options.${k}`)], exceptions: input.exceptions }, async (tx) => {
          const locality = await getLocality(tx, code);
          await tx
            .insert(localityGovernance)
            .values({ localityCode: code, pluginId: plugin.id, options: overrides })
            .onConflictDoUpdate({ target: [localityGovernance.localityCode, localityGovernance.pluginId], set: { options: overrides, disabledAt: null, enabledAt: new Date() } });
          return { result: { locality }, changes: [{ entity: 'Governance', key: `${code}:${plugin.id}` }] };
        });
      },
    }),
    disableGovernance: t.field({
      type: LocalityPayload,
      description: 'Stop a regime at a locality. Its data is kept; its mutations and rules stop acting there.',
      args: { input: t.arg({ type: DisableGovernanceInput, required: true, description: 'The locality and the plugin to stop.' }) },
      resolve: async (_, { input }, ctx) => {
        const code = input.localityCode;
        return runMutation(ctx, { operation: 'disableGovernance', localityCode: code, needsAdmin: true, fields: ['localityCode', 'plugin'], exceptions: input.exceptions }, async (tx) => {
          const locality = await getLocality(tx, code);
          const rows = await tx
            .update(localityGovernance)
            .set({ disabledAt: new Date() })
            .where(and(eq(localityGovernance.localityCode, code), eq(localityGovernance.pluginId, input.plugin)))
            .returning();
          if (rows.length === 0) throw notFound('Plugin', `${code}:${input.plugin}`);
          return { result: { locality }, changes: [{ entity: 'Governance', key: `${code}:${input.plugin}` }] };
        });
      },
    }),
  }));
}
