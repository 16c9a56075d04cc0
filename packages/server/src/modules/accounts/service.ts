import type { Account, UpdateAccount } from '@parley/protocol';
import type { Db } from '../../db/database.js';
import type { AccountRow } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { assertManager, type Actor } from '../identity/index.js';
import * as repo from './repo.js';

export function toAccount(row: AccountRow): Account {
  return { id: row.id, name: row.name, timeZone: row.time_zone, storeVisitorIp: row.store_visitor_ip };
}

/** The signed-in user's account (any user: every date they see is in its time zone). */
export async function getAccount(db: Db, actor: Actor): Promise<Account> {
  const row = await repo.findAccount(db, actor.accountId);
  if (!row) throw notFound('Account');
  return toAccount(row);
}

/**
 * The account's settings; managers only. The time zone is validated by the schema (an IANA name);
 * `storeVisitorIp` (TLS-6) applies to visits that start from now on.
 */
export async function updateAccount(db: Db, actor: Actor, input: UpdateAccount): Promise<Account> {
  assertManager(actor);
  const set = {
    ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
    ...(input.storeVisitorIp !== undefined ? { store_visitor_ip: input.storeVisitorIp } : {}),
  };
  const row =
    Object.keys(set).length === 0
      ? await repo.findAccount(db, actor.accountId)
      : await repo.updateAccount(db, actor.accountId, set);
  if (!row) throw notFound('Account');
  return toAccount(row);
}

/** The account's time zone, for reading periods and showing dates. */
export async function accountTimeZone(db: Db, accountId: string): Promise<string> {
  return (await repo.findAccount(db, accountId))?.time_zone ?? 'UTC';
}
