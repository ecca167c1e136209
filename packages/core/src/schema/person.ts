import { z } from 'zod';
import type { PluginSchemaApi } from './api.js';
import type { GongzhiContext } from '../context.js';
import {
  archivePerson,
  BACKBONE_LEVELS,
  countPeople,
  createPerson,
  GENDERS,
  getPerson,
  listPeople,
  personLoader,
  QUALIFICATIONS,
  TITLES,
  updatePerson,
  type BackboneLevel,
  type PersonRow,
} from '../repos/people.js';
import { localityLoader } from '../repos/localities.js';
import { postsByPersonLoader } from '../repos/posts.js';
import { exchangesByPersonLoader } from '../repos/exchanges.js';
import { parseInput, zDate, zDivisionCode, zName, zPattern, zSchoolCode } from '../validation.js';
import { runMutation } from '../mutation.js';
import { canReadPersonalData, assertCanEdit } from '../auth.js';
import { asOfOrToday, keysetConnection, payloadType } from './helpers.js';

/** A personal field: null unless the caller holds the pii scope for the person's locality; each read is audited. */
function personal(ctx: GongzhiContext, p: PersonRow, field: 'idNumber' | 'phone' | 'birthDate'): string | null {
  if (!canReadPersonalData(ctx.principal, p.localityCode)) return null;
  const value = p[field];
  if (value !== null) ctx.personalDataReads.push({ entity: 'Person', key: p.id, field, localityCode: p.localityCode });
  return value;
}

// 18-digit resident ID: 17 digits and a check character (digit or X).
const zIdNumber = zPattern(/^\d{17}[\dX]$/, { en: 'an ID number is 17 digits and a check digit or X', zh: '身份证号应为 17 位数字加 1 位校验码（数字或 X）' });
const zPhone = zPattern(/^\+?[\d-]{7,20}$/, { en: 'a phone number is 7–20 digits', zh: '电话号码应为 7–20 位数字' });

