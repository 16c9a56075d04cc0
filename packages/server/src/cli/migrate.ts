import { ConfigError, loadConfig } from '../environment.js';
import { DataDirLocked } from '../db/data-dir-lock.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

try {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrateToLatest(database.db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
  await database.close();
} catch (err) {
  if (err instanceof DataDirLocked)
    console.error(`Migration failed: ${err.message}; the server migrates at start.`);
  else console.error(err instanceof ConfigError ? err.message : `Migration failed: ${String(err)}`);
  process.exit(1);
}
