import { z } from 'zod';
import type { PluginSchemaApi } from './api.js';
import { PROVINCIAL_TAG } from '../federation.js';
import type { RegisteredRule, Registry } from '../registry.js';
import type { AnyPlugin } from '../plugin.js';
import { runComplianceReport, type ReportFinding, type RuleSummary } from '../rules/engine.js';
import { storeExceptions, zRuleException, type RuleExceptionRow } from '../rules/exceptions.js';
import { runMutation } from '../mutation.js';
import { badInput } from '../errors.js';
import type { Citation, FindingStatus, Subject } from '../rules/types.js';
import { parseInput, zDivisionCode, zSchoolYear } from '../validation.js';
import { getLocality, localityLoader } from '../repos/localities.js';
import { schoolLoader } from '../repos/schools.js';
import { personLoader } from '../repos/people.js';
import { schoolGroupLoader } from '../repos/groups.js';
import { isUuid } from '../ids.js';
import { groupTypeName } from './group.js';
import type { GongzhiContext } from '../context.js';
import { arrayConnection, exceptionsInputField, localised, totalCountField } from './helpers.js';
import { currentDataVersion } from '../data-version.js';
import { ReportCache } from '../report-cache.js';

function ruleOf(registry: Registry, id: string): RegisteredRule {
  return registry.rule(id)!;
}

/** The row a finding's subject names, tagged with its GraphQL type for the Node interface. */
async function subjectNode(ctx: GongzhiContext, s: Subject): Promise<object | null> {
  const tag = <T extends object>(row: T | null | undefined, typeName: string) => (row ? { ...row, __typename: typeName } : null);
  switch (s.type) {
    case 'School':
      return tag(await schoolLoader(ctx).load(s.key), 'School');
    case 'Locality':
      return tag(await localityLoader(ctx).load(s.key), 'Locality');
    case 'Person':
      return isUuid(s.key) ? tag(await personLoader(ctx).load(s.key), 'Person') : null;
    case 'SchoolGroup': {
      const g = isUuid(s.key) ? await schoolGroupLoader(ctx).load(s.key) : null;
      return g ? tag(g, groupTypeName(ctx, g)) : null;
    }
    default:
      return null;
  }
}

