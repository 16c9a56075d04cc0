import { z } from 'zod';
import { LanguageSchema } from './common.js';
import { PrechatMode, WidgetTheme } from './campaigns.js';
import { LoaderButton } from './chat-buttons.js';
import type { WidgetTexts } from './widget-texts.js';
import type { MomentHint } from './moment-match.js';
import { WidgetSurvey } from './goals.js';

/**
 * What the loader fetches on every page view (`GET /widget/config?site=<websiteId>`): the campaign that serves
 * this website, its window settings and texts in the campaign's language. `campaignId: null` means no enabled
 * campaign serves the site, and the loader shows nothing.
 */
export const WidgetConfig = z.object({
  siteId: z.uuid(),
  campaignId: z.uuid().nullable(),
  language: LanguageSchema,
  texts: z.record(z.string(), z.string()),
  theme: z.enum(WidgetTheme),
  color: z.string(),
  title: z.string(),
  customCss: z.string().nullable(),
  logoUrl: z.string().nullable(),
  prechat: z.object({
    enabled: z.boolean(),
    text: z.string(),
    buttonText: z.string(),
    mode: z.enum(PrechatMode),
  }),
  openingText: z.string(),
  openingReminder: z.boolean(),
  closingText: z.string(),
  /**
   * INV-1, per campaign (its routing levels' agents) and by the button's availability setting: whether a chat
   * started now is a live chat. False: starting a chat shows the offline form (INV-2).
   */
  agentsAvailable: z.boolean(),
  /** INV-1: whether the chat button shows now (its availability setting against the campaign's agents). */
  buttonAvailable: z.boolean(),
  /** INV-1: whether greetings may show now (the campaign's greeting availability). */
  greetingsAvailable: z.boolean(),
  /**
   * INV-3/INV-4: per moment of the campaign's enabled greetings (`momentHints`), the seconds on the page and on
   * the website before which it cannot match, and a text the page's address must contain. Empty: no greetings.
   * The loader loads `greet.js` (which fetches `/widget/greetings`) only a few seconds before the soonest of them
   * can match on the page, so a page view pays nothing for greetings that are not about to show.
   */
  greetingHints: z.array(z.tuple([z.number().int(), z.number().int()], z.string())),
  /**
   * While the page is visible the loader asks again every this many seconds (with the ETag: usually a 304) so
   * that the button and the chat window follow agents coming and going without a reload.
   */
  refreshSeconds: z.number().int(),
  /** The campaign's introduction above the offline form; empty: the widget's default (`texts.offlineIntro`). */
  offlineText: z.string(),
  /**
   * The campaign's default button: the loader puts the side and text of the footer button it picks for the page
   * (from `buttons`) here, and the greetings and the chat window sit on that side.
   */
  button: z.object({ position: z.enum(['right', 'left']), text: z.string() }),
  /** INV-7…INV-9: the campaign's enabled buttons, compactly (LoaderButton); the loader picks by the page. */
  buttons: z.array(LoaderButton),
  attachmentMaxBytes: z.number().int(),
  /** GOL-2: the survey shown after a chat ended (the chat frame only); null: the campaign has none. */
  survey: WidgetSurvey.nullable(),
  /** GOL-5: campaign events also go to Google Analytics 4 when the page has `gtag` or a `dataLayer`. */
  ga4: z.boolean(),
  /**
   * TLS-5: the screen-share toggle's texts (the campaign's, else the language's defaults) when the campaign's
   * Cobrowsing tool is on; null: no toggle (the chat frame only).
   */
  cobrowse: z.object({ text: z.string(), onText: z.string(), offText: z.string() }).nullable(),
});
export type WidgetConfig = Omit<z.infer<typeof WidgetConfig>, 'texts' | 'greetingHints' | 'buttons'> & {
  texts: WidgetTexts;
  greetingHints: MomentHint[];
  buttons: LoaderButton[];
};

/**
 * What the loader asks for on every page view (`view=loader`, the default): only what the button needs, so a
 * page view stays small; the chat frame asks for everything (`view=frame`).
 */
