#!/usr/bin/env node
// Dependency audit for CI (issue 17): `npm audit --omit=dev` must report no high or critical
// advisory in what a production install holds. Exit 1 when one appears, listing them.
// When the registry's audit endpoint does not answer (offline mirrors, proxies that allow only
// GET), nothing can be known: say so loudly and exit 0, or 1 when GONGZHI_AUDIT_REQUIRED=1.
// `node .ci/audit.mjs REPORT.json` judges a saved report instead (to check this script itself).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const r = process.argv[2]
  ? { stdout: fs.readFileSync(process.argv[2], 'utf8'), stderr: '' }
  : spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let report;
try {
  report = JSON.parse(r.stdout);
} catch {
  report = null;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const why = report?.message ?? report?.error?.summary ?? (r.stderr || 'no JSON from npm audit').trim().split('\n')[0];
  console.log(`npm audit: the advisory endpoint did not answer (${why}); NOT checked`);
  process.exit(process.env.GONGZHI_AUDIT_REQUIRED === '1' ? 1 : 0);
}
const bad = Object.entries(report.vulnerabilities ?? {}).filter(([, v]) => v.severity === 'high' || v.severity === 'critical');
console.log(`npm audit --omit=dev: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
for (const [name, v] of bad) {
  const via = (v.via ?? []).map((x) => (typeof x === 'string' ? x : `${x.title} ${x.url ?? ''}`.trim())).join('; ');
  console.log(`  ${v.severity}: ${name} ${v.range ?? ''} — ${via}${v.fixAvailable ? ' (fix available)' : ''}`);
}
process.exit(bad.length ? 1 : 0);
