/**
 * Plain values with no zod behind them, importable by the widget (`@parley/protocol/constants`) without
 * bundling any schema. The schema modules re-export them.
 */
export const MESSAGE_MAX_LENGTH = 5000;
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Accepted attachments; images are shown inline, everything else is downloaded (CON-7). */
export const ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;
export const SOCKET_MAX_PAYLOAD = 64 * 1024;
/** Sneak-preview text is throttled by the widget to one frame per this many ms (CON-5). */
export const TYPING_THROTTLE_MS = 300;
/** Header carrying the visitor token on widget HTTP calls (file upload). */
export const VISITOR_TOKEN_HEADER = 'x-visitor-token';
/** Name of the global function the embed snippet defines on the host page. */
export const WIDGET_GLOBAL = 'parley';
export { fillText, plural } from './widget-texts.js';
export { contrastRatio, luminance, TEXT_CONTRAST, textColorOn } from './color.js';

// ---- INV-2
/**
 * INV-2: the offline form's rules, one pure function for the widget (per-field errors in the form) and the
 * server (it refuses what breaks them and changes nothing). Zod-free, with the other plain values here
 * (the widget imports `@parley/protocol/constants`).
 */
export const OFFLINE_NAME_MAX = 100;
export const OFFLINE_EMAIL_MAX = 320;

export type OfflineForm = { name: string; email: string; message: string };
/** Keys of the widget's texts, per field. */
export type OfflineFieldError = 'offlineTooLong' | 'offlineEmailInvalid' | 'offlineMessageRequired';
export type OfflineErrors = Partial<Record<keyof OfflineForm, OfflineFieldError>>;

/** Something@something.something without spaces: what mail can be sent to, without pretending to be RFC 5322. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** The form's errors by field; empty when it may be sent. Name and email may be left out, the message not. */
export function offlineFormErrors(f: OfflineForm): OfflineErrors {
  const errors: OfflineErrors = {};
  const name = f.name.trim();
  const email = f.email.trim();
  const message = f.message.trim();
  if (name.length > OFFLINE_NAME_MAX) errors.name = 'offlineTooLong';
  if (email.length > OFFLINE_EMAIL_MAX) errors.email = 'offlineTooLong';
  else if (email && !EMAIL.test(email)) errors.email = 'offlineEmailInvalid';
  if (!message) errors.message = 'offlineMessageRequired';
  else if (f.message.length > MESSAGE_MAX_LENGTH) errors.message = 'offlineTooLong';
  return errors;
}

// ---- GOL-2
/** How the visitor rates a chat: five smileys, or thumbs up and down (stored as 5 and 1). */
export const SurveyScale = { smileys: 'smileys', thumbs: 'thumbs' } as const;
export type SurveyScale = (typeof SurveyScale)[keyof typeof SurveyScale];
/** The ratings a scale offers, worst first: smileys 1…5; thumbs down 1 and up 5 (the satisfaction statistic's 1…5). */
export const surveyRatings = (scale: SurveyScale): number[] =>
  scale === 'thumbs' ? [1, 5] : [1, 2, 3, 4, 5];
export const SURVEY_COMMENT_MAX = 2000;
/** The survey of an ended chat stays open this long, unless the visitor sends it sooner (docs/goals.md). */
export const SURVEY_OPEN_HOURS = 24;

// ------------------------------------------------------------------------------------------------ GOL-3, GOL-4

export const GoalValueKind = { none: 'none', fixed: 'fixed', changing: 'changing' } as const;
export type GoalValueKind = (typeof GoalValueKind)[keyof typeof GoalValueKind];

/** The page's snippet for a goal with a changing value: EXAMPLE_VALUE is replaced by a number or a 'quoted text'. */
export const GOAL_SNIPPET_VALUE = 'EXAMPLE_VALUE';
/** A goal's value: up to 14 digits, then up to 4 decimals after a `.` or `,` (stored exactly, numeric(18,4)). */
const GOAL_VALUE = /^-?\d{1,14}(?:[.,]\d{1,4})?$/;

/**
 * GOL-4: the value the page gave with `parley('goal', 'Title', value)` as an exact decimal text (`'12.5'`), or
 * null when it is not one: a finite number, or a text of digits with at most one `.` or `,` (`'1299,95'`).
 * Shared by the loader (which says what is wrong in the console) and the server (which checks again).
 */
export function goalValueOf(v: unknown): string | null {
  // NaN, Infinity and 1e+21 are numbers whose text the pattern refuses.
  const text = typeof v === 'number' || typeof v === 'string' ? String(v).trim() : '';
  return GOAL_VALUE.test(text) ? text.replace(',', '.') : null;
}

// ------------------------------------------------------------------------------------------------ TLS-5

/**
 * TLS-5, cobrowsing: one `cobrowse.events` frame carries at most this many characters of a batch of recorded
 * events (JSON text); a larger batch (a full snapshot of a big page) goes in parts (`more: true` on all but the
 * last). 20,000 UTF-16 units stay under the socket's 64 KB even when every one takes 3 bytes.
 */
export const COBROWSE_PART_MAX = 20_000;
/** TLS-5: the most characters of one batch, its parts together (a full snapshot of a very big page). */
export const COBROWSE_BATCH_MAX = 2 * 1024 * 1024;
/** TLS-5: the most recorded events in one batch. */
export const COBROWSE_BATCH_EVENTS_MAX = 10_000;
/**
 * TLS-5: what a customer's page marks private is never shown to the agent (docs/embedding.md): an element with
 * the `data-parley-private` attribute or the `parley-private` class is replaced by an empty box of its size.
 */
export const COBROWSE_PRIVATE_SELECTOR = '[data-parley-private],.parley-private';

/**
 * TLS-5: cuts a batch's JSON text into parts of at most `max` characters, never between the two halves of a
 * surrogate pair (each part stays well-formed text, which the server insists on).
 */
export function cobrowseParts(text: string, max = COBROWSE_PART_MAX): string[] {
  const parts: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + max);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(text.slice(at, end));
    at = end;
  }
  return parts;
}
