import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { MAX_DOUBLINGS, type Counter, type Policy, type SignInCounters } from './lockout.js';

export type CounterScope = 'pair' | 'address' | 'email';

/** The keys of one sign-in attempt's three counters. */
export function counterKeys(address: string, email: string): Record<CounterScope, string> {
  return { pair: `${address} ${email}`, address, email };
}

const toCounter = (r: {
  failures: number;
  last_failure_at: Date | string | null;
  last_success_at: Date | string | null;
}): Counter => ({
  failures: r.failures,
  lastFailureAt: r.last_failure_at ? new Date(r.last_failure_at) : null,
  lastSuccessAt: r.last_success_at ? new Date(r.last_success_at) : null,
});

export async function readCounters(db: Db, keys: Record<CounterScope, string>): Promise<SignInCounters> {
  const rows = await db
    .selectFrom('login_counters')
    .selectAll()
    .where((eb) =>
      eb.or(
        (Object.keys(keys) as CounterScope[]).map((scope) =>
          eb.and([eb('scope', '=', scope), eb('key', '=', keys[scope])]),
        ),
      ),
    )
    .execute();
  const out: SignInCounters = {};
  for (const r of rows) out[r.scope as CounterScope] = toCounter(r);
  return out;
}

/**
 * One more failure on a counter, in one statement (concurrent failures all count). The SQL is `afterFailure`
 * of lockout.ts: forgotten once a quiet window has passed after the wait, else one more.
 */
export async function countFailure(
  db: Db,
  scope: CounterScope,
  key: string,
  now: Date,
  policy: Policy,
): Promise<Counter> {
  const { maxFailures: max, windowSeconds: window, maxLockSeconds: maxLock } = policy;
  const lock = sql<number>`case when c.failures >= ${max}::int
    then least(${window}::float8 * power(2, least(c.failures - ${max}::int, ${MAX_DOUBLINGS}::int)), ${maxLock}::float8)
    else 0 end`;
  const result = await sql<{
    failures: number;
    last_failure_at: Date;
    last_success_at: Date | null;
  }>`insert into login_counters as c (scope, key, failures, last_failure_at)
    values (${scope}, ${key}, 1, ${now})
    on conflict (scope, key) do update set
      failures = case
        when c.last_failure_at is null or c.failures = 0
          or ${now}::timestamptz > c.last_failure_at + make_interval(secs => ${lock} + ${window}::float8)
        then 1 else c.failures + 1 end,
      last_failure_at = greatest(c.last_failure_at, ${now}::timestamptz)
    returning failures, last_failure_at, last_success_at`.execute(db);
  return toCounter(result.rows[0]!);
}

/** A successful sign-in: the address is known for this email from now on, and its own failures are forgotten. */
export async function countSuccess(db: Db, pairKey: string, now: Date): Promise<void> {
  await db
    .insertInto('login_counters')
    .values({ scope: 'pair', key: pairKey, failures: 0, last_success_at: now })
    .onConflict((oc) => oc.columns(['scope', 'key']).doUpdateSet({ failures: 0, last_success_at: now }))
    .execute();
}

/**
 * Removes counters that no longer change any decision: failures older than the longest wait plus a window
 * (forgotten by the rule anyway) and no success within the time an address stays known.
 */
export async function deleteStaleCounters(
  db: Db,
  now: Date,
  opts: { forgetFailuresAfterSeconds: number; knownForSeconds: number },
): Promise<void> {
  const failuresBefore = new Date(now.getTime() - opts.forgetFailuresAfterSeconds * 1000);
  const successBefore = new Date(now.getTime() - opts.knownForSeconds * 1000);
  await db
    .deleteFrom('login_counters')
    .where((eb) => eb.or([eb('last_failure_at', 'is', null), eb('last_failure_at', '<', failuresBefore)]))
    .where((eb) => eb.or([eb('last_success_at', 'is', null), eb('last_success_at', '<', successBefore)]))
    .execute();
}
