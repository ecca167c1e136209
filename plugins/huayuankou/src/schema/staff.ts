import {
  badInput,
  createPost,
  exceptionsInputField,
  getGroup,
  getPerson,
  groupIdField,
  payloadType,
  personLoader,
  runMutation,
  schoolGroupLoader,
  schoolLoader,
  zDate,
  zPersonId,
  zSchoolCode,
  type PluginSchemaApi,
} from '@gongzhi/core';
import { DISTRICT_KIND, DUTY_ROLES, PLUGIN_ID, type PlacementKind } from '../domain.js';
import { moveTeacher, placeTeacher, placementOn } from '../ops/placements.js';
import type { HuayuankouEnums } from './enums.js';
import type { HuayuankouRefs } from './refs.js';
import { onDistrict } from './mutate.js';

/** 县管校聘 and 学区内调配 (三(四)2–3); the named duties 辅导站站长 and 德育专干 (三(五)2–3). */
export function addStaffSchema({ builder, refs }: PluginSchemaApi, own: HuayuankouRefs, enums: HuayuankouEnums) {
  own.Placement.implement({
    description: '县管校聘 — a county-hired teacher placed at a member school of a 学区, movable across it ("学校人" → "学区人", 三(四)2–3).',
    fields: (t) => ({
      id: t.id({ description: 'The placement’s id (that of its TEACHER post).', resolve: (p) => p.post.id }),
      person: t.field({ type: refs.Person, description: 'The teacher.', resolve: async (p, _, ctx) => (await personLoader(ctx).load(p.post.personId))! }),
      school: t.field({ type: refs.School, description: 'The member school the teacher works at.', resolve: async (p, _, ctx) => (await schoolLoader(ctx).load(p.post.schoolCode!))! }),
      district: t.field({ type: own.District, description: 'The 学区 the teacher belongs to.', resolve: async (p, _, ctx) => (await schoolGroupLoader(ctx).load(p.placement.groupId))! }),
      kind: t.field({ type: enums.PlacementKind, description: 'First placement or a move within the 学区.', resolve: (p) => p.placement.kind as PlacementKind }),
      validFrom: t.field({ type: 'Date', description: 'First day at the school.', resolve: (p) => p.post.validFrom }),
      validTo: t.field({ type: 'Date', nullable: true, description: 'Last day at the school; null while there.', resolve: (p) => p.post.validTo }),
      post: t.field({ type: refs.Post, description: 'The TEACHER post at the school that the national measures count.', resolve: (p) => p.post }),
    }),
  });

  const PlacementPayload = payloadType(builder, 'HuayuankouTeacherPlacementPayload', 'placement', own.Placement, 'The result of placing or moving a teacher.');
  const DutyPayload = payloadType(builder, 'HuayuankouDutyPayload', 'post', refs.Post, 'The result of appointing a named duty.');

  const PlaceInput = builder.inputType('PlaceHuayuankouTeacherInput', {
    description: '县管校聘 — the county places a teacher it hired at a member school of a 学区.',
    fields: (t) => ({
      groupId: groupIdField(t, 'The 学区.'),
      personId: t.id({ required: true, validate: zPersonId, description: 'The teacher: their Relay global ID or UUID (`personId`).' }),
      schoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The member school.' }),
      validFrom: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day at the school.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const MoveInput = builder.inputType('MoveHuayuankouTeacherInput', {
    description: '学区内调配 — the central school moves a placed teacher to another member school of the same 学区.',
    fields: (t) => ({
      personId: t.id({ required: true, validate: zPersonId, description: 'The teacher: their Relay global ID or UUID (`personId`).' }),
      toSchoolCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The member school the teacher moves to; a school outside the 学区 is refused.' }),
      date: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day at the new school.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const DutyInput = builder.inputType('AppointHuayuankouDutyInput', {
    description: '任命 — appoint a person to a named duty of the 学区.',
    fields: (t) => ({
      groupId: groupIdField(t, 'The 学区.'),
      personId: t.id({ required: true, validate: zPersonId, description: 'The person appointed: their Relay global ID or UUID (`personId`).' }),
      duty: t.field({ type: enums.Duty, required: true, description: '辅导站站长 or 德育专干.' }),
      validFrom: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day in the duty.' }),
      validTo: t.field({ type: 'Date', validate: zDate, description: 'Last day, for a fixed term.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  builder.mutationFields((t) => ({
    placeHuayuankouTeacher: t.field({
      type: PlacementPayload,
      description: '县管校聘 — place a county-hired teacher at a member school (三(四)2). It opens a TEACHER post there.',
      args: { input: t.arg({ type: PlaceInput, required: true, description: 'The teacher, the member school and the first day.' }) },
      resolve: async (_, { input }, ctx) => {
        const { groupId, exceptions, ...data } = input;
        return onDistrict(ctx, { groupId, operation: 'placeHuayuankouTeacher', fields: Object.keys(input), exceptions }, async (tx, g) => {
          const placement = await placeTeacher(tx, ctx.registry, g, data);
          return { result: { placement }, changes: [{ entity: 'HuayuankouTeacherPlacement', key: placement.post.id }] };
        });
      },
    }),
    moveHuayuankouTeacher: t.field({
      type: PlacementPayload,
      description:
        '学区内调配 — move a placed teacher to another member school of their 学区 (三(四)3). A school outside the 学区 is refused with BAD_USER_INPUT on input.toSchoolCode and nothing is written.',
      args: { input: t.arg({ type: MoveInput, required: true, description: 'The teacher, the new member school and the first day there.' }) },
      resolve: async (_, { input }, ctx) => {
        const { exceptions, ...data } = input;
        await getPerson(ctx.db, data.personId);
        const current = await placementOn(ctx.db, data.personId, data.date);
        if (!current)
          throw badInput('input.personId', {
            zh: `该教师在 ${data.date} 没有县管校聘的学区聘任记录`,
            en: `the teacher has no county placement in a 学区 on ${data.date}`,
          });
        const district = await getGroup(ctx.db, current.placement.groupId, DISTRICT_KIND);
        return runMutation(ctx, { operation: 'moveHuayuankouTeacher', localityCode: district.localityCode, plugin: PLUGIN_ID, fields: Object.keys(input), exceptions }, async (tx) => {
          const placement = await moveTeacher(tx, ctx.registry, district, current, data);
          return { result: { placement }, changes: [{ entity: 'HuayuankouTeacherPlacement', key: placement.post.id }] };
        });
      },
    }),
    appointHuayuankouDuty: t.field({
      type: DutyPayload,
      description: '任命辅导站站长或德育专干 — appoint a named duty of the 学区 (三(五)2–3; huayuankou.named-duties). It is a post held at the 学区.',
      args: { input: t.arg({ type: DutyInput, required: true, description: 'The 学区, the duty, the person and the period.' }) },
      resolve: async (_, { input }, ctx) => {
        const { groupId, duty, exceptions, ...data } = input;
        await getPerson(ctx.db, data.personId);
        return onDistrict(ctx, { groupId, operation: 'appointHuayuankouDuty', fields: Object.keys(input), exceptions }, async (tx, g) => {
          const post = await createPost(tx, ctx.registry, { ...data, role: DUTY_ROLES[duty], groupId: g.id });
          return { result: { post }, changes: [{ entity: 'Post', key: post.id }] };
        });
      },
    }),
  }));
}
