import { z } from 'zod';
import { generatePassword, HostName, Password } from '@parley/protocol';
import { createAccount } from '../bootstrap.js';
import { runCommand } from './run.js';

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

await runCommand({
  usage,
  options: {
    name: { type: 'string' },
    host: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    'first-name': { type: 'string' },
    'last-name': { type: 'string' },
    'time-zone': { type: 'string' },
  },
  args: Args,
  doing: 'create the account',
  // Nothing was written. There is no REST call that creates accounts, so the way is to stop the server.
  whileServersRun: 'accounts can be created while servers run',
  async run(database, a) {
    const password = a.password ?? generatePassword();
    const { account } = await createAccount(database.db, {
      name: a.name,
      timeZone: a['time-zone'],
      host: a.host,
      manager: { email: a.email, password, firstName: a['first-name'], lastName: a['last-name'] },
    });
    console.log(`Created account "${account.name}" (${account.id}) with website ${a.host}.`);
    console.log(`Manager: ${a.email}${a.password ? '' : `  password: ${password}  (shown only this once)`}`);
  },
});
