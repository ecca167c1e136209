/**
 * graphql-http's server audit (the GraphQL-over-HTTP spec's MUST/SHOULD/MAY checks) against a
 * server on an in-memory database, counts printed: `npx tsx packages/server/scripts/audit-graphql-http.ts`.
 * Exits 1 when any MUST (an error) fails. Issue 14 asks for 0 errors.
 */
import { auditServer } from 'graphql-http';
import { startTestServer } from '../src/testing/index.js';

const s = await startTestServer({ localities: [{ code: '450000', name: '广西壮族自治区' }] });
try {
  const results = await auditServer({ url: s.url });
  const count = (status: string) => results.filter((r) => r.status === status).length;
  const counts = { ok: count('ok'), warn: count('warn'), error: count('error') };
  console.log(`graphql-http auditServer: ${results.length} audits — ok ${counts.ok}, warnings ${counts.warn}, errors ${counts.error}`);
  for (const r of results) if (r.status !== 'ok') console.log(`  ${r.status.toUpperCase()} ${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
  process.exitCode = counts.error ? 1 : 0;
} finally {
  await s.close();
}
