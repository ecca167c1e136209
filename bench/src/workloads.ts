/**
 * The workloads, the same data asked of each system: Gongzhi's GraphQL (schema/schema.graphql), the
 * equivalent PostGraphile query (the amber schema over core.*: allSchools, schoolByCode,
 * postsBySchoolCode, personByPersonId …) and the SQL floor's endpoint. Each answer is normalised to
 * one shape so that the bench can check the three systems return the same data.
 *
 * "In force today" — Gongzhi's default for staff and groups (validFrom ≤ today ≤ validTo) — is
 * `condition: { validTo: null }` in PostGraphile: on the generated data every post or membership
 * without an end has begun, and every ended one has ended, so both select the same rows (the
 * equality check of the counting pass shows it).
 */
import { Kind, parse, type SelectionSetNode } from 'graphql';

export type SystemId = 'gongzhi' | 'postgraphile' | 'floor';
export interface Params {
  county: string;
  province: string;
  schoolYear: string;
  /** P2's school: the county's largest (most staff in force). */
  bigSchool: string;
}
/** A request, as the load generator sends it. */
export interface Req {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** GraphQL text (for depth and for BENCHMARKS.md). */
  query?: string;
}

const gql = (query: string, variables: Record<string, unknown>): Req => ({ method: 'POST', path: '/graphql', body: JSON.stringify({ query, variables }), query });

export const GONGZHI = {
  P1: `query P1($county: DivisionCode!, $year: SchoolYear!, $first: Int) {
  schools(first: $first, filter: { localityCode: $county }) {
    nodes {
      code name
      principal: staff(role: "PRINCIPAL") { nodes { person { name title } } }
      staffCount: staff { totalCount }
      yearStats(schoolYear: $year) { enrollmentPrimary enrollmentJunior classes teachingAuxAreaM2 multimediaClassrooms }
    }
  }
}`,
  P2: `query P2($code: SchoolCode!) {
  school(code: $code) {
    code name stages
    staff(first: 50) { totalCount nodes { role validFrom stage person { name gender title backboneLevel } } }
    groups { name kind validFrom }
  }
}`,
  P3: `query P3($county: DivisionCode!, $after: String) {
  schools(first: 100, after: $after, filter: { localityCode: $county }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { code name stages area isBoarding schoolType { code } }
  }
}`,
  compliance: `query Compliance($locality: DivisionCode!, $year: SchoolYear!) {
  complianceReport(localityCode: $locality, schoolYear: $year) {
    totals { pass fail warn }
    summary { rule { id } pass fail warn }
    findings(first: 100) { totalCount nodes { status rule { id } subjects { key } } }
  }
}`,
  balance: `query Balance($locality: DivisionCode!, $year: SchoolYear!, $stage: Stage!) {
  balanceReport(localityCode: $locality, schoolYear: $year, stage: $stage) {
    schoolCount studentCount passingSchools failingSchools isBalanced
    indicators { indicator overallValue cv cvLimit isCvWithinLimit schoolsMeeting }
    exchangeRate { teachers eligibleTeachers exchanged rate }
    schools(first: 100) { totalCount nodes { school { code name } students passes metCount } }
    excluded { school { code } reason students }
  }
}`,
};

export const POSTGRAPHILE = {
  P1: `query P1($county: String!, $year: String!, $first: Int) {
  allSchools(first: $first, condition: { countyCode: $county, archivedAt: null }, orderBy: CODE_ASC) {
    nodes {
      code name
      principal: postsBySchoolCode(condition: { role: "PRINCIPAL", validTo: null }, orderBy: [VALID_FROM_ASC, ROW_ID_ASC]) { nodes { personByPersonId { name title } } }
      staffCount: postsBySchoolCode(condition: { validTo: null }) { totalCount }
      yearStats: schoolYearStatsBySchoolCode(condition: { schoolYear: $year }) { nodes { enrollmentPrimary enrollmentJunior classes teachingAuxAreaM2 multimediaClassrooms } }
    }
  }
}`,
  P2: `query P2($code: String!) {
  schoolByCode(code: $code) {
    code name stages
    staff: postsBySchoolCode(first: 50, condition: { validTo: null }, orderBy: [ROLE_ASC, VALID_FROM_ASC, ROW_ID_ASC]) {
      totalCount nodes { role validFrom stage personByPersonId { name gender title backboneLevel } }
    }
    groups: groupMembersBySchoolCode(condition: { validTo: null }) { nodes { schoolGroupByGroupId { name kind validFrom } } }
  }
}`,
  P3: `query P3($county: String!, $after: Cursor) {
  allSchools(first: 100, after: $after, condition: { countyCode: $county, archivedAt: null }, orderBy: CODE_ASC) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { code name stages area isBoarding schoolType }
  }
}`,
};

export type WorkloadId = 'P1' | 'P2' | 'P3' | 'compliance' | 'balance' | 'provinceBalance' | 'provinceCompliance';
export const TITLES: Record<WorkloadId, string> = {
  P1: 'P1 county dashboard: 50 schools × principal, staff count, latest stats',
  P2: 'P2 school detail: one school, 50 staff, its groups',
  P3: 'P3 page 3 of 100 schools by cursor',
  compliance: 'complianceReport, one county, one year',
  balance: 'balanceReport, one county, PRIMARY',
  provinceBalance: 'province-wide balanceReport (PRIMARY)',
  provinceCompliance: 'province-wide complianceReport',
};

