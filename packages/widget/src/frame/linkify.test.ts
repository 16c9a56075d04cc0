import { describe, expect, it } from 'vitest';
import { formatBytes, linkify } from './linkify';

const joined = (text: string) =>
  linkify(text)
    .map((p) => p.text)
    .join('');

describe('linkify', () => {
  it('returns plain text as one part', () => {
    expect(linkify('Hello there')).toEqual([{ text: 'Hello there' }]);
    expect(linkify('')).toEqual([]);
  });

  it('links http and https URLs and keeps the text around them', () => {
    expect(linkify('See https://example.com/a?b=1#c and http://x.org.')).toEqual([
      { text: 'See ' },
      { text: 'https://example.com/a?b=1#c', href: 'https://example.com/a?b=1#c' },
      { text: ' and ' },
      { text: 'http://x.org', href: 'http://x.org/' },
      { text: '.' },
    ]);
  });

  it('leaves trailing punctuation out but keeps balanced brackets', () => {
    expect(linkify('(https://example.com/x)')[1]).toEqual({
      text: 'https://example.com/x',
      href: 'https://example.com/x',
    });
    expect(linkify('https://en.wikipedia.org/wiki/Foo_(bar)!')[0]?.text).toBe(
      'https://en.wikipedia.org/wiki/Foo_(bar)',
    );
  });

  it('never links other schemes', () => {
    for (const t of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://example.com', 'https://']) {
      expect(linkify(t).every((p) => p.href === undefined)).toBe(true);
    }
  });

  it('keeps markup as text: nothing becomes HTML', () => {
    const evil = '<img src=x onerror=alert(1)> <script>alert(1)</script> https://ok.example/"><b>x</b>';
    const parts = linkify(evil);
    expect(joined(evil)).toBe(evil);
    expect(parts[0]).toEqual({ text: '<img src=x onerror=alert(1)> <script>alert(1)</script> ' });
    const link = parts.find((p) => p.href);
    expect(link?.href).toBe('https://ok.example/');
    for (const p of parts) if (p.href) expect(p.href).not.toMatch(/[<>"'\s]/);
  });

  it('keeps line breaks and every character of the text', () => {
    const text = 'line 1\nline 2 https://a.example/x\n\nend';
    expect(joined(text)).toBe(text);
  });
});

describe('formatBytes', () => {
  it('uses B, KB and MB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3 MB');
  });
});
