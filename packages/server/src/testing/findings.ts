import { AssertionError } from 'node:assert';
import type { FindingStatus } from '@gongzhi/core';
import type { TestServer } from './server.js';
import { ok } from './results.js';

/** A finding of `complianceReport` as a client reads it. */
export interface TestFinding {
  rule: { id: string; title: string; cite: { doc: string; clause: string }; enforce: 'WRITE' | 'REPORT'; plugin: string };
  status: FindingStatus;
  measured: any;
  expected: any;
  message: string | null;
  subjects: { type: string; key: string; name: string | null }[];
}

export interface FindingQuery {
  localityCode: string;
  schoolYear: string;
  ruleId?: string;
  status?: FindingStatus;
  /** A subject's key: a school code, a group's groupId, a personId, a division code. */
  subject?: string;
  /** The caller (default: the server's admin token); `null` asks anonymously. */
  token?: string | null;
  lang?: string;
}

const REPORT = `query($l: DivisionCode!, $y: SchoolYear!, $r: String, $s: FindingStatus, $k: String, $after: String) {
  complianceReport(localityCode: $l, schoolYear: $y) {
    findings(ruleId: $r, status: $s, subjectKey: $k, first: 1000, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { rule { id title cite { doc clause } enforce plugin } status measured expected message subjects { type key name } }
    }
  }
}`;

/** Every finding that matches, through all pages (the report's filters do the filtering, as a client's would). */
export async function findings(s: TestServer, q: FindingQuery): Promise<TestFinding[]> {
  const out: TestFinding[] = [];
  let after: string | null = null;
  do {
    const vars: Record<string, unknown> = { l: q.localityCode, y: q.schoolYear, r: q.ruleId ?? null, s: q.status ?? null, k: q.subject ?? null, after };
    const page: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: TestFinding[] } = ok(
      await s.gql(REPORT, vars, { token: q.token, lang: q.lang }),
    ).complianceReport.findings;
    out.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return out;
}

/** The one finding that matches; fails naming what was found when there is none or more than one. */
export async function finding(s: TestServer, q: FindingQuery): Promise<TestFinding> {
  const list = await findings(s, q);
  if (list.length !== 1) {
    const { token: _t, ...asked } = q;
    throw new AssertionError({ message: `expected one finding for ${JSON.stringify(asked)}, got ${list.length}: ${JSON.stringify(list)}`, actual: list.length, expected: 1 });
  }
  return list[0]!;
}
