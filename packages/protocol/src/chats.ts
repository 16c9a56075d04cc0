import { z } from 'zod';
import { VisitSource } from './visitors.js';
import { Timestamp } from './common.js';
import { ChatSurvey } from './goals.js';

export const ChatStatus = { queued: 'queued', active: 'active', closed: 'closed' } as const;
export type ChatStatus = (typeof ChatStatus)[keyof typeof ChatStatus];

/** live: the visitor is there; nrt: the visitor has gone, the chat goes on asynchronously (CON-6). */
export const ChatMode = { live: 'live', nrt: 'nrt' } as const;
export type ChatMode = (typeof ChatMode)[keyof typeof ChatMode];

export const ChatAuthor = { visitor: 'visitor', agent: 'agent', system: 'system' } as const;
export type ChatAuthor = (typeof ChatAuthor)[keyof typeof ChatAuthor];

export const ClosedBy = { visitor: 'visitor', agent: 'agent', system: 'system' } as const;
export type ClosedBy = (typeof ClosedBy)[keyof typeof ClosedBy];

/** Everything in a transcript, in one numbered sequence per chat: messages and events (CON-4). */
export const ChatEventType = {
  // messages
  text: 'text',
  file: 'file',
  // events
  started: 'started',
  agentJoined: 'agent_joined',
  transferred: 'transferred',
  /** The agent went offline before answering: the chat waits for another agent. */
  requeued: 'requeued',
  visitorLeft: 'visitor_left',
  visitorReturned: 'visitor_returned',
  closed: 'closed',
  /** GOL-1: the agent chose the chat's success codes (the whole set after the change). */
  successCodes: 'success_codes',
  /** GOL-2: the visitor rated the chat, changed the rating, or added a comment (after it ended). */
  rated: 'rated',
  /** GOL-3: the visitor reached one of the campaign's goals during the chat's visit. */
  goalReached: 'goal_reached',
} as const;
export type ChatEventType = (typeof ChatEventType)[keyof typeof ChatEventType];
export const MESSAGE_TYPES: readonly ChatEventType[] = [ChatEventType.text, ChatEventType.file];

export const ChatFile = z.object({
  id: z.uuid(),
  url: z.string(),
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
});
export type ChatFile = z.infer<typeof ChatFile>;

export const ChatEvent = z.object({
  seq: z.number().int(),
  type: z.enum(ChatEventType),
  author: z.enum(ChatAuthor),
  /** The author's display name when the event was stored (agent nickname or first name; visitor name). */
  authorName: z.string(),
  userId: z.uuid().nullable(),
  text: z.string(),
  file: ChatFile.nullable(),
  /**
   * Event details: `agent_joined` {name}; `transferred` {from: {userId, name}, to: {userId, name}, reason:
   * 'transfer' | 'auto_forward', via?: 'agent' | 'group' | 'forwarding', group?}; `requeued` {from, reason};
   * `closed` {by, name?, reason?}; `started` {url}; `success_codes` {codes: [{id, name}]}; `rated` {rating 1…5,
   * scale: 'smileys' | 'thumbs', comment, sent: the visitor sent the survey}; `goal_reached` {goalId, title,
   * value: a decimal text or null}.
   */
  data: z.record(z.string(), z.unknown()),
  createdAt: Timestamp,
});
export type ChatEvent = z.infer<typeof ChatEvent>;

export const AgentCard = z.object({ name: z.string(), photoUrl: z.string().nullable() });
export type AgentCard = z.infer<typeof AgentCard>;

/** What the visitor's widget knows about one of their chats. */
export const VisitorChatView = z.object({
  id: z.uuid(),
  status: z.enum(ChatStatus),
  mode: z.enum(ChatMode),
  agent: AgentCard.nullable(),
  /** Null for an offline message (INV-2): it never has a place in the queue. */
  queuePosition: z.number().int().nullable(),
  /** Left through the offline form (INV-2): an NRT chat the agents answer later. */
  offlineMessage: z.boolean(),
  lastSeq: z.number().int(),
  startedAt: Timestamp,
  closedAt: Timestamp.nullable(),
  /** GOL-2: the survey of the ended chat and the visitor's answer; null when the chat has none to answer. */
  survey: ChatSurvey.nullable(),
});
export type VisitorChatView = z.infer<typeof VisitorChatView>;

export const VisitorSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
});
export type VisitorSummary = z.infer<typeof VisitorSummary>;

/** A chat as the agent console lists it. */
export const AgentChatSummary = z.object({
  id: z.uuid(),
  status: z.enum(ChatStatus),
  mode: z.enum(ChatMode),
  campaignId: z.uuid().nullable(),
  campaignTitle: z.string(),
  agentId: z.uuid().nullable(),
  visitor: VisitorSummary,
  visitorPresent: z.boolean(),
  startUrl: z.string(),
  lastSeq: z.number().int(),
  lastMessage: z.object({ text: z.string(), author: z.enum(ChatAuthor), at: Timestamp }).nullable(),
  startedAt: Timestamp,
  closedAt: Timestamp.nullable(),
});
export type AgentChatSummary = z.infer<typeof AgentChatSummary>;

export const PageView = z.object({
  url: z.string(),
  title: z.string(),
  at: Timestamp,
  /** TLS-6: time on the page, from its heartbeats (null: none came, e.g. the page was left at once). */
  seconds: z.number().int().nullable(),
});
export type PageView = z.infer<typeof PageView>;

/** The Details panel of the console: who the visitor is and what they did. */
export const VisitorDetails = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  data: z.record(z.string(), z.string()),
  firstSeenAt: Timestamp,
  lastSeenAt: Timestamp,
  visits: z.number().int(),
  userAgent: z.string(),
  referrer: z.string(),
  currentUrl: z.string(),
  pages: z.array(PageView),
  /** TLS-6: the latest visit: when, from where, on what (device and browser parsed on the server). */
  visit: z
    .object({
      startedAt: Timestamp,
      lastSeenAt: Timestamp,
      utm: z.record(z.string(), z.string()),
      source: VisitSource,
      browser: z.string(),
      os: z.string(),
      device: z.string(),
      country: z.string(),
    })
    .nullable(),
});
export type VisitorDetails = z.infer<typeof VisitorDetails>;

// ChatDetail (the console's Details panel and the Chats section's chat page) is in chat-list.ts.

export { MESSAGE_MAX_LENGTH, ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from './constants.js';
