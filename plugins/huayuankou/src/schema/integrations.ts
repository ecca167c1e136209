import { z } from 'zod';
import { exceptionsInputField, groupIdField, localised, payloadType, schoolGroupLoader, zName, zSchoolYear, type PluginSchemaApi } from '@gongzhi/core';
import { INTEGRATIONS, type Integration, type IntegrationStatus } from '../domain.js';
import { setIntegrationTarget } from '../ops/records.js';
import type { HuayuankouEnums } from './enums.js';
import type { HuayuankouRefs } from './refs.js';
import { onDistrict } from './mutate.js';

export function addIntegrationSchema({ builder, refs }: PluginSchemaApi, own: HuayuankouRefs, enums: HuayuankouEnums) {
  own.IntegrationTarget.implement({
    description: '年度目标 — one of the ten integrations (十个一体) of a 学区 for a school year: its target and where it stands (三（目标任务）).',
    fields: (t) => ({
      district: t.field({ type: own.District, description: 'The 学区 whose target it is.', resolve: async (r, _, ctx) => (await schoolGroupLoader(ctx).load(r.groupId))! }),
      schoolYear: t.field({ type: 'SchoolYear', description: '学年 — the school year of the target.', resolve: (r) => r.schoolYear }),
      integration: t.field({ type: enums.Integration, description: 'Which of the ten integrations.', resolve: (r) => r.integration }),
      title: t.string({ description: 'The integration’s name in the caller’s language (校长队伍一体建设 …).', resolve: (r, _, ctx) => localised(ctx, INTEGRATIONS[r.integration]) }),
      isRecorded: t.boolean({ description: 'Whether a target and status are recorded for the year.', resolve: (r) => r.target !== null }),
      target: t.string({ nullable: true, description: '年度目标 — what the 学区 aims to reach this year.', resolve: (r) => r.target }),
      status: t.field({ type: enums.IntegrationStatus, nullable: true, description: '完成状态 — where the target stands.', resolve: (r) => r.status as IntegrationStatus | null }),
      note: t.string({ nullable: true, description: 'A remark (evidence, reasons for NOT_ACHIEVED).', resolve: (r) => r.note }),
    }),
  });

  const Payload = payloadType(builder, 'HuayuankouIntegrationTargetPayload', 'integrationTarget', own.IntegrationTarget, 'The result of setting an integration target.');
  const Input = builder.inputType('SetHuayuankouIntegrationTargetInput', {
    description: '设定年度目标 — set (or update) one integration’s target and status for a school year.',
    fields: (t) => ({
      groupId: groupIdField(t, 'The 学区.'),
      schoolYear: t.field({ type: 'SchoolYear', required: true, validate: zSchoolYear, description: '学年, e.g. 2023-2024.' }),
      integration: t.field({ type: enums.Integration, required: true, description: 'Which of the ten integrations.' }),
      target: t.string({ required: true, validate: zName, description: '年度目标 — the target, in words.' }),
      status: t.field({ type: enums.IntegrationStatus, required: true, description: '完成状态.' }),
      note: t.string({ validate: z.string().trim().max(2000), description: 'A remark.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  builder.mutationField('setHuayuankouIntegrationTarget', (t) =>
    t.field({
      type: Payload,
      description: '设定“十个一体”年度目标 — record an integration’s target and status for a school year (huayuankou.integration-targets).',
      args: { input: t.arg({ type: Input, required: true, description: 'The 学区, the integration, the school year, its target and status.' }) },
      resolve: async (_, { input }, ctx) => {
        const { groupId, exceptions, ...data } = input;
        return onDistrict(ctx, { groupId, operation: 'setHuayuankouIntegrationTarget', fields: Object.keys(input), exceptions }, async (tx, g) => {
          const row = await setIntegrationTarget(tx, { ...data, groupId: g.id });
          return {
            result: { integrationTarget: { ...row, integration: row.integration as Integration } },
            changes: [{ entity: 'HuayuankouIntegrationTarget', key: `${g.id}|${row.schoolYear}|${row.integration}` }],
          };
        });
      },
    }),
  );
}
