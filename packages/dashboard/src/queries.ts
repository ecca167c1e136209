/**
 * The GraphQL the dashboard sends: one document per view, only public fields, and no personal
 * field (ID numbers, phones, birth dates, pay) anywhere — the page has no use for them, whatever
 * the token may read.
 */
import { gql } from './api';

export type Status = 'PASS' | 'FAIL' | 'WARN' | 'NOT_APPLICABLE';
export type Stage = 'PRIMARY' | 'JUNIOR';

export interface Loc {
  code: string;
  name: string;
  level: 'PROVINCE' | 'CITY' | 'COUNTY' | 'TOWNSHIP';
  isArchived: boolean;
  children?: Loc[];
}

/** The localities a token covers, three levels deep (province → city → county), in one request. */
export async function loadScope(roots: string[]): Promise<Loc[]> {
  if (roots.length === 0) return [];
  // The server allows 15 aliases an operation: a token over more divisions takes more requests.
  if (roots.length > 15) {
    const parts = await Promise.all(Array.from({ length: Math.ceil(roots.length / 15) }, (_, k) => loadScope(roots.slice(k * 15, k * 15 + 15))));
    return parts.flat();
  }
  const vars = Object.fromEntries(roots.map((c, i) => [`c${i}`, c]));
  const fields = roots.map((_, i) => `r${i}: locality(code: $c${i}) { ...L children { ...L children { ...L children { ...L } } } }`).join('\n');
  const q = `query Scope(${roots.map((_, i) => `$c${i}: DivisionCode!`).join(', ')}) {\n${fields}\n}\nfragment L on Locality { code name level isArchived }`;
  const data = await gql<Record<string, Loc | null>>('Scope', q, vars);
  return roots.map((_, i) => data[`r${i}`]).filter((l): l is Loc => !!l);
}

export interface Group {
  id: string;
  groupId: string;
  name: string;
  kindTitle: string;
  locality: { code: string; name: string };
}

export async function loadGroups(code: string): Promise<Group[]> {
  const d = await gql<{ schoolGroups: { nodes: Group[] } }>(
    'Groups',
    `query Groups($code: DivisionCode!) { schoolGroups(filter: { localityCode: $code }, first: 100) { nodes { id groupId name kindTitle locality { code name } } } }`,
    { code },
  );
  return d.schoolGroups.nodes;
}

export interface Rule {
  id: string;
  title: string;
  plugin: string;
  enforce: 'WRITE' | 'REPORT';
  inPrinciple: boolean;
  cite: { doc: string; clause: string; text: string | null };
}
export interface Subject {
  type: string;
  key: string;
  name: string | null;
}
export interface Finding {
  rule: { id: string };
  status: Status;
  measured: unknown;
  expected: unknown;
  message: string | null;
  subjects: Subject[];
  exception: { exceptionId: string; approvedBy: string; documentRef: string; reason: string; recordedOn: string; schoolYear: string | null } | null;
}
export interface Totals {
  pass: number;
  fail: number;
  warn: number;
  notApplicable: number;
}
export interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}
export interface Compliance {
  locality: { code: string; name: string; level: string; governance: { plugin: string }[] } | null;
  installedPlugins: { id: string; title: string; policyDocument: string; issuer: string }[];
  complianceReport: {
    totals: Totals;
    summary: (Totals & { rule: Rule; status: Status })[];
    failing: Page<Finding>;
    warnings: Page<Finding>;
  };
}

/**
 * Pages are sized to the server's cost limit (a report is priced far above a field, a page by its
 * size): the first page of failing findings comes with the totals, the warnings (with their
 * recorded exceptions) in a second request; further pages only when asked for.
 */
export const FINDINGS_PAGE = 100;

const FAIL_FIELDS = `rule { id } status measured expected message subjects { type key name }`;
const WARN_FIELDS = `${FAIL_FIELDS} exception { exceptionId approvedBy documentRef reason recordedOn schoolYear }`;
const PAGE = (fields: string) => `totalCount pageInfo { hasNextPage endCursor } nodes { ${fields} }`;

/** 合规: two requests — the totals, every rule's counts and the failing findings; the warnings. */
export async function loadCompliance(code: string, year: string): Promise<Compliance> {
  const [a, b] = await Promise.all([
    gql<Omit<Compliance, 'complianceReport'> & { complianceReport: Omit<Compliance['complianceReport'], 'warnings'> }>(
      'Compliance',
      `query Compliance($code: DivisionCode!, $year: SchoolYear!, $first: Int!) {
  locality(code: $code) { code name level governance { plugin } }
  installedPlugins { id title policyDocument issuer }
  complianceReport(localityCode: $code, schoolYear: $year) {
    totals { pass fail warn notApplicable }
    summary { rule { id title plugin enforce inPrinciple cite { doc clause text } } status pass fail warn notApplicable }
    failing: findings(status: FAIL, first: $first) { ${PAGE(FAIL_FIELDS)} }
  }
}`,
      { code, year, first: FINDINGS_PAGE },
    ),
    moreFindings(code, year, 'WARN', null),
  ]);
  return { ...a, complianceReport: { ...a.complianceReport, warnings: b } };
}

