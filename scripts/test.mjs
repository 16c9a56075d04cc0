// `npm test`: the whole suite — unit and integration tests, the two-instance proofs, then the browser tests
// against the built app. With DATABASE_URL / REDIS_URL set, integration and browser tests run on that
// PostgreSQL and Redis (the two-instance proofs are then part of the integration run).
//
// The two-instance proofs (real server processes sharing one PostgreSQL and one Redis) cannot run on PGlite.
// Without DATABASE_URL / REDIS_URL they run on PostgreSQL (127.0.0.1:5432, user postgres) and Redis
// (127.0.0.1:6379) when both answer there; otherwise one line says they were skipped and why.
// PARLEY_PROOFS_LATER=1 (set by .ci/run, whose PostgreSQL + Redis pass runs them) skips them here.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { Redis } from 'ioredis';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Every test file that skips itself without PostgreSQL and Redis. */
const PROOFS = [
  'packages/server/src/modules/routing/instances.int.test.ts',
  'packages/server/src/realtime/instances.int.test.ts',
  'packages/server/src/realtime/limits-instances.int.test.ts',
  'packages/server/src/realtime/faults.int.test.ts',
  'packages/server/src/realtime/redis-reconnect.int.test.ts',
  'packages/server/src/db/lost-connection.int.test.ts',
  'packages/server/src/bus/bus.int.test.ts',
  'packages/server/src/modules/follow-ups/follow-ups-instances.int.test.ts',
];

const run = (cmd, env = process.env) => execSync(cmd, { stdio: 'inherit', shell: '/bin/sh', env });

/** Why PostgreSQL and Redis cannot be used at their default addresses, or null when both answer. */
async function unreachable() {
  const db = new pg.Client({ connectionString: DEFAULT_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await db.connect();
    await db.query('select 1');
  } catch (err) {
    return `PostgreSQL at 127.0.0.1:5432 (user postgres) did not answer (${err.code ?? err.message})`;
  } finally {
    await db.end().catch(() => {});
  }
  const redis = new Redis(DEFAULT_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    return `Redis at 127.0.0.1:6379 did not answer (${err.code ?? err.message})`;
  } finally {
    redis.disconnect();
  }
  return null;
}

async function proofs() {
  if (process.env.DATABASE_URL && process.env.REDIS_URL) return; // already in the integration run
  if (process.env.PARLEY_PROOFS_LATER) {
    console.log('== two-instance proofs: not here; the PostgreSQL + Redis pass of .ci/run runs them');
    return;
  }
  if (process.env.DATABASE_URL || process.env.REDIS_URL) {
    console.log(
      '== two-instance proofs SKIPPED: they need both DATABASE_URL and REDIS_URL, and only one is set',
    );
    return;
  }
  const why = await unreachable();
  if (why) {
    console.log(
      `== two-instance proofs SKIPPED: ${why}; start PostgreSQL and Redis there (or set DATABASE_URL and REDIS_URL) to run them`,
    );
    return;
  }
  for (const file of PROOFS) if (!existsSync(file)) throw new Error(`scripts/test.mjs: ${file} is gone`);
  console.log('== two-instance proofs on PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379)');
  run(`npx vitest run --project integration ${PROOFS.join(' ')}`, {
    ...process.env,
    DATABASE_URL: DEFAULT_DATABASE_URL,
    REDIS_URL: DEFAULT_REDIS_URL,
  });
}

try {
  run('node scripts/ensure-chromium.mjs');
  run('npx vitest run --project unit --project integration');
  await proofs();
  run('node scripts/build-if-needed.mjs');
  run('npx vitest run --project e2e');
} catch (err) {
  if (!err?.status) console.error(err);
  process.exit(1);
}
