import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { mkdir } from 'node:fs/promises';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { PgliteThread } from './pglite-thread.js';
import type { DB } from './schema.js';

// int8 (counts, ids of bigserial tables) as numbers, not strings: every count we store fits in 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// NUMERIC stays a string (node-postgres's default): money and averages are exact decimals, and a float would
// round them (goal values, revenue). Callers that want a number for display convert it themselves.

export type Db = Kysely<DB>;

const pools = new WeakMap<Db, pg.Pool>();
/**
 * The pool behind a database handle, for the few hot statements sent as named prepared statements (parsed and
 * planned once per connection instead of on every call; Kysely sends unnamed ones).
 */
export function poolOf(db: Db): pg.Pool | undefined {
  return pools.get(db);
}

export type DatabaseHandle = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** PGlite only: the data directory as a tar file. */
  dumpDataDir?: () => Promise<Uint8Array>;
  close(): Promise<void>;
};

/** One code path for both engines: `pg.Pool` either talks to PostgreSQL or to PGlite's node-postgres bridge. */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir?: string;
  /** PGlite only: start from this dump (a tar file of `dumpDataDir`) instead of an empty data directory. */
  pgliteDump?: string;
  poolSize?: number;
}): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    // Named statements (the message writer's) are planned once per connection, not on every call.
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      options: '-c plan_cache_mode=force_generic_plan',
      // An unreachable server fails a request after this long instead of queueing it for ever.
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      // A connection whose peer vanished without a word (a dropped network) is found out by the kernel.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    keepClientErrorsQuiet(pool);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    pools.set(db, pool);
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const dir = opts.dataDir ?? 'memory://';
  let lock: DataDirLock | undefined;
  if (!dir.startsWith('memory://')) {
    await mkdir(dir, { recursive: true });
    // Before touching its files: one process at a time on an embedded database (a second one corrupts it).
    lock = await lockDataDir(dir);
  }
  const engine = new PgliteThread({
    dataDir: dir.startsWith('memory://') ? dir : `${dir}/pg`,
    ...(opts.pgliteDump ? { dumpFile: opts.pgliteDump } : {}),
  });
  try {
    await engine.waitReady;
  } catch (err) {
    await engine.close();
    await lock?.release();
    throw err;
  }
  const pool = new pg.Pool(createPgConfig(engine as never) as unknown as pg.PoolConfig);
  keepClientErrorsQuiet(pool);
  pool.on('connect', (client) => {
    client.query('set plan_cache_mode = force_generic_plan').catch(() => {});
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return {
    db,
    kind: 'pglite',
    dumpDataDir: () => engine.dumpDataDir(),
    close: async () => {
      await db.destroy();
      await engine.close();
      await lock?.release();
    },
  };
}

const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Every client of the pool gets an error listener of its own for its whole life. pg-pool listens only while a
 * client is idle and removes its listener on checkout, so a checked-out client whose server connection dies
 * (pg_terminate_backend, a restart, a cut network) would emit an unhandled 'error' and end the process. The
 * statement running on it fails anyway and its caller reports that; the pool drops the broken client and opens
 * a new one on the next checkout.
 */
function keepClientErrorsQuiet(pool: pg.Pool) {
  pool.on('error', () => {
    /* an idle client's connection died: the pool has already removed it */
  });
  pool.on('connect', (client) => {
    client.on('error', () => {
      /* reported to the caller of the statement that was running, or to the next one */
    });
  });
}

/** Whether the database answers within `timeoutMs` (readiness: a hung connection must not hang the probe). */
export async function ping(db: Db, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const answer = sql`select 1`.execute(db).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}
