import { describe, expect, it } from 'vitest';
import { Language } from './common.js';
import { fillText, plural, widgetTexts } from './widget-texts.js';

describe('widget texts', () => {
  it('has every text in every language, with the same placeholders', () => {
    const keys = Object.keys(widgetTexts.en).sort();
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const language of Object.values(Language)) {
      const texts = widgetTexts[language];
      expect(Object.keys(texts).sort(), language).toEqual(keys);
      for (const key of keys) {
        const text = texts[key as keyof typeof texts];
        expect(text.trim(), `${language}.${key}`).not.toBe('');
        expect(placeholders(text), `${language}.${key}`).toEqual(
          placeholders(widgetTexts.en[key as keyof typeof texts]),
        );
      }
    }
  });

  it('says "1 new message", not "1 new messages"', () => {
    const count = (language: Language, n: number) => {
      const t = widgetTexts[language];
      return fillText(plural(language, n, t.unreadOne, t.unread), { n });
    };
    expect(count('en', 1)).toBe('1 new message');
    expect(count('en', 2)).toBe('2 new messages');
    expect(count('nl', 1)).toBe('1 nieuw bericht');
    expect(count('de', 3)).toBe('3 neue Nachrichten');
    expect(count('fr', 1)).toBe('1 nouveau message');
    expect(count('fr', 0)).toBe('0 nouveau message');
    expect(count('es', 1)).toBe('1 mensaje nuevo');
    expect(count('es', 12)).toBe('12 mensajes nuevos');
  });
});
