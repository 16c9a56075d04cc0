// `npm test`: the whole suite — unit and integration tests, then the browser tests against the built app.
// With DATABASE_URL / REDIS_URL set, integration and browser tests run on that PostgreSQL and Redis.
import { execSync } from 'node:child_process';

const run = (cmd) => execSync(cmd, { stdio: 'inherit', shell: '/bin/sh' });
try {
  run('node scripts/ensure-chromium.mjs');
  run('npx vitest run --project unit --project integration');
  run('node scripts/build-if-needed.mjs');
  run('npx vitest run --project e2e');
} catch {
  process.exit(1);
}
