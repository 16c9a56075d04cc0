// The greeting form's values and what the API gets (INV-3…INV-5).
import { describe, expect, it } from 'vitest';
import { InviteInput, type Invite } from '@parley/protocol';
import { isChanged, newCriterion, newMoment, toFormValues, toInput } from './inviteForm';

const invite: Invite = {
  id: '00000000-0000-4000-8000-000000000001',
  campaignId: '00000000-0000-4000-8000-000000000002',
  kind: 'yes_no',
  enabled: true,
  position: 0,
  title: 'Need help?',
  text: 'Can we help?',
  acceptText: 'Yes',
  declineText: 'No',
  moments: [
    {
      name: 'Lingers',
      criteria: [
        { kind: 'current_page', match: 'wildcard', url: '/shop/*' },
        { kind: 'time_on_page', operator: '>=', minutes: 2 },
      ],
    },
  ],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('the greeting form', () => {
  it('gives back what it was given, and nothing changed', () => {
    const values = toFormValues(invite);
    expect(toInput(values)).toEqual({
      kind: 'yes_no',
      enabled: true,
      title: 'Need help?',
      text: 'Can we help?',
      acceptText: 'Yes',
      declineText: 'No',
      moments: invite.moments,
    });
    expect(isChanged(values, toFormValues(invite))).toBe(false);
  });

  it('sends a Chatwindow greeting without button names, and each criterion with its own fields only', () => {
    const values = { ...toFormValues(null, 'chat_window'), title: 'Hi', text: 'Ask us' };
    const moment = newMoment('Cart');
    moment.criteria = [
      { ...newCriterion('previous_page'), url: '/cart' },
      { ...newCriterion('time_on_website'), operator: '=', minutes: 3 },
    ];
    values.moments = [moment];
    expect(toInput(values)).toEqual({
      kind: 'chat_window',
      enabled: true,
      title: 'Hi',
      text: 'Ask us',
      moments: [
        {
          name: 'Cart',
          criteria: [
            { kind: 'previous_page', match: 'contains', url: '/cart' },
            { kind: 'time_on_website', operator: '=', minutes: 3 },
          ],
        },
      ],
    });
  });

  it('an empty minutes field is refused at its own path', () => {
    const values = toFormValues(invite);
    values.moments[0]!.criteria[1]!.minutes = '';
    const result = InviteInput.safeParse(toInput(values));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['moments.0.criteria.1.minutes']);
  });
});
