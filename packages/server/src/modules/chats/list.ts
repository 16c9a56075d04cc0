// The Chats section (CHT-1…3): the filtered, paginated list of an account's chats, the filter dropdowns'
// options, and a chat's record for its page. Managers only (AUTH-3: agent-only users use the console alone).
import {
  periodRange,
  type ChatFilterOptions,
  type ChatListItem,
  type ChatListPage,
  type ChatListQuery,
  type ChatRecord,
  type ClosedBy,
} from '@parley/protocol';
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import type { ChatRow } from '../../db/schema.js';
import { accountTimeZone } from '../accounts/index.js';
import { assertManager, type Actor } from '../identity/index.js';
import { visitorName } from '../visitors/index.js';
import { chatTypeOf, decodeListCursor, encodeListCursor } from './list-rules.js';
import * as repo from './list-repo.js';

type Query = z.output<typeof ChatListQuery>;

const iso = (d: Date | string) => new Date(d).toISOString();
const fullName = (u: { first_name: string; last_name: string }) => `${u.first_name} ${u.last_name}`.trim();

/** A rating without its scale (loaded sample data) is on the five-point scale. */
const scaleOf = (r: Pick<ChatRow, 'rating' | 'rating_scale'>) =>
  r.rating === null ? null : (r.rating_scale ?? 'smileys');

function toItem(r: repo.ListRow): ChatListItem {
  return {
    id: r.id,
    startedAt: iso(r.started_at),
    type: chatTypeOf(r),
    status: r.status,
    startUrl: r.start_url,
    agent: r.agent_id ? { id: r.agent_id, name: r.agent_name ?? '' } : null,
    otherAgents: Number(r.other_agents),
    campaign: r.campaign_id ? { id: r.campaign_id, name: r.campaign_title ?? '' } : null,
    visitorName: visitorName({ id: r.visitor_id, name: r.visitor_name }),
    rating: r.rating,
    ratingScale: scaleOf(r),
    durationSeconds: r.status === 'closed' ? r.duration_seconds : null,
  };
}

/**
 * `GET /api/chats`: the period is read as calendar dates in the account's time zone; ids of another account in
 * the filters match nothing (the account is part of every condition). Keyset pagination on (started_at, id):
 * a chat that starts while someone pages through does not shift the pages, and none is listed twice.
 */
export async function listChats(db: Db, actor: Actor, q: Query): Promise<ChatListPage> {
  assertManager(actor);
  const cursor = q.cursor ? decodeListCursor(q.cursor) : undefined;
  const timeZone = await accountTimeZone(db, actor.accountId);
  const { start, end } = periodRange(q, timeZone);
  const filter: repo.ListFilter = { ...q, start, end };
  const rows = await repo.listChats(db, actor.accountId, filter, { sort: q.sort, limit: q.limit, cursor });
  const more = rows.length > q.limit;
  const pageRows = more ? rows.slice(0, q.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(toItem),
    nextCursor: more && last ? encodeListCursor({ startedAt: last.k_started, id: last.id }) : null,
    total: await repo.countChats(db, actor.accountId, filter),
    ratings: await repo.accountHasRatings(db, actor.accountId),
    timeZone,
  };
}

export async function chatFilterOptions(db: Db, actor: Actor): Promise<ChatFilterOptions> {
  assertManager(actor);
  const [agents, campaigns, codes] = await Promise.all([
    repo.agentOptions(db, actor.accountId),
    repo.campaignOptions(db, actor.accountId),
    repo.successCodeOptions(db, actor.accountId),
  ]);
  return {
    agents: agents.map((u) => ({ id: u.id, name: fullName(u), deleted: u.deleted_at !== null })),
    campaigns: campaigns.map((c) => ({ id: c.id, name: c.title })),
    successCodes: codes.map((s) => ({
      id: s.id,
      name: s.name,
      campaignId: s.campaign_id,
      campaignName: s.campaign_title,
    })),
  };
}

/** CHT-3's information about one chat (the caller has checked the actor may read it). */
export async function chatRecord(db: Db, chat: ChatRow): Promise<ChatRecord> {
  const { assignments, codes, names } = await repo.recordExtras(db, chat.account_id, chat.id);
  return {
    type: chatTypeOf(chat),
    status: chat.status,
    proactive: chat.proactive,
    campaign: chat.campaign_id ? { id: chat.campaign_id, name: names?.campaign_title ?? '' } : null,
    website: chat.website_id ? { id: chat.website_id, name: names?.website_host ?? '' } : null,
    startUrl: chat.start_url,
    assignments: assignments.map((a) => ({
      agent: { id: a.user_id, name: fullName(a) },
      reason: a.reason,
      assignedAt: iso(a.assigned_at),
      endedAt: a.ended_at ? iso(a.ended_at) : null,
      answered: a.answered,
    })),
    startedAt: iso(chat.started_at),
    assignedAt: chat.assigned_at ? iso(chat.assigned_at) : null,
    firstResponseAt: chat.first_response_at ? iso(chat.first_response_at) : null,
    closedAt: chat.closed_at ? iso(chat.closed_at) : null,
    durationSeconds: chat.status === 'closed' ? chat.duration_seconds : null,
    firstResponseSeconds: chat.first_response_seconds,
    closedBy: chat.closed_by
      ? {
          by: chat.closed_by as ClosedBy,
          agent: chat.closed_by_user_id
            ? { id: chat.closed_by_user_id, name: names?.closer_name ?? '' }
            : null,
        }
      : null,
    successCodes: codes.map((c) => ({ id: c.id, name: c.name })),
    rating: chat.rating,
    ratingScale: scaleOf(chat),
    ratingComment: chat.rating_comment,
  };
}
