import { z } from 'zod';
import {
  asOfOrToday,
  exceptionsInputField,
  getSchool,
  groupIdField,
  payloadType,
  runMutation,
  schoolGroupLoader,
  schoolLoader,
  zDate,
  zName,
  zSchoolCode,
  type PluginSchemaApi,
} from '@gongzhi/core';
import { PLUGIN_ID } from '../domain.js';
import { recordSpeciality, setBrand } from '../ops/records.js';
import { specialitiesLoader } from '../loaders.js';
import type { HuayuankouRefs } from './refs.js';
import { onDistrict } from './mutate.js';

/** 一校一特色、一学区一品牌 (三(五)4): school specialities and the 学区 brand. */
export function addCultureSchema({ builder, refs }: PluginSchemaApi, own: HuayuankouRefs) {
  own.Speciality.implement({
    description: '学校特色 — a school’s speciality (特色课程, 特色文化): 一校一特色 (三(五)4), e.g. 花园口小学’s 黄河文化展室.',
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The speciality’s id.' }),
      school: t.field({ type: refs.School, description: 'The school.', resolve: async (r, _, ctx) => (await schoolLoader(ctx).load(r.schoolCode))! }),
      name: t.exposeString('name', { description: 'Its name, e.g. 剪纸, 陶笛, 蛋雕.' }),
      description: t.exposeString('description', { nullable: true, description: 'What it is.' }),
      validFrom: t.field({ type: 'Date', description: 'Since when the school has it.', resolve: (r) => r.validFrom }),
      validTo: t.field({ type: 'Date', nullable: true, description: 'Its last day; null while it lasts.', resolve: (r) => r.validTo }),
    }),
  });

  own.Brand.implement({
    description: '学区品牌 — the brand of a 学区: 一学区一品牌 (三(五)4).',
    fields: (t) => ({
      district: t.field({ type: own.District, description: 'The 学区.', resolve: async (r, _, ctx) => (await schoolGroupLoader(ctx).load(r.groupId))! }),
      name: t.exposeString('name', { description: 'The brand.' }),
      description: t.exposeString('description', { nullable: true, description: 'What it stands for.' }),
      validFrom: t.field({ type: 'Date', description: 'Since when.', resolve: (r) => r.validFrom }),
      validTo: t.field({ type: 'Date', nullable: true, description: 'Its last day (the day before the next brand); null while it lasts.', resolve: (r) => r.validTo }),
    }),
  });

  builder.objectField(refs.School, 'huayuankouSpecialities', (t) =>
    t.field({
      type: [own.Speciality],
      description: '学校特色 — the school’s specialities in force on a date (花园口镇中心校学区制, 三(五)4).',
      args: { asOf: t.arg({ type: 'Date', description: 'The date asked about; today when omitted.' }) },
      resolve: (s, args, ctx) => specialitiesLoader(ctx).load({ id: s.code, asOf: asOfOrToday(ctx, args.asOf) }),
    }),
  );

  const SpecialityPayload = payloadType(builder, 'HuayuankouSpecialityPayload', 'speciality', own.Speciality, 'The result of recording a speciality.');
  const BrandPayload = payloadType(builder, 'HuayuankouDistrictBrandPayload', 'brand', own.Brand, 'The result of setting a 学区 brand.');
  const zDescription = z.string().trim().max(2000);
  const SpecialityInput = builder.inputType('RecordHuayuankouSpecialityInput', {
    description: '登记学校特色 — record a school’s speciality; recording the same name again corrects it.',
    fields: (t) => ({
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The school.' }),
      name: t.string({ required: true, validate: zName, description: 'The speciality, e.g. 陶笛.' }),
      description: t.string({ validate: zDescription, description: 'What it is.' }),
      validFrom: t.field({ type: 'Date', required: true, validate: zDate, description: 'Since when.' }),
      validTo: t.field({ type: 'Date', validate: zDate, description: 'Its last day, when it ended.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const BrandInput = builder.inputType('SetHuayuankouDistrictBrandInput', {
    description: '确定学区品牌 — set the 学区’s brand from a date (the brand before it ends the day before; past years keep theirs).',
    fields: (t) => ({
      groupId: groupIdField(t, 'The 学区.'),
      name: t.string({ required: true, validate: zName, description: 'The brand.' }),
      description: t.string({ validate: zDescription, description: 'What it stands for.' }),
      validFrom: t.field({ type: 'Date', required: true, validate: zDate, description: 'Since when.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  builder.mutationFields((t) => ({
    recordHuayuankouSpeciality: t.field({
      type: SpecialityPayload,
      description: '登记学校特色 — record a school’s speciality (huayuankou.one-speciality-per-school).',
      args: { input: t.arg({ type: SpecialityInput, required: true, description: 'The school and its speciality.' }) },
      resolve: async (_, { input }, ctx) => {
        const { exceptions, ...data } = input;
        const school = await getSchool(ctx.db, data.schoolCode);
        const localityCode = school.townshipCode ?? school.countyCode;
        return runMutation(ctx, { operation: 'recordHuayuankouSpeciality', localityCode, plugin: PLUGIN_ID, fields: Object.keys(input), exceptions }, async (tx) => {
          const speciality = await recordSpeciality(tx, data);
          return { result: { speciality }, changes: [{ entity: 'HuayuankouSpeciality', key: speciality.id }] };
        });
      },
    }),
    setHuayuankouDistrictBrand: t.field({
      type: BrandPayload,
      description: '确定学区品牌 — set the 学区’s brand (一学区一品牌).',
      args: { input: t.arg({ type: BrandInput, required: true, description: 'The 学区 and its brand.' }) },
      resolve: async (_, { input }, ctx) => {
        const { groupId, exceptions, ...data } = input;
        return onDistrict(ctx, { groupId, operation: 'setHuayuankouDistrictBrand', fields: Object.keys(input), exceptions }, async (tx, g) => {
          const brand = await setBrand(tx, { ...data, groupId: g.id });
          return { result: { brand }, changes: [{ entity: 'HuayuankouDistrictBrand', key: g.id }] };
        });
      },
    }),
  }));
}
