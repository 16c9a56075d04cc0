import { describe, expect, it, vi } from 'vitest';
import { ga4Event, ga4Name, sendGa4 } from './send';

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

describe('ga4Event', () => {
  it.each([
    [
      'greeting.shown',
      { greeting: 'Still deciding?' },
      ['view_promotion', { promotion_name: 'Still deciding?' }],
    ],
    ['greeting.accepted', { greeting: 'Hi' }, ['select_promotion', { promotion_name: 'Hi' }]],
    ['greeting.accepted', {}, ['select_promotion', {}]],
    ['greeting.declined', { greeting: 'Hi' }, ['parley_greeting_declined', { greeting: 'Hi' }]],
    ['goal.reached', { goal: 'Order', value: 5 }, ['parley_goal_reached', { goal: 'Order', value: 5 }]],
  ])('%s %j → GA4 %j (recommended events where one means the same)', (name, detail, expected) => {
    expect(ga4Event(name, detail)).toEqual(expected);
  });

  it('sends a greeting shown as view_promotion through gtag and the dataLayer', () => {
    const gtag = vi.fn();
    sendGa4({ gtag }, 'greeting.shown', { greeting: 'Hello' });
    expect(gtag).toHaveBeenCalledWith('event', 'view_promotion', { promotion_name: 'Hello' });
    const dataLayer: unknown[] = [];
    sendGa4({ dataLayer }, 'greeting.accepted', { greeting: 'Hello' });
    expect(dataLayer).toEqual([{ event: 'select_promotion', promotion_name: 'Hello' }]);
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
