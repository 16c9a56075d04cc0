import { z } from 'zod';
import { GreetingAvailability } from './invites.js';

/**
 * INV-1: when the chat button (and, separately, greetings) may show, and whether a visitor who starts a chat
 * gets a live chat or the offline form (INV-2). "Agents" are the campaign's agents: the members of its enabled
 * routing levels (every agent of the account when it has none, as routing does).
 */
export const ButtonAvailability = GreetingAvailability;
export type ButtonAvailability = GreetingAvailability;

/** The campaign's agents right now: someone signed in and available; signed in but all away; nobody. */
export const CampaignPresence = {
  available: 'available',
  loggedIn: 'logged_in',
  offline: 'offline',
} as const;
export type CampaignPresence = (typeof CampaignPresence)[keyof typeof CampaignPresence];

/** Whether the setting lets the button (or a greeting) show now. */
export function availabilityMet(setting: GreetingAvailability, presence: CampaignPresence): boolean {
  if (setting === 'always') return true;
  if (setting === 'agents_logged_in') return presence !== 'offline';
  return presence === 'available';
}

/**
 * Whether a chat started now is a live chat (it may wait in the queue) rather than an offline message. With
 * "when agents are logged in" the manager counts agents who are away (they will come back to the queue);
 * otherwise somebody must be available: nobody at all would be waiting behind a queue position.
 */
export function liveChatPossible(button: ButtonAvailability, presence: CampaignPresence): boolean {
  return button === 'agents_logged_in' ? presence !== 'offline' : presence === 'available';
}

/** The "Chat buttons" tab's campaign-wide settings: when the button shows, and the offline form's introduction. */
export const ButtonSettings = z.object({
  availability: z.enum(ButtonAvailability, { message: 'Choose when the chat button shows' }),
  offlineText: z.string().trim().max(2000, 'At most 2,000 characters'),
});
export type ButtonSettings = z.infer<typeof ButtonSettings>;
