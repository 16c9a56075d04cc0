import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { Language } from '@parley/protocol';
import { catalogs, intlFor, type MessageKey } from './index';
import { en } from './messages/en';

/** The names a message takes as values (`{name}`, `{count, plural, …}`, `<link>…</link>`), in any branch. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (
      el.type === TYPE.argument ||
      el.type === TYPE.number ||
      el.type === TYPE.date ||
      el.type === TYPE.time
    )
      into.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      into.add(el.value);
      for (const option of Object.values(el.options)) argumentsOf(option.value, into);
    }
    if (el.type === TYPE.tag) {
      into.add(`<${el.value}>`);
      argumentsOf(el.children, into);
    }
  }
  return into;
}

const keys = Object.keys(en).sort() as MessageKey[];

describe('the manager UI in five languages', () => {
  for (const language of Object.values(Language)) {
    it(`${language}: every key, no extra one, each a valid ICU message with English's values`, () => {
      const catalog = catalogs[language];
      expect(Object.keys(catalog).sort(), 'the same keys as English').toEqual(keys);
      for (const key of keys) {
        const text = catalog[key];
        expect(text.trim(), key).not.toBe('');
        expect([...argumentsOf(parse(text))].sort(), key).toEqual([...argumentsOf(parse(en[key]))].sort());
      }
    });
  }

  it('uses plural rules and the language’s number format', () => {
    const unread = (language: Language, count: number) =>
      intlFor(language).formatMessage({ id: 'console.unread' }, { count });
    expect(unread('en', 1)).toBe('1 unread message');
    expect(unread('en', 3)).toBe('3 unread messages');
    expect(unread('nl', 1)).toBe('1 ongelezen bericht');
    expect(unread('de', 2)).toBe('2 ungelesene Nachrichten');
    expect(unread('fr', 1)).toBe('1 message non lu');
    expect(unread('es', 5)).toBe('5 mensajes sin leer');
    expect(intlFor('de').formatMessage({ id: 'users.showing' }, { shown: 1200, total: 1500 })).toBe(
      '1.200 von 1.500 Benutzern',
    );
  });

  it('dates in the account’s time zone', () => {
    const at = new Date('2026-11-30T23:30:00Z');
    expect(intlFor('en', 'UTC').formatDate(at, { day: 'numeric' })).toBe('30');
    expect(intlFor('en', 'Europe/Amsterdam').formatDate(at, { day: 'numeric' })).toBe('1');
  });

  it('knows every fixed message of the protocol’s schemas, to translate it', () => {
    // The protocol's sources as text (Vite reads them at test time).
    const sources = import.meta.glob<string>('../../../protocol/src/*.ts', {
      query: '?raw',
      import: 'default',
      eager: true,
    });
    expect(Object.keys(sources).length).toBeGreaterThan(5);
    const known = new Set(
      Object.keys(en)
        .filter((k) => k.startsWith('server.'))
        .map((k) => k.slice(7)),
    );
    const missing: string[] = [];
    for (const [file, source] of Object.entries(sources)) {
      // Socket frames (realtime.ts) are built by our own clients, never typed by a person.
      if (file.endsWith('.test.ts') || file.endsWith('/realtime.ts')) continue;
      for (const m of source.matchAll(/(?:\.(?:min|max|int|regex)\([^'`\n]*|message: )'([^']+)'/g)) {
        if (!known.has(m[1]!)) missing.push(`${file}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
