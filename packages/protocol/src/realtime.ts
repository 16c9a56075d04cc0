import { z } from 'zod';
import { AgentChatSummary, ChatEvent, VisitorChatView } from './chats.js';
import { LiveVisitor } from './visitors.js';
import {
  COBROWSE_PART_MAX,
  MESSAGE_MAX_LENGTH,
  OFFLINE_EMAIL_MAX,
  OFFLINE_NAME_MAX,
  SURVEY_COMMENT_MAX,
} from './constants.js';
import { SUCCESS_CODES_MAX } from './goals.js';

/**
 * The realtime protocol (DESIGN.md): JSON frames `{ type, … }` over WebSockets at /ws/visitor and /ws/agent.
 * Every message a client sends carries a client id (`cid`, a UUID) so a resend is harmless; the server stores
 * it, numbers it with the chat's next `seq`, acknowledges `{ type: 'ack', cid, chatId, seq }` and fans it out.
 * A client that reconnects says, per chat, the last `seq` it has, and receives everything after it.
 */

export {
  COBROWSE_BATCH_EVENTS_MAX,
  COBROWSE_BATCH_MAX,
  COBROWSE_PART_MAX,
  COBROWSE_PRIVATE_SELECTOR,
  cobrowseParts,
  SOCKET_MAX_PAYLOAD,
  TYPING_THROTTLE_MS,
  offlineFormErrors,
  OFFLINE_EMAIL_MAX,
  OFFLINE_NAME_MAX,
  type OfflineErrors,
  type OfflineFieldError,
  type OfflineForm,
} from './constants.js';

const Cid = z.uuid({ message: 'cid must be a UUID' });
const ChatId = z.uuid({ message: 'chatId must be a UUID' });
/** Seqs are PostgreSQL `integer`s: a larger number would fail the query instead of finding nothing. */
const Seq = z.number().int().min(0).max(2_147_483_647);
const Text = z
  .string()
  .max(MESSAGE_MAX_LENGTH, `A message has at most ${MESSAGE_MAX_LENGTH} characters`)
  .refine((t) => t.trim().length > 0, 'A message cannot be empty');
const Resume = z.array(z.object({ chatId: ChatId, afterSeq: Seq })).max(100);

export const PageInfo = z.object({
  url: z.string().max(2000),
  title: z.string().max(500).default(''),
  referrer: z.string().max(2000).default(''),
});
export type PageInfo = z.infer<typeof PageInfo>;

// ---- visitor → server
export const VisitorClientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    /** The visitor's token from an earlier welcome; absent for a new visitor. */
    token: z.string().max(100).nullish(),
    page: PageInfo.optional(),
    chats: Resume.default([]),
  }),
  z.object({
    type: z.literal('chat.start'),
    cid: Cid,
    text: Text.optional(),
    /**
     * INV-3/INV-4: the greeting the chat starts from. An enabled greeting of the site's campaign makes the chat
     * proactive; any other id is ignored (the chat is simply not proactive).
     */
    inviteId: z.uuid().optional(),
  }),
  z.object({ type: z.literal('message.send'), chatId: ChatId, cid: Cid, text: Text }),
  /** Typing: `text` is the unsent text (sneak preview); empty means the visitor stopped typing. */
  z.object({ type: z.literal('typing'), chatId: ChatId, text: z.string().max(MESSAGE_MAX_LENGTH) }),
  z.object({ type: z.literal('chat.close'), chatId: ChatId }),
  z.object({ type: z.literal('read'), chatId: ChatId, seq: Seq }),
  z.object({ type: z.literal('sync'), chatId: ChatId, afterSeq: Seq }),
  z.object({ type: z.literal('page'), page: PageInfo }),
  /** The visitor opened the chat window (EXP-7 "chats viewed"); restoring it open on a new page is not one. */
  z.object({ type: z.literal('window.opened') }),
  /**
   * INV-2: the offline form, sent when nobody can take a chat. Becomes an NRT chat (an offline message); acked
   * like `chat.start`. Checked with `offlineFormErrors` too: a refusal names the fields and changes nothing.
   */
  z.object({
    type: z.literal('offline.send'),
    cid: Cid,
    name: z.string().max(OFFLINE_NAME_MAX * 2),
    email: z.string().max(OFFLINE_EMAIL_MAX * 2),
    message: z.string().max(MESSAGE_MAX_LENGTH * 2),
  }),
  /**
   * GOL-2: the survey of an ended chat: the rating (1…5; thumbs 1 or 5), the comment, and `sent` when the visitor
   * sends the survey (it closes then). Sent again to change the answer while the survey is open; acked with the
   * seq of the `rated` event (or the chat's last seq when nothing changed).
   */
  z.object({
    type: z.literal('survey.answer'),
    chatId: ChatId,
    cid: Cid,
    rating: z.number().int().min(1, 'A rating is 1 to 5').max(5, 'A rating is 1 to 5'),
    comment: z
      .string()
      .max(SURVEY_COMMENT_MAX, `A comment has at most ${SURVEY_COMMENT_MAX} characters`)
      .default(''),
    sent: z.boolean().default(false),
  }),
  z.object({
    type: z.literal('visitor.update'),
    name: z.string().trim().max(100).optional(),
    email: z.string().trim().max(320).optional(),
    data: z.record(z.string().max(100), z.string().max(1000)).optional(),
  }),
  /**
   * TLS-5: the visitor turned screen sharing on for this chat (refused unless the chat is open and its campaign's
   * Cobrowsing tool is on); answered `cobrowse.state`. Nothing of it is stored.
   */
  z.object({ type: z.literal('cobrowse.start'), chatId: ChatId }),
  z.object({ type: z.literal('cobrowse.stop'), chatId: ChatId }),
  /**
   * TLS-5: recorded events (rrweb), relayed to the chat's agent and never stored: `data` is the JSON text of an
   * array of events, or a part of it (`more: true` on every part but the last; `cobrowseParts`). Only after
   * `cobrowse.start`, and rate-limited (bytes and frames per second).
   */
  z.object({
    type: z.literal('cobrowse.events'),
    chatId: ChatId,
    data: z
      .string()
      .min(1, 'Recorded events cannot be empty')
      .max(COBROWSE_PART_MAX, `A part of recorded events has at most ${COBROWSE_PART_MAX} characters`),
    more: z.boolean().optional(),
  }),
]);
export type VisitorClientFrame = z.input<typeof VisitorClientFrame>;

