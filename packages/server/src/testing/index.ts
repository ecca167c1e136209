/**
 * @gongzhi/server/testing — the test kit every plugin and package uses: a real server over a fresh
 * database (PGlite in memory, or PostgreSQL with DATABASE_URL), tokens, GraphQL, statement counts,
 * the compliance report's findings, and refused writes checked to leave nothing behind.
 * Assertions throw node's AssertionError, so the kit needs no particular test runner.
 * Import it from tests only: the server's own entry does not load it.
 */
export { startTestServer, type GqlError, type GqlResult, type TestServer, type TestServerOptions } from './server.js';
export { errorOf, ok } from './results.js';
export { finding, findings, type FindingQuery, type TestFinding } from './findings.js';
export { changedTables, expectRefused, expectUnchanged, snapshot, type RefusalOptions, type Snapshot } from './refusals.js';
export { startProcess, type StartedProcess } from './spawn.js';