export function addComplianceSchema({ builder, refs }: PluginSchemaApi) {
  // One cache per schema (per registry: the rules in force depend on the installed plugins).
  const reportCache = new ReportCache<Awaited<ReturnType<typeof runComplianceReport>>>(64);
  const { FindingStatus, RuleEnforcement } = refs;

  const CitationRef = builder.objectRef<Citation>('Citation').implement({
    description: 'Where a rule comes from: the document and its clause.',
    fields: (t) => ({
      doc: t.exposeString('doc', { description: 'The document number, e.g. 教督〔2017〕6号.' }),
      clause: t.exposeString('clause', { description: 'The clause, e.g. 四(二).' }),
    }),
  });

  const Rule = builder.objectRef<RegisteredRule>('Rule').implement({
    description: 'A checkable rule from a policy document (or the national standard, for `core.*`).',
    fields: (t) => ({
      id: t.string({ description: 'Stable id `<plugin>.<kebab-name>`.', resolve: (r) => r.rule.id }),
      title: t.string({ description: 'What the rule asks, in the caller’s language.', resolve: (r, _, ctx) => localised(ctx, r.rule.title) }),
      cite: t.field({ type: CitationRef, description: 'The source: the document number and the clause, e.g. 教督〔2017〕6号 第七条（十一）.', resolve: (r) => r.rule.cite }),
      enforce: t.field({ type: RuleEnforcement, description: 'WRITE: a mutation that would break it is refused (RULE_VIOLATION); REPORT: judged per school year by `complianceReport`.', resolve: (r) => (r.rule.enforce === 'write' ? 'WRITE' : 'REPORT') }),
      plugin: t.string({ description: '`core` or the plugin id.', resolve: (r) => r.pluginId }),
      appliesTo: t.stringList({ description: 'Entity kinds (School, SchoolGroup, Person, Post …): for a WRITE rule, the changes that trigger it; for a REPORT rule, the kinds of subject it judges.', resolve: (r) => r.rule.appliesTo }),
      inPrinciple: t.boolean({
        description: '原则上 / 一般 — the clause states the rule in principle: a write it refuses may carry a recorded exception (`exceptions` in the mutation input), and a report FAIL may be excepted with `recordRuleException`; both show as WARN. False: the rule admits no exception.',
        resolve: (r) => r.rule.inPrinciple === true,
      }),
    }),
  });

  const RuleExceptionRef = builder.objectRef<RuleExceptionRow>('RuleException').implement({
    description: 'A recorded exception (例外) to a rule stated in principle: who approved the deviation, under which document, and why.',
    fields: (t) => ({
      exceptionId: t.exposeID('id', { description: 'The exception’s UUID.' }),
      ruleId: t.exposeString('ruleId', { description: 'The rule set aside.' }),
      localityCode: t.field({ type: 'DivisionCode', description: 'The locality of the write (or report) it was approved for.', resolve: (e) => e.localityCode }),
      operation: t.exposeString('operation', { description: 'The mutation it let through (`recordRuleException` for a report rule’s exception).' }),
      approvedBy: t.exposeString('approvedBy', { description: '审批人 / 审批单位 — who approved it.' }),
      documentRef: t.exposeString('documentRef', { description: '批准文件 — the approving document.' }),
      reason: t.exposeString('reason', { description: '理由 — why the deviation is allowed.' }),
      schoolYear: t.field({ type: 'SchoolYear', nullable: true, description: 'For a report rule: the school year it covers. Null for a write rule’s exception, which stands while the deviation does.', resolve: (e) => e.schoolYear }),
      subjectKeys: t.exposeStringList('subjectKeys', { description: 'The subjects (school codes, group ids …) of the failures it covers.' }),
      recordedOn: t.field({ type: 'Date', description: 'The day it was recorded.', resolve: (e) => e.recordedOn }),
    }),
  });

  const SubjectRef = builder.objectRef<Subject>('FindingSubject').implement({
    description: 'What a finding is about.',
    fields: (t) => ({
      type: t.exposeString('type', { description: 'School, SchoolGroup, Person or Locality.' }),
      key: t.exposeString('key', { description: 'School code, group id, person id or division code.' }),
      name: t.exposeString('name', { nullable: true, description: 'A readable name (school or group name, person’s name); null when the rule did not give one.' }),
      node: t.field({
        type: builder.nodeInterfaceRef(),
        nullable: true,
        description: 'The subject itself, to select its fields (`... on School { county { name } }`); null when it no longer exists. Loaded in one batch per type for the whole report.',
        resolve: (s, _, ctx) => subjectNode(ctx, s),
      }),
    }),
  });

  const Finding = builder.objectRef<ReportFinding>('ComplianceFinding').implement({
    description: 'One verdict of one rule on its subjects.',
    fields: (t) => ({
      rule: t.field({ type: Rule, description: 'The rule that gave the verdict.', resolve: (f, _, ctx) => ruleOf(ctx.registry, f.ruleId) }),
      status: t.field({ type: FindingStatus, description: 'The verdict: PASS, FAIL, WARN or NOT_APPLICABLE.', resolve: (f) => f.status }),
      measured: t.field({ type: 'JSON', nullable: true, description: 'What the data shows.', resolve: (f) => f.measured ?? null }),
      expected: t.field({ type: 'JSON', nullable: true, description: 'What the rule asks, with the locality’s option overrides applied.', resolve: (f) => f.expected ?? null }),
      subjects: t.field({ type: [SubjectRef], description: 'The schools, groups, people or localities the verdict is about (may be empty).', resolve: (f) => f.subjects ?? [] }),
      message: t.string({ nullable: true, description: 'An explanation in the caller’s language; null when the figures say it all.', resolve: (f, _, ctx) => (f.message ? localised(ctx, f.message) : null) }),
      exception: t.field({ type: RuleExceptionRef, nullable: true, description: 'The recorded exception that makes this deviation a WARN rather than a FAIL; null otherwise.', resolve: (f) => f.exception ?? null }),
    }),
  });

  const Summary = builder.objectRef<RuleSummary>('RuleSummary').implement({
    description: 'The findings of one rule, counted.',
    fields: (t) => ({
      rule: t.field({ type: Rule, description: 'The rule counted.', resolve: (s, _, ctx) => ruleOf(ctx.registry, s.ruleId) }),
      status: t.field({ type: FindingStatus, description: 'The worst verdict among its findings.', resolve: (s) => s.status }),
      pass: t.int({ description: 'Its findings with status PASS (符合).', resolve: (s) => s.counts.PASS }),
      fail: t.int({ description: 'Its findings with status FAIL (不符合).', resolve: (s) => s.counts.FAIL }),
      warn: t.int({ description: 'Its findings with status WARN (提示).', resolve: (s) => s.counts.WARN }),
      notApplicable: t.int({ description: 'Its findings with status NOT_APPLICABLE (不适用).', resolve: (s) => s.counts.NOT_APPLICABLE }),
    }),
  });

  const Totals = builder.objectRef<Record<FindingStatus, number>>('FindingTotals').implement({
    tag: PROVINCIAL_TAG,
    description: 'Findings counted per status.',
    fields: (t) => ({
      pass: t.int({ description: 'Findings with status PASS (符合).', resolve: (s) => s.PASS }),
      fail: t.int({ description: 'Findings with status FAIL (不符合).', resolve: (s) => s.FAIL }),
      warn: t.int({ description: 'Findings with status WARN (提示).', resolve: (s) => s.WARN }),
      notApplicable: t.int({ description: 'Findings with status NOT_APPLICABLE (不适用).', resolve: (s) => s.NOT_APPLICABLE }),
    }),
  });

  type Report = { localityCode: string; schoolYear: string; findings: ReportFinding[]; summaries: RuleSummary[] };
  const ReportRef = builder.objectRef<Report>('ComplianceReport').implement({
    description: 'Where a locality keeps and breaks its own regime’s rules and the national standard, for one school year.',
    fields: (t) => ({
      localityCode: t.field({ type: 'DivisionCode', description: 'The locality reported on.', resolve: (r) => r.localityCode }),
      schoolYear: t.field({ type: 'SchoolYear', description: 'The school year judged (学年, 1 Sep – 31 Aug).', resolve: (r) => r.schoolYear }),
      // A connection: a county of 400 schools has thousands of findings (API.md: lists past 100).
      findings: t.connection(
        {
          type: Finding,
          description: 'The verdicts of the report, or those of one status or rule, a page at a time (100 by default, up to 1000), in rule order.',
          args: {
            status: t.arg({ type: FindingStatus, description: 'Only findings with this status.' }),
            ruleId: t.arg.string({ description: 'Only findings of this rule id (`<plugin>.<rule>`, e.g. `core.balance-cv`).' }),
            subjectKey: t.arg.string({ description: 'Only findings about this subject: a school code, a group’s `groupId`, a person’s `personId` or a division code (a school’s page of the report).' }),
          },
          resolve: (r, args) =>
            arrayConnection(
              args,
              r.findings.filter((f) => (!args.status || f.status === args.status) && (!args.ruleId || f.ruleId === args.ruleId) && (!args.subjectKey || (f.subjects ?? []).some((s) => s.key === args.subjectKey))),
              { defaultSize: 100, maxSize: 1000 },
            ),
        },
        { name: 'ComplianceFindingConnection', description: 'A page of findings.', fields: (c) => ({ totalCount: totalCountField(c, 'All findings that match `status`, `ruleId` and `subjectKey`.') }) },
        { description: 'One finding in a page, with its cursor.' },
      ),
      summary: t.field({ type: [Summary], description: 'One line per rule.', resolve: (r) => r.summaries }),
      totals: t.field({
        type: Totals,
        description: 'All findings of the report, counted per status.',
        resolve: (r) => {
          const out = { PASS: 0, FAIL: 0, WARN: 0, NOT_APPLICABLE: 0 } as Record<FindingStatus, number>;
          for (const f of r.findings) out[f.status]++;
          return out;
        },
      }),
    }),
  });

  // One report per locality and year (cached, shared by concurrent requests), read the same way by
  // complianceReport and by School.compliance below.
  const reportFor = async (ctx: GongzhiContext, localityCode: string, schoolYear: string) => {
    const version = `${ctx.today}|${await currentDataVersion(ctx.db)}`;
    return reportCache.get(`${localityCode}|${schoolYear}`, version, () => runComplianceReport(ctx.db, ctx.registry, localityCode, schoolYear, ctx.today));
  };

  type SchoolCompliance = { schoolCode: string; findings: ReportFinding[] };
  const WORST: FindingStatus[] = ['FAIL', 'WARN', 'PASS', 'NOT_APPLICABLE'];
  const SchoolComplianceRef = builder.objectRef<SchoolCompliance>('SchoolCompliance').implement({
    tag: PROVINCIAL_TAG,
    description: '合规情况 — a school’s page of its county’s compliance report for a school year: the findings that name the school as a subject.',
    fields: (t) => ({
      status: t.field({
        type: FindingStatus,
        nullable: true,
        description: 'The worst verdict among the school’s findings (FAIL before WARN before PASS); null when no finding names the school.',
        resolve: (c) => WORST.find((w) => c.findings.some((f) => f.status === w)) ?? null,
      }),
      totals: t.field({
        type: Totals,
        description: 'The school’s findings counted per status.',
        resolve: (c) => {
          const out = { PASS: 0, FAIL: 0, WARN: 0, NOT_APPLICABLE: 0 } as Record<FindingStatus, number>;
          for (const f of c.findings) out[f.status]++;
          return out;
        },
      }),
      findings: t.field({
        type: [Finding],
        description: 'The findings naming the school, in rule order (bounded by the rules in force: a plain list).',
        args: { status: t.arg({ type: FindingStatus, description: 'Only findings with this status.' }) },
        resolve: (c, args) => c.findings.filter((f) => !args.status || f.status === args.status),
      }),
    }),
  });
  builder.objectField(refs.School, 'compliance', (t) =>
    t.field({
      type: SchoolComplianceRef,
      description: '合规情况 — how the school fares in its county’s compliance report for a school year (the findings naming it). The report is computed once per county and year, whatever the number of schools asked about.',
      args: { schoolYear: t.arg({ type: 'SchoolYear', required: true, description: 'The school year judged, e.g. `2019-2020` (1 Sep – 31 Aug).' }) },
      resolve: async (school, args, ctx) => {
        const schoolYear = parseInput(zSchoolYear, args.schoolYear, 'schoolYear');
        const { findings } = await reportFor(ctx, school.countyCode, schoolYear);
        return { schoolCode: school.code, findings: findings.filter((f) => (f.subjects ?? []).some((s) => s.type === 'School' && s.key === school.code)) };
      },
    }),
  );

  const PluginInfo = builder.objectRef<AnyPlugin>('GovernancePlugin').implement({
    description: 'A governance regime installed in this deployment. A locality adopts it with `enableGovernance`.',
    fields: (t) => ({
      id: t.exposeString('id', { description: 'The plugin id: the prefix of its rule ids and the `plugin` of enableGovernance.' }),
      title: t.string({ description: 'The regime’s name in the caller’s language, e.g. 北海市学区制.', resolve: (p, _, ctx) => localised(ctx, p.title) }),
      policyDocument: t.string({ description: 'The policy document’s number (文号).', resolve: (p) => p.policy.doc }),
      issuer: t.string({ description: 'Who issued the policy document, e.g. 北海市教育局.', resolve: (p) => p.policy.issuer }),
      issued: t.field({ type: 'Date', nullable: true, description: 'The day the policy document was issued (成文日期); null when the document is undated.', resolve: (p) => p.policy.issued ?? null }),
      optionsSchema: t.field({ type: 'JSON', description: 'JSON Schema of the options, with the document’s defaults.', resolve: (p) => z.toJSONSchema(p.options, { io: 'input' }) }),
      defaults: t.field({ type: 'JSON', description: 'The options as the document sets them.', resolve: (p) => p.options.parse({}) }),
      rules: t.field({ type: [Rule], description: 'The rules the plugin checks, write and report.', resolve: (p, _, ctx) => ctx.registry.rules.filter((r) => r.pluginId === p.id) }),
    }),
  });

  const RecordRuleExceptionInput = builder.inputType('RecordRuleExceptionInput', {
    description: 'Except a report rule stated in principle (原则上 / 一般) for a school year and named subjects: their FAILs show as WARN naming the exception.',
    fields: (t) => ({
      localityCode: t.field({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: 'The locality whose report it concerns (your editor scope); the rule’s regime must be in force there.' }),
      schoolYear: t.field({ type: 'SchoolYear', required: true, validate: zSchoolYear, description: 'The school year it covers; later years need their own.' }),
      // The approval's fields are validated as a write's `exceptions` are (one declaration: zRuleException).
      ruleId: t.string({ required: true, validate: zRuleException.shape.ruleId, description: 'The id of the report rule, stated in principle (`Rule.inPrinciple`).' }),
      subjectKeys: t.stringList({ required: true, validate: z.array(z.string().trim().min(1).max(100)).min(1).max(200), description: 'The subjects excepted, as findings name them (a group’s groupId, a school code …); at least one: no rule is set aside for a whole locality.' }),
      approvedBy: t.string({ required: true, validate: zRuleException.shape.approvedBy, description: '审批人 / 审批单位 — who approved the deviation.' }),
      documentRef: t.string({ required: true, validate: zRuleException.shape.documentRef, description: '批准文件 — the approving document.' }),
      reason: t.string({ required: true, validate: zRuleException.shape.reason, description: '理由 — why the deviation is allowed.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const RecordRuleExceptionPayload = builder.objectRef<{ exception: RuleExceptionRow }>('RecordRuleExceptionPayload').implement({
    description: 'The exception recorded.',
    fields: (t) => ({ exception: t.field({ type: RuleExceptionRef, description: 'The stored exception.', resolve: (p) => p.exception }) }),
  });

  builder.mutationFields((t) => ({
    recordRuleException: t.field({
      type: RecordRuleExceptionPayload,
      description: 'Record a bureau’s approved exception to a report rule stated in principle, for a school year and named subjects. Audited. A rule not stated in principle, or not in force at the locality, is refused (BAD_USER_INPUT). Write rules take their exceptions in the mutation that needs them (`exceptions`).',
      args: { input: t.arg({ type: RecordRuleExceptionInput, required: true, description: 'The rule, the year, the subjects, and the approval.' }) },
      resolve: async (_, { input }, ctx) => {
        const { exceptions, ...data } = input;
        const reg = ctx.registry.rule(data.ruleId);
        if (!reg) throw badInput('input.ruleId', { zh: `没有规则 ${data.ruleId}`, en: `there is no rule ${data.ruleId}` });
        if (reg.rule.enforce !== 'report')
          throw badInput('input.ruleId', { zh: `${data.ruleId} 是写入规则：例外应随需要它的变更一并提交（exceptions）`, en: `${data.ruleId} is a write rule: send its exception with the mutation that needs it (exceptions)` });
        if (!reg.rule.inPrinciple) throw badInput('input.ruleId', { zh: `规则 ${data.ruleId} 不允许例外`, en: `rule ${data.ruleId} admits no exception` });
        await getLocality(ctx.db, data.localityCode);
        return runMutation(ctx, { operation: 'recordRuleException', localityCode: data.localityCode, plugin: reg.pluginId === 'core' ? undefined : reg.pluginId, fields: Object.keys(input), exceptions }, async (tx) => {
          const [exception] = await storeExceptions(
            tx,
            [{ ruleId: data.ruleId, exception: data, changes: [], findings: [{ status: 'FAIL', subjects: data.subjectKeys.map((key) => ({ type: 'Subject', key })) }] }],
            { localityCode: data.localityCode, operation: 'recordRuleException', actor: ctx.principal.subject, today: ctx.today, schoolYear: data.schoolYear },
          );
          return { result: { exception: exception! }, changes: [{ entity: 'RuleException', key: exception!.id }] };
        });
      },
    }),
  }));

  builder.queryFields((t) => ({
    complianceReport: t.field({
      type: ReportRef,
      description: 'Run the report rules of the regimes in force at a locality (and the national ones) for a school year.',
      args: {
        localityCode: t.arg({ type: 'DivisionCode', required: true, description: 'The locality reported on; the regimes in force there (enabled there or above) supply the rules.' }),
        schoolYear: t.arg({ type: 'SchoolYear', required: true, description: 'The school year judged, e.g. `2019-2020` (1 Sep – 31 Aug).' }),
      },
      resolve: async (_, args, ctx) => {
        const localityCode = parseInput(zDivisionCode, args.localityCode, 'localityCode');
        const schoolYear = parseInput(zSchoolYear, args.schoolYear, 'schoolYear');
        await getLocality(ctx.db, localityCode);
        // Served from the cache while no write happened since (the data's version is bumped in every
        // writing transaction, on every replica's database); language is applied later, per field.
        const { findings, summaries } = await reportFor(ctx, localityCode, schoolYear);
        return { localityCode, schoolYear, findings, summaries };
      },
    }),
    installedPlugins: t.field({ type: [PluginInfo], description: 'The governance regimes this deployment can enable.', resolve: (_, __, ctx) => [...ctx.registry.plugins.values()] }),
    rules: t.field({
      type: [Rule],
      description: 'Every rule known to this deployment (core and installed plugins).',
      args: { plugin: t.arg.string({ description: 'Only this plugin’s rules (`core` for the national ones).' }) },
      resolve: (_, args, ctx) => ctx.registry.rules.filter((r) => !args.plugin || r.pluginId === args.plugin),
    }),
  }));
}
