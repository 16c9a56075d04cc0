import { describe, expect, it } from 'vitest';
import { nextPatch } from './autosave';

// TLS-2's autosave: what the next save sends, and what it holds back (and why).
const saved = { shortkey: 'ship', question: 'Shipping?', answer: 'Free' };

describe('nextPatch', () => {
  it('sends only the fields that changed', () => {
    expect(nextPatch(saved, saved)).toEqual({ patch: {}, problems: {} });
    expect(nextPatch(saved, { ...saved, answer: 'Free from €50' })).toEqual({
      patch: { answer: 'Free from €50' },
      problems: {},
    });
  });

  it('holds back a shortkey the server would refuse, and saves the other fields', () => {
    expect(nextPatch(saved, { ...saved, shortkey: 'free ship', answer: 'Free!' })).toEqual({
      patch: { answer: 'Free!' },
      problems: { shortkey: 'A shortkey has no spaces' },
    });
  });

  it('does not send a value the server refused again until it changes', () => {
    const refused = { shortkey: { value: 'return', message: 'Another Q&A in this forum has this shortkey' } };
    expect(nextPatch(saved, { ...saved, shortkey: 'return' }, refused)).toEqual({
      patch: {},
      problems: { shortkey: 'Another Q&A in this forum has this shortkey' },
    });
    expect(nextPatch(saved, { ...saved, shortkey: 'returns' }, refused)).toEqual({
      patch: { shortkey: 'returns' },
      problems: {},
    });
  });

  it('lets a field go back to what is saved without a request', () => {
    const refused = { shortkey: { value: 'x y', message: 'A shortkey has no spaces' } };
    expect(nextPatch(saved, saved, refused)).toEqual({ patch: {}, problems: {} });
  });
});
