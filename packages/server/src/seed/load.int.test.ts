import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/harness.js';
import type { DatabaseHandle } from '../db/database.js';
import { createAccount } from '../bootstrap.js';
import { generateDays, generateSetup, type SeedOptions } from './generate.js';
import { loadSeed } from './load.js';

let database: DatabaseHandle;
let opts: SeedOptions;

beforeAll(async () => {
  database = await freshDatabase();
  const { account } = await createAccount(database.db, {
    name: 'Seeded',
    host: 'www.seeded.example',
    timeZone: 'Europe/Amsterdam',
    manager: { email: 'boss@seeded.example', password: 'boss-password-1', firstName: 'B', lastName: 'M' },
  });
  opts = {
    accountId: account.id,
    timeZone: 'Europe/Amsterdam',
    chats: 400,
    days: 10,
    lastDate: '2026-03-31',
    now: new Date('2026-03-31T12:00:00Z'),
    seed: 'int',
    passwordHash: 'not-a-real-hash',
  };
});
afterAll(() => database?.close());

describe('loading sample data', () => {
  it('writes every generated row, transcripts gap-free, in the account', async () => {
    const summary = await loadSeed(database.db, opts, undefined, database.kind);
    const setup = generateSetup(opts);
    const days = [...generateDays(opts, setup)];
    const count = async (table: string) =>
      Number(
        (
          await sql<{
            n: number;
          }>`select count(*)::int as n from ${sql.table(table)} where account_id = ${opts.accountId}`.execute(
            database.db,
          )
        ).rows[0]!.n,
      );
    expect(await count('chats')).toBe(400);
    expect(summary.rows.chats).toBe(400);
    expect(await count('chat_events')).toBe(days.reduce((n, d) => n + d.chatEvents.length, 0));
    expect(await count('page_views')).toBe(summary.rows.page_views);
    expect(await count('agent_status_periods')).toBe(summary.rows.agent_status_periods);
    expect(await count('chat_success_codes')).toBeGreaterThan(0);
    // Chats viewed (EXP-7): the Traffic export's column is not empty for sample data.
    expect(await count('chat_views')).toBe(days.reduce((n, d) => n + d.chatViews.length, 0));
    expect(summary.rows.chat_views).toBeGreaterThan(400);
    // Invite events keep their website (the exports' host).
    const noSite = await sql<{ n: number }>`
      select count(*)::int as n from invite_events
      where account_id = ${opts.accountId} and website_id is null`.execute(database.db);
    expect(noSite.rows[0]!.n).toBe(0);
    // Every transcript numbered 1..last_seq without gaps.
    const gaps = await sql<{ n: number }>`
      select count(*)::int as n from chats c
      where c.account_id = ${opts.accountId}
        and (select count(*) from chat_events e where e.chat_id = c.id) <> c.last_seq
         or exists (select 1 from chat_events e where e.chat_id = c.id and (e.seq < 1 or e.seq > c.last_seq))`.execute(
      database.db,
    );
    expect(gaps.rows[0]!.n).toBe(0);
  });

  it('refuses the same seed twice in an account without writing anything', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from chats`.execute(database.db);
    await expect(loadSeed(database.db, opts, undefined, database.kind)).rejects.toThrow(/duplicate key/);
    const after = await sql<{ n: number }>`select count(*)::int as n from chats`.execute(database.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});

const embedded = !process.env.DATABASE_URL;
describe.runIf(embedded)('npm run seed:load on an embedded data directory', () => {
  const root = fileURLToPath(new URL('../../../..', import.meta.url));
  const cli = fileURLToPath(new URL('../cli/seed-load.ts', import.meta.url));
  let dir: string;
  afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

  it('creates the account and loads it', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'parley-seed-'));
    const child = spawn(
      process.execPath,
      [
        '--conditions=@source',
        '--import',
        'tsx',
        cli,
        '--chats',
        '50',
        '--days',
        '5',
        '--account',
        'Sample Co',
      ],
      {
        cwd: root,
        env: { ...process.env, DATA_DIR: dir, DATABASE_URL: undefined, REDIS_URL: undefined },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(out).toContain('Created account "Sample Co"');
    expect(out).toMatch(/chats: 50\b/);
    expect(code).toBe(0);
  });
});
