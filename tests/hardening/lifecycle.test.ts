import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * Issue 14, "stop and start": SIGTERM and SIGINT stop the server — it drains, closes the database
 * (the PGlite lock file goes with it) and exits 0 — however it was started: `npm start`,
 * `npx gongzhi serve` (the package's bin), or node directly.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const config = `export default { localities: [{ code: '450000', name: '广西壮族自治区' }], auth: { secret: '${'s'.repeat(40)}' } };\n`;

async function startAndStop(command: string, args: string[], signal: NodeJS.Signals, cwd: string, dataDir: string, o: { wrapperDiesBySignal?: boolean } = {}) {
  const child = spawn(command, args, { cwd, env: { ...process.env, DATABASE_URL: '', GONGZHI_LOG_LEVEL: 'warn' } });
  let output = '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start:\n${output}`)), 150_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /Health:\s+(http\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`exited early (${code}):\n${output}`)));
  });
  expect((await fetch(url)).status).toBe(200);
  expect(fs.existsSync(path.join(dataDir, 'gongzhi.lock'))).toBe(true);
  child.kill(signal);
  const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 20_000))]);
  // npm passes the signal to its script and then ends itself by the same signal (exit code null).
  if (o.wrapperDiesBySignal) expect(code, output).not.toBe('hung');
  else expect(code, output).toBe(0);
  // The pool (here PGlite) was closed: its lock is released and nothing answers any more.
  for (let i = 0; i < 100 && fs.existsSync(path.join(dataDir, 'gongzhi.lock')); i++) await new Promise((r) => setTimeout(r, 200));
  expect(fs.existsSync(path.join(dataDir, 'gongzhi.lock'))).toBe(false);
  expect(output).toMatch(new RegExp(`${signal}: draining`));
  await expect(fetch(url)).rejects.toThrow();
}

describe('lifecycle (issue 14)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-lifecycle-'));
  fs.writeFileSync(path.join(dir, 'gongzhi.config.mjs'), config);

  it('npx gongzhi serve (the bin): SIGTERM drains, closes the pool, exits 0', async () => {
    const data = path.join(dir, 'bin-data');
    await startAndStop(process.execPath, [path.join(root, 'packages/server/bin/gongzhi.mjs'), 'serve', '--port', '0', '--data-dir', data], 'SIGTERM', dir, data);
  }, 200_000);

  it('node directly (node --import tsx cli.ts serve): SIGINT does the same', async () => {
    const data = path.join(dir, 'node-data');
    await startAndStop(process.execPath, ['--import', require.resolve('tsx'), path.join(root, 'packages/server/src/cli.ts'), 'serve', '--port', '0', '--data-dir', data], 'SIGINT', dir, data);
  }, 200_000);

  // package.json's start script execs tsx: otherwise npm's shell dies of the signal and leaves tsx and the server running.
  it('npm start (tsx under npm): SIGTERM to npm stops the server too', async () => {
    const data = path.join(dir, 'npm-data');
    // npm start serves the root config's demo; --port 0 and a data folder of its own keep it apart.
    await startAndStop('npm', ['start', '--ignore-scripts', '--', '--port', '0', '--data-dir', data], 'SIGTERM', root, data, { wrapperDiesBySignal: true });
  }, 300_000);
});
