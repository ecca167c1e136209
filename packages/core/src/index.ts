/**
 * @gongzhi/core — the public face: what a plugin may use, then what the server uses. A plugin imports
 * only from here; anything not listed is core's own (its tests import it from src/ directly).
 * A name is listed because a plugin or the server uses it, or because it is part of a contract a
 * plugin implements (the types of definePlugin, defineRule and runMutation).
 */
import { fileURLToPath } from 'node:url';

// ── For plugins ──────────────────────────────────────────────────────────────────────────────

// The plugin contract: the declaration, the context its resolvers get, core's tables (for
// references and reads) and the registry (a seed runs core's checks against its own plugin).
export { definePlugin, type AnyPlugin, type GroupKindDefinition, type PluginDefinition, type RoleDefinition, type SeedApi } from './plugin.js';
export { Registry } from './registry.js';
export type { Db } from './db.js';
export type { GongzhiContext, PersonalDataRead } from './context.js';
export * as tables from './tables.js';

// Rules: their definition, what they receive and return, and how findings name their subjects.
export {
  defineRule,
  groupSubject,
  schoolSubject,
  type Citation,
  type Enforcement,
  type Finding,
  type FindingStatus,
  type ReportRule,
  type ReportRuleContext,
  type RuleDefinition,
  type Subject,
  type WriteRule,
  type WriteRuleContext,
} from './rules/types.js';
export { ReportFacts, type GroupsInYear } from './rules/facts.js';
export { pluginRules, withRulesTable } from './docs.js';

// Changes and exceptions: a mutation's one transaction, the changes write rules judge, the groups
// and localities a change touches, the regime in force, recorded exceptions to in-principle rules.
export { runMutation, type MutationOutcome, type MutationSpec } from './mutation.js';

// Federation: the tag of what a provincial contract may expose, and how an entity's key is parsed.
export { entityKey, PROVINCIAL_TAG } from './federation.js';
// The change feed: a plugin's own entities join it through `changeFeed` (definePlugin).
export type { ChangeFeedSource } from './change-feed.js';
export { CORE_ENTITIES, type Change, type CoreEntity } from './rules/types.js';
export { groupsTouchedBy, localitiesTouchedBy, type TouchedGroup } from './rules/touched.js';
export type { GovernanceInEffect } from './governance.js';
export type { RuleExceptionInput } from './rules/exceptions.js';

// Repositories and loaders: core's records, read in batches (one statement per level of a query).
export { byKey, defineLoader, groupByKey, present, Loader, type BatchFn } from './loaders.js';
export { anyOf, preparedQuery } from './prepared.js';
export { groupKeysByDate, inForceOn, isInForce, overlapping, withinDivision } from './repos/common.js';
export { changeDates, inForceOnDate, referenceDate, succession, type Dated, type SuccessionPlan } from './dated.js';
export { ensureLocality, localityLoader, type LocalityRow } from './repos/localities.js';
export {
  localityInForce,
  localityPredecessorsLoader,
  mergeLocalities,
  placeOn,
  placementsOf,
  recordPastPlacement,
  schoolPlacementLoader,
  schoolPlacementsLoader,
  schoolPlacesOn,
  yesterday,
  type MergeInput,
  type MergeOutcome,
  type SchoolPlace,
  type SchoolPlacementRow,
} from './repos/locality-history.js';
export { ensureSchool, getSchool, schoolFilterSql, schoolLoader, schoolsByCode, type SchoolInput, type SchoolRow } from './repos/schools.js';
export { BACKBONE_LEVELS, backboneAtLeast, createPerson, getPerson, personLoader, type BackboneLevel, type PersonInput, type PersonRow } from './repos/people.js';
export { archivePost, createPost, postsByGroupLoader, postsBySchoolLoader, updatePost, type PostInput, type PostRow } from './repos/posts.js';
export {
  createGroup,
  getGroup,
  groupMembersLoader,
  groupsBySchoolLoader,
  listGroups,
  membersOn,
  schoolGroupLoader,
  updateGroup,
  type GroupInput,
  type GroupMemberRow,
  type SchoolGroupRow,
} from './repos/groups.js';
export { groupsInForceBetween, groupsInSchoolYear, membersInSchoolYear, membershipsBetween } from './repos/groups-in-year.js';
export { createExchange, EXCHANGE_KINDS, type ExchangeInput, type ExchangeKind, type ExchangeRow } from './repos/exchanges.js';
export { createPlan, plansByGroupLoader, plansOf, type PlanInput, type PlanRow } from './repos/plans.js';

