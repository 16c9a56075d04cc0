import type { AgentStatus, ChatEvent, LiveVisitor } from '@parley/protocol';
import type { ChatRow } from '../db/schema.js';

/**
 * The domain events: what happened, said once by the module that made it happen, after its transaction
 * committed. Each side effect (socket fan-out, queue drain, caches, and later email, analytics, statistics) is a
 * listener of its own. docs/architecture.md lists them with their listeners.
 *
 * `events` are the transcript entries the change appended, in seq order, as written (nobody reads them back).
 */
export type DomainEventMap = {
  /** A visitor started a chat (it is queued or, for a campaign without agents, waiting). */
  'chat.started': { chat: ChatRow; events: ChatEvent[] };
  /** A visitor's or agent's message was stored (and acknowledged). */
  'message.stored': { chatId: string; accountId: string; event: ChatEvent };
  /** The router gave a waiting chat to an agent. */
  'chat.assigned': { chat: ChatRow; events: ChatEvent[] };
  /**
   * The routing batch that took a new chat committed and nobody could take it: it waits in the queue (RTE-5)
   * until a slot frees (then `chat.assigned`). The router's decision for the new chat is final.
   */
  'chat.queued': { chatId: string; accountId: string };
  /** Chats left the account's queue (assigned): the visitors still waiting have new places (RTE-5). */
  'queue.changed': { accountId: string };
  /** An active chat moved to another agent: a transfer by its agent, or auto-forward. */
  'chat.transferred': {
    chat: ChatRow;
    from: string;
    events: ChatEvent[];
    reason: 'transfer' | 'auto_forward';
  };
  /** An agent went offline without answering: the chat waits in the queue again. */
  'chat.requeued': { chatId: string; accountId: string; fromUserId: string; events: ChatEvent[] };
  /** A chat ended (visitor, agent or inactivity). `agentId`: who had it, whose slot is free now. */
  'chat.closed': { chat: ChatRow; agentId: string | null; events: ChatEvent[] };
  /** GOL-1: the chat's agent chose its success codes (the `success_codes` event; open or closed chat). */
  'success_codes.chosen': { chatId: string; accountId: string; events: ChatEvent[] };
  /** GOL-2: the visitor rated the ended chat, changed the rating or the comment, or sent the survey. */
  'rating.given': { chat: ChatRow; events: ChatEvent[] };
  /** GOL-3: the visitor reached a goal in the visit of this chat (the `goal_reached` event, agents only). */
  'goal.reached': { chatId: string; accountId: string; events: ChatEvent[] };
  /** The visitor's grace period ran out: the chat goes on as NRT. */
  'visitor.left': { chat: ChatRow; events: ChatEvent[] };
  /** A visitor marked left came back. */
  'visitor.returned': { chatId: string; accountId: string; events: ChatEvent[] };
  /** One socket of a visitor closed (another tab of theirs may still be open). */
  'visitor.socket_closed': { visitorId: string };
  /**
   * Typing and sneak preview: relayed, never stored (CON-5). The visitor's `text` is their unsent draft only while
   * the chat's campaign has Chat Sneak Preview on (TLS-7); off, it is always '' and `typing` alone says it.
   */
  'chat.typing':
    | { chatId: string; from: 'visitor'; typing: boolean; text: string }
    | { chatId: string; from: 'agent'; typing: boolean; name: string };
  /** Read receipts: relayed, never stored (CON-7). */
  'chat.read': { chatId: string; by: 'visitor' | 'agent'; seq: number };
  /** An agent's status changed (CON-3); feeds availability reports through agent_status_periods. */
  'agent.availability_changed': {
    accountId: string;
    userId: string;
    status: AgentStatus;
    previous: AgentStatus;
  };
  /** An agent's chat limits changed: a raised limit frees slots. */
  'agent.limits_changed': { accountId: string; userId: string };
  /** A user's sign-in sessions ended (sign-out, new password, deletion, IP allow list): their consoles close. */
  'session.ended': { userId: string; sessionId?: string };
  /**
   * TLS-6: a visitor opened a page (the loader's beacon): the Visitors list shows it, and the agents of their
   * chat going on (`chatId`) read their Visitor Info again.
   */
  'visitor.page_viewed': { accountId: string; visitor: LiveVisitor; chatId: string | null };
  /** INV-6: a visitor's hand invite was sent, shown, accepted or declined: their row of the Visitors list. */
  'visitor.changed': {
    accountId: string;
    visitor?: LiveVisitor | undefined;
    /** The visitor's hand invite waiting to be shown now (null: none any more). */
    handInvite?: { visitorId: string; invite: { id: string; agentName: string } | null };
  };
  /** A campaign or website changed: what the widget is told may have changed. */
  'widget.settings_changed': { accountId: string };
};

export type DomainEventName = keyof DomainEventMap;

/** One event as data: what a function that runs inside a transaction returns for its caller to emit. */
export type DomainEvent = {
  [K in DomainEventName]: { name: K; payload: DomainEventMap[K] };
}[DomainEventName];

export const domainEvent = <K extends DomainEventName>(name: K, payload: DomainEventMap[K]) =>
  ({ name, payload }) as DomainEvent;
