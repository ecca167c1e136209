#!/usr/bin/env node
// Runs the CLI as a child process: on the built packages when `npm run build` has compiled them and
// no source changed since (Node alone: less memory, faster start — README, Production), otherwise
// the TypeScript through tsx (no build step). The signals an orchestrator or a terminal sends this
// process (SIGTERM, SIGINT, SIGHUP) are passed on, so `npx gongzhi serve` drains and closes its pool
// on SIGTERM as `node …/cli.js serve` does, and this process exits with the child's code.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { builtIsCurrent } from './built.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../../..', import.meta.url));

const args = builtIsCurrent(root)
  ? ['--conditions=gongzhi-built', fileURLToPath(new URL('../dist/cli.js', import.meta.url))]
  : [require.resolve('tsx/cli'), fileURLToPath(new URL('../src/cli.ts', import.meta.url))];
const child = spawn(process.execPath, [...args, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
