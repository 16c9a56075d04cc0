import { parseArgs } from 'node:util';
import { z } from 'zod';
import { generatePassword, HostName, Password } from '@parley/protocol';
import { ConfigError, loadConfig } from '../environment.js';
import { DataDirLocked } from '../db/data-dir-lock.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createAccount } from '../bootstrap.js';

const usage = `Usage: npm run account:create -- --name "Acme" --host www.acme.com --email boss@acme.com
         [--password <pw>] [--first-name Ada] [--last-name Lovelace] [--time-zone Europe/Amsterdam]
Creates an account with its first website and first manager. Without --password one is generated and printed.`;

const Args = z.object({
  name: z.string().trim().min(1, '--name is required'),
  host: HostName,
  email: z.email({ message: '--email must be an email address' }),
  password: Password.optional(),
  'first-name': z.string().trim().min(1).default('Account'),
  'last-name': z.string().trim().min(1).default('Manager'),
  'time-zone': z
    .string()
    .refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', 'unknown --time-zone')
    .default('UTC'),
});

async function run() {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      host: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      'first-name': { type: 'string' },
      'last-name': { type: 'string' },
      'time-zone': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const parsed = Args.safeParse(values);
  if (!parsed.success) {
    console.error(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('\n'),
    );
    console.error(`\n${usage}`);
    process.exit(2);
  }
  const a = parsed.data;
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    const password = a.password ?? generatePassword();
    const { account } = await createAccount(database.db, {
      name: a.name,
      timeZone: a['time-zone'],
      host: a.host,
      manager: { email: a.email, password, firstName: a['first-name'], lastName: a['last-name'] },
    });
    console.log(`Created account "${account.name}" (${account.id}) with website ${a.host}.`);
    console.log(`Manager: ${a.email}${a.password ? '' : `  password: ${password}  (shown only this once)`}`);
  } finally {
    await database.close();
  }
}

run().catch((err) => {
  if (err instanceof DataDirLocked) {
    // Nothing was written. There is no REST call that creates accounts, so the way is to stop the server.
    console.error(
      `Could not create the account: ${err.message}. Stop the server and run the command again ` +
        '(with PostgreSQL, DATABASE_URL, accounts can be created while servers run).',
    );
    process.exit(1);
  }
  console.error(
    err instanceof ConfigError
      ? err.message
      : `Could not create the account: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
});
