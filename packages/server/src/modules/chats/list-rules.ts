// The chat list's decisions, kept pure (CHT-1…2): a chat's type and its keyset cursor (the filters' meaning is in
// filter.ts, shared with the statistics).
import type { ChatType } from '@parley/protocol';
import { encodeCursor } from '../../db/pagination.js';
import { invalid } from '../../errors.js';

/** offline = left through the offline form; nrt = carried on without the visitor; live otherwise (CHT-1 type). */
export function chatTypeOf(chat: { mode: 'live' | 'nrt'; offline_message: boolean }): ChatType {
  if (chat.offline_message) return 'offline';
  return chat.mode === 'nrt' ? 'nrt' : 'live';
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
