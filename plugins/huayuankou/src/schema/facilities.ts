import { z } from 'zod';
import { exceptionsInputField, groupIdField, parseInput, payloadType, schoolGroupLoader, schoolLoader, zDate, zName, zNodeId, zSchoolCode, zSchoolYear, type PluginSchemaApi } from '@gongzhi/core';
import type { FacilityKind } from '../domain.js';
import { createFacility, getFacility, recordFacilityUse } from '../ops/records.js';
import { facilityUsesLoader } from '../loaders.js';
import type { HuayuankouEnums } from './enums.js';
import type { HuayuankouRefs } from './refs.js';
import { onDistrict } from './mutate.js';

/** 共享学区学校教育资源 (三(三)2): shared facilities and their recorded use by member schools. */
export function addFacilitySchema({ builder, refs }: PluginSchemaApi, own: HuayuankouRefs, enums: HuayuankouEnums) {
  own.Facility.implement({
    description: '共享场所 — a member school’s sports ground, library or laboratory opened to the whole 学区 (三(三)2).',
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The facility’s id.' }),
      district: t.field({ type: own.District, description: 'The 学区 it is shared with.', resolve: async (f, _, ctx) => (await schoolGroupLoader(ctx).load(f.groupId))! }),
      hostSchool: t.field({ type: refs.School, description: 'The member school it belongs to.', resolve: async (f, _, ctx) => (await schoolLoader(ctx).load(f.hostSchoolCode))! }),
      kind: t.field({ type: enums.FacilityKind, description: 'What sort of place.', resolve: (f) => f.kind as FacilityKind }),
      name: t.exposeString('name', { description: 'Its name, e.g. 惠济六中田径场.' }),
      validFrom: t.field({ type: 'Date', description: 'Shared since.', resolve: (f) => f.validFrom }),
      validTo: t.field({ type: 'Date', nullable: true, description: 'Last day shared; null while it is.', resolve: (f) => f.validTo }),
      uses: t.field({
        type: [own.FacilityUse],
        description: '使用记录 — the member schools that used it in a school year (huayuankou.facility-sharing).',
        args: { schoolYear: t.arg({ type: 'SchoolYear', required: true, description: 'The school year (学年).' }) },
        resolve: (f, args, ctx) => facilityUsesLoader(ctx).load({ id: f.id, asOf: parseInput(zSchoolYear, args.schoolYear, 'schoolYear') }),
      }),
    }),
  });

  own.FacilityUse.implement({
    description: '使用记录 — a member school’s use of a shared facility in a school year.',
    fields: (t) => ({
      school: t.field({ type: refs.School, description: 'The school that used it.', resolve: async (u, _, ctx) => (await schoolLoader(ctx).load(u.schoolCode))! }),
      schoolYear: t.field({ type: 'SchoolYear', description: '学年.', resolve: (u) => u.schoolYear }),
      sessions: t.exposeInt('sessions', { description: 'Times used in the year (sessions, visits).' }),
    }),
  });

  const FacilityPayload = payloadType(builder, 'HuayuankouSharedFacilityPayload', 'facility', own.Facility, 'The result of recording a shared facility.');
  const UsePayload = payloadType(builder, 'HuayuankouFacilityUsePayload', 'use', own.FacilityUse, 'The result of recording a facility’s use.');
  const FacilityInput = builder.inputType('RecordHuayuankouSharedFacilityInput', {
    description: '登记共享场所 — a member school opens one of its places to the 学区.',
    fields: (t) => ({
      groupId: groupIdField(t, 'The 学区.'),
      hostSchoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The member school it belongs to.' }),
      kind: t.field({ type: enums.FacilityKind, required: true, description: 'What sort of place.' }),
      name: t.string({ required: true, validate: zName, description: 'Its name.' }),
      validFrom: t.field({ type: 'Date', required: true, validate: zDate, description: 'Shared since.' }),
      validTo: t.field({ type: 'Date', validate: zDate, description: 'Last day shared.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const UseInput = builder.inputType('RecordHuayuankouFacilityUseInput', {
    description: '登记场所使用 — how often a member school used a shared facility in a school year (recording again replaces the count).',
    fields: (t) => ({
      facilityId: t.id({ required: true, validate: zNodeId('HuayuankouSharedFacility', { zh: '共享场所', en: 'a shared facility' }), description: 'The shared facility (its `id`).' }),
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The member school that used it.' }),
      schoolYear: t.field({ type: 'SchoolYear', required: true, validate: zSchoolYear, description: '学年.' }),
      sessions: t.int({ required: true, validate: z.number().int().min(1).max(10000), description: 'Times used in the year (at least 1).' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  builder.mutationFields((t) => ({
    recordHuayuankouSharedFacility: t.field({
      type: FacilityPayload,
      description: '登记共享场所 — record a facility a member school shares with the 学区 (三(三)2).',
      args: { input: t.arg({ type: FacilityInput, required: true, description: 'The 学区, the host school, the facility’s kind and name, and when it is shared.' }) },
      resolve: async (_, { input }, ctx) => {
        const { groupId, exceptions, ...data } = input;
        return onDistrict(ctx, { groupId, operation: 'recordHuayuankouSharedFacility', fields: Object.keys(input), exceptions }, async (tx, g) => {
          const facility = await createFacility(tx, g, data);
          return { result: { facility }, changes: [{ entity: 'HuayuankouSharedFacility', key: facility.id }] };
        });
      },
    }),
    recordHuayuankouFacilityUse: t.field({
      type: UsePayload,
      description: '登记场所使用 — record a member school’s use of a shared facility in a school year (huayuankou.facility-sharing).',
      args: { input: t.arg({ type: UseInput, required: true, description: 'The facility, the school that used it, the school year and the number of uses.' }) },
      resolve: async (_, { input }, ctx) => {
        const { exceptions, ...data } = input;
        const facility = await getFacility(ctx.db, data.facilityId);
        return onDistrict(ctx, { groupId: facility.groupId, operation: 'recordHuayuankouFacilityUse', fields: Object.keys(input), exceptions }, async (tx, g) => {
          const use = await recordFacilityUse(tx, g, facility, data);
          return { result: { use }, changes: [{ entity: 'HuayuankouFacilityUse', key: `${facility.id}|${data.schoolYear}|${data.schoolCode}` }] };
        });
      },
    }),
  }));
}
