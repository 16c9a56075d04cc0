import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { Moment, Moments } from './moments.js';

/**
 * The campaign's "Automatic Invites" tab (INV-1, INV-3…INV-6): greetings that appear by themselves when one of
 * their moments matches. Texts are in the campaign's widget language, like the chat window's texts (CMP-2).
 */

/** INV-1: when greetings may show at all (per campaign: its routing levels' agents). */
export const GreetingAvailability = {
  always: 'always',
  agentsLoggedIn: 'agents_logged_in',
  agentsAvailable: 'agents_available',
} as const;
export type GreetingAvailability = (typeof GreetingAvailability)[keyof typeof GreetingAvailability];

/** INV-3 / INV-4. */
export const InviteKind = { yesNo: 'yes_no', chatWindow: 'chat_window' } as const;
export type InviteKind = (typeof InviteKind)[keyof typeof InviteKind];

export const INVITES_MAX = 100;

const title = z.string().trim().min(1, 'Enter a title').max(100, 'At most 100 characters');
const text = z.string().trim().min(1, 'Enter the text').max(2000, 'At most 2,000 characters');
const buttonText = z.string().trim().min(1, 'Enter the button text').max(60, 'At most 60 characters');

const common = { enabled: z.boolean().default(true), title, text, moments: Moments.default([]) };

/** A greeting as a manager adds or replaces it. */
export const InviteInput = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('yes_no'), ...common, acceptText: buttonText, declineText: buttonText }),
    z.object({ kind: z.literal('chat_window'), ...common }),
  ],
  { message: 'Choose a Yes/No greeting or a Chatwindow greeting' },
);
export type InviteInput = z.input<typeof InviteInput>;
export type InviteValues = z.output<typeof InviteInput>;

/** The enable toggle in the list (INV-6). */
export const InviteEnabled = z.object({ enabled: z.boolean() });
export type InviteEnabled = z.infer<typeof InviteEnabled>;

/** The list's new order: every greeting of the campaign once. */
export const InviteOrder = z.object({ ids: z.array(Id).max(INVITES_MAX) });
export type InviteOrder = z.infer<typeof InviteOrder>;

export const InviteAvailabilityInput = z.object({
  availability: z.enum(GreetingAvailability, { message: 'Choose when greetings may show' }),
});
export type InviteAvailabilityInput = z.infer<typeof InviteAvailabilityInput>;

export const Invite = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  kind: z.enum(InviteKind),
  enabled: z.boolean(),
  /** 0, 1, 2 … in the list's order. */
  position: z.number().int(),
  title: z.string(),
  text: z.string(),
  /** Yes/No greetings only; empty for a Chatwindow greeting. */
  acceptText: z.string(),
  declineText: z.string(),
  moments: z.array(Moment),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Invite = z.infer<typeof Invite>;

/** The tab: the availability of greetings and the greetings in order. */
export const InviteList = z.object({
  availability: z.enum(GreetingAvailability),
  items: z.array(Invite),
});
export type InviteList = z.infer<typeof InviteList>;

/**
 * INV-3/INV-4: a greeting as the widget gets it (`GET /widget/greetings?site=`, fetched only when the loader's
 * config says the campaign has enabled greetings): enabled, with at least one moment, in list order.
 */
export const WidgetGreeting = z.object({
  id: z.uuid(),
  kind: z.enum(InviteKind),
  title: z.string(),
  text: z.string(),
  acceptText: z.string(),
  declineText: z.string(),
  moments: z.array(Moment),
});
export type WidgetGreeting = z.infer<typeof WidgetGreeting>;
export const WidgetGreetings = z.object({ items: z.array(WidgetGreeting) });
export type WidgetGreetings = z.infer<typeof WidgetGreetings>;

/** INV-10: what happened to a greeting on a visitor's page (stored in `invite_events`). */
export const InviteEvent = {
  shown: 'shown',
  accepted: 'accepted',
  declined: 'declined',
  notShownUnavailable: 'not_shown_unavailable',
} as const;
export type InviteEvent = (typeof InviteEvent)[keyof typeof InviteEvent];
