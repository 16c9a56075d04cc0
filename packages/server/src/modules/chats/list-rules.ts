// The chat list's decisions, kept pure (CHT-1…2): a chat's type, its keyset cursor, and what the participants
// filter means.
import type { ChatType, Participants } from '@parley/protocol';
import { encodeCursor } from '../../db/pagination.js';
import { invalid } from '../../errors.js';

/** offline = left through the offline form; nrt = carried on without the visitor; live otherwise (CHT-1 type). */
export function chatTypeOf(chat: { mode: 'live' | 'nrt'; offline_message: boolean }): ChatType {
  if (chat.offline_message) return 'offline';
  return chat.mode === 'nrt' ? 'nrt' : 'live';
}

/**
 * The participants filter counts the agents who **answered**: an agent took part when they wrote at least one
 * message while the chat was theirs (`chat_assignments.answered`, set by the transcript's writer).
 * - `visitor_only`: no agent ever answered — never given to an agent (still queued, an offline message nobody
 *   replied to), or given to agents who did not write before it closed, moved on or went back to the queue;
 * - `one_agent`: exactly one agent answered (transfers to agents who then did not write do not count);
 * - `several_agents`: two or more different agents answered (a transfer or forward that was taken up).
 */
export function answeredAgentsRange(p: Participants): { min: number; max: number | null } {
  switch (p) {
    case 'visitor_only':
      return { min: 0, max: 0 };
    case 'one_agent':
      return { min: 1, max: 1 };
    case 'several_agents':
      return { min: 2, max: null };
  }
}

/** A page ends at a chat: its start as PostgreSQL holds it (microseconds, UTC) and its id, both exact. */
export type ListCursor = { startedAt: string; id: string };

const STARTED_AT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeListCursor(c: ListCursor): string {
  return encodeCursor([c.startedAt, c.id]);
}

/** The cursor a client sent back, or 400 naming `cursor` (a cursor is opaque: anything else is refused). */
export function decodeListCursor(cursor: string): ListCursor {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = null;
  }
  if (
    Array.isArray(values) &&
    values.length === 2 &&
    typeof values[0] === 'string' &&
    typeof values[1] === 'string' &&
    STARTED_AT_RE.test(values[0]) &&
    !Number.isNaN(Date.parse(`${values[0]}Z`)) &&
    UUID_RE.test(values[1])
  )
    return { startedAt: values[0], id: values[1] };
  throw invalid({ cursor: 'Invalid cursor; start again from the first page' });
}