// ---- agent → server
export const AgentStatus = { available: 'available', away: 'away', offline: 'offline' } as const;
export type AgentStatus = (typeof AgentStatus)[keyof typeof AgentStatus];

export const AgentClientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), chats: Resume.default([]) }),
  z.object({ type: z.literal('presence.set'), status: z.enum(['available', 'away']) }),
  z.object({ type: z.literal('message.send'), chatId: ChatId, cid: Cid, text: Text }),
  z.object({ type: z.literal('typing'), chatId: ChatId, typing: z.boolean() }),
  /**
   * GOL-1: `codeIds`, when given, become the chat's success codes in the same step (the close dialog's choice);
   * a campaign that forces a code refuses a close that leaves the chat without one (`success_code_required`).
   */
  z.object({
    type: z.literal('chat.close'),
    chatId: ChatId,
    codeIds: z
      .array(z.uuid({ message: 'A code id is a UUID' }))
      .max(SUCCESS_CODES_MAX)
      .optional(),
  }),
  z.object({ type: z.literal('read'), chatId: ChatId, seq: Seq }),
  z.object({ type: z.literal('sync'), chatId: ChatId, afterSeq: Seq }),
  /** TLS-6: the Visitors list is on screen (`true`) or not: `visitor.upsert` frames come only meanwhile. */
  z.object({ type: z.literal('visitors.watch'), watch: z.boolean() }),
  /**
   * TLS-5: the Screen share section of this chat is on screen (`true`) or not: `cobrowse.events` come only
   * meanwhile, and watching asks the sharing visitor for a full snapshot (an agent who looks late sees the page).
   */
  z.object({ type: z.literal('cobrowse.watch'), chatId: ChatId, watch: z.boolean() }),
]);
export type AgentClientFrame = z.input<typeof AgentClientFrame>;

// ---- server → clients
/** TLS-5: why screen sharing ended. */
export const CobrowseEnd = {
  /** The visitor turned it off. */
  stopped: 'stopped',
  /** The visitor left the page (or lost their connection). */
  left: 'left',
  /** The chat ended. */
  closed: 'closed',
  /** The campaign's Cobrowsing tool was turned off. */
  toolOff: 'tool_off',
} as const;
export type CobrowseEnd = (typeof CobrowseEnd)[keyof typeof CobrowseEnd];

export const FrameErrorCode = {
  badFrame: 'bad_frame',
  notFound: 'not_found',
  forbidden: 'forbidden',
  chatClosed: 'chat_closed',
  /** Sent faster than the frame budget allows: the same frame may go again a second later. */
  rateLimited: 'rate_limited',
  overLimit: 'over_limit',
  /**
   * The server could not reach its database: the frame was not done (a message is not stored and not acked).
   * Clients send it again a moment later, with the same cid.
   */
  unavailable: 'unavailable',
  /**
   * A per-address limit (open sockets, hellos, new chats) was reached: not worth retrying at once. A refused
   * socket is then closed with `CloseCode.rateLimited`; the widget says so politely and tries much later.
   */
  limitReached: 'limit_reached',
  /**
   * INV-2: `chat.start` refused because nobody of the campaign can take a live chat now (the page's availability
   * was out of date: an agent went away since). Nothing was written; the widget shows the offline form with what
   * the visitor wrote (`offline.send` is always accepted).
   */
  nobodyAvailable: 'nobody_available',
  /** GOL-1: the campaign forces a success code and the chat has none: choose one, then close. */
  successCodeRequired: 'success_code_required',
  /** GOL-2: the chat's survey cannot be answered (any more): sent already, over 24 hours old, or none. */
  surveyClosed: 'survey_closed',
  /**
   * TLS-5: recorded events (or a stop) for a chat whose screen sharing is not on: `cobrowse.start` first (and it
   * ends with the chat, the visitor's page, or the campaign's Cobrowsing tool). Nothing was relayed.
   */
  cobrowseOff: 'cobrowse_off',
  internal: 'internal',
} as const;
export type FrameErrorCode = (typeof FrameErrorCode)[keyof typeof FrameErrorCode];

