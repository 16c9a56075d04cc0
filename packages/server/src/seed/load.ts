// Writes generated sample data fast. On PostgreSQL, COPY FROM STDIN (text format) per table and batch; on PGlite
// (whose bridge speaks no COPY), batches of a few thousand rows per statement as one JSON parameter unpacked by
// jsonb_to_recordset (one round trip and one plan per batch, no limit on bound parameters). Batches are flushed
// in foreign-key order, so every row's parents are there.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { CompiledQuery } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { poolOf, type Db } from '../db/database.js';
import { generateDays, generateSetup, type SeedDay, type SeedOptions, type SeedSetup } from './generate.js';

type Column = readonly [name: string, type: string];
const T = 'timestamptz';

/** The columns written per table, with their SQL types (the generator's row keys). */
export const SEED_TABLES = {
  users: [
    ['id', 'uuid'],
    ['account_id', 'uuid'],
    ['email', 'text'],
    ['password_hash', 'text'],
    ['first_name', 'text'],
    ['last_name', 'text'],
    ['nickname', 'text'],
    ['rights', 'text'],
    ['created_at', T],
  ],
  groups: [
    ['id', 'uuid'],
    ['account_id', 'uuid'],
    ['name', 'text'],
  ],
  group_members: [
    ['group_id', 'uuid'],
    ['user_id', 'uuid'],
    ['account_id', 'uuid'],
  ],
  websites: [
    ['id', 'uuid'],
    ['account_id', 'uuid'],
    ['host', 'text'],
  ],
  campaigns: [
    ['id', 'uuid'],
    ['account_id', 'uuid'],
    ['title', 'text'],
    ['all_websites', 'boolean'],
  ],
  campaign_websites: [
    ['campaign_id', 'uuid'],
    ['website_id', 'uuid'],
    ['account_id', 'uuid'],
  ],
  success_codes: [
    ['id', 'uuid'],
    ['account_id', 'uuid'],
    ['campaign_id', 'uuid'],
    ['name', 'text'],
    ['position', 'int'],
  ],
  visitors: [
    ['id', 'uuid'],
    ['account_id', 'uuid'],
    ['token_hash', 'text'],
    ['name', 'text'],
    ['email', 'text'],
    ['visits', 'int'],
    ['chats', 'int'],
    ['first_seen_at', T],
    ['last_seen_at', T],
  ],
  visits: [
    ['id', 'uuid'],
    ['account_id', 'uuid'],
    ['visitor_id', 'uuid'],
    ['website_id', 'uuid'],
    ['campaign_id', 'uuid'],
    ['referrer', 'text'],
    ['landing_url', 'text'],
    ['page_views', 'int'],
    ['started_at', T],
    ['last_seen_at', T],
  ],
  page_views: [
    ['account_id', 'uuid'],
    ['visit_id', 'uuid'],
    ['url', 'text'],
    ['title', 'text'],
    ['viewed_at', T],
  ],
  chats: [
    ['id', 'uuid'],
    ['account_id', 'uuid'],
    ['campaign_id', 'uuid'],
    ['website_id', 'uuid'],
    ['visitor_id', 'uuid'],
    ['visit_id', 'uuid'],
    ['status', 'text'],
    ['mode', 'text'],
    ['offline_message', 'boolean'],
    ['proactive', 'boolean'],
    ['start_url', 'text'],
    ['agent_id', 'uuid'],
    ['last_seq', 'int'],
    ['visitor_present', 'boolean'],
    ['visitor_left_at', T],
    ['started_at', T],
    ['queued_at', T],
    ['assigned_at', T],
    ['first_assigned_at', T],
    ['first_response_at', T],
    ['last_message_at', T],
    ['last_visitor_message_at', T],
    ['closed_at', T],
    ['closed_by', 'text'],
    ['closed_by_user_id', 'uuid'],
    ['duration_seconds', 'int'],
    ['first_response_seconds', 'int'],
    ['rating', 'int'],
    ['rating_comment', 'text'],
  ],
  chat_events: [
    ['chat_id', 'uuid'],
    ['seq', 'int'],
    ['account_id', 'uuid'],
    ['type', 'text'],
    ['author', 'text'],
    ['author_name', 'text'],
    ['user_id', 'uuid'],
    ['body', 'text'],
    ['data', 'jsonb'],
    ['created_at', T],
  ],
  chat_assignments: [
    ['account_id', 'uuid'],
    ['chat_id', 'uuid'],
    ['user_id', 'uuid'],
    ['reason', 'text'],
    ['assigned_at', T],
    ['ended_at', T],
    ['answered', 'boolean'],
  ],
  chat_success_codes: [
    ['chat_id', 'uuid'],
    ['code_id', 'uuid'],
    ['account_id', 'uuid'],
    ['chosen_by', 'uuid'],
    ['chosen_at', T],
  ],
  chat_views: [
    ['visit_id', 'uuid'],
    ['account_id', 'uuid'],
    ['viewed_at', T],
    ['opens', 'integer'],
  ],
  invite_events: [
    ['account_id', 'uuid'],
    ['campaign_id', 'uuid'],
    ['invite_id', 'uuid'],
    ['visitor_id', 'uuid'],
    ['visit_id', 'uuid'],
    ['website_id', 'uuid'],
    ['event', 'text'],
    ['url', 'text'],
    ['at', T],
  ],
  agent_status_periods: [
    ['account_id', 'uuid'],
    ['user_id', 'uuid'],
    ['status', 'text'],
    ['started_at', T],
    ['ended_at', T],
  ],
} as const satisfies Record<string, readonly Column[]>;
export type SeedTable = keyof typeof SEED_TABLES;

