import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess, type StartedProcess } from '@gongzhi/server/testing';

/**
 * The README's start command as a user runs it: `gongzhi serve --demo` on the embedded database,
 * then a nested query, /health and the offline GraphiQL page.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
let server: StartedProcess;
let base = '';
let token = '';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-serve-'));

beforeAll(async () => {
  server = await startProcess(process.execPath, [path.join(root, 'packages/server/bin/gongzhi.mjs'), 'serve', '--demo', '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '' },
  });
  base = server.base;
  token = server.token!;
}, 120_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('gongzhi serve --demo', () => {
  it('prints the URL and a demo token, and answers /health (liveness, no database) and /ready (the database)', async () => {
    expect(server.output()).toContain('共治 Gongzhi is ready');
    const h = await fetch(`${base}/health`);
    expect(await h.json()).toEqual({ status: 'ok' });
    const r = await fetch(`${base}/ready`);
    expect(await r.json()).toEqual({ status: 'ready', database: 'pglite' });
  });

  it('answers a nested query over the sample data', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `{ schools(first: 3, filter: { isSample: true, localityCode: "520527" }) { totalCount edges { node { code isSample county { name parent { name } } staff(role: "PRINCIPAL") { nodes { person { name birthDate } } } } } } }` }),
    });
    const body = (await res.json()) as any;
    expect(body.errors).toBeUndefined();
    expect(body.data.schools.totalCount).toBeGreaterThanOrEqual(30);
    const node = body.data.schools.edges[0].node;
    expect(node.isSample).toBe(true);
    expect(node.staff.nodes).toHaveLength(1);
    expect(node.staff.nodes[0].person.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/); // the demo token has pii
  });

  it('shows each enabled regime with its seeded groups and its compliance report', async () => {
    const q = async (query: string) => {
      const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
      const body = (await res.json()) as any;
      expect(body.errors).toBeUndefined();
      return body.data;
    };
    const beihai = await q(`{ locality(code: "450500") { governance { plugin } } schoolGroups(filter: { localityCode: "450500" }) { nodes { __typename members { school { isSample } } } } }`);
    expect(beihai.locality.governance.map((g: any) => g.plugin)).toEqual(['beihai']);
    expect(beihai.schoolGroups.nodes).toHaveLength(5);
    expect(new Set(beihai.schoolGroups.nodes.map((g: any) => g.__typename))).toEqual(new Set(['BeihaiXuequ']));
    const hyk = await q(`{ schoolGroups(filter: { localityCode: "410108" }) { nodes { __typename name members { school { name } } } } }`);
    expect(hyk.schoolGroups.nodes[0].__typename).toBe('HuayuankouCentralSchoolDistrict');
    expect(hyk.schoolGroups.nodes[0].members.map((m: any) => m.school.name)).toEqual(expect.arrayContaining([expect.stringContaining('花园口小学')]));
    const report = await q(`{ complianceReport(localityCode: "410108", schoolYear: "2025-2026") { summary { rule { id } status } } }`);
    expect(report.complianceReport.summary.map((r: any) => r.rule.id)).toContain('huayuankou.one-speciality-per-school');
  });

  it('gives the demo county 赫章县 (its regime seeds the schools) balance figures: statistics for three years, and backbone teachers', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `query($y: SchoolYear!) { balanceReport(localityCode: "520527", schoolYear: $y, stage: PRIMARY) { schoolCount indicators { indicator cv } excluded { reason } } }`, variables: { y: currentSchoolYear() } }),
    });
    const body = (await res.json()) as any;
    expect(body.errors).toBeUndefined();
    const r = body.data.balanceReport;
    expect(r.schoolCount).toBeGreaterThanOrEqual(20);
    expect(r.excluded.filter((x: any) => x.reason === 'NO_STATISTICS')).toEqual([]);
    // Every indicator has a county figure, L2 (county backbone teachers) included.
    for (const i of r.indicators) expect(i.cv, i.indicator).toBeGreaterThan(0);
  });

  it('serves GraphiQL and its assets from the package itself (no internet needed)', async () => {
    const page = await (await fetch(`${base}/graphiql`)).text();
    expect(page).toContain('/graphiql/graphiql.js');
    expect(page).not.toMatch(/https?:\/\/(?!localhost)[a-z]/i);
    for (const asset of ['react.js', 'react-dom.js', 'graphiql.js', 'graphiql.css']) {
      const r = await fetch(`${base}/graphiql/${asset}`);
      expect(r.status).toBe(200);
      expect((await r.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  it('a second server on the same data folder is refused with a clear message', async () => {
    const second = spawn(process.execPath, [path.join(root, 'packages/server/bin/gongzhi.mjs'), 'serve', '--demo', '--port', '0', '--data-dir', dataDir], { cwd: root, env: { ...process.env, DATABASE_URL: '' } });
    let err = '';
    second.stderr.on('data', (d) => (err += d.toString()));
    second.stdout.on('data', (d) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => second.once('exit', r));
    expect(code).toBe(1);
    expect(err).toContain('in use by another Gongzhi process');
  });
});

/** The school year the demo seeds up to: September starts it, in Shanghai. */
function currentSchoolYear(): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  const first = d.getUTCMonth() >= 8 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
  return `${first}-${first + 1}`;
}
