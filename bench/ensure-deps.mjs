// Install the bench's own dependencies (PostGraphile 5, node@22, pg-copy-streams, undici) when they
// are missing or older than bench/package-lock.json: `npm ci --prefix bench`. They are kept out of the
// workspace so that the workspace's `npm ci` on Node 20 stays free of PostGraphile's Node ≥ 22 engines.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const lock = fs.readFileSync(path.join(dir, 'package-lock.json'));
const hash = crypto.createHash('sha256').update(lock).update(fs.readFileSync(path.join(dir, 'package.json'))).digest('hex');
const stamp = path.join(dir, 'node_modules', '.bench-installed');
const node22 = path.join(dir, 'node_modules', 'node', 'bin', 'node');
if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash && fs.existsSync(node22)) process.exit(0);
console.log('bench: installing its own dependencies (npm ci --prefix bench: PostGraphile 5.1.5, node@22, …)');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
execFileSync(npm, ['ci', '--prefix', dir, '--no-audit', '--no-fund', '--engine-strict=false', '--loglevel=error'], { stdio: 'inherit' });
if (!fs.existsSync(node22)) throw new Error('bench: node@22 did not install its binary (bench/node_modules/node/bin/node); is its install script allowed?');
fs.writeFileSync(stamp, hash);