/** Where each day's rows go, in the order they are written (parents first). */
const DAY_TABLES: readonly [keyof Omit<SeedDay, 'date'>, SeedTable][] = [
  ['visitors', 'visitors'],
  ['visits', 'visits'],
  ['pageViews', 'page_views'],
  ['chatViews', 'chat_views'],
  ['chats', 'chats'],
  ['chatEvents', 'chat_events'],
  ['assignments', 'chat_assignments'],
  ['chatSuccessCodes', 'chat_success_codes'],
  ['inviteEvents', 'invite_events'],
  ['statusPeriods', 'agent_status_periods'],
];

const BATCH_ROWS = 5000;

/** One value in COPY's text format: \\N for null, backslash escapes for the characters that delimit. */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const text =
    v instanceof Date
      ? v.toISOString()
      : typeof v === 'boolean'
        ? v
          ? 't'
          : 'f'
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v);
  return text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

/** COPY of rows into one table on PostgreSQL, through one pooled connection. */
async function copyRows(db: Db, table: SeedTable, rows: readonly object[]): Promise<void> {
  const pool = poolOf(db)!;
  const columns: readonly Column[] = SEED_TABLES[table];
  const client = await pool.connect();
  try {
    const stream = client.query(copyFrom(`copy ${table} (${columns.map(([n]) => n).join(', ')}) from stdin`));
    function* lines() {
      let chunk = '';
      for (const row of rows) {
        const r = row as Record<string, unknown>;
        chunk += columns.map(([n]) => copyValue(r[n])).join('\t') + '\n';
        if (chunk.length > 1 << 16) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    }
    await pipeline(Readable.from(lines()), stream);
  } finally {
    client.release();
  }
}

/** Inserts rows of one table: COPY on PostgreSQL (`copy`), else BATCH_ROWS per statement. */
export async function insertRows(
  db: Db,
  table: SeedTable,
  rows: readonly object[],
  copy = false,
): Promise<void> {
  if (copy) return copyRows(db, table, rows);
  const columns: readonly Column[] = SEED_TABLES[table];
  const names = columns.map(([n]) => n).join(', ');
  const types = columns.map(([n, t]) => `${n} ${t}`).join(', ');
  const statement = `insert into ${table} (${names}) select ${names} from jsonb_to_recordset($1::jsonb) as x(${types})`;
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    await db.executeQuery(CompiledQuery.raw(statement, [JSON.stringify(rows.slice(i, i + BATCH_ROWS))]));
  }
}

export type SeedSummary = { setup: SeedSetup; rows: Record<SeedTable, number>; days: number };

/**
 * Generates and writes the sample data for one account. The rows of several days are buffered and written
 * together once a batch is full; `onDay` reports progress.
 */
export async function loadSeed(
  db: Db,
  opts: SeedOptions,
  onDay?: (date: string, done: number, of: number) => void,
  engine: 'postgres' | 'pglite' = 'pglite',
  /** Only these tables of each day (a benchmark that reads chats needs no page views); all when absent. */
  only?: readonly SeedTable[],
): Promise<SeedSummary> {
  const copy = engine === 'postgres';
  const wanted = (table: SeedTable) => !only || only.includes(table);
  const setup = generateSetup(opts);
  const rows = Object.fromEntries(Object.keys(SEED_TABLES).map((t) => [t, 0])) as Record<SeedTable, number>;
  const write = async (table: SeedTable, list: readonly object[]) => {
    await insertRows(db, table, list, copy);
    rows[table] += list.length;
  };
  await write('users', setup.users);
  await write('groups', setup.groups);
  await write('group_members', setup.groupMembers);
  await write('websites', setup.websites);
  await write('campaigns', setup.campaigns);
  await write('campaign_websites', setup.campaignWebsites);
  await write('success_codes', setup.successCodes);

  const buffers = new Map<SeedTable, object[]>(DAY_TABLES.map(([, t]) => [t, []]));
  let buffered = 0;
  const flush = async () => {
    for (const [, table] of DAY_TABLES) {
      const list = buffers.get(table)!;
      if (list.length) await write(table, list);
      list.length = 0;
    }
    buffered = 0;
  };
  let done = 0;
  for (const day of generateDays(opts, setup)) {
    for (const [key, table] of DAY_TABLES) {
      if (!wanted(table)) continue;
      const list = day[key] as object[];
      const buffer = buffers.get(table)!;
      for (const row of list) buffer.push(row);
      buffered += list.length;
    }
    if (buffered >= BATCH_ROWS * (copy ? 20 : 4)) await flush();
    onDay?.(day.date, ++done, opts.days);
  }
  await flush();
  return { setup, rows, days: opts.days };
}
