// Builds the web app and the widget when their sources changed since the last build, so `npm start` on a
// fresh clone (or after a pull) serves current files without rebuilding every time.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const inputs = ['packages/protocol/src', 'packages/web', 'packages/widget'];
const skip = new Set(['node_modules', 'dist', '.vite']);

function hashTree(dir, hash) {
  if (!existsSync(dir)) return;
  const st = statSync(dir);
  if (st.isFile()) {
    hash.update(dir).update(readFileSync(dir));
    return;
  }
  for (const name of readdirSync(dir).sort()) if (!skip.has(name)) hashTree(path.join(dir, name), hash);
}

export function sourceHash() {
  const hash = createHash('sha256');
  for (const input of inputs) hashTree(path.join(root, input), hash);
  return hash.digest('hex');
}

const targets = ['web', 'widget'].filter((p) => existsSync(path.join(root, 'packages', p, 'vite.config.ts')));
const stampFile = path.join(root, 'packages/web/dist/.build-stamp');
const wanted = sourceHash();
const fresh =
  existsSync(stampFile) &&
  readFileSync(stampFile, 'utf8') === wanted &&
  targets.every((p) => existsSync(path.join(root, 'packages', p, 'dist')));

if (fresh && !process.argv.includes('--force')) {
  console.log('Web app and widget are up to date.');
} else {
  for (const p of targets) {
    console.log(`Building ${p}…`);
    execFileSync('npm', ['run', 'build', '-w', `@livechat/${p}`], { cwd: root, stdio: 'inherit' });
  }
  writeFileSync(stampFile, wanted);
}
