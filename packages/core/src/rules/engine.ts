import type { Db } from '../db.js';
import type { Registry } from '../registry.js';
import { governanceInEffect } from '../governance.js';
import { GongzhiError } from '../errors.js';
import type { Change, Finding, FindingStatus, ReportRule, RuleDefinition, WriteRule } from './types.js';

/** The rules that act at a locality: core's and those of every regime in force there, with options. */
async function activeRules(db: Db, registry: Registry, localityCode: string) {
  const inEffect = await governanceInEffect(db, registry, localityCode);
  const out: { pluginId: string; rule: RuleDefinition; options: Record<string, unknown> }[] = [];
  for (const { pluginId, rule } of registry.rules) {
    if (pluginId === 'core') out.push({ pluginId, rule, options: {} });
    else {
      const g = inEffect.find((x) => x.pluginId === pluginId);
      if (g) out.push({ pluginId, rule, options: g.options });
    }
  }
  return out;
}

export function ruleViolation(rule: RuleDefinition, finding: Finding): GongzhiError {
  const detail = finding.message ?? { zh: '', en: '' };
  return new GongzhiError(
    'RULE_VIOLATION',
    {
      zh: `违反规则 ${rule.id}（${rule.cite.doc} ${rule.cite.clause}）：${rule.title.zh}${detail.zh ? `。${detail.zh}` : ''}`,
      en: `Breaks rule ${rule.id} (${rule.cite.doc} ${rule.cite.clause}): ${rule.title.en}${detail.en ? `. ${detail.en}` : ''}`,
    },
    {
      rule: { id: rule.id, cite: rule.cite, title: rule.title.en },
      measured: finding.measured ?? null,
      expected: finding.expected ?? null,
      subjects: finding.subjects ?? [],
    },
  );
}

/**
 * Run the write rules that apply to what a mutation changed, inside its transaction. The first
 * failing finding throws RULE_VIOLATION, which rolls the transaction back.
 */
export async function runWriteRules(tx: Db, registry: Registry, localityCode: string, changes: Change[], today: string): Promise<void> {
  if (changes.length === 0) return;
  const entities = new Set(changes.map((c) => c.entity));
  for (const { rule, options } of await activeRules(tx, registry, localityCode)) {
    if (rule.enforce !== 'write' || !rule.appliesTo.some((a) => entities.has(a))) continue;
    const relevant = changes.filter((c) => rule.appliesTo.includes(c.entity));
    const findings = await (rule as WriteRule).evaluate({ db: tx, localityCode, options, changes: relevant, today });
    const failed = findings.find((f) => f.status === 'FAIL');
    if (failed) throw ruleViolation(rule, failed);
  }
}

export interface ReportFinding extends Finding {
  ruleId: string;
  pluginId: string;
}

export interface RuleSummary {
  ruleId: string;
  pluginId: string;
  counts: Record<FindingStatus, number>;
  /** The worst status among the rule's findings (FAIL > WARN > PASS > NOT_APPLICABLE). */
  status: FindingStatus;
}

const SEVERITY: FindingStatus[] = ['NOT_APPLICABLE', 'PASS', 'WARN', 'FAIL'];

export function worstStatus(statuses: FindingStatus[]): FindingStatus {
  return statuses.reduce<FindingStatus>((w, s) => (SEVERITY.indexOf(s) > SEVERITY.indexOf(w) ? s : w), 'NOT_APPLICABLE');
}

/** Run every report rule in force at a locality for a school year. */
export async function runComplianceReport(db: Db, registry: Registry, localityCode: string, schoolYear: string, today: string) {
  const findings: ReportFinding[] = [];
  const summaries: RuleSummary[] = [];
  for (const { pluginId, rule, options } of await activeRules(db, registry, localityCode)) {
    if (rule.enforce !== 'report') continue;
    let ruleFindings = await (rule as ReportRule).evaluate({ db, localityCode, options, schoolYear, today });
    // A rule with nothing to judge says so, rather than vanishing from the report.
    if (ruleFindings.length === 0) ruleFindings = [{ status: 'NOT_APPLICABLE', message: { zh: '没有可评估的对象', en: 'nothing to evaluate' } }];
    const counts = { PASS: 0, FAIL: 0, WARN: 0, NOT_APPLICABLE: 0 } as Record<FindingStatus, number>;
    for (const f of ruleFindings) {
      counts[f.status]++;
      findings.push({ ...f, ruleId: rule.id, pluginId });
    }
    summaries.push({ ruleId: rule.id, pluginId, counts, status: worstStatus(ruleFindings.map((f) => f.status)) });
  }
  return { findings, summaries };
}
