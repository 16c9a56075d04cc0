import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { bootstrapDemoAccount, type Bootstrap } from './bootstrap.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import type { Config } from './environment.js';

/** The argument that makes the server process prepare a new embedded database and exit (see below). */
export const PREPARE_ARG = '--prepare-data-dir';

/**
 * On the embedded database a first start makes the data directory (initdb), migrates it and creates the Demo
 * account. That work grows the engine's WASM memory and the process's heap, and a WASM memory is never given
 * back: done in the serving process, the idle server held ~340 MB after a first start against ~300 after a
 * restart (bench/footprint). So a new directory is prepared by a short-lived child process (this same program
 * with PREPARE_ARG), and the server then opens it as on any restart. Returns the Demo account's credentials the
 * child made (to print once), or undefined when there was nothing to prepare.
 */
export async function prepareNewDataDir(config: Config): Promise<Bootstrap | undefined> {
  if (config.databaseUrl || existsSync(path.join(config.dataDir, 'pg', 'PG_VERSION'))) return undefined;
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, PREPARE_ARG], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`preparing the new data directory ${config.dataDir} failed (exit ${code})`);
  return (JSON.parse(out) as { bootstrap: Bootstrap }).bootstrap;
}

/** The child's side: make, migrate and bootstrap the embedded database, say the credentials on stdout. */
export async function prepareDataDir(config: Config): Promise<void> {
  const database = await openDatabase({ dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    const bootstrap = await bootstrapDemoAccount(database.db, config);
    process.stdout.write(JSON.stringify({ bootstrap }));
  } finally {
    await database.close();
  }
}