/** The request of a workload for a system; P3 needs the system's own cursor of page 2's end. */
export function request(system: SystemId, w: WorkloadId, p: Params, cursor?: string | null, first = 50): Req | null {
  if (system === 'gongzhi') {
    switch (w) {
      case 'P1': return gql(GONGZHI.P1, { county: p.county, year: p.schoolYear, first });
      case 'P2': return gql(GONGZHI.P2, { code: p.bigSchool });
      case 'P3': return gql(GONGZHI.P3, { county: p.county, after: cursor ?? null });
      case 'compliance': return gql(GONGZHI.compliance, { locality: p.county, year: p.schoolYear });
      case 'balance': return gql(GONGZHI.balance, { locality: p.county, year: p.schoolYear, stage: 'PRIMARY' });
      case 'provinceCompliance': return gql(GONGZHI.compliance, { locality: p.province, year: p.schoolYear });
      case 'provinceBalance': return gql(GONGZHI.balance, { locality: p.province, year: p.schoolYear, stage: 'PRIMARY' });
    }
  }
  if (system === 'postgraphile') {
    switch (w) {
      case 'P1': return gql(POSTGRAPHILE.P1, { county: p.county, year: p.schoolYear, first });
      case 'P2': return gql(POSTGRAPHILE.P2, { code: p.bigSchool });
      case 'P3': return gql(POSTGRAPHILE.P3, { county: p.county, after: cursor ?? null });
      default: return null;
    }
  }
  switch (w) {
    case 'P1': return { method: 'GET', path: `/p1?county=${p.county}&year=${p.schoolYear}` };
    case 'P2': return { method: 'GET', path: `/p2?code=${p.bigSchool}` };
    case 'P3': return { method: 'GET', path: `/p3?county=${p.county}&after=${encodeURIComponent(cursor ?? '')}` };
    default: return null;
  }
}

/** The end cursor of a P3-shaped answer (to ask for the next page). */
export function endCursor(system: SystemId, data: any): string | null {
  return (system === 'postgraphile' ? data.allSchools : data.schools).pageInfo.endCursor;
}

/** One shape for the three systems' answers (PostGraphile's differ in names only). */
export function normalise(system: SystemId, w: WorkloadId, data: any): unknown {
  if (w === 'P1') {
    const nodes = system === 'postgraphile' ? data.allSchools.nodes : data.schools.nodes;
    return nodes.map((s: any) => ({
      code: s.code,
      name: s.name,
      principals: s.principal.nodes.map((n: any) => (system === 'postgraphile' ? n.personByPersonId : n.person).name),
      staff: s.staffCount.totalCount,
      stats: system === 'postgraphile' ? (s.yearStats.nodes[0] ?? null) : s.yearStats,
    }));
  }
  if (w === 'P2') {
    const s = system === 'postgraphile' ? data.schoolByCode : data.school;
    const staff = system === 'postgraphile' ? s.staff : s.staff;
    const groups = system === 'postgraphile' ? s.groups.nodes.map((m: any) => m.schoolGroupByGroupId) : s.groups;
    return {
      code: s.code,
      name: s.name,
      stages: s.stages,
      staff: staff.totalCount,
      page: staff.nodes.map((n: any) => `${n.role} ${n.validFrom} ${n.stage ?? '-'} ${(system === 'postgraphile' ? n.personByPersonId : n.person).name}`),
      groups: groups.map((g: any) => `${g.name} ${g.kind} ${g.validFrom}`).sort(),
    };
  }
  if (w === 'P3') {
    const c = system === 'postgraphile' ? data.allSchools : data.schools;
    return { total: c.totalCount, hasNextPage: c.pageInfo.hasNextPage, codes: c.nodes.map((n: any) => n.code) };
  }
  return data;
}

/** A connection's or an edge's own keys: such an object is bookkeeping, not a row. */
const WRAPPER_KEYS = new Set(['nodes', 'edges', 'totalCount', 'pageInfo', 'node', 'cursor', '__typename']);
/** Objects that are no row of a table: a school type is looked up from the school's own column. */
const NOT_ROWS = new Set(['schoolType', 'pageInfo']);
/**
 * What an answer returns, in rows: every object but a connection's or an edge's bookkeeping (a post
 * that only links a school to a person is a row: it has to be read); each totalCount is a count the
 * answer needs.
 */
export function answerSize(data: unknown): { rows: number; counts: number } {
  let rows = 0;
  let counts = 0;
  const walk = (v: unknown, key: string) => {
    if (Array.isArray(v)) return v.forEach((i) => walk(i, key));
    if (!v || typeof v !== 'object') return;
    const keys = Object.keys(v);
    if (keys.includes('totalCount')) counts++;
    if (key && !NOT_ROWS.has(key) && !keys.every((k) => WRAPPER_KEYS.has(k))) rows++;
    for (const [k, x] of Object.entries(v)) if (x && typeof x === 'object') walk(x, k);
  };
  walk(data, '');
  return { rows, counts };
}

/** Field depth of an operation, counted as Gongzhi's depth limit counts it (server/src/depth-limit.ts). */
export function queryDepth(query: string): number {
  const depth = (set: SelectionSetNode | undefined): number => {
    if (!set) return 0;
    let d = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) d = Math.max(d, 1 + depth(s.selectionSet));
      else if (s.kind === Kind.INLINE_FRAGMENT) d = Math.max(d, depth(s.selectionSet));
    }
    return d;
  };
  const op = parse(query).definitions[0];
  return op && op.kind === Kind.OPERATION_DEFINITION ? depth(op.selectionSet) : 0;
}