/** The next page of one status's findings (the button under a long list). */
export async function moreFindings(code: string, year: string, status: 'FAIL' | 'WARN', after: string | null): Promise<Page<Finding>> {
  const d = await gql<{ complianceReport: { findings: Page<Finding> } }>(
    status === 'WARN' ? 'ComplianceWarnings' : 'ComplianceFindings',
    `query ${status === 'WARN' ? 'ComplianceWarnings' : 'ComplianceFindings'}($code: DivisionCode!, $year: SchoolYear!, $status: FindingStatus!, $first: Int!, $after: String) {
  complianceReport(localityCode: $code, schoolYear: $year) { findings(status: $status, first: $first, after: $after) { ${PAGE(status === 'WARN' ? WARN_FIELDS : FAIL_FIELDS)} } }
}`,
    { code, year, status, first: FINDINGS_PAGE, after },
  );
  return d.complianceReport.findings;
}

export interface IndicatorSummary {
  indicator: string;
  title: string;
  unit: string;
  threshold: number;
  overallValue: number;
  standardDeviation: number;
  cv: number | null;
  cvLimit: number;
  isCvWithinLimit: boolean | null;
  schoolsMeeting: number;
  topContributors: { school: { code: string; name: string }; students: number; value: number; shareOfVariance: number }[];
}
export interface BalanceSchool {
  school: { code: string; name: string };
  students: number;
  metCount: number;
  passes: boolean;
  indicators: { indicator: string; value: number; threshold: number; ratio: number; isMet: boolean }[];
}
export interface ExchangeRate {
  teachers: number;
  eligibleTeachers: number;
  exchanged: number;
  backboneExchanged: number;
  rate: number;
  backboneShare: number;
  minRate: number;
  minBackboneShare: number;
  passes: boolean;
}
export interface BalanceReport {
  schoolYear: string;
  stage: Stage;
  schoolCount: number;
  studentCount: number;
  passingSchools: number;
  failingSchools: number;
  isBalanced: boolean;
  indicators: IndicatorSummary[];
  /** Every assessed school (all pages). */
  schools: BalanceSchool[];
}
export interface TrendPoint {
  schoolYear: string;
  schoolCount: number;
  indicators: { indicator: string; cv: number | null; cvLimit: number }[];
}

/** Schools per page of a balance report, sized to the cost limit (a county has a few dozen). */
export const SCHOOLS_PAGE = 60;

const SCHOOL_FIELDS = `school { code name } students metCount passes indicators { indicator value threshold ratio isMet }`;
const SCHOOLS = (after: string) => `schools(first: $first${after}) { totalCount pageInfo { hasNextPage endCursor } nodes { ${SCHOOL_FIELDS} } }`;
const REPORT = `schoolYear stage schoolCount studentCount passingSchools failingSchools isBalanced
  indicators { indicator title unit threshold overallValue standardDeviation cv cvLimit isCvWithinLimit schoolsMeeting
    topContributors(first: 5) { school { code name } students value shareOfVariance } }
  ${SCHOOLS('')}`;
const TREND = `schoolYear schoolCount indicators { indicator cv cvLimit }`;

type RawReport = Omit<BalanceReport, 'schools'> & { schools: Page<BalanceSchool> };

export const previousYear = (y: string, back: number) => {
  const a = Number(y.slice(0, 4)) - back;
  return `${a}-${a + 1}`;
};

/** The rest of a report's schools, a page a request (only for a locality past one page). */
async function allSchools(raw: RawReport, next: (after: string) => Promise<Page<BalanceSchool>>): Promise<BalanceReport> {
  const schools = [...raw.schools.nodes];
  let page = raw.schools;
  while (page.pageInfo.hasNextPage && page.pageInfo.endCursor) {
    page = await next(page.pageInfo.endCursor);
    schools.push(...page.nodes);
  }
  return { ...raw, schools };
}

/** 均衡: two requests — the year's report (indicators, contributors, schools) and the trend over five years. */
export async function loadBalance(code: string, year: string, stage: Stage): Promise<{ balanceReport: BalanceReport; balanceTrend: TrendPoint[] }> {
  const vars = { code, year, stage, first: SCHOOLS_PAGE };
  const [a, t] = await Promise.all([
    gql<{ balanceReport: RawReport }>('Balance', `query Balance($code: DivisionCode!, $year: SchoolYear!, $stage: Stage!, $first: Int!) {
  balanceReport(localityCode: $code, schoolYear: $year, stage: $stage) { ${REPORT} }
}`, vars),
    gql<{ balanceTrend: TrendPoint[] }>('BalanceTrend', `query BalanceTrend($code: DivisionCode!, $stage: Stage!, $from: SchoolYear!, $year: SchoolYear!) {
  balanceTrend(localityCode: $code, stage: $stage, fromYear: $from, toYear: $year) { ${TREND} }
}`, { code, stage, year, from: previousYear(year, 4) }),
  ]);
  const report = await allSchools(a.balanceReport, async (after) =>
    (await gql<{ balanceReport: { schools: Page<BalanceSchool> } }>('BalanceSchools', `query BalanceSchools($code: DivisionCode!, $year: SchoolYear!, $stage: Stage!, $first: Int!, $after: String!) {
  balanceReport(localityCode: $code, schoolYear: $year, stage: $stage) { ${SCHOOLS(', after: $after')} }
}`, { ...vars, after })).balanceReport.schools,
  );
  return { balanceReport: report, balanceTrend: t.balanceTrend };
}

