// Ad-hoc load for profiling: tsx bench/src/hammer.ts <url> <workload> <seconds> <concurrency>
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, signToken, secretKey } from '@gongzhi/server';
import { request } from './workloads.js';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [url, w, secs, conc] = process.argv.slice(2);
const { config } = await loadConfig(path.join(root, 'gongzhi.config.ts'));
const token = await signToken({ secret: secretKey(process.env.BENCH_JWT_SECRET!), issuer: config.auth.issuer }, { sub: 'bench', roles: ['viewer'], localities: ['520000'], pii: [] }, '12h');
const params = { county: '520527', province: '520000', schoolYear: '2026-2027', bigSchool: '2152100471' };
const req = request('gongzhi', w as any, params);
// HAMMER_QUERY: any other query text (e.g. `{ __typename }` for the fixed cost of a request).
const body = process.env.HAMMER_QUERY ? JSON.stringify({ query: process.env.HAMMER_QUERY }) : req!.body!;
import fs from 'node:fs';
const pid = process.env.SERVER_PID;
const cpu = () => { if (!pid) return 0; const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const cpu0 = cpu();
const end = Date.now() + Number(secs) * 1000;
let n = 0; const lat: number[] = [];
let firstErr: unknown;
await Promise.all(Array.from({ length: Number(conc) }, async () => {
  while (Date.now() < end) {
    const t = performance.now();
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    const j: any = await r.json();
    if (j.errors && !firstErr) firstErr = j.errors;
    lat.push(performance.now() - t); n++;
  }
}));
lat.sort((a, b) => a - b);
const cpuPerReq = ((cpu() - cpu0) / n).toFixed(2);
const rss = pid ? /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]! : '?';
const hwm = pid ? /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]! : '?';
console.log(w, 'c', conc, 'server cpu ms/req', cpuPerReq, 'rss MB', Math.round(Number(rss) / 1024), 'hwm', Math.round(Number(hwm) / 1024), 'rps', (n / Number(secs)).toFixed(1), 'p50', lat[Math.floor(lat.length / 2)]!.toFixed(2), 'p99', lat[Math.floor(lat.length * 0.99)]!.toFixed(2), firstErr ? JSON.stringify(firstErr).slice(0, 300) : '');
