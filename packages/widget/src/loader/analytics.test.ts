import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEvents } from './analytics';
import type { EventDetail } from './analytics';
import { sendGa4, type Page } from '../ga4/send';

// GOL-5: the campaign events as DOM events, queue-API callbacks and GA4 events (docs/analytics.md). Node has
// EventTarget and CustomEvent; the page's `window` is one EventTarget here (the browser test has the real one).
const target = new EventTarget();
beforeAll(() => {
  vi.stubGlobal('window', globalThis);
  vi.stubGlobal('dispatchEvent', target.dispatchEvent.bind(target));
  vi.stubGlobal('addEventListener', target.addEventListener.bind(target));
});
const w = globalThis as unknown as { gtag?: unknown; dataLayer?: unknown };
afterEach(() => {
  delete w.gtag;
  delete w.dataLayer;
});

describe('createEvents', () => {
  it('dispatches a DOM event and the callbacks always, and GA4 only when the campaign says so', () => {
    let ga4 = false;
    // What the loader hands: GA4 (ga4.js, sendGa4) only when the campaign says so.
    const events = createEvents(
      (name: string, detail: EventDetail) => ga4 && sendGa4(w as Page, name, detail),
    );
    const dom: unknown[] = [];
    addEventListener('parley:chat.started', (e) => dom.push((e as CustomEvent).detail));
    const calls: unknown[] = [];
    events.on('chat.started', (d) => calls.push(d));
    events.on('chat.started', (d) => calls.push(['again', d]));
    w.gtag = vi.fn();
    events.emit('chat.started', { proactive: false });
    expect(dom).toEqual([{ proactive: false }]);
    expect(calls).toEqual([{ proactive: false }, ['again', { proactive: false }]]);
    expect(w.gtag).not.toHaveBeenCalled();
    ga4 = true;
    events.emit('chat.started', { proactive: true });
    expect(w.gtag).toHaveBeenCalledWith('event', 'parley_chat_started', { proactive: true });
    events.emit('chat.closed');
    expect(dom).toHaveLength(2);
  });
});