const Ack = z.object({ type: z.literal('ack'), cid: Cid, chatId: ChatId, seq: Seq });
const EventFrame = z.object({ type: z.literal('chat.event'), chatId: ChatId, event: ChatEvent });
const ErrorFrame = z.object({
  type: z.literal('error'),
  code: z.enum(FrameErrorCode),
  message: z.string(),
  cid: z.string().optional(),
  chatId: z.string().optional(),
  /** Which fields of the frame were refused and why (the offline form shows them per field). */
  fields: z.record(z.string(), z.string()).optional(),
});
const ReadFrame = z.object({ type: z.literal('read'), chatId: ChatId, seq: Seq });

export const VisitorServerFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    visitorId: z.uuid(),
    /** Present when the server issued a new token: the widget keeps it for the next pages. */
    token: z.string().optional(),
    /** The visitor's open chats and their most recent closed one; `sync` each to get its transcript. */
    chats: z.array(VisitorChatView),
    /** How many chats this visitor has had before (pre-chat "first time only"). */
    previousChats: z.number().int(),
  }),
  Ack,
  EventFrame,
  z.object({ type: z.literal('chat.state'), chat: VisitorChatView }),
  z.object({ type: z.literal('typing'), chatId: ChatId, typing: z.boolean(), name: z.string() }),
  ReadFrame,
  ErrorFrame,
  /** TLS-5: screen sharing of this chat is on (the start was accepted) or was ended by the server. */
  z.object({ type: z.literal('cobrowse.state'), chatId: ChatId, sharing: z.boolean() }),
  /** TLS-5: an agent started watching: the recorder sends a full snapshot of the page. */
  z.object({ type: z.literal('cobrowse.snapshot'), chatId: ChatId }),
]);
export type VisitorServerFrame = z.infer<typeof VisitorServerFrame>;

export const AgentServerFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    userId: z.uuid(),
    status: z.enum(AgentStatus),
    chats: z.array(AgentChatSummary),
  }),
  Ack,
  EventFrame,
  /** A chat was assigned to this agent or changed (status, mode, visitor presence). */
  z.object({ type: z.literal('chat.upsert'), chat: AgentChatSummary }),
  /** The chat is no longer this agent's (transferred away). */
  z.object({ type: z.literal('chat.removed'), chatId: ChatId }),
  /** The visitor is typing; `preview` is the unsent text when Chat Sneak Preview is on (CON-5). */
  z.object({ type: z.literal('typing'), chatId: ChatId, typing: z.boolean(), preview: z.string() }),
  z.object({ type: z.literal('presence'), status: z.enum(AgentStatus) }),
  ReadFrame,
  ErrorFrame,
  /** TLS-6, while the Visitors list is watched: a visitor of the account opened a page or was invited. */
  z.object({ type: z.literal('visitor.upsert'), visitor: LiveVisitor }),
  /** TLS-6: the visitor of this chat opened another page: its Visitor Info is read again. */
  z.object({ type: z.literal('visitor.moved'), chatId: ChatId }),
  /**
   * TLS-5: the visitor of this chat shares their screen or stopped (`reason`: why it ended). `dropped`: some of
   * their events were over the rate limit and dropped; a full snapshot follows.
   */
  z.object({
    type: z.literal('cobrowse.state'),
    chatId: ChatId,
    sharing: z.boolean(),
    reason: z.enum(CobrowseEnd).optional(),
    dropped: z.boolean().optional(),
  }),
  /** TLS-5, while the agent watches: a batch of the visitor's recorded events (JSON text of an array). */
  z.object({ type: z.literal('cobrowse.events'), chatId: ChatId, data: z.string() }),
]);
export type AgentServerFrame = z.infer<typeof AgentServerFrame>;

/** Named close codes (4000–4999 are the application's). */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  tooBig: 1009,
  /** The server cannot serve the socket right now (its database is unreachable): reconnect with backoff. */
  tryAgainLater: 1013,
  badHandshake: 4000,
  unauthenticated: 4001,
  forbiddenOrigin: 4003,
  unknownSite: 4004,
  tooManyBadFrames: 4008,
  sessionEnded: 4010,
  rateLimited: 4029,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
