import type { Db } from '../db.js';
import type { Bilingual } from '../errors.js';
import type { ReportFacts } from './facts.js';

export type FindingStatus = 'PASS' | 'FAIL' | 'WARN' | 'NOT_APPLICABLE';
export type Enforcement = 'write' | 'report';

/** Where a rule comes from: the document and its clause, e.g. 北教基教〔2018〕130号 四(二). */
export interface Citation {
  doc: string;
  clause: string;
  /** The clause's own words, where the rule carries them (otherwise the plugin's `policy.clauses`). */
  text?: string;
}

/** What a finding is about: a school, a group, a person, a locality. */
export interface Subject {
  type: 'School' | 'SchoolGroup' | 'Person' | 'Locality' | (string & {});
  key: string;
  name?: string;
}

export interface Finding {
  status: FindingStatus;
  /** The value measured in the data (a number, a list, an object: JSON). */
  measured?: unknown;
  /** The value the rule expects (with the locality's option overrides applied). */
  expected?: unknown;
  subjects?: Subject[];
  /** A sentence for people, in both languages. */
  message?: Bilingual;
  /**
   * For a rule stated in principle whose clause mixes hedged and firm parts (e.g. Beihai 五(二)4:
   * 4–6 members "原则上", but a two-year term): `false` marks a failure of a firm part, which no
   * exception lets through.
   */
  admitsException?: boolean;
}

/**
 * The entities core writes, and so emits changes for. A rule's `appliesTo` names these or the
 * entities its own plugin declares (`PluginDefinition.entities`); any other name is refused at boot.
 * - School: key = school code (type, stages, township, county, authority … any field)
 * - SchoolYearStats: key = `<schoolCode>|<schoolYear>`
 * - Person, Post, Exchange, Plan: key = the UUID
 * - SchoolGroup: key = the group's UUID (its lead, period, name)
 * - GroupMembership: key = the group's UUID (a member joined or left it)
 * - Locality: key = division code; Governance: key = `<divisionCode>:<pluginId>`
 */
export const CORE_ENTITIES = ['School', 'SchoolYearStats', 'Person', 'Post', 'Exchange', 'Plan', 'SchoolGroup', 'GroupMembership', 'Locality', 'Governance'] as const;
export type CoreEntity = (typeof CORE_ENTITIES)[number];

/**
 * An entity written by a mutation. Write rules whose `appliesTo` names the entity run on it.
 * `fields` lists what changed where the writer knows it (e.g. `['schoolType', 'stages']` for an
 * updateSchool); absent means "anything may have changed".
 */
export interface Change {
  entity: CoreEntity | (string & {});
  key: string;
  fields?: readonly string[];
}

interface RuleBase {
  /** `<plugin>.<kebab-name>` (or `core.*`): stable API. */
  id: string;
  title: Bilingual;
  cite: Citation;
  /**
   * Write rules: entity kinds whose change triggers the rule. Report rules: the kinds of subject
   * they judge. Core's entities (CORE_ENTITIES) or the plugin's declared `entities`.
   */
  appliesTo: (CoreEntity | (string & {}))[];
  /**
   * 原则上 / 一般: the clause states the rule "in principle". A failing write still is refused
   * unless the mutation carries a recorded exception for this rule (`exceptions` input); the
   * exception is stored and the compliance report shows it as a WARN. A rule without this flag
   * admits no exception.
   */
  inPrinciple?: boolean;
}

export interface WriteRuleContext<O> {
  db: Db;
  localityCode: string;
  options: O;
  changes: Change[];
  today: string;
}

export interface ReportRuleContext<O> {
  db: Db;
  localityCode: string;
  options: O;
  schoolYear: string;
  today: string;
  /**
   * The report's shared, memoized facts (schools with statistics, a regime's groups in the year …):
   * read what other rules read through here rather than querying again.
   */
  facts: ReportFacts;
}

export interface WriteRule<O = any> extends RuleBase {
  enforce: 'write';
  evaluate(ctx: WriteRuleContext<O>): Promise<Finding[]> | Finding[];
  /**
   * Optional: what the compliance report judges the rule on — the changes that stand for the year's
   * data (e.g. every group of the kind in force in it). A write rule refuses bad writes, but data
   * can predate it (written before the regime was enabled there, or loaded by a seed); with this the
   * report shows the rule with its findings on what is there, and a FAIL an exception let through
   * as a WARN naming the exception. Without it, the report shows the rule only where an exception
   * was recorded.
   */
  inReport?(ctx: ReportRuleContext<O>): Promise<Change[]> | Change[];
}

export interface ReportRule<O = any> extends RuleBase {
  enforce: 'report';
  evaluate(ctx: ReportRuleContext<O>): Promise<Finding[]> | Finding[];
}

export type RuleDefinition<O = any> = WriteRule<O> | ReportRule<O>;

const RULE_ID = /^[a-z][a-z0-9]*\.[a-z0-9]+(-[a-z0-9]+)*$/;

export function defineRule<O = any>(rule: WriteRule<O>): WriteRule<O>;
export function defineRule<O = any>(rule: ReportRule<O>): ReportRule<O>;
export function defineRule<O = any>(rule: RuleDefinition<O>): RuleDefinition<O> {
  if (!RULE_ID.test(rule.id)) throw new Error(`rule id "${rule.id}" must read <plugin>.<kebab-name>`);
  if (!rule.cite?.doc || !rule.cite?.clause) throw new Error(`rule ${rule.id} needs a citation { doc, clause }`);
  if (rule.appliesTo.length === 0) throw new Error(`rule ${rule.id} must name what it applies to`);
  return rule;
}

/** The subject of a finding about a group. */
export function groupSubject(g: { id: string; name: string }): Subject {
  return { type: 'SchoolGroup', key: g.id, name: g.name };
}

/** The subject of a finding about a school. */
export function schoolSubject(s: { code: string; name?: string }): Subject {
  return s.name ? { type: 'School', key: s.code, name: s.name } : { type: 'School', key: s.code };
}
