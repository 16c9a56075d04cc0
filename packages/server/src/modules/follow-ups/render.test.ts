import { describe, expect, it } from 'vitest';
import { Language } from '@parley/protocol';
import { escapeHtml, renderEmail, safeUrl, type EmailInput } from './render.js';
import { emailTexts } from './texts.js';

const input: EmailInput = {
  kind: 'transcript',
  language: 'en',
  timeZone: 'Europe/Amsterdam',
  name: 'Shop & Co',
  color: '#ffd43b',
  logoUrl: 'https://chat.example/files/logo',
  startedAt: new Date('2026-03-01T10:00:00Z'),
  entries: [
    {
      author: 'visitor',
      authorName: 'Vera',
      text: '<script>alert(1)</script>\nsecond line',
      at: new Date('2026-03-01T10:00:00Z'),
    },
    { author: 'agent', authorName: 'Ann "the agent"', text: 'Hello', at: new Date('2026-03-01T10:01:00Z') },
    {
      author: 'agent',
      authorName: 'Ann',
      text: '',
      fileName: 'price<list>.pdf',
      at: new Date('2026-03-01T10:02:00Z'),
    },
  ],
  conversationUrl: 'javascript:alert(1)',
  unsubscribeUrl: 'https://chat.example/follow-ups/unsubscribe/x.y',
};

// FUP-2: the email's content, in five languages, with people's words escaped.
describe('renderEmail', () => {
  it('escapes what people wrote, in the HTML part; the text part keeps it as written', () => {
    const e = renderEmail(input);
    expect(e.html).not.toContain('<script>');
    expect(e.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(e.html).toContain('Ann &quot;the agent&quot;');
    expect(e.html).toContain('File: price&lt;list&gt;.pdf');
    expect(e.html).toContain('alt="Shop &amp; Co"');
    expect(e.text).toContain('<script>alert(1)</script>\nsecond line');
    expect(e.text).toContain('You (11:00 AM):');
    expect(e.subject).toBe('Your conversation with Shop & Co');
  });

  it('uses the campaign colour with readable text, and its logo', () => {
    const e = renderEmail(input);
    expect(e.html).toContain('background:#ffd43b;color:#000');
    expect(e.html).toContain('<img src="https://chat.example/files/logo"');
    expect(renderEmail({ ...input, logoUrl: null }).html).toContain(
      '<strong style="font-size:18px">Shop &amp; Co</strong>',
    );
    expect(renderEmail({ ...input, color: 'red;background:url(x)' }).html).toContain('background:#1971c2');
  });

  it('an answer links back to the conversation only by http(s)', () => {
    const bad = renderEmail({ ...input, kind: 'answer' });
    expect(bad.html).not.toContain('javascript:');
    const good = renderEmail({
      ...input,
      kind: 'answer',
      conversationUrl: 'https://shop.example/p?a=1&b="2"',
    });
    expect(good.html).toContain('href="https://shop.example/p?a=1&amp;b=%222%22"');
    expect(good.text).toContain('https://shop.example/p?a=1&b=%222%22');
    expect(good.subject).toBe('Shop & Co answered your message');
  });

  it.each(Object.values(Language))(
    'in %s: its own texts, lang attribute and the unsubscribe link',
    (language) => {
      const e = renderEmail({ ...input, language });
      const t = emailTexts[language];
      expect(e.html).toContain(`<html lang="${language}">`);
      expect(e.html).toContain(escapeHtml(t.transcriptHeading));
      expect(e.text).toContain(t.transcriptHeading);
      expect(e.text).toContain(`${t.unsubscribe}: ${input.unsubscribeUrl}`);
      expect(e.html).toContain(`href="${input.unsubscribeUrl}"`);
    },
  );

  it('every language has every text, none empty', () => {
    const keys = Object.keys(emailTexts.en).sort();
    for (const language of Object.values(Language)) {
      expect(Object.keys(emailTexts[language]).sort()).toEqual(keys);
      for (const v of Object.values(emailTexts[language])) expect(v.trim()).not.toBe('');
    }
  });

  it('safeUrl', () => {
    expect(safeUrl('http://a.example/')).toBe('http://a.example/');
    expect(safeUrl('data:text/html,x')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(safeUrl(null)).toBeNull();
  });
});
