import { z } from 'zod';
import type { PluginSchemaApi } from './api.js';
import {
  archiveExchange,
  countExchanges,
  createExchange,
  EXCHANGE_KINDS,
  getExchange,
  listExchanges,
  updateExchange,
  type ExchangeRow,
} from '../repos/exchanges.js';
import { backboneAtLeast, personLoader } from '../repos/people.js';
import { getSchool, schoolLoader } from '../repos/schools.js';
import { schoolGroupLoader } from '../repos/groups.js';
import { parseInput, zDate, zDivisionCode, zSchoolCode, zSchoolYear } from '../validation.js';
import { runMutation } from '../mutation.js';
import { keysetConnection, payloadType } from './helpers.js';

export function addExchangeSchema({ builder, refs }: PluginSchemaApi) {
  const { Exchange, Person, School, SchoolGroup, ExchangeKind, BackboneLevel } = refs;

  Exchange.implement({
    description: '交流 — a staff movement between schools (轮岗, 支教, 跨校兼课, 蹲点, 挂职 …): the common measure of teacher balance.',
    fields: (t) => ({
      id: t.exposeID('id'),
      person: t.field({ type: Person, resolve: async (e, _, ctx) => (await personLoader(ctx).load(e.personId))! }),
      fromSchool: t.field({ type: School, resolve: async (e, _, ctx) => (await schoolLoader(ctx).load(e.fromSchoolCode))! }),
      toSchool: t.field({ type: School, resolve: async (e, _, ctx) => (await schoolLoader(ctx).load(e.toSchoolCode))! }),
      kind: t.field({ type: ExchangeKind, resolve: (e) => e.kind as never }),
      startDate: t.field({ type: 'Date', resolve: (e) => e.startDate }),
      endDate: t.field({ type: 'Date', nullable: true, resolve: (e) => e.endDate }),
      backboneLevel: t.field({ type: BackboneLevel, description: 'The person’s backbone level when the exchange began.', resolve: (e) => e.backboneLevel as never }),
      isBackbone: t.boolean({ description: 'A county-level-or-higher backbone teacher when the exchange began (as the exchange-rate rules count).', resolve: (e) => backboneAtLeast(e.backboneLevel, 'COUNTY') }),
      group: t.field({ type: SchoolGroup, nullable: true, description: 'The group the exchange was arranged within, if any.', resolve: (e, _, ctx) => (e.groupId ? schoolGroupLoader(ctx).load(e.groupId) : null) }),
      note: t.exposeString('note', { nullable: true }),
    }),
  });

  const ExchangeFilter = builder.inputType('ExchangeFilter', {
    fields: (t) => ({
      localityCode: t.field({ type: 'DivisionCode', description: 'Exchanges from or to a school in this locality.' }),
      schoolCode: t.field({ type: 'SchoolCode', description: 'Exchanges from or to this school.' }),
      personId: t.string(),
      groupId: t.id(),
      kind: t.field({ type: ExchangeKind }),
      schoolYear: t.field({ type: 'SchoolYear', description: 'Exchanges in progress at any time in this school year.' }),
    }),
  });

  builder.queryFields((t) => ({
    exchanges: t.connection({
      type: Exchange,
      args: { filter: t.arg({ type: ExchangeFilter }) },
      resolve: (_, args, ctx) => {
        const f = { ...(args.filter ?? {}), groupId: args.filter?.groupId ? String(args.filter.groupId) : null };
        if (f.localityCode) parseInput(zDivisionCode, f.localityCode, 'filter.localityCode');
        if (f.schoolYear) parseInput(zSchoolYear, f.schoolYear, 'filter.schoolYear');
        return keysetConnection<ExchangeRow>(args, (e) => e.id, (page) => listExchanges(ctx.db, f, page), () => countExchanges(ctx.db, f));
      },
    }, { name: 'ExchangeConnection', fields: (t) => ({ totalCount: t.int({ resolve: (c) => (c as unknown as { totalCount: () => Promise<number> }).totalCount() }) }) }),
  }));

  const ExchangePayload = payloadType(builder, 'ExchangePayload', 'exchange', Exchange, 'The result of an exchange mutation.');
  const RecordExchangeInput = builder.inputType('RecordExchangeInput', {
    fields: (t) => ({
      personId: t.string({ required: true }),
      fromSchoolCode: t.field({ type: 'SchoolCode', required: true }),
      toSchoolCode: t.field({ type: 'SchoolCode', required: true }),
      kind: t.field({ type: ExchangeKind, required: true }),
      startDate: t.field({ type: 'Date', required: true }),
      endDate: t.field({ type: 'Date' }),
      groupId: t.id(),
      note: t.string(),
    }),
  });
  const UpdateExchangeInput = builder.inputType('UpdateExchangeInput', {
    fields: (t) => ({ id: t.id({ required: true }), kind: t.field({ type: ExchangeKind }), endDate: t.field({ type: 'Date' }), note: t.string() }),
  });
  const ArchiveExchangeInput = builder.inputType('ArchiveExchangeInput', { fields: (t) => ({ id: t.id({ required: true }) }) });

  const kinds = Object.keys(EXCHANGE_KINDS) as [keyof typeof EXCHANGE_KINDS, ...(keyof typeof EXCHANGE_KINDS)[]];
  const zRecord = z.object({
    personId: z.string(),
    fromSchoolCode: zSchoolCode,
    toSchoolCode: zSchoolCode,
    kind: z.enum(kinds),
    startDate: zDate,
    endDate: zDate.nullish(),
    groupId: z.string().nullish(),
    note: z.string().max(2000).nullish(),
  });
  const zUpdate = z.object({ id: z.string(), kind: z.enum(kinds).nullish(), endDate: zDate.nullish(), note: z.string().max(2000).nullish() });

  builder.mutationFields((t) => ({
    recordExchange: t.field({
      type: ExchangePayload,
      description: 'Record a staff exchange. The backbone level is taken from the person.',
      args: { input: t.arg({ type: RecordExchangeInput, required: true }) },
      resolve: async (_, { input }, ctx) => {
        const data = parseInput(zRecord, { ...input, groupId: input.groupId ? String(input.groupId) : null });
        const from = await getSchool(ctx.db, data.fromSchoolCode);
        return runMutation(ctx, { operation: 'recordExchange', localityCode: from.countyCode, fields: Object.keys(input) }, async (tx) => {
          const row = await createExchange(tx, data);
          return { result: { exchange: row }, changes: [{ entity: 'Exchange', key: row.id }] };
        });
      },
    }),
    updateExchange: t.field({
      type: ExchangePayload,
      args: { input: t.arg({ type: UpdateExchangeInput, required: true }) },
      resolve: async (_, { input }, ctx) => {
        const { id, ...patch } = parseInput(zUpdate, { ...input, id: String(input.id) });
        const current = await getExchange(ctx.db, id);
        const from = await getSchool(ctx.db, current.fromSchoolCode);
        return runMutation(ctx, { operation: 'updateExchange', localityCode: from.countyCode, fields: Object.keys(input) }, async (tx) => {
          const row = await updateExchange(tx, id, Object.fromEntries(Object.entries(patch).filter(([k]) => k in input)));
          return { result: { exchange: row }, changes: [{ entity: 'Exchange', key: row.id }] };
        });
      },
    }),
    archiveExchange: t.field({
      type: ExchangePayload,
      description: 'Remove an exchange recorded in error.',
      args: { input: t.arg({ type: ArchiveExchangeInput, required: true }) },
      resolve: async (_, { input }, ctx) => {
        const current = await getExchange(ctx.db, String(input.id));
        const from = await getSchool(ctx.db, current.fromSchoolCode);
        return runMutation(ctx, { operation: 'archiveExchange', localityCode: from.countyCode, fields: ['id'] }, async (tx) => {
          const row = await archiveExchange(tx, current.id);
          return { result: { exchange: row }, changes: [{ entity: 'Exchange', key: row.id }] };
        });
      },
    }),
  }));
}
