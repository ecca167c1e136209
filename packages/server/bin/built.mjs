// Whether the build of the workspace's packages (scripts/build-packages.mjs) can be run: its stamp
// names the packages it compiled, and no file of their sources, nor their package.json, is newer
// than it. A stale build is never run (the bin falls back to tsx).
import fs from 'node:fs';
import path from 'node:path';

export const BUILD_STAMP = '.gongzhi-build.json';

export function builtIsCurrent(root) {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(root, BUILD_STAMP), 'utf8'));
  } catch {
    return false;
  }
  if (!Array.isArray(stamp.packages) || stamp.packages.length === 0 || typeof stamp.builtAt !== 'number') return false;
  for (const dir of stamp.packages) {
    const src = path.join(root, dir, 'src');
    if (!fs.existsSync(path.join(root, dir, 'dist')) || !fs.existsSync(src)) return false;
    if (fs.statSync(path.join(root, dir, 'package.json')).mtimeMs > stamp.builtAt) return false;
    for (const f of fs.readdirSync(src, { recursive: true })) if (fs.statSync(path.join(src, f)).mtimeMs > stamp.builtAt) return false;
  }
  return true;
}
