// The eight reports (EXP-1…8): each is its columns and one statement of repo.ts, read whole (a handful of rows
// per agent or per day) or batch after batch (batches.ts). docs/exports.md explains every column.
import type { ExportReport } from '@parley/protocol';
import type { Db } from '../../db/database.js';
import { keyset } from './batches.js';
import type { Cell } from './csv.js';
import { hourSlots, type HourSlot } from './hours.js';
import * as repo from './repo.js';
import type { ReportScope } from './repo.js';

export type { ReportScope } from './repo.js';

/** A column: its header and its cell of a row; a date column's header names the time zone of its values. */
type Column<R> = { name: string; zoned?: true; cell(row: R, s: ReportScope): Cell };

export type ReportSpec = {
  header(timeZone: string): string[];
  /** The rows' cells; `batchSize` sets the rows per statement of a batched report (tests try small ones). */
  rows(db: Db, scope: ReportScope, batchSize?: number): AsyncIterable<Cell[]>;
};

function report<R>(
  columns: Column<R>[],
  read: (db: Db, s: ReportScope, batchSize?: number) => AsyncIterable<R> | Promise<R[]>,
): ReportSpec {
  return {
    header: (tz) => columns.map((c) => (c.zoned ? `${c.name} (${tz})` : c.name)),
    async *rows(db, s, batchSize) {
      for await (const r of await read(db, s, batchSize)) yield columns.map((c) => c.cell(r, s));
    },
  };
}

/** A column of a row's field. */
const field = <R>(name: string, key: keyof R): Column<R> => ({ name, cell: (r) => r[key] as Cell });
/** A column of a local time (its header names the time zone). */
const zoned = <R>(name: string, key: keyof R): Column<R> => ({ ...field<R>(name, key), zoned: true });
const computed = <R>(name: string, cell: Column<R>['cell']): Column<R> => ({ name, cell });
const account = <R>(name: string): Column<R> => computed(name, (_r, s) => s.accountId);

/** Reads a keyset statement of repo.ts batch after batch. */
const batched =
  <R>(next: (db: Db, s: ReportScope, after: R | undefined, limit: number) => Promise<R[]>) =>
  (db: Db, s: ReportScope, batchSize?: number) =>
    keyset<R>((after, limit) => next(db, s, after, limit), batchSize);

// ------------------------------------------------------------------------------------------- EXP-1 activity

const agentActivity = report<repo.ActivityRow>(
  [
    account('account_id'),
    field('agent_id', 'user_id'),
    field('agent', 'agent'),
    field('agent_deleted', 'deleted'),
    computed('campaigns', (r) => r.campaigns ?? ''),
    field('state', 'status'),
    zoned('start', 'start'),
    zoned('end', 'end'),
    field('duration_seconds', 'duration'),
  ],
  batched(repo.activity),
);

// ---------------------------------------------------------------------------------------- EXP-2 performance

/** Seconds of the period observed so far (its part up to now). */
const observed = (s: ReportScope) =>
  Math.max(0, Math.round((Math.min(s.now.getTime(), s.end.getTime()) - s.start.getTime()) / 1000));

const agentPerformance = report<repo.PerformanceRow>(
  [
    field('agent_id', 'id'),
    field('agent', 'agent'),
    field('email', 'email'),
    field('agent_deleted', 'deleted'),
    field('chats', 'chats'),
    field('closed_chats', 'closed'),
    computed('total_duration_seconds', (r) => r.total_duration ?? 0),
    field('average_duration_seconds', 'average_duration'),
    field('answered_chats', 'answered'),
    field('average_first_response_seconds', 'average_first_response'),
    computed('online_seconds', (r) => r.available ?? 0),
    computed('away_seconds', (r) => r.away ?? 0),
    computed('offline_seconds', (r, s) => Math.max(0, observed(s) - (r.available ?? 0) - (r.away ?? 0))),
    field('breaks', 'breaks'),
    field('ignored_chats', 'ignored'),
    field('abandoned_chats', 'abandoned'),
    field('rated_chats', 'rated'),
    field('average_rating', 'average_rating'),
  ],
  repo.performance,
);

// --------------------------------------------------------------------------------------------- EXP-3 agents

const agents = report<repo.AgentRow>(
  [
    field('agent_id', 'id'),
    field('username', 'nickname'),
    field('first_name', 'first_name'),
    field('last_name', 'last_name'),
    field('email', 'email'),
    field('rights', 'rights'),
    account('account_id'),
    zoned('created', 'created'),
    computed('deleted', (r) => r.deleted_at !== null),
    zoned('deleted_at', 'deleted_at'),
  ],
  batched(repo.agents),
);

// -------------------------------------------------------------------------------------- EXP-4 conversations

