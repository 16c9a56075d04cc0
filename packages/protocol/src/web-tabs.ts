import { z } from 'zod';
import { Id } from './common.js';

/**
 * WebTabs (TLS-1): a campaign's links to other sites, shown in the agent's Details panel with the visitor's
 * details filled into the address. A variable may only come after the host, and is URL-encoded when filled, so a
 * visitor can neither choose the host nor add parameters. docs/tools.md.
 */

export const WEB_TABS_MAX = 20;
export const WEB_TAB_NAME_MAX = 60;
export const WEB_TAB_URL_MAX = 2000;

/** The variables a tab's address may hold, in braces: `https://crm.example.com/find?email={visitorEmail}`. */
export const webTabVariables = ['visitorId', 'visitorName', 'visitorEmail', 'currentPage', 'chatId'] as const;
export type WebTabVariable = (typeof webTabVariables)[number];
/** `{data.<key>}`: a value the site gave with the visitor's data (the chat window's `visitor.update`). */
export const WEB_TAB_DATA_PREFIX = 'data.';
const DATA_KEY = /^[A-Za-z0-9_.-]{1,100}$/;

/** What a tab's address is filled with. A value the visitor never gave is empty. */
export type WebTabValues = Record<WebTabVariable, string> & { data: Record<string, string> };

export const webTabMessages = {
  scheme: 'Enter an address starting with http:// or https://',
  hostVariable: 'A variable can only come after the host: in the path or the query',
  unknownVariable: 'Use only the listed variables, each in braces',
  invalid: 'Enter a valid web address',
  credentials: 'An address with a user name or password is not allowed',
} as const;

// eslint-disable-next-line no-control-regex -- control characters are what an address may not hold
const CONTROL = /[\u0000-\u001f\u007f]/;
const SCHEME = /^(https?):\/\//i;
/** Where the WHATWG URL parser ends the authority of an http(s) address. */
const AUTHORITY_END = /[/?#\\]/;

type Piece = { text: string } | { variable: string };

/** The address cut into text and `{variables}`; null when a brace is unmatched or a variable unknown. */
function pieces(template: string): Piece[] | null {
  const out: Piece[] = [];
  let at = 0;
  while (at < template.length) {
    const open = template.indexOf('{', at);
    const close = template.indexOf('}', at);
    if (open < 0) {
      if (close >= 0) return null;
      out.push({ text: template.slice(at) });
      break;
    }
    if (close >= 0 && close < open) return null;
    const end = template.indexOf('}', open);
    if (end < 0) return null;
    const name = template.slice(open + 1, end);
    if (!isVariable(name)) return null;
    if (open > at) out.push({ text: template.slice(at, open) });
    out.push({ variable: name });
    at = end + 1;
  }
  return out;
}

function isVariable(name: string): boolean {
  if ((webTabVariables as readonly string[]).includes(name)) return true;
  return name.startsWith(WEB_TAB_DATA_PREFIX) && DATA_KEY.test(name.slice(WEB_TAB_DATA_PREFIX.length));
}

/** The host (and port) the address names, as the URL parser reads it; null when it is not an http(s) URL. */
function hostOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.host;
  } catch {
    return null;
  }
}

/** The host written before any variable (the scheme and authority as they stand in the template). */
function writtenHost(template: string): string | null {
  const scheme = SCHEME.exec(template);
  if (!scheme) return null;
  const rest = template.slice(scheme[0].length);
  const end = rest.search(AUTHORITY_END);
  return hostOf(`${scheme[0]}${end < 0 ? rest : rest.slice(0, end)}/`);
}

/**
 * Why a tab's address (trimmed) is refused, or null when it is fine: http or https only, a host without
 * variables, no user name or password, known variables only.
 */
