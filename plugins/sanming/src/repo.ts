/**
 * Reads of the Sanming tables and of the core rows the 总校 rules share, and the loaders of the
 * GraphQL relations (one statement per level of a query, whatever the number of 总校).
 */
import { and, asc, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import {
  BACKBONE_LEVELS,
  defineLoader,
  groupByKey,
  byKey,
  membersInSchoolYear,
  schoolYearRange,
  tables as core,
  type BackboneLevel,
  type Db,
  type ExchangeRow,
  type GroupMemberRow,
  type PostRow,
  type SchoolGroupRow,
} from '@gongzhi/core';
import {
  admissionPolicies,
  appointments,
  bundledAppraisals,
  centres,
  decisions,
  evaluations,
  experimentalClasses,
  leaderPostQuotas,
  payRecords,
  payStandards,
  schoolAuthorities,
  staffStatuses,
  titlePriorityEntries,
  zongxiaoProfiles,
} from './tables.js';

export const KIND = 'sanming.zongxiao';
export const DOC = '明政办〔2017〕118号';

export const ROLE = {
  GENERAL_PRINCIPAL: 'SANMING_GENERAL_PRINCIPAL',
  EXECUTIVE_PRINCIPAL: 'SANMING_EXECUTIVE_PRINCIPAL',
} as const;

/** 校级领导 — school-level leaders (四(一)3). */
export const SCHOOL_LEADER_ROLES: readonly string[] = ['PRINCIPAL', 'PARTY_SECRETARY', 'VICE_PRINCIPAL', ROLE.EXECUTIVE_PRINCIPAL];
/** 中层领导 — middle-level leaders (四(一)3). */
export const MIDDLE_LEADER_ROLES: readonly string[] = ['MIDDLE_MANAGER'];

export const LEVELS = ['CITY', 'DISTRICT', 'COUNTY'] as const;
export const LEGAL_PERSONS = ['ONE', 'SEVERAL'] as const;
export const AUTHORITIES = ['CITY', 'DISTRICT', 'UNKNOWN'] as const;
export type Authority = (typeof AUTHORITIES)[number];
export const DECISION_KINDS = ['PERSONNEL', 'FUNDING', 'OTHER_MAJOR'] as const;
export const CENTRE_KINDS = ['HR', 'FINANCE', 'TEACHER_DEVELOPMENT'] as const;
export const PAY_COMPONENTS = ['BASIC_SALARY', 'PERFORMANCE_PAY', 'YEAR_END_PERFORMANCE_PAY', 'CIVILISED_UNIT_BONUS', 'PUBLIC_SECURITY_AWARD', 'CIVILISED_CITY_AWARD', 'OTHER'] as const;
export const STAFF_STATUSES = ['IN_ESTABLISHMENT', 'CONTRACT', 'OTHER'] as const;
export const ADMISSION_METHODS = ['CATCHMENT', 'FEEDER', 'SELECTIVE'] as const;

export type ProfileRow = typeof zongxiaoProfiles.$inferSelect;
export type DecisionRow = typeof decisions.$inferSelect;
export type CentreRow = typeof centres.$inferSelect;
export type AppraisalRow = typeof bundledAppraisals.$inferSelect;
export type PayRecordRow = typeof payRecords.$inferSelect;
export type PayStandardRow = typeof payStandards.$inferSelect;
export type StaffStatusRow = typeof staffStatuses.$inferSelect;
export type QuotaRow = typeof leaderPostQuotas.$inferSelect;
export type ExperimentalClassRow = typeof experimentalClasses.$inferSelect;
export type AdmissionRow = typeof admissionPolicies.$inferSelect;
export type EvaluationRow = typeof evaluations.$inferSelect;
export type AppointmentRow = typeof appointments.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Authority (隶属) and the member's own bureau

export type AuthorityRow = typeof schoolAuthorities.$inferSelect;

/** Every recorded authority of the schools, oldest first (one statement). */
export async function authorityHistoryOf(db: Db, codes: readonly string[]): Promise<AuthorityRow[]> {
  if (codes.length === 0) return [];
  return db.select().from(schoolAuthorities).where(inArray(schoolAuthorities.schoolCode, [...new Set(codes)])).orderBy(asc(schoolAuthorities.validFrom));
}

/** The authority on a date (the latest recorded when no date is given); UNKNOWN where none is recorded. */
export function authorityOn(history: readonly AuthorityRow[], schoolCode: string, asOf?: string): Authority {
  const rows = history.filter((r) => r.schoolCode === schoolCode && (!asOf || r.validFrom <= asOf));
  return (rows.at(-1)?.authority as Authority | undefined) ?? 'UNKNOWN';
}

/** The recorded authority of schools on a date; UNKNOWN where nothing is recorded. One statement. */
export async function authoritiesOf(db: Db, codes: readonly string[], asOf?: string): Promise<Map<string, Authority>> {
  const history = await authorityHistoryOf(db, codes);
  return new Map(codes.map((c) => [c, authorityOn(history, c, asOf)]));
}

/**
 * A member's own bureau (成员学校隶属教育行政部门) on a date: the city's bureau for a 市属 school,
 * its district's (where the school stood that day: dated locality history) for a 区属 one, none
 * when the authority is not known.
 */
export function ownBureau(authority: Authority, countyCodeThen: string): string | null {
  if (authority === 'CITY') return `${countyCodeThen.slice(0, 4)}00`;
  if (authority === 'DISTRICT') return countyCodeThen;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Loaders

export const profileLoader = defineLoader<string, ProfileRow | null>('sanming.profile', async (db, ids) =>
  byKey(ids, await db.select().from(zongxiaoProfiles).where(inArray(zongxiaoProfiles.groupId, [...ids])), (r) => r.groupId),
);
export const authorityLoader = defineLoader<string, Authority>('sanming.authority', async (db, codes) => {
  const m = await authoritiesOf(db, codes);
  return codes.map((c) => m.get(c)!);
});
export const centresLoader = defineLoader<string, CentreRow[]>('sanming.centres', async (db, ids) =>
  groupByKey(ids, await db.select().from(centres).where(inArray(centres.groupId, [...ids])).orderBy(asc(centres.establishedOn)), (r) => r.groupId),
);
export const appraisalsLoader = defineLoader<string, AppraisalRow[]>('sanming.appraisals', async (db, ids) =>
  groupByKey(ids, await db.select().from(bundledAppraisals).where(inArray(bundledAppraisals.groupId, [...ids])).orderBy(asc(bundledAppraisals.schoolYear)), (r) => r.groupId),
);
export const decisionsLoader = defineLoader<string, DecisionRow[]>('sanming.decisions', async (db, ids) =>
  groupByKey(ids, await db.select().from(decisions).where(inArray(decisions.groupId, [...ids])).orderBy(asc(decisions.decidedOn)), (r) => r.groupId),
);
export const experimentalClassesLoader = defineLoader<string, ExperimentalClassRow[]>('sanming.experimentalClasses', async (db, ids) =>
  groupByKey(ids, await db.select().from(experimentalClasses).where(inArray(experimentalClasses.groupId, [...ids])).orderBy(asc(experimentalClasses.schoolYear)), (r) => r.groupId),
);
export const admissionsLoader = defineLoader<string, AdmissionRow[]>('sanming.admissions', async (db, ids) =>
  groupByKey(ids, await db.select().from(admissionPolicies).where(inArray(admissionPolicies.groupId, [...ids])).orderBy(asc(admissionPolicies.schoolYear)), (r) => r.groupId),
);
export const evaluationsLoader = defineLoader<string, EvaluationRow[]>('sanming.evaluations', async (db, ids) =>
  groupByKey(ids, await db.select().from(evaluations).where(inArray(evaluations.groupId, [...ids])).orderBy(asc(evaluations.completedOn)), (r) => r.groupId),
);
export const priorityLoader = defineLoader<string, { groupId: string; schoolYear: string; personId: string }[]>('sanming.titlePriority', async (db, ids) =>
  groupByKey(ids, await db.select().from(titlePriorityEntries).where(inArray(titlePriorityEntries.groupId, [...ids])), (r) => r.groupId),
);
export const appointmentLoader = defineLoader<string, AppointmentRow | null>('sanming.appointment', async (db, ids) =>
  byKey(ids, await db.select().from(appointments).where(inArray(appointments.postId, [...ids])), (r) => r.postId),
);
export const payByPersonLoader = defineLoader<string, PayRecordRow[]>('sanming.pay.byPerson', async (db, ids) =>
  groupByKey(ids, await db.select().from(payRecords).where(inArray(payRecords.personId, [...ids])).orderBy(asc(payRecords.component), asc(payRecords.validFrom)), (r) => r.personId),
);
export const standardsBySchoolLoader = defineLoader<string, PayStandardRow[]>('sanming.standards.bySchool', async (db, ids) =>
  groupByKey(ids, await db.select().from(payStandards).where(inArray(payStandards.schoolCode, [...ids])).orderBy(asc(payStandards.component), asc(payStandards.validFrom)), (r) => r.schoolCode),
);
export const statusByPersonLoader = defineLoader<string, StaffStatusRow[]>('sanming.status.byPerson', async (db, ids) =>
  groupByKey(ids, await db.select().from(staffStatuses).where(inArray(staffStatuses.personId, [...ids])).orderBy(asc(staffStatuses.validFrom)), (r) => r.personId),
);
export const quotasBySchoolLoader = defineLoader<string, QuotaRow[]>('sanming.quotas.bySchool', async (db, ids) =>
  groupByKey(ids, await db.select().from(leaderPostQuotas).where(inArray(leaderPostQuotas.schoolCode, [...ids])).orderBy(asc(leaderPostQuotas.validFrom)), (r) => r.schoolCode),
);

// ---------------------------------------------------------------------------------------------
// Backbone flow (四(一)3): people serving at the other school in a school year

export type FlowKind = 'SCHOOL_LEADER' | 'MIDDLE_LEADER' | 'BACKBONE_TEACHER';
export interface FlowPerson {
  personId: string;
  kind: FlowKind;
  role: string;
  exchangeId: string;
}
export interface Flow {
  groupId: string;
  /** The non-lead member the flow is about. */
  memberSchoolCode: string;
  /** OUT: lead → member; BACK: member → lead. */
  direction: 'OUT' | 'BACK';
  people: FlowPerson[];
}

export interface FlowSettings {
  backboneMinLevel: BackboneLevel;
  exchangeKinds: readonly string[] | null;
}
export const DOCUMENT_FLOW_SETTINGS: FlowSettings = { backboneMinLevel: 'CITY', exchangeKinds: null };

export function countsOf(f: Flow): Record<FlowKind, number> {
  const c = { SCHOOL_LEADER: 0, MIDDLE_LEADER: 0, BACKBONE_TEACHER: 0 };
  for (const p of f.people) c[p.kind]++;
  return c;
}

const overlaps = (aFrom: string, aTo: string | null, bFrom: string, bTo: string | null) => aFrom <= (bTo ?? '9999-12-31') && (aTo ?? '9999-12-31') >= bFrom;

/**
 * The flows of 总校 in a school year: a person counts for a member when a core exchange took them
 * from the lead to the member (or back) for a period overlapping the year AND they held a post at
 * the receiving school during it — people serving (任职任教), not dispatch events. A leader post
 * makes them a school-level or middle-level leader; a teaching post with a backbone level (as when
 * the exchange began) at or above the setting's makes them a backbone teacher. Each person counts
 * once, in the highest kind. Two statements for any number of 总校.
 */
export async function flowsOf(db: Db, groups: readonly { group: SchoolGroupRow; members: readonly GroupMemberRow[] }[], schoolYear: string, settings: FlowSettings = DOCUMENT_FLOW_SETTINGS): Promise<Flow[]> {
  const { start, end } = schoolYearRange(schoolYear);
  const codes = [...new Set(groups.flatMap((g) => g.members.map((m) => m.schoolCode)))];
  if (codes.length === 0) return [];
  const xs: ExchangeRow[] = await db
    .select()
    .from(core.exchanges)
    .where(
      and(
        inArray(core.exchanges.fromSchoolCode, codes),
        inArray(core.exchanges.toSchoolCode, codes),
        isNull(core.exchanges.archivedAt),
        lte(core.exchanges.startDate, end),
        or(isNull(core.exchanges.endDate), gte(core.exchanges.endDate, start)),
      ),
    );
  const usable = xs.filter((x) => !settings.exchangeKinds || settings.exchangeKinds.includes(x.kind));
  const personIds = [...new Set(usable.map((x) => x.personId))];
  const ps: PostRow[] = personIds.length
    ? await db
        .select()
        .from(core.posts)
        .where(and(inArray(core.posts.personId, personIds), inArray(core.posts.schoolCode, codes), isNull(core.posts.archivedAt), lte(core.posts.validFrom, end), or(isNull(core.posts.validTo), gte(core.posts.validTo, start))))
    : [];
  const minRank = BACKBONE_LEVELS.indexOf(settings.backboneMinLevel);
  const out: Flow[] = [];
  for (const { group, members } of groups) {
    const lead = group.leadSchoolCode;
    if (!lead) continue;
    const others = [...new Set(members.map((m) => m.schoolCode))].filter((c) => c !== lead).sort();
    for (const member of others)
      for (const direction of ['OUT', 'BACK'] as const) {
        const [from, to] = direction === 'OUT' ? [lead, member] : [member, lead];
        const people = new Map<string, FlowPerson>();
        for (const x of usable.filter((e) => e.fromSchoolCode === from && e.toSchoolCode === to)) {
          const from2 = x.startDate > start ? x.startDate : start;
          const to2 = x.endDate && x.endDate < end ? x.endDate : end;
          const serving = ps.filter((p) => p.personId === x.personId && p.schoolCode === to && overlaps(p.validFrom, p.validTo, from2, to2));
          const leader = serving.find((p) => SCHOOL_LEADER_ROLES.includes(p.role));
          const middle = serving.find((p) => MIDDLE_LEADER_ROLES.includes(p.role));
          const teaching = serving.find((p) => p.role === 'TEACHER');
          const backbone = BACKBONE_LEVELS.indexOf(x.backboneLevel as BackboneLevel) >= minRank;
          const kind: FlowKind | null = leader ? 'SCHOOL_LEADER' : middle ? 'MIDDLE_LEADER' : teaching && backbone ? 'BACKBONE_TEACHER' : null;
          if (!kind) continue;
          const rank = (k: FlowKind) => ['BACKBONE_TEACHER', 'MIDDLE_LEADER', 'SCHOOL_LEADER'].indexOf(k);
          const had = people.get(x.personId);
          if (!had || rank(kind) > rank(had.kind)) people.set(x.personId, { personId: x.personId, kind, role: (leader ?? middle ?? teaching)!.role, exchangeId: x.id });
        }
        out.push({ groupId: group.id, memberSchoolCode: member, direction, people: [...people.values()].sort((a, b) => a.personId.localeCompare(b.personId)) });
      }
  }
  return out;
}

/** The flows of 总校 by id and year, batched: for any number of 总校, four statements per year. */
export const flowsLoader = defineLoader<{ groupId: string; schoolYear: string }, Flow[]>(
  'sanming.flows',
  async (db, keys) => {
    const years = [...new Set(keys.map((k) => k.schoolYear))];
    const out = new Map<string, Flow[]>();
    for (const y of years) {
      const ids = [...new Set(keys.filter((k) => k.schoolYear === y).map((k) => k.groupId))];
      const groups = await db.select().from(core.schoolGroups).where(inArray(core.schoolGroups.id, ids));
      const members = await membersInSchoolYear(db, ids, y);
      const flows = await flowsOf(db, groups.map((group) => ({ group, members: members.get(group.id) ?? [] })), y);
      for (const id of ids) out.set(`${id}|${y}`, flows.filter((f) => f.groupId === id));
    }
    return keys.map((k) => out.get(`${k.groupId}|${k.schoolYear}`) ?? []);
  },
  (k) => `${k.groupId}|${k.schoolYear}`,
);

// ---------------------------------------------------------------------------------------------
// Two-school teaching experience (六(三))

export interface TwoSchoolTeacher {
  personId: string;
  schoolCodes: string[];
}

/**
 * Teachers with teaching experience (两校任教经历) in two schools of the same 总校 by a year's
 * end: a teaching post or an exchange at each, while the school was a member. Two statements.
 */
export async function twoSchoolTeachersOf(db: Db, groups: readonly { group: SchoolGroupRow; members: readonly GroupMemberRow[] }[], schoolYear: string): Promise<Map<string, TwoSchoolTeacher[]>> {
  const { end } = schoolYearRange(schoolYear);
  const codes = [...new Set(groups.flatMap((g) => g.members.map((m) => m.schoolCode)))];
  const out = new Map<string, TwoSchoolTeacher[]>(groups.map((g) => [g.group.id, []]));
  if (codes.length === 0) return out;
  const ps = await db
    .select({ personId: core.posts.personId, schoolCode: core.posts.schoolCode, validFrom: core.posts.validFrom, validTo: core.posts.validTo })
    .from(core.posts)
    .where(and(inArray(core.posts.schoolCode, codes), inArray(core.posts.role, ['TEACHER']), isNull(core.posts.archivedAt), lte(core.posts.validFrom, end)));
  const xs = await db
    .select({ personId: core.exchanges.personId, schoolCode: core.exchanges.toSchoolCode, validFrom: core.exchanges.startDate, validTo: core.exchanges.endDate })
    .from(core.exchanges)
    .where(and(inArray(core.exchanges.toSchoolCode, codes), isNull(core.exchanges.archivedAt), lte(core.exchanges.startDate, end)));
  const stints = [...ps, ...xs];
  for (const { group, members } of groups) {
    const at = new Map<string, Set<string>>();
    for (const s of stints) {
      if (!s.schoolCode) continue;
      const asMember = members.some((m) => m.schoolCode === s.schoolCode && overlaps(m.validFrom, m.validTo, s.validFrom, s.validTo));
      if (!asMember) continue;
      if (!at.has(s.personId)) at.set(s.personId, new Set());
      at.get(s.personId)!.add(s.schoolCode);
    }
    out.set(
      group.id,
      [...at.entries()].filter(([, set]) => set.size >= 2).map(([personId, set]) => ({ personId, schoolCodes: [...set].sort() })).sort((a, b) => a.personId.localeCompare(b.personId)),
    );
  }
  return out;
}

export const twoSchoolTeachersLoader = defineLoader<{ groupId: string; schoolYear: string }, TwoSchoolTeacher[]>(
  'sanming.twoSchoolTeachers',
  async (db, keys) => {
    const out = new Map<string, TwoSchoolTeacher[]>();
    for (const y of [...new Set(keys.map((k) => k.schoolYear))]) {
      const ids = [...new Set(keys.filter((k) => k.schoolYear === y).map((k) => k.groupId))];
      const groups = await db.select().from(core.schoolGroups).where(inArray(core.schoolGroups.id, ids));
      const allMembers = await db.select().from(core.groupMembers).where(inArray(core.groupMembers.groupId, ids));
      const m = await twoSchoolTeachersOf(db, groups.map((group) => ({ group, members: allMembers.filter((x) => x.groupId === group.id) })), y);
      for (const id of ids) out.set(`${id}|${y}`, m.get(id) ?? []);
    }
    return keys.map((k) => out.get(`${k.groupId}|${k.schoolYear}`) ?? []);
  },
  (k) => `${k.groupId}|${k.schoolYear}`,
);
