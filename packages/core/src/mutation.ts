import type { GongzhiContext } from './context.js';
import type { Db } from './db.js';
import { assertCanAdminister, assertCanEdit } from './auth.js';
import { requireGovernance, type GovernanceInEffect } from './governance.js';
import { runWriteRules } from './rules/engine.js';
import type { Change } from './rules/types.js';
import { auditLog } from './tables.js';
import { parseInput } from './validation.js';
import { storeExceptions, zRuleExceptions } from './rules/exceptions.js';

export interface MutationSpec {
  /** The GraphQL mutation name, recorded in the audit log. */
  operation: string;
  /** The locality the write belongs to: the scope checked, and where regimes and rules are looked up. */
  localityCode: string;
  /** A plugin's mutation names its plugin: refused with GOVERNANCE_NOT_ENABLED where it is not in force. */
  plugin?: string;
  /** Enabling regimes and creating localities need the admin role, not just editor. */
  needsAdmin?: boolean;
  /** Input field names, for the audit log (values are not logged: they may be personal). */
  fields?: string[];
  /**
   * The input's `exceptions`: recorded approvals that let an in-principle rule's failure through
   * (see `exceptionsInputField`). Parsed here; a bad one is BAD_USER_INPUT naming its field.
   */
  exceptions?: readonly unknown[] | null;
}

export interface MutationOutcome<T> {
  result: T;
  changes: Change[];
}

/**
 * Every mutation goes through here: authorise, check the regime is enabled, open one transaction,
 * write, run the write rules on what changed, write the audit row, commit — or roll it all back.
 */
export async function runMutation<T>(
  ctx: GongzhiContext,
  spec: MutationSpec,
  body: (tx: Db, governance: GovernanceInEffect | null) => Promise<MutationOutcome<T>>,
): Promise<T> {
  if (spec.needsAdmin) assertCanAdminister(ctx.principal, spec.localityCode);
  else assertCanEdit(ctx.principal, spec.localityCode);
  const exceptions = spec.exceptions?.length ? parseInput(zRuleExceptions, spec.exceptions, 'input.exceptions') : [];
  const governance = spec.plugin ? await requireGovernance(ctx.db, ctx.registry, spec.localityCode, spec.plugin) : null;
  const result = await ctx.db.transaction(async (tx) => {
    const out = await body(tx as unknown as Db, governance);
    const applied = await runWriteRules(tx as unknown as Db, ctx.registry, spec.localityCode, out.changes, ctx.today, exceptions);
    const stored = await storeExceptions(tx as unknown as Db, applied, { localityCode: spec.localityCode, operation: spec.operation, actor: ctx.principal.subject, today: ctx.today });
    await tx.insert(auditLog).values([
      {
        actor: ctx.principal.subject,
        localityCode: spec.localityCode.slice(0, 9),
        operation: spec.operation,
        entity: out.changes[0]?.entity ?? null,
        entityKeys: [...new Set(out.changes.map((c) => c.key))],
        fields: spec.fields ?? [],
      },
      // Each exception used is audited apart: which rule was set aside, on whose approval (ids, not text).
      ...stored.map((e) => ({
        actor: ctx.principal.subject,
        localityCode: spec.localityCode.slice(0, 9),
        operation: `${spec.operation}:exception`,
        entity: 'RuleException',
        entityKeys: [e.id, e.ruleId],
        fields: ['ruleId', 'approvedBy', 'documentRef', 'reason'],
      })),
    ]);
    return out.result;
  });
  ctx.loaders.clear();
  return result;
}
