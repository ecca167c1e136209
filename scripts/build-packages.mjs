#!/usr/bin/env node
// Compiles the TypeScript of every workspace package whose exports name a "gongzhi-built" condition
// (core, server, the plugins) to plain JavaScript in its dist/, one file per source file, so that a
// production server runs on Node alone:
//   node --conditions=gongzhi-built packages/server/dist/cli.js serve
// Under that condition `@gongzhi/*` resolve to dist/; everywhere else (tsx, vitest, tsc) to src/.
// `npx gongzhi` (packages/server/bin) runs the build while it is current, tsx otherwise.
// Not bundled: dist/ keeps src/'s layout, so each package's `new URL('../migrations', import.meta.url)`
// still finds its migrations. Types are checked by `npm run typecheck`, not here (isolatedModules).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BUILD_STAMP } from '../packages/server/bin/built.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONDITION = 'gongzhi-built';

/** The package folders of the root's workspaces (`packages/*`, `plugins/*`, `tests`). */
function workspaceDirs() {
  const { workspaces } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return workspaces.flatMap((w) =>
    w.endsWith('/*')
      ? fs.readdirSync(path.join(root, w.slice(0, -2)), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(root, w.slice(0, -2), d.name))
      : [path.join(root, w)],
  );
}

const hasBuiltCondition = (exports) => typeof exports === 'object' && exports !== null && Object.values(exports).some((e) => typeof e === 'object' && e !== null && CONDITION in e);

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') && !d.name.endsWith('.test.ts'))
    .map((d) => path.join(d.parentPath ?? d.path, d.name));
}

const started = performance.now();
// Taken before reading any source: a file saved during the build makes the build stale.
const builtAt = Date.now();
const built = [];
const dirs = [];
for (const dir of workspaceDirs()) {
  const manifest = path.join(dir, 'package.json');
  if (!fs.existsSync(manifest)) continue;
  const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  if (!hasBuiltCondition(pkg.exports)) continue;
  const src = path.join(dir, 'src');
  const out = path.join(dir, 'dist');
  // A file removed from src/ must not live on in dist/.
  fs.rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: sources(src),
    outdir: out,
    outbase: src,
    bundle: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Pothos and the error classes read constructor and function names.
    keepNames: true,
    logLevel: 'warning',
  });
  built.push(pkg.name);
  dirs.push(path.relative(root, dir));
}
// The stamp packages/server/bin/gongzhi.mjs reads: it runs dist/ only while no source is newer.
fs.writeFileSync(path.join(root, BUILD_STAMP), JSON.stringify({ builtAt, packages: dirs }, null, 1) + '\n');
console.log(`built ${built.length} packages to dist/ (${built.join(', ')}) in ${Math.round(performance.now() - started)} ms`);