export function addPersonSchema({ builder, refs }: PluginSchemaApi) {
  const { Person, Locality, Gender, Qualification, ProfessionalTitle, BackboneLevel, Post, Exchange } = refs;

  builder.node(Person, {
    description: '教职工 — a member of staff. ID number, phone and birth date are personal: null without the `pii` scope for the person’s locality.',
    id: { resolve: (p) => p.id },
    loadMany: async (ids, ctx) => (await personLoader(ctx).loadMany(ids)).map((r) => (r instanceof Error ? null : r)),
    fields: (t) => ({
      personId: t.exposeString('id', { description: 'The raw identifier (UUID); `id` is the Relay global ID.' }),
      name: t.exposeString('name'),
      gender: t.field({ type: Gender, resolve: (p) => p.gender as never }),
      qualification: t.field({ type: Qualification, resolve: (p) => p.qualification as never }),
      title: t.field({ type: ProfessionalTitle, resolve: (p) => p.title as never }),
      backboneLevel: t.field({ type: BackboneLevel, resolve: (p) => p.backboneLevel as never }),
      subjects: t.exposeStringList('subjects', { description: 'Subjects taught, in Chinese as the roster writes them (语文, 数学, 体育, 音乐, 美术 …).' }),
      locality: t.field({ type: Locality, description: 'The bureau that manages the person.', resolve: async (p, _, ctx) => (await localityLoader(ctx).load(p.localityCode))! }),
      isSample: t.exposeBoolean('isSample'),
      isArchived: t.boolean({ resolve: (p) => !!p.archivedAt }),
      version: t.exposeInt('version'),
      birthDate: t.field({ type: 'Date', nullable: true, description: 'Personal: needs the `pii` scope.', resolve: (p, _, ctx) => personal(ctx, p, 'birthDate') }),
      idNumber: t.string({ nullable: true, description: '居民身份证号 — personal: needs the `pii` scope.', resolve: (p, _, ctx) => personal(ctx, p, 'idNumber') }),
      phone: t.string({ nullable: true, description: 'Personal: needs the `pii` scope.', resolve: (p, _, ctx) => personal(ctx, p, 'phone') }),
      posts: t.field({
        type: [Post],
        description: 'Posts held on a date (today by default).',
        args: { asOf: t.arg({ type: 'Date' }) },
        resolve: (p, args, ctx) => postsByPersonLoader(ctx).load({ id: p.id, asOf: asOfOrToday(ctx, args.asOf) }),
      }),
      exchanges: t.field({ type: [Exchange], description: 'Every exchange of this person, oldest first.', resolve: (p, _, ctx) => exchangesByPersonLoader(ctx).load(p.id) }),
    }),
  });
  builder.asEntity(Person, {
    key: builder.selection<{ id: string }>('id'),
    resolveReference: async (ref, ctx) => (await personLoader(ctx).load(ref.id)) ?? (null as never),
  });

  const PersonFilter = builder.inputType('PersonFilter', {
    description: 'Narrow a list of people. Personal fields cannot be filtered on.',
    fields: (t) => ({
      localityCode: t.field({ type: 'DivisionCode' }),
      schoolCode: t.field({ type: 'SchoolCode', description: 'People with a post at this school (on `asOf`).' }),
      role: t.string({ description: 'People holding this role (on `asOf`), e.g. TEACHER.' }),
      backboneAtLeast: t.field({ type: BackboneLevel, description: 'Backbone teachers at this level or higher.' }),
      nameContains: t.string(),
      asOf: t.field({ type: 'Date' }),
      includeArchived: t.boolean(),
    }),
  });

  builder.queryFields((t) => ({
    person: t.field({
      type: Person,
      nullable: true,
      args: { id: t.arg.string({ required: true, description: 'The person’s UUID (or Relay global ID).' }) },
      resolve: async (_, { id }, ctx) => {
        const raw = id.includes('-') ? id : Buffer.from(id, 'base64').toString('utf8').replace(/^Person:/, '');
        return /^[0-9a-f-]{36}$/i.test(raw) ? personLoader(ctx).load(raw) : null;
      },
    }),
    people: t.connection({
      type: Person,
      args: { filter: t.arg({ type: PersonFilter }) },
      resolve: (_, args, ctx) => {
        const f = args.filter ?? {};
        if (f.localityCode) parseInput(zDivisionCode, f.localityCode, 'filter.localityCode');
        if (f.schoolCode) parseInput(zSchoolCode, f.schoolCode, 'filter.schoolCode');
        const filter = { ...f, backboneAtLeast: f.backboneAtLeast as BackboneLevel | null | undefined, asOf: asOfOrToday(ctx, f.asOf, 'filter.asOf') };
        return keysetConnection<PersonRow>(args, (p) => p.id, (page) => listPeople(ctx.db, filter, page), () => countPeople(ctx.db, filter));
      },
    }, { name: 'PersonConnection', fields: (t) => ({ totalCount: t.int({ resolve: (c) => (c as unknown as { totalCount: () => Promise<number> }).totalCount() }) }) }),
  }));

  const PersonPayload = payloadType(builder, 'PersonPayload', 'person', Person, 'The result of a person mutation.');
  const personFields = (t: PothosSchemaTypes.InputFieldBuilder<any, 'InputObject'>, required: boolean) => ({
    name: t.string({ required }),
    gender: t.field({ type: Gender, required }),
    birthDate: t.field({ type: 'Date' }),
    idNumber: t.string({ description: '18-character resident ID (personal).' }),
    phone: t.string({ description: 'Personal.' }),
    qualification: t.field({ type: Qualification, required }),
    title: t.field({ type: ProfessionalTitle, required }),
    backboneLevel: t.field({ type: BackboneLevel }),
    subjects: t.stringList(),
    localityCode: t.field({ type: 'DivisionCode', required, description: 'The bureau that manages the person.' }),
    isSample: t.boolean(),
  });
  const CreatePersonInput = builder.inputType('CreatePersonInput', { fields: (t) => personFields(t, true) });
  const UpdatePersonInput = builder.inputType('UpdatePersonInput', {
    description: 'Change a person. Omitted fields stay as they are.',
    fields: (t) => ({ id: t.string({ required: true }), expectedVersion: t.int(), ...personFields(t, false) }),
  });
  const ArchivePersonInput = builder.inputType('ArchivePersonInput', { fields: (t) => ({ id: t.string({ required: true }) }) });

  const zCreate = z.object({
    name: zName,
    gender: z.enum(GENDERS),
    birthDate: zDate.nullish(),
    idNumber: zIdNumber.nullish(),
    phone: zPhone.nullish(),
    qualification: z.enum(QUALIFICATIONS),
    title: z.enum(TITLES),
    backboneLevel: z.enum(BACKBONE_LEVELS).nullish(),
    subjects: z.array(z.string().trim().min(1).max(20)).max(10).nullish(),
    localityCode: zDivisionCode,
    isSample: z.boolean().nullish(),
  });
  const zUpdate = zCreate.partial().extend({ id: z.string(), expectedVersion: z.number().int().nullish() });

  builder.mutationFields((t) => ({
    createPerson: t.field({
      type: PersonPayload,
      args: { input: t.arg({ type: CreatePersonInput, required: true }) },
      resolve: async (_, { input }, ctx) => {
        const data = parseInput(zCreate, input);
        return runMutation(ctx, { operation: 'createPerson', localityCode: data.localityCode, fields: Object.keys(input) }, async (tx) => {
          const row = await createPerson(tx, data);
          return { result: { person: row }, changes: [{ entity: 'Person', key: row.id }] };
        });
      },
    }),
    updatePerson: t.field({
      type: PersonPayload,
      args: { input: t.arg({ type: UpdatePersonInput, required: true }) },
      resolve: async (_, { input }, ctx) => {
        const { id, expectedVersion, ...patch } = parseInput(zUpdate, input);
        const current = await getPerson(ctx.db, id);
        if (patch.localityCode && patch.localityCode !== current.localityCode) assertCanEdit(ctx.principal, current.localityCode);
        return runMutation(ctx, { operation: 'updatePerson', localityCode: patch.localityCode ?? current.localityCode, fields: Object.keys(input) }, async (tx) => {
          const row = await updatePerson(tx, id, Object.fromEntries(Object.entries(patch).filter(([k]) => k in input)), expectedVersion);
          return { result: { person: row }, changes: [{ entity: 'Person', key: row.id }] };
        });
      },
    }),
    archivePerson: t.field({
      type: PersonPayload,
      description: 'Archive a person who has left. Their history (posts, exchanges) is kept.',
      args: { input: t.arg({ type: ArchivePersonInput, required: true }) },
      resolve: async (_, { input }, ctx) => {
        const current = await getPerson(ctx.db, input.id);
        return runMutation(ctx, { operation: 'archivePerson', localityCode: current.localityCode, fields: ['id'] }, async (tx) => {
          const row = await archivePerson(tx, current.id);
          return { result: { person: row }, changes: [{ entity: 'Person', key: row.id }] };
        });
      },
    }),
  }));
}
