#!/usr/bin/env node
// Runs the TypeScript CLI through tsx (no build step). The CLI runs as a child process: the signals
// an orchestrator or a terminal sends this process (SIGTERM, SIGINT, SIGHUP) are passed on, so
// `npx gongzhi serve` drains and closes its pool on SIGTERM as `node …/cli.ts serve` does, and this
// process exits with the child's code.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const tsx = require.resolve('tsx/cli');
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const child = spawn(process.execPath, [tsx, cli, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
