import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COBROWSE_PART_MAX, type VisitorClientFrame, type VisitorServerFrame } from '@parley/protocol';
import { createShare, RECORDER_LOAD_MS, type Sharing } from './share';

// TLS-5: screen sharing in the chat frame, against a scripted server and recorder: it asks the server first,
// loads the recorder only once accepted, sends the recorder's events in parts, makes good dropped events with a
// full snapshot, and ends when told (the visitor, the server, the chat).

const CHAT = '7c4c0a8e-6b0f-4a55-9a55-4d1b2a0c9e11';

function setup(backlog = 0) {
  const sent: VisitorClientFrame[] = [];
  const host: string[] = [];
  const states: Sharing[] = [];
  let failed = 0;
  const share = createShare({
    send: (f) => sent.push(f),
    backlog: () => backlog,
    set: (s) => states.push(s),
    failed: () => failed++,
    host: {
      loadRecorder: () => host.push('load'),
      recorder: (m) => host.push(JSON.stringify(m)),
    },
  });
  return { share, sent, host, states, failed: () => failed };
}

const state = (sharing: boolean): VisitorServerFrame => ({ type: 'cobrowse.state', chatId: CHAT, sharing });
const error = (code: string, extra: object = {}) =>
  ({ type: 'error', code, message: 'x', chatId: CHAT, ...extra }) as VisitorServerFrame;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('screen sharing in the chat frame (TLS-5)', () => {
  it('asks the server, then loads the recorder and records; the recorder’s events go out in parts', () => {
    const s = setup();
    s.share.start(CHAT);
    expect(s.sent).toEqual([{ type: 'cobrowse.start', chatId: CHAT }]);
    expect(s.host).toEqual([]);
    expect(s.share.frame(state(true))).toBe(true);
    expect(s.states).toEqual(['starting', 'on']);
    expect(s.host).toEqual(['load']);
    s.share.recorder({ source: 'parley-cobrowse', type: 'ready' });
    expect(s.host).toEqual(['load', '{"on":true}']);

    const big = [{ type: 2, data: { text: 'x'.repeat(COBROWSE_PART_MAX * 2) }, timestamp: 1 }];
    s.share.recorder({ source: 'parley-cobrowse', type: 'events', events: big });
    const parts = s.sent.filter((f) => f.type === 'cobrowse.events');
    expect(parts).toHaveLength(3);
    expect(parts.map((p) => ('more' in p ? p.more : undefined))).toEqual([true, true, undefined]);
    expect(JSON.parse(parts.map((p) => (p.type === 'cobrowse.events' ? p.data : '')).join(''))).toEqual(big);
    // The recorder loads once: a second sharing records at once.
    s.share.stop(true);
    expect(s.sent.at(-1)).toEqual({ type: 'cobrowse.stop', chatId: CHAT });
    expect(s.host.at(-1)).toBe('{"on":false}');
    s.share.start(CHAT);
    s.share.frame(state(true));
    expect(s.host.filter((h) => h === 'load')).toHaveLength(1);
    expect(s.host.at(-1)).toBe('{"on":true}');
  });

  it('sends nothing before the server accepted, nor after sharing ended', () => {
    const s = setup();
    s.share.recorder({ source: 'parley-cobrowse', type: 'events', events: [{ type: 3, timestamp: 1 }] });
    s.share.start(CHAT);
    s.share.recorder({ source: 'parley-cobrowse', type: 'events', events: [{ type: 3, timestamp: 1 }] });
    expect(s.sent.filter((f) => f.type === 'cobrowse.events')).toEqual([]);
    s.share.frame(state(true));
    s.share.frame(state(false));
    expect(s.states.at(-1)).toBe('off');
    expect(s.host.at(-1)).toBe('{"on":false}');
    s.share.recorder({ source: 'parley-cobrowse', type: 'events', events: [{ type: 3, timestamp: 1 }] });
    expect(s.sent.filter((f) => f.type === 'cobrowse.events')).toEqual([]);
    // The server ended it: no stop is sent back.
    expect(s.sent.filter((f) => f.type === 'cobrowse.stop')).toEqual([]);
  });

  it('a refused start ends it and tells the visitor; cobrowse_off after an end says nothing', () => {
    const s = setup();
    s.share.start(CHAT);
    expect(s.share.frame(error('forbidden'))).toBe(true);
    expect(s.states.at(-1)).toBe('off');
    expect(s.failed()).toBe(1);
    expect(s.share.frame(error('cobrowse_off'))).toBe(true);
    expect(s.failed()).toBe(1);
    // Errors of other chats or of messages are not sharing's.
    expect(s.share.frame(error('rate_limited', { cid: 'c' }))).toBe(false);
    expect(s.share.frame({ type: 'typing', chatId: CHAT, typing: true, name: 'Ann' })).toBe(false);
  });

  it('makes good dropped events with one full snapshot a moment later', () => {
    const s = setup();
    s.share.start(CHAT);
    s.share.frame(state(true));
    s.share.recorder({ source: 'parley-cobrowse', type: 'ready' });
    expect(s.share.frame(error('rate_limited'))).toBe(true);
    expect(s.share.frame(error('over_limit'))).toBe(true);
    expect(s.host.filter((h) => h.includes('snapshot'))).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(s.host.filter((h) => h.includes('snapshot'))).toEqual(['{"snapshot":true}']);
    // The agent asks for one (they started watching).
    s.share.frame({ type: 'cobrowse.snapshot', chatId: CHAT });
    expect(s.host.filter((h) => h.includes('snapshot'))).toHaveLength(2);
  });

  it('drops events while the socket is backed up, and asks for a snapshot instead', () => {
    const s = setup(2 * 1024 * 1024);
    s.share.start(CHAT);
    s.share.frame(state(true));
    s.share.recorder({ source: 'parley-cobrowse', type: 'ready' });
    s.share.recorder({ source: 'parley-cobrowse', type: 'events', events: [{ type: 3, timestamp: 1 }] });
    expect(s.sent.filter((f) => f.type === 'cobrowse.events')).toEqual([]);
    vi.advanceTimersByTime(2000);
    expect(s.host.at(-1)).toBe('{"snapshot":true}');
  });

  it('gives up when the recorder never loads (the page’s CSP refused it)', () => {
    const s = setup();
    s.share.start(CHAT);
    s.share.frame(state(true));
    vi.advanceTimersByTime(RECORDER_LOAD_MS);
    expect(s.failed()).toBe(1);
    expect(s.states.at(-1)).toBe('off');
    expect(s.sent.at(-1)).toEqual({ type: 'cobrowse.stop', chatId: CHAT });
  });

  it('after a lost socket: stops recording, asks again after the welcome, records again once accepted', () => {
    const s = setup();
    s.share.start(CHAT);
    s.share.frame(state(true));
    s.share.recorder({ source: 'parley-cobrowse', type: 'ready' });
    s.share.lost();
    expect(s.host.at(-1)).toBe('{"on":false}');
    expect(s.states.at(-1)).toBe('starting');
    s.share.welcomed();
    expect(s.sent.at(-1)).toEqual({ type: 'cobrowse.start', chatId: CHAT });
    s.share.frame(state(true));
    expect(s.host.at(-1)).toBe('{"on":true}');
  });
});
