import { describe, expect, it } from 'vitest';
import { availabilityMet, liveChatPossible, type CampaignPresence } from './availability.js';
import { offlineFormErrors } from './constants.js';

// INV-1: the three settings against the campaign's agents, for the button and for a chat started now.
describe('availability', () => {
  const table: [string, CampaignPresence, boolean, boolean][] = [
    // setting, presence, button shows, a chat started now is live
    ['always', 'offline', true, false],
    ['always', 'logged_in', true, false],
    ['always', 'available', true, true],
    ['agents_logged_in', 'offline', false, false],
    ['agents_logged_in', 'logged_in', true, true],
    ['agents_logged_in', 'available', true, true],
    ['agents_available', 'offline', false, false],
    ['agents_available', 'logged_in', false, false],
    ['agents_available', 'available', true, true],
  ];
  it.each(table)('%s with agents %s: button %s, live chat %s', (setting, presence, button, live) => {
    const s = setting as Parameters<typeof availabilityMet>[0];
    expect(availabilityMet(s, presence)).toBe(button);
    expect(liveChatPossible(s, presence)).toBe(live);
  });
  it('never offers a live chat where the button would not show', () => {
    for (const [setting, presence] of table) {
      const s = setting as Parameters<typeof availabilityMet>[0];
      if (liveChatPossible(s, presence)) expect(availabilityMet(s, presence)).toBe(true);
    }
  });
});

// INV-2: the offline form's rules, shared by the widget and the server.
describe('offlineFormErrors', () => {
  const ok = { name: '', email: '', message: 'Call me back' };
  it.each([
    ['only a message', ok, {}],
    ['name and email', { name: 'Vera', email: 'vera@example.com', message: 'Hi' }, {}],
    ['email with spaces around', { ...ok, email: '  vera@example.com ' }, {}],
    ['a subdomain and a plus', { ...ok, email: 'v+chat@mail.example.co.uk' }, {}],
    ['no message', { ...ok, message: '' }, { message: 'offlineMessageRequired' }],
    ['a blank message', { ...ok, message: ' \n\t ' }, { message: 'offlineMessageRequired' }],
    ['a message of 5,000', { ...ok, message: 'x'.repeat(5000) }, {}],
    ['a message of 5,001', { ...ok, message: 'x'.repeat(5001) }, { message: 'offlineTooLong' }],
    ['a name of 100', { ...ok, name: 'n'.repeat(100) }, {}],
    ['a name of 101', { ...ok, name: 'n'.repeat(101) }, { name: 'offlineTooLong' }],
    ['email without @', { ...ok, email: 'vera.example.com' }, { email: 'offlineEmailInvalid' }],
    ['email without domain', { ...ok, email: 'vera@' }, { email: 'offlineEmailInvalid' }],
    ['email without dot', { ...ok, email: 'vera@localhost' }, { email: 'offlineEmailInvalid' }],
    ['email with a space', { ...ok, email: 'vera @example.com' }, { email: 'offlineEmailInvalid' }],
    ['email with two @', { ...ok, email: 'a@b@example.com' }, { email: 'offlineEmailInvalid' }],
    ['email ending in a dot', { ...ok, email: 'vera@example.' }, { email: 'offlineEmailInvalid' }],
    ['email of 321', { ...ok, email: `${'a'.repeat(309)}@example.com` }, { email: 'offlineTooLong' }],
    [
      'everything wrong',
      { name: 'n'.repeat(101), email: 'x', message: '' },
      { name: 'offlineTooLong', email: 'offlineEmailInvalid', message: 'offlineMessageRequired' },
    ],
  ])('%s', (_, form, errors) => {
    expect(offlineFormErrors(form)).toEqual(errors);
  });
});
