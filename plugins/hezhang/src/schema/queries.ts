import type { PluginSchemaApi } from '@gongzhi/core';
import { plansFor } from '../repo.js';
import type { HezhangTypes } from './types.js';

export function addQueries({ builder }: PluginSchemaApi, { SchoolPlan }: HezhangTypes) {
  builder.queryFields((t) => ({
    hezhangSchoolPlan: t.field({
      type: SchoolPlan,
      nullable: true,
      description: 'A school’s plan for a school year; null when it has filed none.',
      args: {
        schoolCode: t.arg({ type: 'SchoolCode', required: true, description: 'The school’s 10-digit national code.' }),
        schoolYear: t.arg({ type: 'SchoolYear', required: true, description: 'The school year, e.g. `2026-2027`.' }),
      },
      resolve: async (_, a, ctx) => (await plansFor(ctx.db, [a.schoolCode], a.schoolYear)).get(a.schoolCode) ?? null,
    }),
  }));
}
