import { describe, expect, it } from 'vitest';
import { ChatButtonInput, customButtonCode, type ChatButton } from '@parley/protocol';
import { fromTypeValue, isChanged, toFormValues, toInput, typeValue } from './buttonForm';

const saved: ChatButton = {
  id: '6a1b2c3d-0000-4000-8000-000000000001',
  campaignId: '6a1b2c3d-0000-4000-8000-000000000002',
  placement: 'footer',
  starts: 'instantly',
  enabled: true,
  position: 0,
  name: 'Pricing',
  pages: 'certain',
  urls: [{ match: 'contains', url: '/pricing' }],
  text: 'Prices?',
  color: '#aa3300',
  side: 'left',
  html: '',
  css: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('the chat button form (INV-7…INV-9)', () => {
  it('a new button is the recommended type by default, a custom one starts with a real button', () => {
    expect(toFormValues(null)).toMatchObject({
      placement: 'footer',
      starts: 'after_first_message',
      pages: 'all',
    });
    const custom = toFormValues(null, { placement: 'custom', starts: 'instantly' });
    expect(custom.html).toContain('<button type="button"');
    expect(ChatButtonInput.safeParse({ ...toInput(custom), name: 'Mine' }).success).toBe(true);
  });

  it('round-trips a saved button, and sends only its placement’s fields', () => {
    const v = toFormValues(saved);
    expect(toInput(v)).toEqual({
      placement: 'footer',
      enabled: true,
      name: 'Pricing',
      starts: 'instantly',
      pages: 'certain',
      urls: [{ match: 'contains', url: '/pricing' }],
      text: 'Prices?',
      color: '#aa3300',
      side: 'left',
    });
    expect(isChanged(v, toFormValues(saved))).toBe(false);
    // Switching to all pages drops the addresses from what is sent (the form keeps them while editing).
    const all = { ...v, pages: 'all' as const };
    expect(toInput(all).urls).toEqual([]);
    expect(isChanged(all, v)).toBe(true);
    const custom = { ...v, placement: 'custom' as const, html: '<a href="#">Chat</a>' };
    expect(toInput(custom)).not.toHaveProperty('color');
    expect(toInput(custom)).toMatchObject({ html: '<a href="#">Chat</a>', css: '' });
  });

  it('the four types’ radio values', () => {
    for (const placement of ['footer', 'custom'] as const)
      for (const starts of ['instantly', 'after_first_message'] as const)
        expect(fromTypeValue(typeValue(placement, starts))).toEqual({ placement, starts });
  });

  it('“Generate code” wraps the manager’s HTML in the element the loader binds, hidden until it may show', () => {
    const code = customButtonCode({
      id: saved.id,
      name: 'Sale --> now',
      html: ' <button type="button">Talk</button> ',
      css: '.x { color: red }',
    });
    expect(code).toBe(
      [
        '<!-- Parley chat button "Sale -› now": the page needs the chat snippet too -->',
        '<style>',
        '.x { color: red }',
        '</style>',
        `<div data-parley-button="${saved.id}" style="display:none">`,
        '<button type="button">Talk</button>',
        '</div>',
      ].join('\n'),
    );
  });
});
