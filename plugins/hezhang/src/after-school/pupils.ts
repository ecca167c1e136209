/**
 * Pupils' personal data for annex 1 (minors: PIPL Art. 28; DESIGN "Personal data"): the name, the
 * guardian's contact, the waiver category and the priority groups, added to HezhangPupil. Each field is
 * null without the `pii` scope for the school's county, and each value returned is audited (one row per
 * pupil and field, written when the response is sent). An enrolment's `pupil` is null without it too:
 * even the pseudonymous id and class of a pupil are not shown to a caller without the scope.
 */
import { payloadType, runMutation, schoolLoader, type GongzhiContext, type PluginSchemaApi } from '@gongzhi/core';
import { canReadPupils, pupilRef } from '../schema/pupils.js';
import { PLUGIN_ID } from './domain.js';
import * as ops from './ops.js';
import { afterSchoolPupilLoader, enrolmentsByPupilLoader, pupilDetailsLoader, type PupilDetailsRow, type PupilRow } from './repo.js';
import type { AfterSchoolTypes } from './schema.js';

/** The pupil's after-school personal data, if the caller may read it; the read of `field` is audited. */
async function personal<K extends keyof PupilDetailsRow>(ctx: GongzhiContext, p: PupilRow, field: K): Promise<PupilDetailsRow[K] | null> {
  const school = await schoolLoader(ctx).load(p.schoolCode);
  if (!school || !canReadPupils(ctx, school.countyCode)) return null;
  const d = await pupilDetailsLoader(ctx).load(p.id);
  const v = d?.[field] ?? null;
  if (v !== null && !(Array.isArray(v) && v.length === 0)) canReadPupils(ctx, school.countyCode, p.id, field as string);
  return v;
}

export function addAfterSchoolPupils(api: PluginSchemaApi, a: AfterSchoolTypes, pupilInput: ReturnType<typeof import('./mutations.js').addAfterSchoolMutations>['PupilInput']) {
  const { builder } = api;
  const Pupil = pupilRef(api);

  // Personal fields are @inaccessible, as core's: absent from the published supergraph (no router
  // or contract reaches them), read only on this subgraph's endpoint with the `pii` scope.
  builder.objectFields(Pupil, (f) => ({
    name: f.string({ inaccessible: true, nullable: true, description: '姓名 — personal (附件1): null without the `pii` scope; every read is audited.', resolve: (p, _, ctx) => personal(ctx, p, 'name') }),
    guardianName: f.string({ inaccessible: true, nullable: true, description: '监护人姓名 — personal: null without the `pii` scope; audited.', resolve: (p, _, ctx) => personal(ctx, p, 'guardianName') }),
    guardianPhone: f.string({ inaccessible: true, nullable: true, description: '监护人电话 — personal: null without the `pii` scope; audited.', resolve: (p, _, ctx) => personal(ctx, p, 'guardianPhone') }),
    waiverCategory: f.field({ inaccessible: true, type: a.WaiverCategory, nullable: true, description: '费用减免对象 — personal (附件1 二(三)): null without the `pii` scope, or when the family is not eligible; audited.', resolve: async (p, _, ctx) => (await personal(ctx, p, 'waiverCategory')) as never }),
    priorityGroups: f.field({ inaccessible: true, type: [a.PriorityGroup], nullable: true, description: '重点保障群体 — personal (附件1 三(一)): null without the `pii` scope; audited.', resolve: async (p, _, ctx) => (await personal(ctx, p, 'priorityGroups')) as never }),
    afterSchoolEnrolments: f.field({
      inaccessible: true,
      type: [a.Enrolment],
      nullable: true,
      description: 'The pupil’s after-school enrolments (a few a year), oldest first; null without the `pii` scope.',
      resolve: async (p, _, ctx) => {
        const school = await schoolLoader(ctx).load(p.schoolCode);
        if (!school || !canReadPupils(ctx, school.countyCode)) return null;
        return enrolmentsByPupilLoader(ctx).load(p.id);
      },
    }),
  }));

  builder.objectField(a.Enrolment, 'pupil', (f) =>
    f.field({
      inaccessible: true,
      type: Pupil,
      nullable: true,
      description: 'The pupil: null without the `pii` scope for the school’s county (its personal fields are guarded again).',
      resolve: async (e, _, ctx) => {
        const school = await schoolLoader(ctx).load(e.schoolCode);
        if (!school || !canReadPupils(ctx, school.countyCode, e.pupilId)) return null;
        return afterSchoolPupilLoader(ctx).load(e.pupilId);
      },
    }),
  );

  const PupilPayload = payloadType(builder, 'HezhangAfterSchoolPupilPayload', 'pupil', Pupil, 'The pupil after the mutation (personal fields need the `pii` scope).');
  builder.mutationField('recordHezhangAfterSchoolPupil', (m) =>
    m.field({
      type: PupilPayload,
      description: '学生信息 — record a pupil’s personal data for the after-school service (name, guardian contact, waiver category, priority groups). Stored, and read back only with the `pii` scope.',
      args: { input: m.arg({ type: pupilInput, required: true, description: 'The pupil and the data.' }) },
      resolve: async (_, { input: i }, ctx) => {
        const pupil = await ops.getPupil(ctx.db, i.pupilId);
        const school = await schoolLoader(ctx).load(pupil.schoolCode);
        // The audit row names the fields written, never their values (mutation.ts).
        return runMutation(ctx, { operation: 'recordHezhangAfterSchoolPupil', localityCode: school!.countyCode, plugin: PLUGIN_ID, fields: Object.keys(i).filter((k) => k !== 'exceptions'), exceptions: i.exceptions }, async (tx) => {
          const { changes } = await ops.recordPupilDetails(tx, { ...i, pupilId: pupil.id, waiverCategory: i.waiverCategory as string | null, priorityGroups: i.priorityGroups as string[] | null });
          return { result: { pupil }, changes };
        });
      },
    }),
  );
}
