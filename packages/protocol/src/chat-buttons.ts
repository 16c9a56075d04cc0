import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { URL_PATTERN_MAX } from './moments.js';
import { UrlMatch } from './moment-match.js';

/**
 * The campaign's chat buttons (INV-7…INV-9, handbook "Chat buttons"): footer buttons the widget draws at the
 * bottom of the page, and custom buttons the manager designs in HTML and CSS and pastes into their own pages.
 * Either starts the chat instantly (the chat is created when the window opens) or after the visitor's first
 * message (recommended, the default). When buttons show at all is the campaign's availability (INV-1).
 */

export const ButtonPlacement = { footer: 'footer', custom: 'custom' } as const;
export type ButtonPlacement = (typeof ButtonPlacement)[keyof typeof ButtonPlacement];

export const ButtonStart = { instantly: 'instantly', afterFirstMessage: 'after_first_message' } as const;
export type ButtonStart = (typeof ButtonStart)[keyof typeof ButtonStart];

/** INV-7: the four types, in the handbook's order; the third is the recommended one (and the default). */
export const CHAT_BUTTON_TYPES = [
  { placement: 'footer', starts: 'instantly' },
  { placement: 'custom', starts: 'instantly' },
  { placement: 'footer', starts: 'after_first_message' },
  { placement: 'custom', starts: 'after_first_message' },
] as const satisfies readonly { placement: ButtonPlacement; starts: ButtonStart }[];
export const RECOMMENDED_BUTTON_TYPE = CHAT_BUTTON_TYPES[2];

export const ButtonSide = { right: 'right', left: 'left' } as const;
export type ButtonSide = (typeof ButtonSide)[keyof typeof ButtonSide];

/** INV-8: on all pages, or only on pages whose address matches one of the button's addresses. */
export const ButtonPages = { all: 'all', certain: 'certain' } as const;
export type ButtonPages = (typeof ButtonPages)[keyof typeof ButtonPages];

export const CHAT_BUTTONS_MAX = 50;
export const BUTTON_ADDRESSES_MAX = 20;
export const BUTTON_TEXT_MAX = 60;
export const CUSTOM_BUTTON_CODE_MAX = 20_000;

/** A page address rule: the same matches as a greeting's page criteria (docs/invites.md). */
export const ButtonAddress = z.object({
  match: z.enum(UrlMatch, { message: 'Choose exact, contains or wildcard' }),
  url: z
    .string()
    .trim()
    .min(1, 'Enter an address or a part of one')
    .max(URL_PATTERN_MAX, 'At most 2,000 characters'),
});
export type ButtonAddress = z.infer<typeof ButtonAddress>;

const common = {
  enabled: z.boolean().default(true),
  name: z.string().trim().min(1, 'Enter a name').max(100, 'At most 100 characters'),
  starts: z.enum(ButtonStart, { message: 'Choose when the chat starts' }).default('after_first_message'),
  pages: z.enum(ButtonPages, { message: 'Choose all pages or certain pages' }).default('all'),
  urls: z.array(ButtonAddress).max(BUTTON_ADDRESSES_MAX, 'At most 20 addresses').default([]),
};

