import { z } from 'zod';
import { Id } from './common.js';
import { MESSAGE_MAX_LENGTH } from './constants.js';

/**
 * Canned responses (TLS-2…TLS-4): account-wide forums of Q&As (shortkey, question, answer); which forums a
 * campaign's agents see is set per campaign. The agent inserts an answer by typing `#shortkey` in the composer or
 * from the Quick Response search in the Details panel. docs/canned-responses.md describes the rules.
 */

/** TLS-3: a removed Q&A can be brought back for this long; after it the removal is final. */
export const CANNED_UNDO_SECONDS = 10;
export const FORUM_TITLE_MAX = 100;
export const FORUMS_MAX = 200;
export const SHORTKEY_MAX = 40;
export const CANNED_QUESTION_MAX = 500;
/** An answer is inserted into the composer: it fits in one message. */
export const CANNED_ANSWER_MAX = MESSAGE_MAX_LENGTH;
/** At most this many search results or `#` suggestions per request. */
export const CANNED_RESULTS_MAX = 50;
export const CANNED_QUERY_MAX = 200;

/** A shortkey's characters: letters and digits of any script, `-` and `_` (what `#` + key in a message ends at). */
export const SHORTKEY_CHARS = /^[\p{L}\p{N}_-]+$/u;

/**
 * What is wrong with a shortkey, or null. Empty is allowed (a Q&A being written has none yet; it is then only
 * found by the search). Spaces are refused rather than trimmed: the field keeps what the manager typed.
 */
export function shortkeyProblem(key: string): string | null {
  if (key === '') return null;
  if (/\s/u.test(key)) return 'A shortkey has no spaces';
  if (key.startsWith('#')) return 'Type the shortkey without the #';
  if (key.length > SHORTKEY_MAX) return 'At most 40 characters';
  if (!SHORTKEY_CHARS.test(key)) return 'Use only letters, digits, - and _';
  return null;
}

const Shortkey = z.string().superRefine((v, ctx) => {
  const problem = shortkeyProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const ForumTitle = z.string().trim().min(1, 'Enter a title').max(FORUM_TITLE_MAX, 'At most 100 characters');

// ------------------------------------------------------------------------------------------------ TLS-4 forums

export const CannedForum = z.object({
  id: z.uuid(),
  title: z.string(),
  /** Its Q&As (those being removed left out). */
  responses: z.number().int(),
});
export type CannedForum = z.infer<typeof CannedForum>;

export const CannedForumList = z.object({ items: z.array(CannedForum) });
export type CannedForumList = z.infer<typeof CannedForumList>;

export const CannedForumInput = z.object({ title: ForumTitle });
export type CannedForumInput = z.infer<typeof CannedForumInput>;

// ------------------------------------------------------------------------------------------------ TLS-2 Q&As

export const CannedResponse = z.object({
  id: z.uuid(),
  forumId: z.uuid(),
  shortkey: z.string(),
  question: z.string(),
  answer: z.string(),
  /**
   * TLS-3: set while the Q&A is removed and can still be brought back: milliseconds left to "Undo Removal",
   * counted by the server (a client's clock may be off). Null for a Q&A in use.
   */
  undoMsLeft: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type CannedResponse = z.infer<typeof CannedResponse>;

/** A forum with its Q&As in the order they were added; those removed in the last seconds are listed too. */
export const CannedForumDetail = z.object({
  forum: CannedForum,
  items: z.array(CannedResponse),
});
export type CannedForumDetail = z.infer<typeof CannedForumDetail>;

const Question = z.string().max(CANNED_QUESTION_MAX, 'At most 500 characters');
const Answer = z.string().max(CANNED_ANSWER_MAX, 'At most 5,000 characters');

/** "Add Q&A": every field may start empty (the fields are saved as they are typed). */
export const CannedResponseCreate = z.object({
  shortkey: Shortkey.default(''),
  question: Question.default(''),
  answer: Answer.default(''),
});
export type CannedResponseCreate = z.input<typeof CannedResponseCreate>;

/** The autosave: the fields that changed. A shortkey is unique in its forum, whatever its case. */
export const CannedResponsePatch = z.object({
  shortkey: Shortkey.optional(),
  question: Question.optional(),
  answer: Answer.optional(),
});
export type CannedResponsePatch = z.infer<typeof CannedResponsePatch>;

// ------------------------------------------------------------------------------------------------ per campaign

/** Which of the account's forums the campaign's agents see (the Canned Responses tool's "More settings"). */
export const CampaignCannedForums = z.object({
  forumIds: z.array(Id).max(FORUMS_MAX, 'Too many forums'),
});
export type CampaignCannedForums = z.infer<typeof CampaignCannedForums>;

// ------------------------------------------------------------------------------------------------ the console

/** A chat's forums (its campaign's selection), for the Quick Response forum selector. */
export const ChatCannedForums = z.object({
  items: z.array(z.object({ id: z.uuid(), title: z.string() })),
});
export type ChatCannedForums = z.infer<typeof ChatCannedForums>;

export const CannedHit = z.object({
  id: z.uuid(),
  forumId: z.uuid(),
  forumTitle: z.string(),
  shortkey: z.string(),
  question: z.string(),
  answer: z.string(),
});
export type CannedHit = z.infer<typeof CannedHit>;

export const CannedHits = z.object({ items: z.array(CannedHit) });
export type CannedHits = z.infer<typeof CannedHits>;

/** Quick Response: words (each a prefix) of the shortkey, question or answer; one forum or all of the chat's. */
export const CannedSearchQuery = z.object({
  q: z.string().max(CANNED_QUERY_MAX, 'At most 200 characters').default(''),
  forumId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(CANNED_RESULTS_MAX).default(20),
});
export type CannedSearchQuery = z.infer<typeof CannedSearchQuery>;

/** `#` in the composer: Q&As whose shortkey starts with `prefix` (any case). */
export const CannedSuggestQuery = z.object({
  prefix: z.string().max(SHORTKEY_MAX, 'At most 40 characters').default(''),
  limit: z.coerce.number().int().min(1).max(CANNED_RESULTS_MAX).default(8),
});
export type CannedSuggestQuery = z.infer<typeof CannedSuggestQuery>;

// ------------------------------------------------------------------------------------------------ pure helpers

/**
 * The words of a search, for a PostgreSQL `to_tsquery('simple', …)`: each run of letters or digits is a word
 * matched as a prefix (`word:*`), all of them must match. Only letters and digits reach the query, so nothing a
 * person types can be read as tsquery syntax. Null when there is no word (list everything instead).
 */
export function cannedTsQuery(q: string): string | null {
  const words = (q.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.toLowerCase()).slice(0, 8);
  if (words.length === 0) return null;
  return [...new Set(words)].map((w) => `${w}:*`).join(' & ');
}

/**
 * The `#key` being typed just before the caret, as the composer sees it: the `#` starts the text or follows a
 * space, and the key (maybe empty) runs up to the caret. Null when the caret is not in one.
 */
export function shortkeyAt(text: string, caret: number): { start: number; key: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)#([\p{L}\p{N}_-]*)$/u.exec(before);
  if (!m) return null;
  const key = m[2]!;
  if (key.length > SHORTKEY_MAX) return null;
  return { start: caret - key.length - 1, key };
}
