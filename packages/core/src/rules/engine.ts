import type { Db } from '../db.js';
import type { Registry } from '../registry.js';
import { governanceAndBalanceOptions, governanceInEffectMany } from '../governance.js';
import { badInput, GongzhiError } from '../errors.js';
import type { Change, Finding, FindingStatus, ReportRule, RuleDefinition, WriteRule } from './types.js';
import { localitiesTouchedBy } from './touched.js';
import { ReportFacts } from './facts.js';
import { exceptionsForReport, type AppliedException, type RuleExceptionInput, type RuleExceptionRow } from './exceptions.js';

/** The rules that act at a locality: core's and those of every regime in force there, with options. */
async function activeRules(db: Db, registry: Registry, localityCode: string) {
  const { inEffect, balance } = await governanceAndBalanceOptions(db, registry, localityCode);
  const out: { pluginId: string; rule: RuleDefinition; options: Record<string, unknown> }[] = [];
  for (const { pluginId, rule } of registry.rules) {
    // Core's rules run everywhere, with the locality's balance options (setBalanceOptions).
    if (pluginId === 'core') out.push({ pluginId, rule, options: balance });
    else {
      const g = inEffect.find((x) => x.pluginId === pluginId);
      if (g) out.push({ pluginId, rule, options: g.options });
    }
  }
  return out;
}

export function ruleViolation(rule: RuleDefinition, finding: Finding, opts: { exceptionRefused?: boolean } = {}): GongzhiError {
  const detail = finding.message ?? { zh: '', en: '' };
  // A hard rule named in `exceptions` still refuses, and says why the exception did not help.
  const refused = opts.exceptionRefused ? { zh: '。该规则不允许例外', en: '. This rule admits no exception' } : { zh: '', en: '' };
  return new GongzhiError(
    'RULE_VIOLATION',
    {
      zh: `违反规则 ${rule.id}（${rule.cite.doc} ${rule.cite.clause}）：${rule.title.zh}${detail.zh ? `。${detail.zh}` : ''}${refused.zh}`,
      en: `Breaks rule ${rule.id} (${rule.cite.doc} ${rule.cite.clause}): ${rule.title.en}${detail.en ? `. ${detail.en}` : ''}${refused.en}`,
    },
    {
      rule: { id: rule.id, cite: rule.cite, title: rule.title.en, inPrinciple: rule.inPrinciple === true },
      measured: finding.measured ?? null,
      expected: finding.expected ?? null,
      subjects: finding.subjects ?? [],
      ...(opts.exceptionRefused ? { exceptionRefused: true } : {}),
    },
  );
}

/**
 * Run the write rules that apply to what a mutation changed, inside its transaction. The rules are
 * those in force at the mutation's locality and at the locality of every group a changed school
 * belongs to (a school's update is judged by the regime of its group, wherever the school is).
 * The first failing finding throws RULE_VIOLATION, which rolls the transaction back — unless the
 * rule is stated in principle and the mutation carries an exception for it: then the write goes
 * through and the exceptions used are returned, for the caller to store in the same transaction.
 */
export async function runWriteRules(
  tx: Db,
  registry: Registry,
  localityCode: string,
  changes: Change[],
  today: string,
  exceptions: readonly RuleExceptionInput[] = [],
): Promise<AppliedException[]> {
  exceptions.forEach((e, i) => {
    if (!registry.rule(e.ruleId))
      throw badInput(`input.exceptions.${i}.ruleId`, { zh: `没有规则 ${e.ruleId}`, en: `there is no rule ${e.ruleId}` });
  });
  if (changes.length === 0) return [];
  const entities = new Set(changes.map((c) => c.entity));
  const concerned = registry.rules.some(({ rule }) => rule.enforce === 'write' && rule.appliesTo.some((a) => entities.has(a)));
  if (!concerned) return [];
  const localities = await localitiesTouchedBy(tx, changes, localityCode);
  const inEffect = await governanceInEffectMany(tx, registry, localities);
  // One run per rule and options: two districts of one city with the same regime judge once.
  const runs = new Map<string, { rule: WriteRule; options: Record<string, unknown>; localityCode: string }>();
  for (const { pluginId, rule } of registry.rules) {
    if (rule.enforce !== 'write' || !rule.appliesTo.some((a) => entities.has(a))) continue;
    if (pluginId === 'core') {
      runs.set(rule.id, { rule, options: {}, localityCode });
      continue;
    }
    localities.forEach((code, i) => {
      const g = inEffect[i]!.find((x) => x.pluginId === pluginId);
      const key = `${rule.id}|${JSON.stringify(g?.options)}`;
      if (g && !runs.has(key)) runs.set(key, { rule: rule as WriteRule, options: g.options, localityCode: code });
    });
  }
  const applied: AppliedException[] = [];
  for (const { rule, options, localityCode: at } of runs.values()) {
    const relevant = changes.filter((c) => rule.appliesTo.includes(c.entity));
    const findings = await rule.evaluate({ db: tx, localityCode: at, options, changes: relevant, today });
    const failed = findings.filter((f) => f.status === 'FAIL');
    if (failed.length === 0) continue;
    const exception = exceptions.find((e) => e.ruleId === rule.id);
    const firm = failed.find((f) => f.admitsException === false);
    if (!exception || !rule.inPrinciple || firm) throw ruleViolation(rule, firm ?? failed[0]!, { exceptionRefused: !!exception });
    if (!applied.some((a) => a.ruleId === rule.id)) applied.push({ ruleId: rule.id, exception, changes: relevant, findings: failed });
  }
  return applied;
}

