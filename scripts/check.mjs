// `npm run check`: TypeScript (strict) for every package, the module graph (no cycles, modules used through their
// index.ts: .dependency-cruiser.cjs), ESLint and Prettier.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (cmd) => execSync(cmd, { stdio: 'inherit', shell: '/bin/sh' });
try {
  for (const p of ['protocol', 'server', 'web', 'widget']) {
    if (existsSync(`packages/${p}/tsconfig.json`)) run(`npx tsc -p packages/${p}`);
  }
  if (existsSync('e2e/tsconfig.json')) run('npx tsc -p e2e');
  if (existsSync('bench/tsconfig.json')) run('npx tsc -p bench');
  run(
    'npx depcruise packages/protocol/src packages/server/src packages/server/test packages/web/src packages/widget/src --config .dependency-cruiser.cjs --output-type err',
  );
  run('npx eslint .');
  run('npx prettier --check .');
} catch {
  process.exit(1);
}
