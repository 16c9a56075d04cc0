// Builds the web app, the widget and the server when their sources changed since their last build, so `npm start`
// on a fresh clone (or after a pull) runs current code without rebuilding every time. Each target keeps a hash of
// its inputs in dist/.build-stamp. `--force` builds everything.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
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

/** What each build reads; a change in any of it builds that target again. */
const targets = {
  web: ['packages/protocol/src', 'packages/web', 'scripts/precompress.mjs'],
  widget: ['packages/protocol/src', 'packages/widget', 'scripts/precompress.mjs'],
  server: [
    'packages/protocol/src',
    'packages/server/src',
    'packages/server/scripts',
    'packages/server/package.json',
  ],
};

export function sourceHash(inputs) {
  const hash = createHash('sha256');
  for (const input of inputs) hashTree(path.join(root, input), hash);
  return hash.digest('hex');
}

const force = process.argv.includes('--force');
for (const [name, inputs] of Object.entries(targets)) {
  const stampFile = path.join(root, 'packages', name, 'dist/.build-stamp');
  const wanted = sourceHash(inputs);
  if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === wanted) {
    console.log(`The ${name} build is up to date.`);
    continue;
  }
  console.log(`Building ${name}…`);
  execFileSync('npm', ['run', 'build', '-w', `@parley/${name}`], { cwd: root, stdio: 'inherit' });
  writeFileSync(stampFile, wanted);
}
