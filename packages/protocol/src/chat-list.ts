// The chat list and a chat's record in the Chats section (CHT-1…3): `GET /api/chats`, `GET /api/chats/:id`,
// `GET /api/chats/filter-options`.
import { z } from 'zod';
import { ChatFilterFields, ChatType } from './chat-reports.js';
import { AgentChatSummary, ChatEvent, ChatStatus, ClosedBy, VisitorDetails } from './chats.js';
import { Id, Timestamp } from './common.js';
import { SurveyScale } from './constants.js';
import { withPeriodChecks } from './period.js';

export const ChatListSort = { desc: 'desc', asc: 'asc' } as const;
export type ChatListSort = (typeof ChatListSort)[keyof typeof ChatListSort];

export const CHAT_LIST_PAGE_MAX = 100;

/** `GET /api/chats`: CHT-1's filters, newest (desc, the default) or oldest first, one page after `cursor`. */
export const ChatListQuery = withPeriodChecks(
  ChatFilterFields.extend({
    sort: z.enum(ChatListSort).default('desc'),
    limit: z.coerce.number().int().min(1).max(CHAT_LIST_PAGE_MAX).default(50),
    cursor: z.string().max(200).optional(),
  }),
);
export type ChatListQuery = z.input<typeof ChatListQuery>;

export const NamedRef = z.object({ id: z.uuid(), name: z.string() });
export type NamedRef = z.infer<typeof NamedRef>;

/** One row of the chat list (CHT-2's columns and what a row needs to be understood). */
export const ChatListItem = z.object({
  id: z.uuid(),
  startedAt: Timestamp,
  type: z.enum(ChatType),
  status: z.enum(ChatStatus),
  startUrl: z.string(),
  /** The agent who has (or last had) the chat; null when no agent was ever given it. */
  agent: NamedRef.nullable(),
  /** How many other agents were given the chat (transfers, forwards). */
  otherAgents: z.number().int(),
  campaign: NamedRef.nullable(),
  visitorName: z.string(),
  rating: z.number().int().nullable(),
  /** GOL-2: how the visitor rated (a thumbs rating is 1 or 5); null when not rated. */
  ratingScale: z.enum(SurveyScale).nullable(),
  /** Start to close, in seconds; null while the chat is open. */
  durationSeconds: z.number().int().nullable(),
});
export type ChatListItem = z.infer<typeof ChatListItem>;

export const ChatListPage = z.object({
  items: z.array(ChatListItem),
  nextCursor: z.string().nullable(),
  /** How many chats match the filters (all pages). */
  total: z.number().int(),
  /** Whether any chat of the account was ever rated: the Rating column is shown only then (CHT-2). */
  ratings: z.boolean(),
  /** The account's time zone, in which `from` and `to` were read. */
  timeZone: z.string(),
});
export type ChatListPage = z.infer<typeof ChatListPage>;

/** What the filter dropdowns offer: the account's agents (deleted ones marked), campaigns and success codes. */
export const ChatFilterOptions = z.object({
  agents: z.array(NamedRef.extend({ deleted: z.boolean() })),
  campaigns: z.array(NamedRef),
  successCodes: z.array(NamedRef.extend({ campaignId: z.uuid(), campaignName: z.string() })),
});
export type ChatFilterOptions = z.infer<typeof ChatFilterOptions>;

export const AssignmentReason = {
  routed: 'routed',
  transferred: 'transferred',
  forwarded: 'forwarded',
  requeued: 'requeued',
} as const;
export type AssignmentReason = (typeof AssignmentReason)[keyof typeof AssignmentReason];

/** One time an agent was given the chat, in order. */
export const ChatAssignment = z.object({
  agent: NamedRef,
  reason: z.enum(AssignmentReason),
  assignedAt: Timestamp,
  endedAt: Timestamp.nullable(),
  /** Whether the agent wrote in the chat while it was theirs. */
  answered: z.boolean(),
});
export type ChatAssignment = z.infer<typeof ChatAssignment>;

/** CHT-3's information about a chat (its visitor and transcript are beside it in ChatDetail). */
export const ChatRecord = z.object({
  type: z.enum(ChatType),
  status: z.enum(ChatStatus),
  proactive: z.boolean(),
  campaign: NamedRef.nullable(),
  website: NamedRef.nullable(),
  startUrl: z.string(),
  assignments: z.array(ChatAssignment),
  startedAt: Timestamp,
  assignedAt: Timestamp.nullable(),
  firstResponseAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  durationSeconds: z.number().int().nullable(),
  firstResponseSeconds: z.number().int().nullable(),
  closedBy: z.object({ by: z.enum(ClosedBy), agent: NamedRef.nullable() }).nullable(),
  successCodes: z.array(NamedRef),
  rating: z.number().int().nullable(),
  ratingScale: z.enum(SurveyScale).nullable(),
  ratingComment: z.string().nullable(),
});
export type ChatRecord = z.infer<typeof ChatRecord>;

export const ChatIdParams = z.object({ id: Id });

/** `GET /api/chats/:id`: the console's Details panel and the Chats section's chat page. */
export const ChatDetail = z.object({
  chat: AgentChatSummary,
  visitor: VisitorDetails,
  events: z.array(ChatEvent),
  /** CHT-3: type, campaign, website, the agents in order, times, who closed it, codes, rating. */
  record: ChatRecord,
});
export type ChatDetail = z.infer<typeof ChatDetail>;
