import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ChatRow } from '../../db/schema.js';

export type Deadline = 'left_deadline_at' | 'close_deadline_at' | 'forward_deadline_at';

/**
 * Claims one chat whose deadline is due, inside the caller's transaction: the row stays locked (other
 * instances skip it) until the transaction that acts on it and clears the deadline commits. So each deadline
 * fires exactly once, and one claimed by an instance that dies is simply claimed again.
 */
export async function claimDue(tx: Db, deadline: Deadline): Promise<ChatRow | undefined> {
  return tx
    .selectFrom('chats')
    .selectAll()
    .where(deadline, '<=', sql<Date>`now()`)
    .where('status', '<>', 'closed')
    .orderBy(deadline)
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function clearDeadline(tx: Db, chatId: string, deadline: Deadline): Promise<void> {
  await tx
    .updateTable('chats')
    .set({ [deadline]: null })
    .where('id', '=', chatId)
    .execute();
}
