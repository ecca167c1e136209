/** 协作型对口帮扶 (附件2 二(三)): a county-town school helping a group's schools of its stage, assessed each school year. */
import { schoolGroupLoader, schoolLoader, type PluginSchemaApi } from '@gongzhi/core';
import { pairingAssessmentsLoader, type PairingAssessmentRow, type PairingRow } from '../repo.js';

export function addPairingTypes({ builder, refs }: PluginSchemaApi) {
  const Assessment = builder.objectRef<PairingAssessmentRow>('HezhangPairingAssessment').implement({
    description: '对口帮扶成效评估 — the school year’s assessment of a pairing (附件2 三(五): 按学年度进行评估).',
    fields: (t) => ({
      schoolYear: t.field({ type: 'SchoolYear', description: 'The school year assessed.', resolve: (a) => a.schoolYear }),
      assessedOn: t.field({ type: 'Date', description: 'The day of the assessment.', resolve: (a) => a.assessedOn }),
      result: t.exposeString('result', { description: 'The grade given (考核定等), in the bureau’s words.' }),
    }),
  });
  const Pairing = builder.objectRef<PairingRow>('HezhangPairing').implement({
    description: '对口帮扶 — a county-town school helping an education group’s schools of one stage (secondary → junior, primary → primary, kindergarten → kindergarten; 附件2 二(三)). Many to many: one school may help several groups.',
    fields: (t) => ({
      pairingId: t.exposeID('id', { description: 'The raw identifier (UUID).' }),
      helperSchool: t.field({ type: refs.School, description: 'The county-town school that helps.', resolve: async (p, _, ctx) => (await schoolLoader(ctx).load(p.helperSchoolCode))! }),
      group: t.field({ type: refs.SchoolGroup, description: 'The education group helped.', resolve: async (p, _, ctx) => (await schoolGroupLoader(ctx).load(p.groupId))! }),
      stage: t.field({ type: refs.Stage, description: 'The stage helped: JUNIOR (by a secondary school), PRIMARY or KINDERGARTEN.', resolve: (p) => p.stage as never }),
      helpedSchool: t.field({ type: refs.School, nullable: true, description: 'The one school helped, when the pairing names one; null: all the group’s schools of the stage.', resolve: (p, _, ctx) => (p.helpedSchoolCode ? schoolLoader(ctx).load(p.helpedSchoolCode) : null) }),
      validFrom: t.field({ type: 'Date', description: 'First day of the pairing.', resolve: (p) => p.validFrom }),
      validTo: t.field({ type: 'Date', nullable: true, description: 'Last day; null while it stands.', resolve: (p) => p.validTo }),
      assessments: t.field({ type: [Assessment], description: 'Its yearly assessments, oldest first.', resolve: (p, _, ctx) => pairingAssessmentsLoader(ctx).load(p.id) }),
      isSample: t.exposeBoolean('isSample', { description: 'Sample data, not a real pairing.' }),
    }),
  });
  return { Pairing, Assessment };
}
export type PairingTypes = ReturnType<typeof addPairingTypes>;
