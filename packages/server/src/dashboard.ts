import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type http from 'node:http';

/**
 * 教育局看板 at /dashboard: the Vite build of packages/dashboard, served from the installed package
 * like GraphiQL, so it works with no internet. The page talks to /graphql with the user's token only.
 * In demo mode, a page asked for from this machine (loopback) is given the demo token to offer as a
 * one-click sign-in; from anywhere else it never is.
 */
const require = createRequire(import.meta.url);

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

// ECharts draws SVG with inline style attributes; scripts and everything else come from this origin.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

let distDir: string | null | undefined;
function dist(): string | null {
  if (distDir !== undefined) return distDir;
  try {
    const dir = path.join(path.dirname(require.resolve('@gongzhi/dashboard/package.json')), 'dist');
    distDir = fs.existsSync(path.join(dir, 'index.html')) ? dir : null;
  } catch {
    distDir = null;
  }
  return distDir;
}

const isLoopback = (addr: string | undefined) => !!addr && (addr === '::1' || addr.startsWith('127.') || addr.startsWith('::ffff:127.'));

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Answer a GET under /dashboard; false when the path is not the dashboard's. */
export async function serveDashboard(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, demoToken?: string | (() => string | Promise<string>)): Promise<boolean> {
  if (pathname !== '/dashboard' && !pathname.startsWith('/dashboard/')) return false;
  if (pathname === '/dashboard') {
    res.writeHead(302, { location: '/dashboard/' });
    res.end();
    return true;
  }
  const dir = dist();
  if (!dir) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('看板尚未构建 / The dashboard is not built: run `npm run build -w @gongzhi/dashboard` (npm start and npm test build it first).\n');
    return true;
  }
  const rest = pathname.slice('/dashboard/'.length);
  if (rest === '' || rest === 'index.html') {
    let html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    // Both ends on loopback: a demo server reachable from a network hands its admin token to nobody.
    if (demoToken && isLoopback(req.socket.remoteAddress) && isLoopback(req.socket.localAddress)) {
      const token = typeof demoToken === 'string' ? demoToken : await demoToken();
      html = html.replace('<!--gongzhi-demo-token-->', `<meta name="gongzhi-demo-token" content="${escapeAttr(token)}" />`);
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    res.end(html);
    return true;
  }
  // Built files only: assets/<hashed name>, never a path that climbs out of dist.
  const m = /^assets\/([A-Za-z0-9_.-]+)$/.exec(rest);
  const file = m && !m[1]!.startsWith('.') ? path.join(dir, 'assets', m[1]!) : null;
  if (!file || !fs.existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
    return true;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' });
  fs.createReadStream(file).pipe(res);
  return true;
}