export interface ReportFinding extends Finding {
  ruleId: string;
  pluginId: string;
  /** The recorded exception that turned this deviation into a WARN. */
  exception?: RuleExceptionRow;
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

/**
 * Run every report rule in force at a locality for a school year, and show the recorded exceptions:
 * - a report rule's FAIL on a subject an exception of that school year names becomes a WARN
 *   carrying the exception;
 * - a write rule let through by an exception is judged again on what it judged then: while the
 *   deviation stands it is a WARN naming the exception (a deviation that was since put right shows
 *   nothing).
 */
export async function runComplianceReport(db: Db, registry: Registry, localityCode: string, schoolYear: string, today: string) {
  const findings: ReportFinding[] = [];
  const summaries: RuleSummary[] = [];
  const facts = new ReportFacts(db, localityCode, schoolYear);
  // Core's balance rules judge every locality: their facts (the report's longest read) start now,
  // beside the rules in force and the exceptions, not after them.
  facts.balanceSchools().catch(() => {});
  const [active, exceptions] = await Promise.all([activeRules(db, registry, localityCode), exceptionsForReport(db, localityCode, schoolYear)]);
  const push = (pluginId: string, rule: RuleDefinition, ruleFindings: ReportFinding[]) => {
    const counts = { PASS: 0, FAIL: 0, WARN: 0, NOT_APPLICABLE: 0 } as Record<FindingStatus, number>;
    for (const f of ruleFindings) {
      counts[f.status]++;
      findings.push(f);
    }
    summaries.push({ ruleId: rule.id, pluginId, counts, status: worstStatus(ruleFindings.map((f) => f.status)) });
  };
  // Rules are independent: they run together, sharing facts; the report keeps the registry's order.
  const results = await Promise.all(
    active.map(async ({ pluginId, rule, options }): Promise<ReportFinding[] | null> => {
      const excepted = exceptions.filter((e) => e.ruleId === rule.id);
      if (rule.enforce === 'write' && (rule as WriteRule).inReport) {
        // Judged on the year's data, as a report rule is; a FAIL an exception covers shows as its WARN.
        const w = rule as WriteRule;
        const changes = await w.inReport!({ db, localityCode, options, schoolYear, today, facts });
        const judged: ReportFinding[] = changes.length ? (await w.evaluate({ db, localityCode, options, changes, today })).map((f) => ({ ...f, ruleId: rule.id, pluginId })) : [];
        if (judged.length === 0) return [{ status: 'NOT_APPLICABLE', message: { zh: '没有可评估的对象', en: 'nothing to evaluate' }, ruleId: rule.id, pluginId }];
        return judged.map((f) => {
          if (f.status !== 'FAIL') return f;
          const keys = (f.subjects ?? []).map((s) => s.key);
          const e = excepted.find((x) => x.subjectKeys.some((k) => keys.includes(k)));
          return e ? { ...f, status: 'WARN', message: exceptionMessage(e, f), exception: e } : f;
        });
      }
      if (rule.enforce === 'write') {
        if (excepted.length === 0) return null;
        const out: ReportFinding[] = [];
        for (const e of excepted) {
          const still = (await (rule as WriteRule).evaluate({ db, localityCode: e.localityCode, options, changes: e.changes, today })).filter((f) => f.status === 'FAIL');
          for (const f of still) out.push({ ...f, status: 'WARN', message: exceptionMessage(e, f), ruleId: rule.id, pluginId, exception: e });
        }
        return out.length ? out : null;
      }
      let ruleFindings: ReportFinding[] = (await (rule as ReportRule).evaluate({ db, localityCode, options, schoolYear, today, facts })).map((f) => ({ ...f, ruleId: rule.id, pluginId }));
      // A rule with nothing to judge says so, rather than vanishing from the report.
      if (ruleFindings.length === 0) ruleFindings = [{ status: 'NOT_APPLICABLE', message: { zh: '没有可评估的对象', en: 'nothing to evaluate' }, ruleId: rule.id, pluginId }];
      if (rule.inPrinciple && excepted.length)
        ruleFindings = ruleFindings.map((f) => {
          if (f.status !== 'FAIL') return f;
          const keys = (f.subjects ?? []).map((s) => s.key);
          const e = excepted.find((x) => x.subjectKeys.length === 0 || x.subjectKeys.some((k) => keys.includes(k)));
          return e ? { ...f, status: 'WARN', message: exceptionMessage(e, f), exception: e } : f;
        });
      return ruleFindings;
    }),
  );
  active.forEach(({ pluginId, rule }, i) => {
    if (results[i]) push(pluginId, rule, results[i]!);
  });
  return { findings, summaries };
}

function exceptionMessage(e: RuleExceptionRow, f: Finding) {
  const why = f.message ?? { zh: '', en: '' };
  return {
    zh: `经 ${e.approvedBy} 依 ${e.documentRef} 批准的例外（${e.recordedOn}）：${e.reason}${why.zh ? `。偏离：${why.zh}` : ''}`,
    en: `Exception approved by ${e.approvedBy} under ${e.documentRef} (${e.recordedOn}): ${e.reason}${why.en ? `. Deviation: ${why.en}` : ''}`,
  };
}
