import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEvents, ga4Name, sendGa4 } from './analytics';

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

describe('ga4Name', () => {
  it.each([
    ['widget.loaded', 'parley_widget_loaded'],
    ['greeting.shown', 'parley_greeting_shown'],
    ['greeting.accepted', 'parley_greeting_accepted'],
    ['greeting.declined', 'parley_greeting_declined'],
    ['chat.started', 'parley_chat_started'],
    ['agents.unavailable', 'parley_agents_unavailable'],
    ['chat.closed', 'parley_chat_closed'],
    ['rating.given', 'parley_rating_given'],
    ['goal.reached', 'parley_goal_reached'],
  ])('%s is %s (snake_case, at most 40 characters)', (name, ga4) => {
    expect(ga4Name(name)).toBe(ga4);
    expect(ga4).toMatch(/^[a-z][a-z0-9_]{0,39}$/);
  });
});

describe('sendGa4', () => {
  it('calls gtag when the page has it, else pushes to the dataLayer, else sends nothing', () => {
    const gtag = vi.fn();
    const dataLayer: unknown[] = [];
    sendGa4({ gtag, dataLayer }, 'chat.started', { proactive: true });
    expect(gtag).toHaveBeenCalledWith('event', 'parley_chat_started', { proactive: true });
    expect(dataLayer).toEqual([]);
    sendGa4({ dataLayer }, 'goal.reached', { goal: 'Order', value: 12.5 });
    expect(dataLayer).toEqual([{ event: 'parley_goal_reached', goal: 'Order', value: 12.5 }]);
    expect(() => sendGa4({}, 'chat.closed', {})).not.toThrow();
    expect(() => sendGa4({ gtag: 'y', dataLayer: {} }, 'chat.closed', {})).not.toThrow();
  });
});

describe('createEvents', () => {
  it('dispatches a DOM event and the callbacks always, and GA4 only when the campaign says so', () => {
    let ga4 = false;
    const events = createEvents(() => ga4);
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
