import type { Bus } from './bus/index.js';
import type { Config } from './environment.js';
import type { Db } from './db/database.js';
import type { DomainEvents } from './events/index.js';

/**
 * What domain services need from the running instance: the database, the bus, the configuration, and the
 * domain events they emit after committing.
 */
export type Deps = { db: Db; bus: Bus; config: Config; events: DomainEvents };
