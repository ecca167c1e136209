import { z } from 'zod';
import type { PluginSchemaApi } from './api.js';
import { present } from '../loaders.js';
import {
  archiveExchange,
  countExchanges,
  createExchange,
  exchangeLoader,
  getExchange,
  listExchanges,
  updateExchange,
  type ExchangeRow,
} from '../repos/exchanges.js';
import { backboneAtLeast, personLoader } from '../repos/people.js';
import { getSchool, schoolLoader } from '../repos/schools.js';
import { schoolGroupLoader } from '../repos/groups.js';
import { zDate, zDivisionCode, zExchangeId, zGroupId, zPersonId, zSchoolCode, zSchoolYear } from '../validation.js';
import { runMutation } from '../mutation.js';
import { exceptionsInputField, keysetConnection, payloadType, totalCountField, loadNodes } from './helpers.js';

const zNote = z.string().max(2000);

export function addExchangeSchema({ builder, refs }: PluginSchemaApi) {
  const { Exchange, Person, School, SchoolGroup, ExchangeKind, BackboneLevel } = refs;

  builder.node(Exchange, {
    description: '交流 — a staff movement between schools (轮岗, 支教, 跨校兼课, 蹲点, 挂职 …): the common measure of teacher balance.',
    id: { resolve: (e) => e.id },
    loadMany: loadNodes(exchangeLoader),
    fields: (t) => ({
      exchangeId: t.exposeID('id', { description: 'The raw identifier (UUID); `id` is the Relay global ID. updateExchange and archiveExchange take either.' }),
      person: t.field({ type: Person, description: 'The member of staff who moved.', resolve: (e, _, ctx) => present(personLoader(ctx).now(e.personId)) }),
      fromSchool: t.field({ type: School, description: 'The school the person leaves (派出学校): exchange rates count the exchange for this school.', resolve: (e, _, ctx) => present(schoolLoader(ctx).now(e.fromSchoolCode)) }),
      toSchool: t.field({ type: School, description: 'The school the person goes to (接收学校).', resolve: (e, _, ctx) => present(schoolLoader(ctx).now(e.toSchoolCode)) }),
      kind: t.field({ type: ExchangeKind, description: '交流形式 — the form of the movement (轮岗, 支教 …).', resolve: (e) => e.kind as never }),
      startDate: t.field({ type: 'Date', description: 'First day of the exchange. It counts in every school year its period overlaps.', resolve: (e) => e.startDate }),
      endDate: t.field({ type: 'Date', nullable: true, description: 'Last day of the exchange; null while open-ended.', resolve: (e) => e.endDate }),
      backboneLevel: t.field({ type: BackboneLevel, description: 'The person’s backbone level when the exchange began.', resolve: (e) => e.backboneLevel as never }),
      isBackbone: t.boolean({ description: 'A county-level-or-higher backbone teacher when the exchange began (as the exchange-rate rules count).', resolve: (e) => backboneAtLeast(e.backboneLevel, 'COUNTY') }),
      group: t.field({ type: SchoolGroup, nullable: true, description: 'The group the exchange was arranged within, if any.', resolve: (e, _, ctx) => (e.groupId ? schoolGroupLoader(ctx).now(e.groupId) : null) }),
      note: t.exposeString('note', { nullable: true, description: 'Free-text note; null when none.' }),
    }),
  });

  const ExchangeFilter = builder.inputType('ExchangeFilter', {
    description: 'Narrow a list of exchanges. All given conditions apply; archived exchanges are never listed.',
    fields: (t) => ({
      localityCode: t.field({ type: 'DivisionCode', validate: zDivisionCode, description: 'Exchanges from or to a school in this locality.' }),
      schoolCode: t.field({ type: 'SchoolCode', validate: zSchoolCode, description: 'Exchanges from or to this school.' }),
      personId: t.id({ validate: zPersonId, description: 'Exchanges of this person: their Relay global ID or UUID (`personId`).' }),
      groupId: t.id({ validate: zGroupId, description: 'Exchanges arranged within this group (its Relay global ID or `groupId`).' }),
      kind: t.field({ type: ExchangeKind, description: 'Exchanges of this form.' }),
      schoolYear: t.field({ type: 'SchoolYear', validate: zSchoolYear, description: 'Exchanges in progress at any time in this school year.' }),
    }),
  });

  builder.queryFields((t) => ({
    exchanges: t.connection({
      type: Exchange,
      description: '交流 — staff exchanges in id order, a page at a time.',
      args: { filter: t.arg({ type: ExchangeFilter, description: 'Which exchanges; every one not archived when omitted.' }) },
      resolve: (_, args, ctx) => {
        const f = args.filter ?? {};
        return keysetConnection<ExchangeRow>(args, (e) => e.id, (page) => listExchanges(ctx.db, f, page), () => countExchanges(ctx.db, f));
      },
    }, { name: 'ExchangeConnection', description: 'A page of exchanges.', fields: (t) => ({ totalCount: totalCountField(t, 'All exchanges that match the filter (counted only when asked for).') }) }, { description: 'One exchange in a page of exchanges, with its cursor.' }),
  }));

  const ExchangePayload = payloadType(builder, 'ExchangePayload', 'exchange', Exchange, 'The result of an exchange mutation.');
  const RecordExchangeInput = builder.inputType('RecordExchangeInput', {
    description: 'A staff movement from one school to another, for a period.',
    fields: (t) => ({
      personId: t.id({ required: true, validate: zPersonId, description: 'The person who moves: their Relay global ID or UUID (`personId`).' }),
      fromSchoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school they leave; your editor scope must cover its county.' }),
      toSchoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school they go to; not the same school.' }),
      kind: t.field({ type: ExchangeKind, required: true, description: '交流形式 — the form of the movement.' }),
      startDate: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day of the exchange.' }),
      endDate: t.field({ type: 'Date', validate: zDate, description: 'Last day, if known; not before startDate.' }),
      groupId: t.id({ validate: zGroupId, description: 'The group it was arranged within, if any (its Relay global ID or `groupId`).' }),
      note: t.string({ validate: zNote, description: 'Free-text note, at most 2000 characters.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const UpdateExchangeInput = builder.inputType('UpdateExchangeInput', {
    description: 'Change an exchange. Omitted fields stay as they are; person, schools and start date cannot change (archive and record it again).',
    fields: (t) => ({
      id: t.id({ required: true, validate: zExchangeId, description: 'The exchange’s Relay global ID or its UUID (`exchangeId`).' }),
      kind: t.field({ type: ExchangeKind, description: 'A corrected form.' }),
      endDate: t.field({ type: 'Date', validate: zDate, description: 'The last day, e.g. when it ends early; null makes it open-ended again.' }),
      note: t.string({ validate: zNote, description: 'A new note (at most 2000 characters); null clears it.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const ArchiveExchangeInput = builder.inputType('ArchiveExchangeInput', {
    description: 'Remove an exchange recorded in error.',
    fields: (t) => ({ id: t.id({ required: true, validate: zExchangeId, description: 'The exchange’s Relay global ID or its UUID (`exchangeId`).' }), exceptions: exceptionsInputField(t, refs) }),
  });

  builder.mutationFields((t) => ({
    recordExchange: t.field({
      type: ExchangePayload,
      description: 'Record a staff exchange. The backbone level is taken from the person.',
      args: { input: t.arg({ type: RecordExchangeInput, required: true, description: 'The person, the schools, the form and the period.' }) },
      resolve: async (_, { input }, ctx) => {
        const { exceptions, ...data } = input;
        const from = await getSchool(ctx.db, data.fromSchoolCode);
        return runMutation(ctx, { operation: 'recordExchange', localityCode: from.countyCode, fields: Object.keys(input), exceptions }, async (tx) => {
          const row = await createExchange(tx, data);
          return { result: { exchange: row }, changes: [{ entity: 'Exchange', key: row.id }] };
        });
      },
    }),
    updateExchange: t.field({
      type: ExchangePayload,
      description: 'Change an exchange’s form, end date or note (editor role covering the school it left).',
      args: { input: t.arg({ type: UpdateExchangeInput, required: true, description: 'The exchange and the fields to change.' }) },
      resolve: async (_, { input }, ctx) => {
        const { id, exceptions, ...patch } = input;
        const current = await getExchange(ctx.db, id);
        const from = await getSchool(ctx.db, current.fromSchoolCode);
        return runMutation(ctx, { operation: 'updateExchange', localityCode: from.countyCode, fields: Object.keys(input), exceptions }, async (tx) => {
          const row = await updateExchange(tx, id, patch);
          return { result: { exchange: row }, changes: [{ entity: 'Exchange', key: row.id }] };
        });
      },
    }),
    archiveExchange: t.field({
      type: ExchangePayload,
      description: 'Remove an exchange recorded in error.',
      args: { input: t.arg({ type: ArchiveExchangeInput, required: true, description: 'The exchange to remove.' }) },
      resolve: async (_, { input }, ctx) => {
        const current = await getExchange(ctx.db, input.id);
        const from = await getSchool(ctx.db, current.fromSchoolCode);
        return runMutation(ctx, { operation: 'archiveExchange', localityCode: from.countyCode, fields: ['id'], exceptions: input.exceptions }, async (tx) => {
          const row = await archiveExchange(tx, current.id);
          return { result: { exchange: row }, changes: [{ entity: 'Exchange', key: row.id }] };
        });
      },
    }),
  }));
}
