/** Object types of the regime's records: attendance, filings, flexible hours, union activities, visits, transfers, placements. */
import { personLoader, schoolLoader, schoolGroupLoader, type PluginSchemaApi } from '@gongzhi/core';
import { ABSENCE_KINDS, PLACEMENT_POSTS, RECOMBINATION_ROUNDS, VISIT_RATINGS, keysOf } from '../domain.js';
import type { attendance, attendanceRulesFilings, flexibleArrangements, lessonVisits, placements, transfers, unionActivities } from '../tables.js';
import { timeOf } from '../rules/common.js';

type Row<T extends { $inferSelect: unknown }> = T['$inferSelect'];
const enumValues = <K extends string>(o: Record<K, { zh: string; en: string }>) =>
  Object.fromEntries(keysOf(o).map((k) => [k, { value: k, description: `${o[k].zh} — ${o[k].en}.` }])) as Record<K, { value: K; description: string }>;

export function addRecordTypes({ builder, refs }: PluginSchemaApi) {
  const { School, Person, SchoolGroup } = refs;
  const AbsenceKind = builder.enumType('HezhangAbsenceKind', { description: '请假类别 — the kinds of absence 二(一)3 names, and OTHER for its 等 (with a description).', values: enumValues(ABSENCE_KINDS) });
  const VisitRating = builder.enumType('HezhangVisitRating', { description: '推门听课讲评等次 — the rating of a lesson visit (二(二)3). The source lost the word of the rating that deducts points ("被评为的"); this four-grade scale is OUR READING, FAIL (不合格) being the one that deducts.', values: enumValues(VISIT_RATINGS) });
  const Round = builder.enumType('HezhangRecombinationRound', { description: '优化组合轮次 — the rounds of staff re-combination (附件2 三(三)).', values: enumValues(RECOMBINATION_ROUNDS) });
  const PlacementPost = builder.enumType('HezhangPlacementPost', { description: '岗位 — the post a placement fills (附件2 三(三)).', values: enumValues(PLACEMENT_POSTS) });
  const time = (m: number | null) => (m === null ? null : timeOf(m));

  const AttendanceDay = builder.objectRef<Row<typeof attendance>>('HezhangAttendanceDay').implement({
    description: '考勤登记 — a staff member’s school day: the four punches of the daily sign-in, or an absence with its kind and approval (二(一)3).',
    fields: (t) => ({
      person: t.field({ type: Person, description: 'The staff member.', resolve: async (a, _, ctx) => (await personLoader(ctx).load(a.personId))! }),
      day: t.field({ type: 'Date', description: 'The day.', resolve: (a) => a.day }),
      amIn: t.field({ type: 'LocalTime', nullable: true, description: '上午签到 — morning sign-in.', resolve: (a) => time(a.amIn) }),
      amOut: t.field({ type: 'LocalTime', nullable: true, description: '上午签退 — morning sign-out.', resolve: (a) => time(a.amOut) }),
      pmIn: t.field({ type: 'LocalTime', nullable: true, description: '下午签到 — afternoon sign-in.', resolve: (a) => time(a.pmIn) }),
      pmOut: t.field({ type: 'LocalTime', nullable: true, description: '下午签退 — afternoon sign-out.', resolve: (a) => time(a.pmOut) }),
      absenceKind: t.field({ type: AbsenceKind, nullable: true, description: '请假类别 — the absence’s kind; null when present.', resolve: (a) => a.absenceKind as never }),
      absenceNote: t.string({ nullable: true, description: 'The absence’s description (required for OTHER).', resolve: (a) => a.absenceNote }),
      approvedBy: t.string({ nullable: true, description: '审批人 — who approved the leave.', resolve: (a) => a.approvedBy }),
    }),
  });

  const Filing = builder.objectRef<Row<typeof attendanceRulesFilings>>('HezhangAttendanceRulesFiling').implement({
    description: '集中办公管理细则备案 — a school’s attendance rules filed with the 教育科技局 (二(一)2、4).',
    fields: (t) => ({
      school: t.field({ type: School, description: 'The school.', resolve: async (f, _, ctx) => (await schoolLoader(ctx).load(f.schoolCode))! }),
      filedOn: t.field({ type: 'Date', description: 'The day it was filed.', resolve: (f) => f.filedOn }),
      title: t.exposeString('title', { description: 'Its title.' }),
      documentRef: t.exposeString('documentRef', { description: 'The filing’s reference (备案号).' }),
    }),
  });

  const Flexible = builder.objectRef<Row<typeof flexibleArrangements>>('HezhangFlexibleArrangement').implement({
    description: '弹性上下班 — flexible hours for a staff member with special difficulties, at least 5 concentrated hours a day (二(一)2).',
    fields: (t) => ({
      arrangementId: t.exposeID('id', { description: 'The raw identifier (UUID).' }),
      person: t.field({ type: Person, description: 'The staff member.', resolve: async (f, _, ctx) => (await personLoader(ctx).load(f.personId))! }),
      school: t.field({ type: School, description: 'The school.', resolve: async (f, _, ctx) => (await schoolLoader(ctx).load(f.schoolCode))! }),
      difficulty: t.exposeString('difficulty', { description: '特殊困难 — the difficulty stated.' }),
      dailyHours: t.float({ description: 'Concentrated hours a day.', resolve: (f) => f.dailyMinutes / 60 }),
      approvedBy: t.exposeString('approvedBy', { description: 'Who approved it.' }),
      validFrom: t.field({ type: 'Date', description: 'First day.', resolve: (f) => f.validFrom }),
      validTo: t.field({ type: 'Date', nullable: true, description: 'Last day; null while it stands.', resolve: (f) => f.validTo }),
    }),
  });

  const Union = builder.objectRef<Row<typeof unionActivities>>('HezhangUnionActivity').implement({
    description: '工会组织活动 — a union activity (球类、棋类、书画类、歌舞类 …), with its duration (二(二)5).',
    fields: (t) => ({
      activityId: t.exposeID('id', { description: 'The raw identifier (UUID).' }),
      school: t.field({ type: School, description: 'The school whose union held it.', resolve: async (u, _, ctx) => (await schoolLoader(ctx).load(u.schoolCode))! }),
      heldOn: t.field({ type: 'Date', description: 'The day.', resolve: (u) => u.heldOn }),
      minutes: t.exposeInt('minutes', { description: 'Its duration in minutes.' }),
      title: t.exposeString('title', { description: 'What it was.' }),
    }),
  });

  const Visit = builder.objectRef<Row<typeof lessonVisits>>('HezhangLessonVisit').implement({
    description: '推门听课 — an unannounced visit to a teacher’s lesson, with its rating (二(二)3).',
    fields: (t) => ({
      visitId: t.exposeID('id', { description: 'The raw identifier (UUID).' }),
      school: t.field({ type: School, description: 'The school.', resolve: async (v, _, ctx) => (await schoolLoader(ctx).load(v.schoolCode))! }),
      teacher: t.field({ type: Person, description: 'The teacher visited.', resolve: async (v, _, ctx) => (await personLoader(ctx).load(v.teacherId))! }),
      visitedOn: t.field({ type: 'Date', description: 'The day.', resolve: (v) => v.visitedOn }),
      visitor: t.exposeString('visitor', { description: 'Who visited (a leader, a 督学 …).' }),
      rating: t.field({ type: VisitRating, description: 'The rating (our reading of the scale: see the enum).', resolve: (v) => v.rating as never }),
    }),
  });

  const Transfer = builder.objectRef<Row<typeof transfers>>('HezhangTransfer').implement({
    description: '调整交流 — a move of a group’s staff member between its schools (附件2 三(三)), keeping the 编制 school (三(二)).',
    fields: (t) => ({
      transferId: t.exposeID('id', { description: 'The raw identifier (UUID).' }),
      group: t.field({ type: SchoolGroup, description: 'The education group.', resolve: async (r, _, ctx) => (await schoolGroupLoader(ctx).load(r.groupId))! }),
      person: t.field({ type: Person, description: 'The staff member.', resolve: async (r, _, ctx) => (await personLoader(ctx).load(r.personId))! }),
      schoolYear: t.field({ type: 'SchoolYear', description: 'The school year it counts in.', resolve: (r) => r.schoolYear }),
      fromSchool: t.field({ type: School, description: 'The school left.', resolve: async (r, _, ctx) => (await schoolLoader(ctx).load(r.fromSchoolCode))! }),
      toSchool: t.field({ type: School, description: 'The school joined.', resolve: async (r, _, ctx) => (await schoolLoader(ctx).load(r.toSchoolCode))! }),
      establishmentSchool: t.field({ type: School, description: '编制所在学校 — the school that keeps the establishment post.', resolve: async (r, _, ctx) => (await schoolLoader(ctx).load(r.establishmentSchoolCode))! }),
      startDate: t.field({ type: 'Date', description: 'First day.', resolve: (r) => r.startDate }),
      endDate: t.field({ type: 'Date', nullable: true, description: 'Last day, if known.', resolve: (r) => r.endDate }),
      consentOn: t.field({ type: 'Date', nullable: true, description: 'The day of the person’s recorded consent, if any.', resolve: (r) => r.consentOn }),
    }),
  });

  const Placement = builder.objectRef<Row<typeof placements>>('HezhangPlacement').implement({
    description: '优化组合 — a placement in staff re-combination (附件2 三(三)).',
    fields: (t) => ({
      placementId: t.exposeID('id', { description: 'The raw identifier (UUID).' }),
      person: t.field({ type: Person, description: 'The person placed.', resolve: async (r, _, ctx) => (await personLoader(ctx).load(r.personId))! }),
      schoolYear: t.field({ type: 'SchoolYear', description: 'The school year.', resolve: (r) => r.schoolYear }),
      round: t.field({ type: Round, description: 'The round.', resolve: (r) => r.round as never }),
      originSchool: t.field({ type: School, description: 'The school of the person’s 编制.', resolve: async (r, _, ctx) => (await schoolLoader(ctx).load(r.originSchoolCode))! }),
      school: t.field({ type: School, description: 'The school placed at.', resolve: async (r, _, ctx) => (await schoolLoader(ctx).load(r.schoolCode))! }),
      post: t.field({ type: PlacementPost, description: 'The post.', resolve: (r) => r.post as never }),
      placedOn: t.field({ type: 'Date', description: 'The day.', resolve: (r) => r.placedOn }),
    }),
  });

  return { AbsenceKind, VisitRating, Round, PlacementPost, AttendanceDay, Filing, Flexible, Union, Visit, Transfer, Placement };
}
export type RecordTypes = ReturnType<typeof addRecordTypes>;
