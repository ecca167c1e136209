import { uuidOf } from '../ids.js';
import { z } from 'zod';
import type { PluginSchemaApi } from './api.js';
import { present } from '../loaders.js';
import type { GongzhiContext } from '../context.js';
import {
  archivePerson,
  countPeople,
  createPerson,
  getPerson,
  listPeople,
  personLoader,
  updatePerson,
  type BackboneLevel,
  type PersonInput,
  type PersonRow,
} from '../repos/people.js';
import { localityLoader } from '../repos/localities.js';
import { postsByPersonLoader } from '../repos/posts.js';
import { exchangesByPersonLoader } from '../repos/exchanges.js';
import { zDate, zDivisionCode, zIdNumber, zName, zNotNull, zPattern, zPersonId, zSchoolCode } from '../validation.js';
import { runMutation } from '../mutation.js';
import { entityKey, PROVINCIAL_TAG } from '../federation.js';
import { PARTITION_ARG_DESCRIPTION, partitionInput } from './partition.js';
import { canReadPersonalData, assertCanEdit } from '../auth.js';
import { forbidden } from '../errors.js';
import { asOfOrToday, exceptionsInputField, keysetConnection, payloadType, totalCountField, loadNodes } from './helpers.js';

/**
 * Writing personal fields needs the pii scope, as reading them does (DESIGN.md, Personal data): an
 * editor without it could otherwise probe which ID numbers are on file through the uniqueness check.
 */
function assertCanWritePersonalData(ctx: GongzhiContext, data: { idNumber?: unknown; phone?: unknown; birthDate?: unknown }, localityCode: string) {
  const touched = (['idNumber', 'phone', 'birthDate'] as const).filter((f) => data[f] !== undefined && data[f] !== null);
  if (touched.length && !canReadPersonalData(ctx.principal, localityCode))
    throw forbidden(`pii:${localityCode}`, { zh: `写入个人信息（${touched.join('、')}）需要 ${localityCode} 的 pii 权限`, en: `writing personal fields (${touched.join(', ')}) needs the pii scope for ${localityCode}` });
}

const piiVisibility = (ctx: GongzhiContext) => ({ canSee: (code: string) => canReadPersonalData(ctx.principal, code) });

/** A personal field: null unless the caller holds the pii scope for the person's locality; each read is audited. */
function personal(ctx: GongzhiContext, p: PersonRow, field: 'idNumber' | 'phone' | 'birthDate'): string | null {
  if (!canReadPersonalData(ctx.principal, p.localityCode)) return null;
  const value = p[field];
  if (value !== null) ctx.personalDataReads.push({ entity: 'Person', key: p.id, field, localityCode: p.localityCode });
  return value;
}

const zPhone = zPattern(/^\+?[\d-]{7,20}$/, { en: 'a phone number is 7–20 digits', zh: '电话号码应为 7–20 位数字' });

