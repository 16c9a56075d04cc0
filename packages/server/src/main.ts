import { ConfigError, loadConfig } from './environment.js';
import { DataDirLocked } from './db/data-dir-lock.js';
import { PREPARE_ARG, prepareDataDir, prepareNewDataDir } from './first-start.js';
import { startRuntime } from './runtime.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  if (process.argv.includes(PREPARE_ARG)) return prepareDataDir(config);
  const started = Date.now();
  const prepared = await prepareNewDataDir(config);
  const runtime = await startRuntime(config);
  const bootstrap = prepared ?? runtime.bootstrap;
  const { app } = runtime;
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = config.publicUrl ?? `http://localhost:${port}`;
  const db = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
  const lines = [
    '',
    `  Parley is ready in ${((Date.now() - started) / 1000).toFixed(1)} s — database: ${db}, bus: ${config.redisUrl ? 'Redis' : 'in-process'}`,
    `  Log in:    ${base}/login`,
    `  Demo page: ${base}/demo`,
    `  API docs:  ${base}/api/docs`,
  ];
  if (bootstrap) {
    lines.push('', `  First start: created the "Demo" account. Sign in as ${bootstrap.email}`);
    if (bootstrap.password) {
      lines.push(`  with the password ${bootstrap.password}  (shown only this once)`);
    } else {
      lines.push('  with ADMIN_PASSWORD.');
    }
  }
  console.log(lines.join('\n') + '\n');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await runtime.stop();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  if (config.exitWithParent) {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) void shutdown('parent gone');
    }, 1000).unref();
  }
}

main().catch((err) => {
  if (err instanceof DataDirLocked) {
    console.error(
      `Parley failed to start: another server is running on ${err.dir} (pid ${err.holder.pid}); stop it first, or give this one another DATA_DIR.`,
    );
    process.exit(1);
  }
  console.error('Parley failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
