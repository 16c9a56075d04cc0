import { sql } from 'kysely';
import { z } from 'zod';
import { generatePassword, localDateOf } from '@parley/protocol';
import { createAccount } from '../bootstrap.js';
import { hashPassword } from '../modules/identity/index.js';
import { loadSeed } from '../seed/load.js';
import { runCommand } from './run.js';

const usage = `Usage: npm run seed:load -- --chats 100000 [--account "Demo"] [--days 365] [--seed 1]
Fills an account with sample data: agents and groups, campaigns and websites, visitors, visits and page views,
chats with messages (transfers, closes, NRT chats, offline messages), availability, invitations, success codes
and ratings, spread over the last --days days (ending now, in the account's time zone). The account is created
when no account has that name. The same --seed gives the same data; load into one account with another --seed
to add more. Works on the embedded database while the server is stopped, and on DATABASE_URL at any time.`;

const Args = z.object({
  chats: z
    .string({ error: '--chats is required' })
    .pipe(
      z.coerce
        .number<string>({ error: '--chats must be a number' })
        .int('--chats must be a whole number')
        .min(0)
        .max(50_000_000),
    ),
  account: z.string().trim().min(1).max(200).default('Demo'),
  days: z.coerce
    .number({ error: '--days must be a number' })
    .int('--days must be a whole number')
    .min(1)
    .max(3650)
    .default(365),
  seed: z.string().trim().min(1).max(100).default('1'),
});

await runCommand({
  usage,
  options: {
    chats: { type: 'string' },
    account: { type: 'string' },
    days: { type: 'string' },
    seed: { type: 'string' },
  },
  args: Args,
  doing: 'load sample data',
  whileServersRun: 'sample data can be loaded while servers run',
  explain: (message) =>
    /duplicate key/.test(message)
      ? 'Could not load sample data: this --seed was already loaded into the account; choose another --seed.'
      : undefined,
  async run(database, a) {
    const db = database.db;
    let account = await db
      .selectFrom('accounts')
      .select(['id', 'name', 'time_zone'])
      .where('name', '=', a.account)
      .orderBy('created_at')
      .executeTakeFirst();
    if (!account) {
      const slug =
        a.account
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'sample';
      const password = generatePassword();
      const created = await createAccount(db, {
        name: a.account,
        host: `www.${slug}.example`,
        manager: { email: `manager@${slug}.example`, password, firstName: 'Sample', lastName: 'Manager' },
      });
      account = { id: created.account.id, name: created.account.name, time_zone: created.account.time_zone };
      console.log(`Created account "${a.account}"; manager manager@${slug}.example  password: ${password}`);
    }
    const password = generatePassword();
    const now = new Date();
    const started = Date.now();
    let lastReport = 0;
    const summary = await loadSeed(
      db,
      {
        accountId: account.id,
        timeZone: account.time_zone,
        chats: a.chats,
        days: a.days,
        lastDate: localDateOf(now, account.time_zone),
        now,
        seed: a.seed,
        passwordHash: await hashPassword(password),
      },
      (date, done, of) => {
        if (Date.now() - lastReport > 5000 || done === of) {
          lastReport = Date.now();
          console.log(`  ${date}: ${done}/${of} days (${Math.round((Date.now() - started) / 1000)} s)`);
        }
      },
      database.kind,
    );
    await sql`analyze`.execute(db); // the planner's statistics for the new rows
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`Loaded into "${account.name}" in ${secs} s:`);
    for (const [table, n] of Object.entries(summary.rows)) if (n) console.log(`  ${table}: ${n}`);
    console.log(
      `Sample users (${summary.setup.users.length}) share the password ${password} (shown only this once); ` +
        `the manager is ${summary.setup.manager.email}.`,
    );
  },
});