// Schema helpers: the api a plugin's schema function gets, core's type refs, and the shapes every
// regime shares (payloads, connections, asOf, exceptions, a group kind's node, form and queries).
export type { PluginSchemaApi } from './schema/api.js';
export type { CoreRefs } from './schema/refs.js';
export type { GongzhiBuilder } from './builder.js';
export { asOfOrToday, exceptionsInputField, keysetConnection, localised, payloadType, selectedChildFields, selectedFields, selectsPath, type SelectedChildField } from './schema/helpers.js';
export { groupFormFields, groupKindPlugin, schoolGroupNode, type GroupFormText } from './schema/group.js';
export { addGroupFormMutation, addGroupQueries, groupIdField, runGroupMutation, type FormGroupData, type FormGroupSpec } from './schema/regime.js';

// Codes and validation: division and school codes, stages, school years and dates, ids, and the
// zod schemas inputs are validated with (failures are BAD_USER_INPUT naming the field).
export {
  addDays,
  COMPULSORY_STAGES,
  divisionAncestors,
  divisionCovers,
  divisionLevel,
  divisionParent,
  divisionPrefix,
  isDivisionCode,
  isIsoDate,
  isSchoolCode,
  isSchoolType,
  isSchoolYear,
  LOCALITY_LEVELS,
  SCHOOL_CODE_CATEGORIES,
  SCHOOL_TYPES,
  schoolCodeWarnings,
  schoolYearOf,
  schoolYearRange,
  STAGES,
  todayInShanghai,
  type LocalityLevel,
  type SchoolTypeInfo,
  type Stage,
} from './codes.js';
export { isUuid, uuidOf } from './ids.js';
export {
  badInputFromIssues,
  issueReason,
  parseInput,
  zCrossField,
  zDate,
  zDivisionCode,
  zExchangeId,
  zGroupId,
  zName,
  zNodeId,
  zNotNull,
  zPattern,
  zPersonId,
  zPlanId,
  zPostId,
  zSchoolCode,
  zSchoolType,
  zSchoolYear,
  zStage,
} from './validation.js';

// Errors: stable codes with bilingual messages (API.md), and who may read personal data.
export { badInput, conflict, forbidden, GongzhiError, governanceNotEnabled, notFound, pickLanguage, unauthenticated, type Bilingual, type ErrorCode } from './errors.js';
export { canReadPersonalData } from './auth.js';

// Balance and measures: the national standard's teacher-exchange measure, for a regime's own rate.
export { measureExchangeRates, type ExchangeEligibility, type ExchangeRateFilter, type ExchangeRateMeasure, type ExchangeRateScope } from './measures.js';

// ── For the server ───────────────────────────────────────────────────────────────────────────

/** Core's own migrations folder (applied first, recorded in core.__migrations). */
export const CORE_MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));
export { migrationsFolder } from './plugin.js';
export { installDataVersionTriggers } from './data-version.js';
export { feedSources, installChangeFeedTriggers } from './change-feed.js';
export { buildSchema } from './schema/index.js';
export { LoaderCache } from './loaders.js';
export { ANONYMOUS, type Principal } from './auth.js';
export { runWriteRules } from './rules/engine.js';
// The county's statistics and staff roster imports (CLI and importSchoolYearStats).
export {
  idNumberCheckChar,
  mapHeaders,
  STAFF_COLUMNS,
  STATS_COLUMNS,
  validateStaffRows,
  validateStatsRows,
  writeStaffRows,
  writeStatsRows,
  type ColumnSpec,
  type ImportIssue,
  type RawRow,
  type StaffWriteResult,
  type StatsWriteResult,
} from './import/index.js';
// The balance report's facts and assessment (the server's tests check the report against them).
export { assessBalance, censusDate, loadBalanceFacts, tallyTeachers, type SchoolFacts, type StaffFact, type TeacherTally } from './balance/index.js';

// Operations: hits and misses of the report caches, read by the server's /metrics.
export { ReportCache } from './report-cache.js';
// Sample data: one seeded sequence for the demo, the regimes' seeds and the import fixtures.
export { seededRandom } from './sample.js';
