import { GraphQLError, getNamedType, isListType, getNullableType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * The cost of an operation, estimated before it runs (graphql-query-complexity), so that one
 * request cannot ask for dozens of reports: 50 aliased `complianceReport`s took 3–7 s and held the
 * server (issue 14). A field costs 1 plus what it selects; a connection multiplies what it selects
 * by the page it asks for (`first`/`last`, else its default page); a plain list by a small factor;
 * and a report costs what it really does — it reads a county's schools, staff and groups and runs
 * every rule — far more than a field.
 *
 * The limit (server.limits.maxCost, 200,000) lets a nested screen of 100 schools × their staff ×
 * posts through (tests/api/batching.test.ts asks for that) and at most eight reports.
 *
 * A field may declare its own cost in its extensions (`extensions: { cost: 500 }` in Pothos), so a
 * plugin's own expensive field is priced where it is defined; the table below prices core's.
 */
export const REPORT_FIELD_COSTS: Record<string, number> = {
  /** Every rule of every regime in force over a locality's schools, groups and people. */
  complianceReport: 25_000,
  /** The seven indicators and their CV over a county's schools, with the exchange rate. */
  balanceReport: 20_000,
  /** balanceReport for several school years. */
  balanceTrend: 20_000,
};

/** A connection asked for without `first`: what its resolver gives by default (core's defaults are 50–100). */
export const DEFAULT_PAGE = 50;
/** A plain list (a school's groups, a group's posts): small and bounded by nature, still more than one. */
export const PLAIN_LIST_FACTOR = 5;

const estimator: ComplexityEstimator = ({ type: parent, field, args, childComplexity }) => {
  const declared = (field.extensions as { cost?: unknown } | undefined)?.cost;
  const report = typeof declared === 'number' ? declared : REPORT_FIELD_COSTS[field.name];
  // A report is computed once, in one go, and what it answers is read from that computation: its
  // own findings, schools and figures do not cost again per item. Only up to the report's own price
  // is added for what it selects (links out to schools and people load in batches).
  if (report !== undefined) return report + Math.min(childComplexity, report);
  const own = 1;
  const type = getNullableType(field.type);
  const named = getNamedType(field.type);
  let factor = 1;
  if (named.name.endsWith('Connection')) {
    const page = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : DEFAULT_PAGE;
    factor = Math.max(1, Math.min(page, 1_000));
  } else if (parent.name.endsWith('Connection')) {
    factor = 1; // a connection's edges and nodes: its page was counted on the connection field
  } else if (isListType(type)) {
    factor = typeof args.first === 'number' ? Math.max(1, Math.min(args.first, 1_000)) : PLAIN_LIST_FACTOR;
  }
  return own + factor * childComplexity;
};

/**
 * Costs already computed, per parsed document (Apollo hands the same DocumentNode to every request
 * with the same text), then per operation name and variables: a screen asked again and again is
 * priced once. Large variables (an import's rows) are not kept.
 */
const costs = new WeakMap<DocumentNode, Map<string, number>>();
const MAX_KEY_CHARS = 2_000;
const MAX_COSTS_PER_DOCUMENT = 256;

export function operationCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): number {
  const key = `${operationName ?? ''}\u0000${JSON.stringify(variables ?? {})}`;
  if (key.length > MAX_KEY_CHARS) return computeCost(schema, document, variables, operationName);
  let byKey = costs.get(document);
  if (!byKey) costs.set(document, (byKey = new Map()));
  let cost = byKey.get(key);
  if (cost === undefined) {
    cost = computeCost(schema, document, variables, operationName);
    if (byKey.size >= MAX_COSTS_PER_DOCUMENT) byKey.clear();
    byKey.set(key, cost);
  }
  return cost;
}

function computeCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): number {
  try {
    return getComplexity({ schema, query: document, variables: variables ?? {}, operationName: operationName ?? undefined, estimators: [estimator] });
  } catch (e) {
    // getComplexity coerces the variables and throws a code-less error on a bad one (an enum value
    // outside the type, a string for an Int). Such an operation never runs: graphql-js refuses the
    // same variables as BAD_USER_INPUT naming them, so the cost check steps aside for it.
    if (e instanceof GraphQLError) return 0;
    throw e;
  }
}
