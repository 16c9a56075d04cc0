import type { Db } from '../../db/database.js';
import type { FailureState } from './lockout.js';

export async function readFailures(db: Db, email: string): Promise<FailureState | undefined> {
  const row = await db.selectFrom('login_failures').selectAll().where('email', '=', email).executeTakeFirst();
  return (
    row && {
      failures: row.failures,
      windowStartedAt: new Date(row.window_started_at),
      lockedUntil: row.locked_until ? new Date(row.locked_until) : null,
    }
  );
}

export async function writeFailures(db: Db, email: string, s: FailureState): Promise<void> {
  const values = { failures: s.failures, window_started_at: s.windowStartedAt, locked_until: s.lockedUntil };
  await db
    .insertInto('login_failures')
    .values({ email, ...values })
    .onConflict((oc) => oc.column('email').doUpdateSet(values))
    .execute();
}

export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.deleteFrom('login_failures').where('email', '=', email).execute();
}
