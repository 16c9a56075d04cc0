import type { LoaderConfig, WidgetGreeting } from '@parley/protocol';
import type { Visit } from './visit';

/** INV-10: what happened to a greeting on this page. */
export type GreetingEvent = 'shown' | 'accepted' | 'declined' | 'not_shown_unavailable';

/**
 * What the loader lends the greetings script (`greet.js`, loaded only when the campaign has greetings): its
 * shadow root, the live config, and how to open the chat with a greeting. Set as `parley.g` before the script
 * is added.
 */
export interface GreetHost {
  origin: string;
  site: string;
  /** `parley:<site>:`, the storage prefix. */
  prefix: string;
  /** The visit as the loader entered this page into it (INV-5: time on the website, previous page). */
  visit: Visit;
  /** When this page view began (time on the page counts from it). */
  since: number;
  root: ShadowRoot;
  /** The config as last asked (INV-1: `greetingsAvailable` follows agents coming and going). */
  config(): LoaderConfig;
  /** The chat window is open or a chat goes on: no greeting then. */
  busy(): boolean;
  /** Opens the chat window with the greeting (its title and text as the agent's first line). */
  open(g: WidgetGreeting, focus: boolean): void;
  /** The visitor's token, when the visitor was here before. */
  token(): string | null;
  /** The chat button, to give focus back to. */
  button(): HTMLElement | undefined;
  /** GOL-5: a campaign event for the page's analytics (docs/analytics.md). */
  emit(name: string, detail?: Record<string, string | number | boolean>): void;
  /** INV-6: an agent's invite that came before `greet.js` ran (it shows it when it starts). */
  pending?: WidgetGreeting;
  /** INV-6: set by `greet.js`: shows an agent's invite (a Yes/No greeting with the agent's name). */
  hand?: (g: WidgetGreeting) => void;
}
