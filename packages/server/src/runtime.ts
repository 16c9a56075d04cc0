import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { buildApp } from './app.js';
import type { Config } from './environment.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { createMemoryBus, createRedisBus, redisClientName, type Bus } from './bus/index.js';
import { bootstrapDemoAccount, type Bootstrap } from './bootstrap.js';
import { deleteStaleSignInCounters } from './modules/auth/index.js';
import { deleteExpiredSessions } from './modules/identity/index.js';
import { startSweeper } from './modules/timers/index.js';
import { startFollowUpSender, type FollowUpSender } from './modules/follow-ups/index.js';

export type Runtime = {
  app: FastifyInstance;
  database: DatabaseHandle;
  bus: Bus;
  bootstrap: Bootstrap;
  timers: { tick(): Promise<void> };
  /** The follow-up emails' sender (FUP-2). */
  followUps: FollowUpSender;
  stop(): Promise<void>;
};

/** Everything a running instance is made of, wired in order; `stop()` takes it down in reverse. */
export async function startRuntime(
  config: Config,
  opts: { database?: DatabaseHandle; logger?: boolean | object } = {},
): Promise<Runtime> {
  const database =
    opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  await migrateToLatest(database.db);
  const bootstrap = await bootstrapDemoAccount(database.db, config);
  let redis: Redis | undefined;
  let bus: Bus;
  if (config.redisUrl) {
    redis = new Redis(config.redisUrl, {
      maxRetriesPerRequest: 3,
      connectionName: redisClientName(config.redisPrefix, 'limits'),
    });
    redis.on('error', (err: Error) => console.error('Redis:', err.message));
    bus = await createRedisBus(config.redisUrl, config.redisPrefix, (err) =>
      console.error('Redis:', err.message),
    );
  } else {
    bus = createMemoryBus();
  }
  const instanceId = randomUUID();
  const app = await buildApp({ config, db: database.db, bus, redis, logger: opts.logger, instanceId });
  const timers = startSweeper({ db: database.db, events: app.events }, app.log, { instanceId });
  const followUps = startFollowUpSender({ db: database.db, config }, app.log, { instanceId });
  const sweeper = setInterval(() => {
    deleteExpiredSessions(database.db).catch((err) => app.log.warn({ err }, 'session cleanup failed'));
    deleteStaleSignInCounters(database.db, config).catch((err) =>
      app.log.warn({ err }, 'sign-in counter cleanup failed'),
    );
  }, 3600_000);
  sweeper.unref();
  return {
    app,
    database,
    bus,
    bootstrap,
    timers,
    followUps,
    async stop() {
      clearInterval(sweeper);
      await followUps.stop();
      await timers.stop();
      await app.close();
      await bus.close();
      redis?.disconnect();
      await database.close();
    },
  };
}
