/**
 * Pupils (二(二)2): the least the regime keeps — a pseudonymous id per school, a class, the sports and
 * arts skills — and nothing of it without the `pii` scope for the school's county (pupils are minors,
 * PIPL Art. 28): the fields are null and the lists empty, and every read that returns one is audited.
 *
 * Annex 1 (../after-school) adds fields to the same type: it calls `pupilRef(api)` and
 * `builder.objectFields(ref, …)`; guard anything it adds with `canReadPupils` too.
 */
import { canReadPersonalData, schoolLoader, type GongzhiContext, type GongzhiBuilder, type PluginSchemaApi } from '@gongzhi/core';
import { SKILL_KINDS, keysOf } from '../domain.js';
import { pupilSkillsLoader, type PupilRow, type PupilSkillRow } from '../repo.js';

const refs = new WeakMap<GongzhiBuilder, ReturnType<typeof makeRef>>();
const makeRef = (builder: GongzhiBuilder) => builder.objectRef<PupilRow>('HezhangPupil');

/** The GraphQL type HezhangPupil, one per builder: this part implements it, annex 1 may add fields. */
export function pupilRef(api: Pick<PluginSchemaApi, 'builder'>) {
  let ref = refs.get(api.builder);
  if (!ref) refs.set(api.builder, (ref = makeRef(api.builder)));
  return ref;
}

/** Whether the caller may read pupils of a school in this county; records the read when it may. */
export function canReadPupils(ctx: GongzhiContext, countyCode: string, pupilId?: string, field = 'pupil'): boolean {
  if (!canReadPersonalData(ctx.principal, countyCode)) return false;
  if (pupilId) ctx.personalDataReads.push({ entity: 'HezhangPupil', key: pupilId, field, localityCode: countyCode });
  return true;
}

export function addPupilTypes(api: PluginSchemaApi) {
  const { builder, refs: core } = api;
  const SkillKind = builder.enumType('HezhangSkillKind', {
    description: '技能类别 — the two kinds of skill every pupil masters 1–2 of (赫府办发〔2021〕60号 二(二)2).',
    values: Object.fromEntries(keysOf(SKILL_KINDS).map((k) => [k, { value: k, description: `${SKILL_KINDS[k].zh} — ${SKILL_KINDS[k].en}.` }])) as Record<keyof typeof SKILL_KINDS, { value: keyof typeof SKILL_KINDS; description: string }>,
  });
  const Skill = builder.objectRef<PupilSkillRow>('HezhangPupilSkill').implement({
    description: '学生技能 — a sports or arts skill a pupil has mastered (二(二)2).',
    fields: (t) => ({
      kind: t.field({ type: SkillKind, description: 'Sports or arts.', resolve: (s) => s.kind as keyof typeof SKILL_KINDS }),
      skill: t.exposeString('skill', { description: 'The skill, e.g. 跳绳, 葫芦丝.' }),
      recordedOn: t.field({ type: 'Date', description: 'When the school recorded it.', resolve: (s) => s.recordedOn }),
    }),
  });
  const Pupil = pupilRef(api).implement({
    description:
      '学生 — a pupil, as little as the regime needs: a pseudonymous id the school gives (学生编号, never a name or ID number), a class and the skills. Personal data of a minor: only with the `pii` scope for the school’s county, and every read is audited.',
    fields: (t) => ({
      pupilId: t.exposeID('id', { description: 'The raw identifier (UUID).' }),
      school: t.field({ type: core.School, description: 'The school the pupil attends.', resolve: async (p, _, ctx) => (await schoolLoader(ctx).load(p.schoolCode))! }),
      pupilRef: t.exposeString('pupilRef', { description: '学生编号 — the pseudonymous id the school gives the pupil (unique in the school).' }),
      className: t.exposeString('className', { description: '班级 — the pupil’s class, e.g. 三年级(2)班.' }),
      skills: t.field({ type: [Skill], description: 'The sports and arts skills recorded for the pupil, sports first.', resolve: (p, _, ctx) => pupilSkillsLoader(ctx).load(p.id) }),
      isSample: t.exposeBoolean('isSample', { description: 'Sample data, not a real pupil.' }),
    }),
  });
  return { Pupil, Skill, SkillKind };
}
export type PupilTypes = ReturnType<typeof addPupilTypes>;
