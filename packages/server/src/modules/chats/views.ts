import type {
  AgentCard,
  AgentChatSummary,
  ChatDetail,
  ChatEvent,
  VisitorChatView,
  VisitorDetails,
} from '@parley/protocol';
import type { Db } from '../../db/database.js';
import type { ChatRow, VisitorRow } from '../../db/schema.js';
import type { Actor } from '../identity/index.js';
import { visitorDetails, visitorName } from '../visitors/index.js';
import { chatForAgentRead, chatNotFound } from './access.js';
import { toAgentChatSummary, toChatEvent, toVisitorChatView } from './dto.js';
import { chatRecord } from './list.js';
import { campaignTools, findCampaignRow } from '../campaigns/index.js';
import { surveyOf } from './survey.js';
import * as repo from './repo.js';

/** How an agent appears to visitors: nickname, else first name. */
export function agentDisplayName(u: { first_name: string; nickname: string }): string {
  return u.nickname || u.first_name;
}

/** The display name of an agent (socket sessions know it; otherwise it is looked up). */
export async function agentName(db: Db, userId: string): Promise<string> {
  return agentDisplayName(await repo.agentProfile(db, userId));
}

/** The agent as the visitor sees them: display name, and the photo only if the agent shows it. */
async function agentCard(db: Db, agentId: string | null): Promise<AgentCard | null> {
  const u = agentId ? await repo.findAgentProfile(db, agentId) : undefined;
  if (!u) return null;
  return {
    name: agentDisplayName(u),
    photoUrl: u.show_photo && u.photo_file_id ? `/files/${u.photo_file_id}` : null,
  };
}

export async function visitorChatView(db: Db, chat: ChatRow): Promise<VisitorChatView> {
  // GOL-2: an ended chat may have a survey (its campaign's setting now).
  const campaign =
    chat.status === 'closed' && chat.campaign_id
      ? await findCampaignRow(db, chat.account_id, chat.campaign_id)
      : undefined;
  return toVisitorChatView(
    chat,
    await agentCard(db, chat.agent_id),
    await repo.queuePosition(db, chat),
    surveyOf(chat, campaign, new Date()),
  );
}

/**
 * A transcript event as the visitor's socket carries it: the success codes an agent chose are the company's own
 * business (GOL-1), so the visitor gets the event (its seq keeps the transcript whole) without them.
 */
export function visitorEventView(e: ChatEvent): ChatEvent {
  return e.type === 'success_codes' ? { ...e, data: {} } : e;
}

/** Every waiting chat of an account with its place in the queue, in one query. */
export async function queuedViews(db: Db, accountId: string): Promise<VisitorChatView[]> {
  return (await repo.queuedWithPositions(db, accountId)).map((r) =>
    toVisitorChatView(r, null, Number(r.position)),
  );
}

export async function visitorChatViews(db: Db, visitor: VisitorRow): Promise<VisitorChatView[]> {
  const chats = await repo.chatsForVisitor(db, visitor.id);
  return Promise.all(chats.map((c) => visitorChatView(db, c)));
}

export async function agentChatSummary(db: Db, chatId: string): Promise<AgentChatSummary | undefined> {
  const row = await repo.summaryOf(db, chatId);
  return row && toAgentChatSummary(row, visitorName({ id: row.visitor_id, name: row.visitor_name }));
}

export async function agentOpenChats(db: Db, actor: Actor): Promise<AgentChatSummary[]> {
  const rows = await repo.openSummariesOfAgent(db, actor.accountId, actor.userId);
  return rows.map((r) => toAgentChatSummary(r, visitorName({ id: r.visitor_id, name: r.visitor_name })));
}

export async function eventsAfter(db: Db, chatId: string, afterSeq: number): Promise<ChatEvent[]> {
  return (await repo.eventsAfter(db, chatId, afterSeq)).map(toChatEvent);
}

/** The whole transcript, however long (read a thousand events at a time). */
async function allEvents(db: Db, chatId: string): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  for (;;) {
    const batch = await repo.eventsAfter(db, chatId, events.at(-1)?.seq ?? 0);
    events.push(...batch.map(toChatEvent));
    if (batch.length < 1000) return events;
  }
}

/**
 * TLS-7: an agent's view of the visitor while the chat's campaign has Visitor Info off — who they are (name,
 * email) and when they were seen, without what they did: no pages (click path), current page, referrer, source,
 * device, browser, country or the site's data.
 */
export function withoutVisitorInfo(v: VisitorDetails): VisitorDetails {
  return { ...v, data: {}, userAgent: '', referrer: '', currentUrl: '', pages: [], visit: null };
}

/**
 * A chat with its visitor and transcript: the console's Details panel (its agent) and the Chats section's chat
 * page. An agent gets the visitor's information only while the campaign has Visitor Info on; a manager always
 * does (the Visitors view shows it to them anyway). docs/tools.md.
 */
export async function chatDetail(db: Db, actor: Actor, chatId: string): Promise<ChatDetail> {
  const chat = await chatForAgentRead(db, actor, chatId);
  const summary = await agentChatSummary(db, chat.id);
  const details = await visitorDetails(db, actor.accountId, chat.visitor_id);
  if (!summary || !details) throw chatNotFound();
  const hidden =
    actor.rights !== 'manager' && !(await campaignTools(db, actor.accountId, chat.campaign_id)).visitorInfo;
  return {
    chat: summary,
    visitor: hidden ? withoutVisitorInfo(details) : details,
    events: await allEvents(db, chat.id),
    record: await chatRecord(db, chat),
  };
}