export const LOADER_CONFIG_KEYS = [
  'siteId',
  'campaignId',
  'language',
  'color',
  'title',
  'openingReminder',
  'agentsAvailable',
  'buttonAvailable',
  'greetingsAvailable',
  'greetingHints',
  'refreshSeconds',
  'button',
  'buttons',
  'ga4',
] as const;
export const LOADER_TEXT_KEYS = ['button', 'unread', 'unreadOne'] as const;
export const LoaderConfig = WidgetConfig.pick(
  Object.fromEntries(LOADER_CONFIG_KEYS.map((k) => [k, true])) as {
    [K in (typeof LOADER_CONFIG_KEYS)[number]]: true;
  },
).extend({ texts: z.record(z.string(), z.string()) });
export type LoaderConfig = Pick<WidgetConfig, (typeof LOADER_CONFIG_KEYS)[number]> & {
  texts: Pick<WidgetTexts, (typeof LOADER_TEXT_KEYS)[number]>;
};

export { VISITOR_TOKEN_HEADER } from './constants.js';

/**
 * Messages between the loader (host page) and the chat frame (iframe, our origin), by postMessage.
 * The loader keeps the visitor token in the host site's first-party storage and hands it to the frame.
 */
export type LoaderToFrame =
  | {
      source: 'parley-loader';
      type: 'init';
      token: string | null;
      page: { url: string; title: string; referrer: string };
      open: boolean;
    }
  /** `start`: a "start instantly" button opened it (INV-7): the chat starts now, without a first message. */
  | { source: 'parley-loader'; type: 'open'; start?: boolean }
  /** The host page minimised the window (`parley('close')` or the frame's own minimise): count unread again. */
  | { source: 'parley-loader'; type: 'minimize' }
  /** INV-1: the loader read its config again and live chat became possible or impossible. */
  | { source: 'parley-loader'; type: 'availability'; agentsAvailable: boolean }
  /**
   * INV-3/INV-4: the window opens with this greeting as the company's first line; the chat is proactive.
   * `start`: a Yes/No greeting was accepted, the chat starts at once (a Chatwindow greeting: with the first message).
   */
  | {
      source: 'parley-loader';
      type: 'greeting';
      inviteId: string;
      title: string;
      text: string;
      start: boolean;
    }
  | {
      source: 'parley-loader';
      type: 'visitor';
      name?: string;
      email?: string;
      data?: Record<string, string>;
    };

export type FrameToLoader =
  | { source: 'parley-frame'; type: 'ready' }
  | { source: 'parley-frame'; type: 'token'; token: string }
  | { source: 'parley-frame'; type: 'minimize' }
  | { source: 'parley-frame'; type: 'unread'; count: number }
  | { source: 'parley-frame'; type: 'chat'; active: boolean }
  /**
   * GOL-5: a campaign event the loader passes on to the page's analytics (`chat.started` {proactive},
   * `agents.unavailable` {}, `chat.closed` {}, `rating.given` {rating}; docs/analytics.md).
   */
  | {
      source: 'parley-frame';
      type: 'event';
      name: string;
      detail: Record<string, string | number | boolean>;
    }
  /**
   * A lazy chunk the page needs now: the loader adds `/widget/<name>.js` (TLS-5: `cobrowse`, the recorder, when
   * the visitor turns screen sharing on; a page view that never shares pays nothing for it).
   */
  | { source: 'parley-frame'; type: 'load'; name: 'cobrowse' }
  /**
   * TLS-5, to the recorder (`cobrowse.js`, in the page; the loader ignores it): record (`on: true`), stop
   * (`on: false`), or send a full snapshot now (`snapshot: true`).
   */
  | { source: 'parley-frame'; type: 'cobrowse'; on?: boolean; snapshot?: boolean };

/** TLS-5: from the recorder (`cobrowse.js`, in the page) to the chat frame, by postMessage. */
export type CobrowseToFrame =
  /** Loaded: the frame says `cobrowse` `on` when it should record. */
  | { source: 'parley-cobrowse'; type: 'ready' }
  /** Recorded events (rrweb), in order, every few hundred milliseconds while recording. */
  | { source: 'parley-cobrowse'; type: 'events'; events: unknown[] };
