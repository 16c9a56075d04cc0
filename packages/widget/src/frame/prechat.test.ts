import { describe, expect, it } from 'vitest';
import { prechatRequired } from './prechat';

const prechat = (enabled: boolean, mode: 'every_time' | 'first_time') => ({
  enabled,
  mode,
  text: 'Would you like to chat?',
  buttonText: 'Yes, start chat!',
});

describe('prechatRequired', () => {
  it('is never required when disabled', () => {
    expect(prechatRequired(prechat(false, 'every_time'), 0)).toBe(false);
    expect(prechatRequired(prechat(false, 'first_time'), 0)).toBe(false);
  });

  it('is required for every chat in "every time" mode', () => {
    expect(prechatRequired(prechat(true, 'every_time'), 0)).toBe(true);
    expect(prechatRequired(prechat(true, 'every_time'), 5)).toBe(true);
  });

  it('is required only for a visitor without earlier chats in "first time" mode', () => {
    expect(prechatRequired(prechat(true, 'first_time'), 0)).toBe(true);
    expect(prechatRequired(prechat(true, 'first_time'), 1)).toBe(false);
  });
});
