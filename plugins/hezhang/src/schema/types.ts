import { schoolLoader, type PluginSchemaApi } from '@gongzhi/core';
import { DOC, type SchoolPlanRow } from '../repo.js';

/** The regime's GraphQL types; every type and field is described (API.md). */
export function addTypes({ builder, refs }: PluginSchemaApi) {
  const SchoolPlan = builder.objectRef<SchoolPlanRow>('HezhangSchoolPlan').implement({
    description: `A school's plan for a school year, as filed under ${DOC} 一.`,
    fields: (t) => ({
      school: t.field({ type: refs.School, description: 'The school that filed it.', resolve: async (p, _, ctx) => (await schoolLoader(ctx).load(p.schoolCode))! }),
      schoolYear: t.field({ type: 'SchoolYear', description: 'The school year it plans.', resolve: (p) => p.schoolYear }),
      title: t.exposeString('title', { description: 'Its title.' }),
      filedOn: t.field({ type: 'Date', description: 'The day it was filed.', resolve: (p) => p.filedOn }),
    }),
  });
  return { SchoolPlan };
}

export type HezhangTypes = ReturnType<typeof addTypes>;
