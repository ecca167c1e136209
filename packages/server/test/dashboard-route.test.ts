/**
 * /dashboard serves the dashboard's build from its package (like GraphiQL: no CDN, works offline):
 * the page with a strict CSP, its hashed assets, nothing outside dist, and the demo token only to a
 * page asked for over loopback. npm test builds the dashboard before this package's tests (turbo).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDashboard } from '../src/dashboard.js';

describe('/dashboard', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!(await serveDashboard(req, res, url.pathname, url.searchParams.has('demo') ? async () => 'demo.token.value' : undefined))) {
        res.writeHead(418);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('redirects /dashboard to /dashboard/ and leaves other paths alone', async () => {
    const r = await fetch(`${base}/dashboard`, { redirect: 'manual' });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/dashboard/');
    expect((await fetch(`${base}/dashboardx`)).status).toBe(418);
    expect((await fetch(`${base}/graphql`)).status).toBe(418);
  });

  it('serves the page with a CSP and its assets from the package, with their types', async () => {
    const r = await fetch(`${base}/dashboard/`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await r.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toContain('name="gongzhi-demo-token"');
    const assets = [...html.matchAll(/\/dashboard\/assets\/[A-Za-z0-9_.-]+\.(js|css)/g)].map((m) => m[0]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    expect(html).not.toMatch(/https?:\/\//); // nothing from a CDN
    for (const a of assets) {
      const x = await fetch(`${base}${a}`);
      expect(x.status).toBe(200);
      expect(x.headers.get('content-type')).toMatch(a.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
    }
  });

  it('serves nothing outside dist/assets', async () => {
    for (const p of ['/dashboard/assets/missing.js', '/dashboard/assets/..%2f..%2fpackage.json', '/dashboard/assets/.hidden', '/dashboard/package.json', '/dashboard/assets/']) {
      expect((await fetch(`${base}${p}`)).status, p).toBe(404);
    }
  });

  it('offers the demo token to a page asked for over loopback', async () => {
    const html = await (await fetch(`${base}/dashboard/?demo`)).text();
    expect(html).toContain('<meta name="gongzhi-demo-token" content="demo.token.value" />');
  });
});