const conversations = report<repo.ConversationRow>(
  [
    field('chat_id', 'id'),
    zoned('start', 'start'),
    zoned('end', 'end'),
    field('type', 'type'),
    field('status', 'status'),
    field('proactive', 'proactive'),
    field('campaign', 'campaign'),
    field('host', 'host'),
    field('start_url', 'start_url'),
    field('agent_id', 'agent_id'),
    field('agent', 'agent'),
    field('agents', 'agents'),
    field('transfers', 'transfers'),
    field('wait_seconds', 'wait'),
    field('first_response_seconds', 'first_response_seconds'),
    field('duration_seconds', 'duration_seconds'),
    field('visitor_messages', 'visitor_messages'),
    field('agent_messages', 'agent_messages'),
    field('closed_by', 'closed_by'),
    field('rating', 'rating'),
    field('success_codes', 'codes'),
    field('goals', 'goals'),
    field('goal_value', 'goal_value'),
    field('visitor_id', 'visitor_id'),
    field('visitor_left', 'visitor_left'),
    field('visit_page_views', 'page_views'),
    field('visitor_visits', 'visits'),
    field('visitor_chats', 'visitor_chats'),
  ],
  batched(repo.conversations),
);

// ---------------------------------------------------------------------------------- EXP-5 automatic invites

const automaticInvites = report<repo.InviteEventRow>(
  [
    field('invite_event_id', 'id'),
    zoned('at', 'at'),
    field('event', 'event'),
    field('campaign', 'campaign'),
    field('invite_id', 'invite_id'),
    field('host', 'host'),
    field('url', 'url'),
    field('visitor_id', 'visitor_id'),
    field('visit_id', 'visit_id'),
    field('agent', 'agent'),
  ],
  batched(repo.inviteEvents),
);

// ---------------------------------------------------------------------------------------------- EXP-6 hosts

const hosts = report<repo.HostRow>(
  [
    field('website_id', 'id'),
    field('host', 'host'),
    zoned('added', 'added'),
    field('campaigns', 'campaigns'),
    field('in_other_accounts', 'shared'),
  ],
  batched(repo.hosts),
);

// -------------------------------------------------------------------------------------------- EXP-7 traffic

const traffic = report<repo.TrafficRow>(
  [
    zoned('date', 'day'),
    field('host', 'host'),
    field('visits', 'visits'),
    field('visitors', 'visitors'),
    field('page_views', 'page_views'),
    field('chats_viewed', 'viewed'),
    field('chats', 'chats'),
    field('proactive_chats', 'proactive'),
    field('invites_shown', 'shown'),
    field('invites_accepted', 'accepted'),
    field('invites_declined', 'declined'),
    field('invites_not_shown_unavailable', 'not_shown'),
  ],
  repo.traffic,
);

// ---------------------------------------------------------------------------------------------- EXP-8 slots

type Slot = repo.SlotRow & { n: number; slot: HourSlot; load: number; capacity: number | null };
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The hours of the period, a day's worth (24) per statement. */
function slotRows(db: Db, s: ReportScope): AsyncIterable<Slot> {
  const hours = hourSlots(s.start, s.end, s.timeZone);
  return keyset<Slot>(async (after, limit) => {
    const from = after ? after.n + 1 : 0;
    const part = hours.slice(from, from + limit);
    if (part.length === 0) return [];
    const rows = await repo.slots(
      db,
      s,
      part.map((h) => h.start),
    );
    return rows.map((r) => ({
      ...r,
      n: from + r.i,
      slot: part[r.i]!,
      load: (r.handled ?? 0) / 3600,
      capacity: r.unlimited ? null : (r.capacity ?? 0) / 3600,
    }));
  }, 24);
}

const slots = report<Slot>(
  [
    { name: 'date', zoned: true, cell: (r) => r.slot.date },
    { name: 'hour_start', zoned: true, cell: (r) => r.slot.label },
    computed('utc_offset', (r) => r.slot.offset),
    field('incoming_chats', 'incoming'),
    field('answered_chats', 'answered'),
    field('active_agents', 'agents'),
    computed('available_agent_seconds', (r) => Math.round(r.available ?? 0)),
    computed('capacity_chats', (r) => (r.capacity === null ? null : round2(r.capacity))),
    computed('load_chats', (r) => round2(r.load)),
    computed('utilisation_percent', (r) => (r.capacity ? Math.round((r.load / r.capacity) * 100) : null)),
  ],
  slotRows,
);

export const REPORTS: Record<ExportReport, ReportSpec> = {
  'agent-activity': agentActivity,
  'agent-performance': agentPerformance,
  agents,
  conversations,
  'automatic-invites': automaticInvites,
  hosts,
  traffic,
  slots,
};
