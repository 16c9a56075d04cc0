import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { ConfigError, loadConfig } from '../environment.js';
import { DataDirLocked } from '../db/data-dir-lock.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

/** A command of `npm run …` that works on the database: its arguments, its work, and what its failure says. */
export interface Command<A> {
  usage: string;
  /** The options besides `--help`. */
  options: NonNullable<ParseArgsConfig['options']>;
  args: z.ZodType<A>;
  /** What it does, as "Could not {doing}: …" completes it: "create the account". */
  doing: string;
  /** Said when the embedded data directory is held by a server: what DATABASE_URL allows instead. */
  whileServersRun: string;
  /** A plainer message for an error the command knows (or undefined to say the error as it is). */
  explain?: (message: string) => string | undefined;
  /** The work, on the migrated database (closed afterwards). */
  run(database: DatabaseHandle, args: A): Promise<void>;
}

/** An argument problem as the command line says it: `--days: must be a whole number`. */
function argumentIssue(issue: z.ZodError['issues'][number]): string {
  if (issue.message.startsWith('--')) return issue.message;
  return `${issue.path.length ? `--${issue.path.join('.')}` : 'arguments'}: ${issue.message}`;
}

/**
 * Reads the arguments (`--help` prints the usage; wrong ones exit 2 with the usage), opens and migrates the
 * database of the environment, does the work and closes the database. Any failure exits 1 with one sentence:
 * a server holding the embedded data directory means nothing was written; stop it and run the command again.
 */
export async function runCommand<A>(command: Command<A>): Promise<void> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ options: { ...command.options, help: { type: 'boolean' } } }).values;
  } catch (err) {
    return wrongArguments(command, err instanceof Error ? err.message : String(err));
  }
  if (values.help) {
    console.log(command.usage);
    return;
  }
  const parsed = command.args.safeParse(values);
  if (!parsed.success) return wrongArguments(command, parsed.error.issues.map(argumentIssue).join('\n'));
  try {
    const config = loadConfig();
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await migrateToLatest(database.db);
      await command.run(database, parsed.data);
    } finally {
      await database.close();
    }
  } catch (err) {
    console.error(failure(command, err));
    process.exit(1);
  }
}

function wrongArguments(command: Command<unknown>, problem: string): void {
  console.error(`${problem}\n\n${command.usage}`);
  process.exit(2);
}

function failure(command: Command<unknown>, err: unknown): string {
  if (err instanceof ConfigError) return err.message;
  if (err instanceof DataDirLocked)
    return (
      `Could not ${command.doing}: ${err.message}. Stop the server and run the command again ` +
      `(with PostgreSQL, DATABASE_URL, ${command.whileServersRun}).`
    );
  const message = err instanceof Error ? err.message : String(err);
  return command.explain?.(message) ?? `Could not ${command.doing}: ${message}`;
}
