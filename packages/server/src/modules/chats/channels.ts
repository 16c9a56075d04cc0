import type { ChatEvent, LiveVisitor } from '@parley/protocol';

/** Bus channels; the database is the truth, these only tell instances to look or to forward. */
export const channel = {
  chat: (chatId: string) => `chat:${chatId}`,
  agent: (userId: string) => `agent:${userId}`,
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  account: (accountId: string) => `account:${accountId}`,
  /** TLS-6: the account's Visitors list (agent sockets listen only while an agent has it on screen). */
  visitors: (accountId: string) => `visitors:${accountId}`,
};

/** On `visitors:<accountId>`: a visitor's row of the Visitors list, as it is now. */
export type VisitorsBusMessage = { kind: 'visitor'; visitor: LiveVisitor };

/** On `chat:<id>`. */
export type ChatBusMessage =
  | { kind: 'event'; chatId: string; event: ChatEvent }
  /** Status, agent, mode or visitor presence changed: re-read the chat. */
  | { kind: 'changed'; chatId: string }
  | { kind: 'typing'; chatId: string; from: 'visitor'; typing: boolean; text: string }
  | { kind: 'typing'; chatId: string; from: 'agent'; typing: boolean; name: string }
  | { kind: 'read'; chatId: string; by: 'visitor' | 'agent'; seq: number }
  /** TLS-6: the chat's visitor opened another page. */
  | { kind: 'visitor-moved'; chatId: string };

/** On `agent:<userId>`. */
export type AgentBusMessage =
  | { kind: 'assigned'; chatId: string }
  | { kind: 'removed'; chatId: string }
  | { kind: 'presence'; status: 'available' | 'away' | 'offline' }
  /** This session ended (`sessionId`), or some of the user's sessions did: each socket checks its own. */
  | { kind: 'session-ended'; sessionId?: string };

/** On `visitor:<visitorId>`: another tab or instance of the same visitor. */
export type VisitorBusMessage =
  | { kind: 'chat'; chatId: string }
  /** A socket of this visitor closed; any other live socket says it is still here. */
  | { kind: 'socket-closed' };

/** On `account:<accountId>`. */
export type AccountBusMessage = { kind: 'queue-changed' } | { kind: 'availability-changed' };