/** A footer button or a custom button as a manager adds or replaces it. */
export const ChatButtonInput = z
  .discriminatedUnion(
    'placement',
    [
      z.object({
        placement: z.literal('footer'),
        ...common,
        /** The text on the minimised button; empty: the widget's own text in the campaign's language. */
        text: z.string().trim().max(BUTTON_TEXT_MAX, 'At most 60 characters').default(''),
        /** Empty: the chat window's colour (General tab). */
        color: z
          .string()
          .trim()
          .regex(/^(#[0-9a-fA-F]{6})?$/, 'Use a colour like #1c7ed6, or leave it empty')
          .default(''),
        side: z.enum(ButtonSide, { message: 'Choose bottom right or bottom left' }).default('right'),
      }),
      z.object({
        placement: z.literal('custom'),
        ...common,
        html: z
          .string()
          .trim()
          .min(1, 'Enter the button’s HTML')
          .max(CUSTOM_BUTTON_CODE_MAX, 'At most 20,000 characters'),
        css: z.string().trim().max(CUSTOM_BUTTON_CODE_MAX, 'At most 20,000 characters').default(''),
      }),
    ],
    { message: 'Choose a footer button or a custom button' },
  )
  .superRefine((v, ctx) => {
    if (v.pages === 'certain' && v.urls.length === 0)
      ctx.addIssue({ code: 'custom', path: ['urls'], message: 'Add at least one page address' });
  });
export type ChatButtonInput = z.input<typeof ChatButtonInput>;
export type ChatButtonValues = z.output<typeof ChatButtonInput>;

export const ChatButtonEnabled = z.object({ enabled: z.boolean() });
export type ChatButtonEnabled = z.infer<typeof ChatButtonEnabled>;

/** The list's new order: every button of the campaign once. */
export const ChatButtonOrder = z.object({ ids: z.array(Id).max(CHAT_BUTTONS_MAX) });
export type ChatButtonOrder = z.infer<typeof ChatButtonOrder>;

export const ChatButton = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  placement: z.enum(ButtonPlacement),
  starts: z.enum(ButtonStart),
  enabled: z.boolean(),
  /** 0, 1, 2 … in the list's order. */
  position: z.number().int(),
  name: z.string(),
  pages: z.enum(ButtonPages),
  urls: z.array(ButtonAddress),
  /** Footer buttons (empty for a custom one). */
  text: z.string(),
  color: z.string(),
  side: z.enum(ButtonSide),
  /** Custom buttons (empty for a footer one). */
  html: z.string(),
  css: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ChatButton = z.infer<typeof ChatButton>;

export const ChatButtonList = z.object({ items: z.array(ChatButton) });
export type ChatButtonList = z.infer<typeof ChatButtonList>;

/**
 * A button as the loader gets it on every page view (`WidgetConfig.buttons`), in short keys: `i` a custom
 * button's id (its element names it), `f` 1 for a footer button, `s` 1 when the chat starts instantly, `o` what
 * the config's `button` (side and text) and `color` become on a page where this footer button shows (none: the
 * campaign's own), `u` its page rules (PageRule; none: every page). Footer buttons come first, those for certain
 * pages before those for all pages, each in the list's order: the loader shows the first meant for the page.
 */
export const LoaderButton = z.object({
  i: z.string().optional(),
  f: z.literal(1).optional(),
  s: z.literal(1).optional(),
  o: z
    .object({
      button: z.object({ position: z.enum(['right', 'left']), text: z.string() }).optional(),
      color: z.string().optional(),
    })
    .optional(),
  u: z.array(z.string()).optional().describe('regular expressions over the address: see PageRule'),
});
export type LoaderButton = z.infer<typeof LoaderButton>;

/** The element a custom button's code wraps the manager's HTML in; the loader binds it. */
export const CUSTOM_BUTTON_ATTRIBUTE = 'data-parley-button';

/**
 * INV-9 "Generate code": what the manager pastes where the button goes, on pages that also have the chat
 * snippet. Hidden until the loader has checked that the button may show on the page (so it never sits there
 * dead), then a click anywhere in it opens the chat. The HTML and CSS are the manager's own, for their own site.
 */
export function customButtonCode(button: Pick<ChatButton, 'id' | 'name' | 'html' | 'css'>): string {
  const name = button.name.replace(/-{2,}/g, '-').replace(/>/g, '›');
  return [
    `<!-- Parley chat button "${name}": the page needs the chat snippet too -->`,
    ...(button.css.trim() ? ['<style>', button.css.trim(), '</style>'] : []),
    `<div ${CUSTOM_BUTTON_ATTRIBUTE}="${button.id}" style="display:none">`,
    button.html.trim(),
    '</div>',
  ].join('\n');
}
