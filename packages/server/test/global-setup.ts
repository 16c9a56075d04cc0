import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: a dump of a migrated data directory that each test app loads (initdb + migrations once). */
    pgliteDump: string;
    /** PostgreSQL: a migrated template database each test app copies with CREATE DATABASE … TEMPLATE. */
    pgTemplate: string;
  }
}

/**
 * Migrates once per run; every test app then starts from a copy. When DATABASE_URL is set, tests run on that
 * PostgreSQL server instead of PGlite.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `parley_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await dropLeftovers(admin);
    await admin.query(`create database ${template}`);
    const u = new URL(url);
    u.pathname = `/${template}`;
    const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 1 });
    await migrateToLatest(database.db);
    await database.close();
    project.provide('pgTemplate', template);
    project.provide('pgliteDump', '');
    return async () => {
      const leftovers = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1 or datname = $2`,
        [`parley_t_${process.pid}_%`, template],
      );
      for (const { datname } of leftovers.rows)
        await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.end();
    };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'parley-test-'));
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateToLatest(database.db);
  const file = path.join(dir, 'migrated.tar');
  await writeFile(file, await database.dumpDataDir!());
  await database.close();
  project.provide('pgliteDump', file);
  project.provide('pgTemplate', '');
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}

/** Databases of earlier runs that were killed before their teardown (their process is gone). */
async function dropLeftovers(admin: pg.Client) {
  const rows = await admin.query<{ datname: string }>(
    `select datname from pg_database where datname like 'parley_t\\_%' or datname like 'parley_tpl\\_%'`,
  );
  for (const { datname } of rows.rows) {
    const pid = Number(datname.split('_')[2]);
    if (Number.isInteger(pid) && !alive(pid))
      await admin.query(`drop database if exists ${datname} with (force)`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
