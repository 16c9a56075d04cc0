// The filters of the Chats section, shared by the chat list (CHT-1), the statistics (STA-1…9, "same filters") and
// the web pages that put them in the URL.
import { z } from 'zod';
import { ChatStatus } from './chats.js';
import { Id } from './common.js';
import { LocalDate, withPeriodChecks } from './period.js';

/** The type of conversation: a live chat, an NRT (not-real-time) chat, or a message left through the offline form. */
export const ChatType = { live: 'live', nrt: 'nrt', offline: 'offline' } as const;
export type ChatType = (typeof ChatType)[keyof typeof ChatType];

/** Who took part: nobody answered the visitor, one agent, or several agents (transfers, forwards). */
export const Participants = {
  visitorOnly: 'visitor_only',
  oneAgent: 'one_agent',
  severalAgents: 'several_agents',
} as const;
export type Participants = (typeof Participants)[keyof typeof Participants];

/** CHT-1's filters; the period is in the account's time zone. */
export const ChatFilterFields = z.object({
  from: LocalDate,
  to: LocalDate,
  agentId: Id.optional(),
  campaignId: Id.optional(),
  successCodeId: Id.optional(),
  participants: z.enum(Participants).optional(),
  type: z.enum(ChatType).optional(),
  status: z.enum(ChatStatus).optional(),
});
export const ChatFilter = withPeriodChecks(ChatFilterFields);
export type ChatFilter = z.infer<typeof ChatFilter>;
