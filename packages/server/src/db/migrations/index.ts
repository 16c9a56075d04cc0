import type { Migration } from 'kysely';
import * as m001 from './001_foundation.js';

/** Every migration, in order. Names are stored in the database: never rename one that has shipped. */
export const migrations: Record<string, Migration> = {
  '001_foundation': m001,
};