export type GroupBalance = Group & { leadSchool: { code: string; name: string } | null; balance: BalanceReport; balanceTrend: TrendPoint[] };

/** 学区/集团: one request — the group's own report and trend; its locality's comes from loadBalance. */
export async function loadGroupBalance(id: string, year: string, stage: Stage): Promise<GroupBalance | null> {
  const vars = { id, year, stage, first: SCHOOLS_PAGE, from: previousYear(year, 4) };
  const d = await gql<{ schoolGroup: null | (Omit<GroupBalance, 'balance'> & { balance: RawReport }) }>(
    'GroupBalance',
    `query GroupBalance($id: ID!, $year: SchoolYear!, $stage: Stage!, $from: SchoolYear!, $first: Int!) {
  schoolGroup(id: $id) { id groupId name kindTitle locality { code name } leadSchool { code name }
    balance(schoolYear: $year, stage: $stage) { ${REPORT} }
    balanceTrend(stage: $stage, fromYear: $from, toYear: $year) { ${TREND} } }
}`,
    vars,
  );
  if (!d.schoolGroup) return null;
  const g = d.schoolGroup;
  const balance = await allSchools(g.balance, async (after) =>
    (await gql<{ schoolGroup: { balance: { schools: Page<BalanceSchool> } } }>('GroupBalanceSchools', `query GroupBalanceSchools($id: ID!, $year: SchoolYear!, $stage: Stage!, $first: Int!, $after: String!) {
  schoolGroup(id: $id) { balance(schoolYear: $year, stage: $stage) { ${SCHOOLS(', after: $after')} } }
}`, { id, year, stage, first: SCHOOLS_PAGE, after })).schoolGroup.balance.schools,
  );
  return { ...g, balance };
}

const RATE = `exchangeRate { teachers eligibleTeachers exchanged backboneExchanged rate backboneShare minRate minBackboneShare passes }`;
export interface ExchangeRow {
  scope: string;
  kind: string;
  code: string;
  rate: ExchangeRate;
}

/** Counties per request beside the locality and its groups (each county's report is priced as one). */
const COUNTIES_PER_REQUEST = 3;

/**
 * 交流轮岗: the locality and each group of its regimes in one request, with the first counties
 * inside it; a city of many counties takes one more request per three counties.
 */
export async function loadExchange(code: string, year: string, counties: { code: string; name: string }[]): Promise<ExchangeRow[]> {
  const batches: { code: string; name: string }[][] = [];
  for (let i = 0; i < counties.length; i += COUNTIES_PER_REQUEST) batches.push(counties.slice(i, i + COUNTIES_PER_REQUEST));
  const countyPart = (batch: { code: string; name: string }[], vars: Record<string, unknown>) =>
    batch.map((c, i) => {
      vars[`k${i}`] = c.code;
      return `k${i}: balanceReport(localityCode: $k${i}, schoolYear: $year, stage: PRIMARY) { ${RATE} }`;
    });
  const decl = (batch: unknown[]) => batch.map((_, i) => `, $k${i}: DivisionCode!`).join('');
  const v0: Record<string, unknown> = { code, year };
  const first = batches[0] ?? [];
  const [d, ...rest] = await Promise.all([
    gql<Record<string, any>>(
      'Exchange',
      `query Exchange($code: DivisionCode!, $year: SchoolYear!${decl(first)}) {
  locality(code: $code) { code name }
  here: balanceReport(localityCode: $code, schoolYear: $year, stage: PRIMARY) { ${RATE} }
  ${countyPart(first, v0).join('\n  ')}
  schoolGroups(filter: { localityCode: $code }, first: 50) { nodes { groupId name kindTitle balance(schoolYear: $year, stage: PRIMARY) { ${RATE} } } }
}`,
      v0,
    ),
    ...batches.slice(1).map((batch) => {
      const v: Record<string, unknown> = { year };
      const parts = countyPart(batch, v);
      return gql<Record<string, any>>('ExchangeCounties', `query ExchangeCounties($year: SchoolYear!${decl(batch)}) {\n  ${parts.join('\n  ')}\n}`, v);
    }),
  ]);
  const rows: ExchangeRow[] = [{ scope: d.locality?.name ?? code, kind: '本级', code, rate: d.here.exchangeRate }];
  [d, ...rest].forEach((part, b) => (batches[b] ?? []).forEach((c, i) => rows.push({ scope: c.name, kind: '县（区）', code: c.code, rate: part[`k${i}`].exchangeRate })));
  for (const g of d.schoolGroups.nodes) rows.push({ scope: g.name, kind: g.kindTitle, code: g.groupId, rate: g.balance.exchangeRate });
  return rows;
}
