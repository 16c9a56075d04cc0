import { sql } from 'kysely';
import { generatePassword } from '@parley/protocol';
import type { Config } from './environment.js';
import type { Db } from './db/database.js';
import { countAccounts, insertAccount } from './modules/accounts/index.js';
import { createDefaultCampaign } from './modules/campaigns/index.js';
import { createAccountManager } from './modules/users/index.js';
import { insertWebsite } from './modules/websites/index.js';

// Account bootstrap, composed at the top: an account is made of a website, a manager and a campaign, which
// live in modules of their own below the accounts module.

export type NewAccount = {
  name: string;
  timeZone?: string | undefined;
  host: string;
  manager: { email: string; password: string; firstName: string; lastName: string };
};

/** An account with its first website, first manager and a default campaign, all or nothing. */
export async function createAccount(db: Db, input: NewAccount) {
  return db.transaction().execute(async (tx) => {
    const account = await insertAccount(tx, { name: input.name, time_zone: input.timeZone ?? 'UTC' });
    const website = await insertWebsite(tx, account.id, input.host);
    const manager = await createAccountManager(tx, account.id, input.manager);
    const campaign = await createDefaultCampaign(tx, account.id);
    return { account, website, manager, campaign };
  });
}

export type Bootstrap = { email: string; password: string | null } | null;

/**
 * First start: the "Demo" account, its website (localhost) and a manager. Returns the credentials to print
 * once (the password only when it was generated), or null when accounts already exist. An advisory lock
 * keeps two instances starting together from both creating it.
 */
export async function bootstrapDemoAccount(db: Db, config: Config): Promise<Bootstrap> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(7263001)`.execute(tx);
    if ((await countAccounts(tx)) > 0) return null;
    const email = config.adminEmail ?? 'admin@example.com';
    const password = config.adminPassword ?? generatePassword();
    const account = await insertAccount(tx, { name: 'Demo' });
    await insertWebsite(tx, account.id, 'localhost');
    await createAccountManager(tx, account.id, { email, password, firstName: 'Demo', lastName: 'Manager' });
    await createDefaultCampaign(tx, account.id);
    return { email, password: config.adminPassword ? null : password };
  });
}
