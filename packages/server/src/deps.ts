import type { Bus } from './bus/index.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';

/** What domain services need from the running instance: the database, the bus and the configuration. */
export type Deps = { db: Db; bus: Bus; config: Config };