export function webTabUrlProblem(template: string): string | null {
  if (CONTROL.test(template)) return webTabMessages.invalid;
  const scheme = SCHEME.exec(template);
  if (!scheme) return webTabMessages.scheme;
  const rest = template.slice(scheme[0].length);
  const end = rest.search(AUTHORITY_END);
  const authority = end < 0 ? rest : rest.slice(0, end);
  if (authority.includes('{') || authority.includes('}')) return webTabMessages.hostVariable;
  if (authority.includes('@')) return webTabMessages.credentials;
  if (!authority) return webTabMessages.invalid;
  const parts = pieces(template);
  if (!parts) return webTabMessages.unknownVariable;
  // Each variable as a plain value: the address must parse, on the very host written before the variables.
  const sample = parts.map((p) => ('text' in p ? p.text : 'x')).join('');
  const host = hostOf(sample);
  if (!host || host !== writtenHost(template)) return webTabMessages.invalid;
  return null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** encodeURIComponent, and the five characters it leaves (RFC 3986 reserves them); never throws. */
function encode(value: string): string {
  return encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD')).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The address with each variable replaced by its URL-encoded value (an unknown data key: empty). Throws when the
 * template is not a valid tab address or the result would name another host (it cannot: values are encoded).
 */
export function fillWebTabUrl(template: string, values: WebTabValues): string {
  const parts = webTabUrlProblem(template) === null ? pieces(template) : null;
  if (!parts) throw new Error('Not a valid web tab address');
  const filled = parts
    .map((p) => {
      if ('text' in p) return p.text;
      const v = p.variable.startsWith(WEB_TAB_DATA_PREFIX)
        ? values.data[p.variable.slice(WEB_TAB_DATA_PREFIX.length)]
        : values[p.variable as WebTabVariable];
      return encode(v ?? '');
    })
    .join('');
  const url = new URL(filled);
  if (url.host !== writtenHost(template)) throw new Error('A filled web tab address names another host');
  return url.href;
}

const tabName = z
  .string()
  .trim()
  .min(1, 'Enter a name')
  .max(WEB_TAB_NAME_MAX, `At most ${WEB_TAB_NAME_MAX} characters`);

export const WebTabUrl = z
  .string()
  .trim()
  .min(1, 'Enter an address')
  .max(WEB_TAB_URL_MAX, `At most ${WEB_TAB_URL_MAX.toLocaleString('en')} characters`)
  .superRefine((v, ctx) => {
    if (!v || v.length > WEB_TAB_URL_MAX) return;
    const problem = webTabUrlProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const WebTabInput = z.object({ id: Id.optional(), name: tabName, url: WebTabUrl });
export type WebTabInput = z.input<typeof WebTabInput>;

/** TLS-1, saved as a whole: the tabs in their order (a tab left out is deleted). Names unique, whatever their case. */
export const WebTabSettingsInput = z
  .object({
    tabs: z.array(WebTabInput).max(WEB_TABS_MAX, `At most ${WEB_TABS_MAX} tabs`),
  })
  .superRefine((v, ctx) => {
    const names = new Set<string>();
    const ids = new Set<string>();
    v.tabs.forEach((t, i) => {
      const key = t.name.toLocaleLowerCase();
      if (key && names.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['tabs', i, 'name'],
          message: 'This name is in the list already',
        });
      names.add(key);
      if (t.id && ids.has(t.id))
        ctx.addIssue({ code: 'custom', path: ['tabs', i, 'id'], message: 'This tab is in the list twice' });
      if (t.id) ids.add(t.id);
    });
  });
export type WebTabSettingsInput = z.input<typeof WebTabSettingsInput>;

export const WebTab = z.object({ id: z.uuid(), name: z.string(), url: z.string() });
export type WebTab = z.infer<typeof WebTab>;

/** GET and PUT `/api/campaigns/:id/tools/web-tabs`. */
export const WebTabSettings = z.object({ tabs: z.array(WebTab) });
export type WebTabSettings = z.infer<typeof WebTabSettings>;

/** The console: a chat's tabs, each address filled with this chat's visitor (`GET /api/chats/:id/web-tabs`). */
export const ChatWebTabs = z.object({ tabs: z.array(WebTab) });
export type ChatWebTabs = z.infer<typeof ChatWebTabs>;

/**
 * Whether the site lets the console show it in a frame, as its answer's headers say (checked by the server: a
 * page cannot see why a cross-origin frame stayed empty). `refused`: X-Frame-Options or CSP frame-ancestors keep
 * the console out, or the address is http while the console is https; `unreachable`: no answer.
 */
export const WebTabFraming = { allowed: 'allowed', refused: 'refused', unreachable: 'unreachable' } as const;
export type WebTabFraming = (typeof WebTabFraming)[keyof typeof WebTabFraming];

export const FramingReason = {
  xFrameOptions: 'x-frame-options',
  frameAncestors: 'frame-ancestors',
  insecure: 'insecure',
} as const;
export type FramingReason = (typeof FramingReason)[keyof typeof FramingReason];

/** `GET /api/chats/:id/web-tabs/:tabId`: the tab, filled, with whether the console may frame it. */
export const ChatWebTabCheck = WebTab.extend({
  framing: z.enum(WebTabFraming),
  reason: z.enum(FramingReason).nullable(),
});
export type ChatWebTabCheck = z.infer<typeof ChatWebTabCheck>;
