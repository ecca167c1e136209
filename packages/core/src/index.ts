/**
 * @gongzhi/core — the public API plugins and the server use. A plugin imports only from here.
 */
export * from './codes.js';
export * from './errors.js';
export * from './auth.js';
export * from './validation.js';
export * from './ids.js';
export * from './loaders.js';
export * from './plugin.js';
export * from './registry.js';
export * from './governance.js';
export * from './mutation.js';
export type { Db } from './db.js';
export type { GongzhiContext, PersonalDataRead } from './context.js';
export { createBuilder, type GongzhiBuilder, type GongzhiSchemaTypes, type GongzhiTypes } from './builder.js';
export * from './rules/types.js';
export { runComplianceReport, runWriteRules, ruleViolation, worstStatus, type ReportFinding, type RuleSummary } from './rules/engine.js';
export { groupsTouchedBy, localitiesTouchedBy, type TouchedGroup } from './rules/touched.js';
export { ReportFacts, type GroupsInYear } from './rules/facts.js';
export { currentDataVersion, installDataVersionTriggers } from './data-version.js';
export { zRuleException, zRuleExceptions, type RuleExceptionInput, type RuleExceptionRow, type AppliedException } from './rules/exceptions.js';
export * as tables from './tables.js';
export * from './repos/common.js';
export * from './repos/localities.js';
export * from './repos/locality-history.js';
export * from './repos/schools.js';
export * from './repos/people.js';
export * from './repos/posts.js';
export * from './repos/groups.js';
export * from './repos/exchanges.js';
export * from './repos/plans.js';
export type { PluginSchemaApi } from './schema/api.js';
export type { CoreRefs } from './schema/refs.js';
export { buildSchema } from './schema/index.js';
export { asOfOrToday, localised, payloadType, keysetConnection, exceptionsInputField } from './schema/helpers.js';
export { groupKindPlugin, schoolGroupNode } from './schema/group.js';

import { fileURLToPath } from 'node:url';
/** Core's own migrations folder (applied first, recorded in core.__migrations). */
export const CORE_MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));
export * from './measures.js';
export * from './docs.js';
export * from './dated.js';
export * from './balance/index.js';
export * from './import/index.js';
export * from './repos/groups-in-year.js';
