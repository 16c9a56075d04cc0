import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { mkdir } from 'node:fs/promises';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PgliteThread } from './pglite-thread.js';
import type { DB } from './schema.js';

// int8 (counts, sums) as numbers, not strings: every count we store fits in 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

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
    });
    pool.on('error', () => {
      /* idle client errors are reported on the next query; never crash the process */
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    pools.set(db, pool);
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const dir = opts.dataDir ?? 'memory://';
  if (!dir.startsWith('memory://')) await mkdir(dir, { recursive: true });
  const engine = new PgliteThread({
    dataDir: dir.startsWith('memory://') ? dir : `${dir}/pg`,
    ...(opts.pgliteDump ? { dumpFile: opts.pgliteDump } : {}),
  });
  try {
    await engine.waitReady;
  } catch (err) {
    await engine.close();
    throw err;
  }
  const pool = new pg.Pool(createPgConfig(engine as never) as unknown as pg.PoolConfig);
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
    },
  };
}

export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
