// Builds the server into dist/main.mjs (plain JavaScript, npm packages left as imports) so the running product
// does not carry a TypeScript loader: measured on the embedded database, the idle server held ~100 MB less RSS
// than under tsx (docs/benchmarks.md, "Memory (embedded database)"). The PGlite worker is plain JavaScript already
// and is copied beside it. Tests and `npm run migrate` / `account:create` still run the sources through tsx.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const pkg = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { dependencies } = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8'));
const dist = path.join(pkg, 'dist');
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: [path.join(pkg, 'src/main.ts')],
  outfile: path.join(dist, 'main.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  // Workspace packages are bundled from their TypeScript source; everything from npm stays an import.
  conditions: ['@source'],
  external: Object.keys(dependencies).filter((d) => !d.startsWith('@parley/')),
  sourcemap: 'linked',
  logLevel: 'warning',
});
copyFileSync(path.join(pkg, 'src/db/pglite-worker.mjs'), path.join(dist, 'pglite-worker.mjs'));
console.log('✓ server: dist/main.mjs');
