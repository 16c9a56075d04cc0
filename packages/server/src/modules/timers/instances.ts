import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** An instance that has not heart-beaten for this long is dead (killed, partitioned). */
export const INSTANCE_TIMEOUT_SECONDS = 30;

export async function heartbeatInstance(db: Db, id: string): Promise<void> {
  await db
    .insertInto('instances')
    .values({ id })
    .onConflict((oc) => oc.column('id').doUpdateSet({ last_seen_at: sql<Date>`now()` }))
    .execute();
}

/**
 * Visitors whose socket was on a dead instance cannot say goodbye: their chats get the "left" deadline now (they
 * have been gone at least the timeout); a visitor who reconnected elsewhere has already moved their chats.
 */
export async function releaseDeadInstances(db: Db): Promise<void> {
  const dead = db
    .selectFrom('instances')
    .select('id')
    .where('last_seen_at', '<', sql<Date>`now() - ${INSTANCE_TIMEOUT_SECONDS} * interval '1 second'`);
  await db
    .updateTable('chats')
    .set({ left_deadline_at: sql<Date>`coalesce(left_deadline_at, now())`, visitor_instance_id: null })
    .where('status', '<>', 'closed')
    .where('visitor_present', '=', true)
    .where('visitor_instance_id', 'in', dead)
    .execute();
  await db
    .deleteFrom('instances')
    .where('last_seen_at', '<', sql<Date>`now() - interval '1 day'`)
    .execute();
}