export function addPersonSchema({ builder, refs }: PluginSchemaApi) {
  const { Person, Locality, Gender, Qualification, ProfessionalTitle, BackboneLevel, Post, Exchange } = refs;

  builder.node(Person, {
    tag: PROVINCIAL_TAG,
    description: '教职工 — a member of staff. ID number, phone and birth date are personal: null without the `pii` scope for the person’s locality.',
    id: { resolve: (p) => p.id },
    loadMany: loadNodes(personLoader),
    fields: (t) => ({
      personId: t.exposeID('id', { description: 'The raw identifier (UUID); `id` is the Relay global ID.' }),
      name: t.exposeString('name', { description: '姓名 — the person’s name as the staff roster writes it.' }),
      gender: t.field({ type: Gender, description: '性别 — gender, as on the staff roster.', resolve: (p) => p.gender as never }),
      qualification: t.field({ type: Qualification, description: '学历 — highest qualification as it stands now; balance indicator L1 counts teachers above the required one (primary 专科 and above, junior 本科 and above).', resolve: (p) => p.qualification as never }),
      title: t.field({ type: ProfessionalTitle, description: '职称 — current professional title.', resolve: (p) => p.title as never }),
      backboneLevel: t.field({ type: BackboneLevel, description: '骨干教师 — current backbone level (NONE if not one). COUNTY or higher counts for indicator L2 and the exchange-rate rules; an exchange keeps the level the person had when it began.', resolve: (p) => p.backboneLevel as never }),
      subjects: t.exposeStringList('subjects', { description: 'Subjects taught, in Chinese as the roster writes them (语文, 数学, 体育, 音乐, 美术 …).' }),
      locality: t.field({ type: Locality, description: 'The bureau that manages the person.', resolve: (p, _, ctx) => present(localityLoader(ctx).now(p.localityCode)) }),
      isSample: t.exposeBoolean('isSample', { description: 'Sample data (demo or policy illustration), not a real person.' }),
      isArchived: t.boolean({ description: 'Left the service (离职, 退休 …): kept for history, left out of lists unless asked for.', resolve: (p) => !!p.archivedAt }),
      version: t.exposeInt('version', { description: 'Grows with every change; pass it back as `expectedVersion` to update safely.' }),
      // Personal fields are @inaccessible: absent from the published supergraph, so no router can
      // ask for them (DESIGN.md "Personal data"); a caller with the pii scope reads them here directly.
      birthDate: t.field({ inaccessible: true, type: 'Date', nullable: true, description: 'Personal: needs the `pii` scope.', resolve: (p, _, ctx) => personal(ctx, p, 'birthDate') }),
      idNumber: t.string({ inaccessible: true, nullable: true, description: '居民身份证号 — personal: needs the `pii` scope.', resolve: (p, _, ctx) => personal(ctx, p, 'idNumber') }),
      phone: t.string({ inaccessible: true, nullable: true, description: 'Personal: needs the `pii` scope.', resolve: (p, _, ctx) => personal(ctx, p, 'phone') }),
      posts: t.field({
        type: [Post],
        description: 'Posts held on a date (today by default).',
        args: { asOf: t.arg({ type: 'Date', description: 'The day asked about; today when omitted. A post counts from its validFrom to its validTo, both inclusive.' }) },
        resolve: (p, args, ctx) => postsByPersonLoader(ctx).load({ id: p.id, asOf: asOfOrToday(ctx, args.asOf) }),
      }),
      exchanges: t.field({ type: [Exchange], description: 'Every exchange of this person, oldest first.', resolve: (p, _, ctx) => exchangesByPersonLoader(ctx).load(p.id) }),
    }),
  });
  // Keyed by `id`, the Relay global ID `Person.id` returns: a stable opaque string, no personal
  // data (never the ID number). The raw UUID (`personId`) is accepted too, as every input accepts it;
  // a Relay id of another type or garbage is BAD_USER_INPUT, an unknown person null.
  builder.asEntity(Person, {
    key: builder.selection<{ id: string }>('id'),
    resolveReference: async (ref, ctx) => (await personLoader(ctx).load(entityKey(ref, 'id', zPersonId))) ?? (null as never),
  });

  const PersonFilter = builder.inputType('PersonFilter', {
    description: 'Narrow a list of people. Personal fields cannot be filtered on.',
    fields: (t) => ({
      localityCode: t.field({ type: 'DivisionCode', validate: zDivisionCode, description: 'People managed by the bureau of this locality or of a division inside it.' }),
      schoolCode: t.field({ type: 'SchoolCode', validate: zSchoolCode, description: 'People with a post at this school (on `asOf`).' }),
      role: t.string({ description: 'People holding this role (on `asOf`), e.g. TEACHER.' }),
      backboneAtLeast: t.field({ type: BackboneLevel, description: 'Backbone teachers at this level or higher.' }),
      nameContains: t.string({ description: 'People whose name contains this text (case-insensitive).' }),
      asOf: t.field({ type: 'Date', validate: zDate, description: 'The day `schoolCode` and `role` are judged on; today when omitted.' }),
      includeArchived: t.boolean({ description: 'Archived people (who have left) are left out unless true.' }),
    }),
  });

  builder.queryFields((t) => ({
    person: t.field({
      tag: PROVINCIAL_TAG,
      type: Person,
      nullable: true,
      description: '教职工 — a person by id; null when there is none. Archived people are still found.',
      args: { id: t.arg.id({ required: true, description: 'The person’s Relay global ID or its UUID (`personId`).' }) },
      resolve: (_, { id }, ctx) => {
        // A lookup: an id that names no person, malformed or not, finds nobody (as schoolGroup(id:)).
        const uuid = uuidOf(String(id), (type) => type === 'Person');
        return uuid ? personLoader(ctx).load(uuid) : null;
      },
    }),
    people: t.connection({
      tag: PROVINCIAL_TAG,
      type: Person,
      description: 'Staff in id order, a page at a time; a large pull reads it in parallel slices (`partition`). Personal fields need the `pii` scope, as on `Person`.',
      args: {
        filter: t.arg({ type: PersonFilter, description: 'Which people; every person not archived when omitted.' }),
        partition: t.arg({ type: partitionInput(builder), description: PARTITION_ARG_DESCRIPTION }),
      },
      resolve: (_, args, ctx) => {
        const f = args.filter ?? {};
        const filter = { ...f, backboneAtLeast: f.backboneAtLeast as BackboneLevel | null | undefined, asOf: asOfOrToday(ctx, f.asOf, 'filter.asOf'), partition: args.partition ?? null };
        return keysetConnection<PersonRow>(args, (p) => p.id, (page) => listPeople(ctx.db, filter, page), () => countPeople(ctx.db, filter));
      },
    }, { name: 'PersonConnection', description: 'A page of people.', fields: (t) => ({ totalCount: totalCountField(t, 'All people that match the filter (counted only when asked for).') }) }, { description: 'One person in a page of people, with its cursor.' }),
  }));

  const PersonPayload = payloadType(builder, 'PersonPayload', 'person', Person, 'The result of a person mutation.');
  const personFields = (t: PothosSchemaTypes.InputFieldBuilder<any, 'InputObject'>, required: boolean) => ({
    name: t.string({ required, validate: zName, description: '姓名 — name as on the staff roster.' }),
    gender: t.field({ type: Gender, required, description: '性别 — gender, as on the staff roster.' }),
    birthDate: t.field({ type: 'Date', validate: zDate, description: 'Date of birth (personal: read back only with the `pii` scope).' }),
    idNumber: t.string({ validate: zIdNumber, description: '18-character resident ID (personal).' }),
    phone: t.string({ validate: zPhone, description: 'Contact phone, 7–20 digits (personal: read back only with the `pii` scope).' }),
    qualification: t.field({ type: Qualification, required, description: '学历 — highest qualification.' }),
    title: t.field({ type: ProfessionalTitle, required, description: '职称 — professional title.' }),
    backboneLevel: t.field({ type: BackboneLevel, description: '骨干教师 level; NONE when a new person is created without one.' }),
    subjects: t.stringList({ validate: z.array(z.string().trim().min(1).max(20)).max(10), description: 'Subjects taught, in Chinese as the roster writes them (语文, 数学, 体育 …); at most 10, each at most 20 characters.' }),
    localityCode: t.field({ type: 'DivisionCode', required, validate: zDivisionCode, description: 'The bureau that manages the person.' }),
    isSample: t.boolean({ description: 'Sample data, not a real person.' }),
    exceptions: exceptionsInputField(t, refs),
  });
  const CreatePersonInput = builder.inputType('CreatePersonInput', {
    description: 'A new member of staff. Personal fields (ID number, phone, birth date) are optional.',
    fields: (t) => personFields(t, true),
  });
  const UpdatePersonInput = builder.inputType('UpdatePersonInput', {
    description: 'Change a person. Omitted fields stay as they are; only birthDate, idNumber and phone can be cleared with null.',
    validate: zNotNull('name', 'gender', 'qualification', 'title', 'backboneLevel', 'subjects', 'localityCode', 'isSample'),
    fields: (t) => ({
      id: t.id({ required: true, validate: zPersonId, description: 'The person’s Relay global ID or its UUID (`personId`).' }),
      expectedVersion: t.int({ description: 'The version you read; CONFLICT if someone changed it since.' }),
      ...personFields(t, false),
    }),
  });
  const ArchivePersonInput = builder.inputType('ArchivePersonInput', {
    description: 'Archive a person who has left.',
    fields: (t) => ({ id: t.id({ required: true, validate: zPersonId, description: 'The person’s Relay global ID or its UUID (`personId`).' }), exceptions: exceptionsInputField(t, refs) }),
  });

  builder.mutationFields((t) => ({
    createPerson: t.field({
      type: PersonPayload,
      description: 'Add a member of staff (editor role covering `localityCode`). An ID number already on file is refused.',
      args: { input: t.arg({ type: CreatePersonInput, required: true, description: 'The person’s details.' }) },
      resolve: async (_, { input }, ctx) => {
        const { exceptions, ...data } = input;
        return runMutation(ctx, { operation: 'createPerson', localityCode: data.localityCode, fields: Object.keys(input), exceptions }, async (tx) => {
          assertCanWritePersonalData(ctx, data, data.localityCode);
          const row = await createPerson(tx, data as PersonInput, piiVisibility(ctx));
          return { result: { person: row }, changes: [{ entity: 'Person', key: row.id }] };
        });
      },
    }),
    updatePerson: t.field({
      type: PersonPayload,
      description: 'Change a person’s details (editor role covering their locality; both localities when moving them).',
      args: { input: t.arg({ type: UpdatePersonInput, required: true, description: 'The person and the fields to change.' }) },
      resolve: async (_, { input }, ctx) => {
        const { id, expectedVersion, exceptions, ...patch } = input;
        const current = await getPerson(ctx.db, id);
        if (patch.localityCode && patch.localityCode !== current.localityCode) assertCanEdit(ctx.principal, current.localityCode);
        return runMutation(ctx, { operation: 'updatePerson', localityCode: patch.localityCode ?? current.localityCode, fields: Object.keys(input), exceptions }, async (tx) => {
          assertCanWritePersonalData(ctx, patch, patch.localityCode ?? current.localityCode);
          const row = await updatePerson(tx, id, patch as Partial<PersonInput>, expectedVersion, piiVisibility(ctx));
          return { result: { person: row }, changes: [{ entity: 'Person', key: row.id }] };
        });
      },
    }),
    archivePerson: t.field({
      type: PersonPayload,
      description: 'Archive a person who has left. Their history (posts, exchanges) is kept.',
      args: { input: t.arg({ type: ArchivePersonInput, required: true, description: 'The person to archive.' }) },
      resolve: async (_, { input }, ctx) => {
        const current = await getPerson(ctx.db, input.id);
        return runMutation(ctx, { operation: 'archivePerson', localityCode: current.localityCode, fields: ['id'], exceptions: input.exceptions }, async (tx) => {
          const row = await archivePerson(tx, current.id);
          return { result: { person: row }, changes: [{ entity: 'Person', key: row.id }] };
        });
      },
    }),
  }));
}
