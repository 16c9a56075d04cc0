import { describe, expect, it } from 'vitest';
import { chatTypeOf, decodeListCursor, encodeListCursor } from './list-rules.js';

describe('a chat’s type (CHT-1)', () => {
  it.each([
    ['live', false, 'live'],
    ['nrt', false, 'nrt'],
    ['nrt', true, 'offline'],
    ['live', true, 'offline'],
  ] as const)('mode %s, offline message %s → %s', (mode, offline, type) => {
    expect(chatTypeOf({ mode, offline_message: offline })).toBe(type);
  });
});

describe('list cursors', () => {
  const c = { startedAt: '2026-03-28T23:30:00.123456', id: '3d438082-0003-443c-b95d-44245c7366ad' };
  it('round-trip exactly (microseconds kept)', () => {
    expect(decodeListCursor(encodeListCursor(c))).toEqual(c);
  });
  it.each([
    ['not base64 JSON', 'x'],
    ['a number list', Buffer.from('[1,2]').toString('base64url')],
    ['a date without microseconds', Buffer.from(`["2026-03-28T23:30:00","${c.id}"]`).toString('base64url')],
    ['an impossible date', Buffer.from(`["2026-13-40T23:30:00.000000","${c.id}"]`).toString('base64url')],
    ['SQL in the id', Buffer.from(`["${c.startedAt}","'; drop table chats; --"]`).toString('base64url')],
    ['three values', Buffer.from(`["${c.startedAt}","${c.id}","x"]`).toString('base64url')],
  ])('refuses %s, naming the field', (_name, cursor) => {
    expect(() => decodeListCursor(cursor)).toThrow(
      expect.objectContaining({ status: 400, fields: { cursor: expect.any(String) } }),
    );
  });
});
