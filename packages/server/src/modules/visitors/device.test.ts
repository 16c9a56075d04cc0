import { describe, expect, it } from 'vitest';
import { countryFrom, parseUserAgent } from './device.js';

describe('TLS-6: device and browser parsed on the server (ua-parser-js)', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
      { browser: 'Chrome 130', os: 'Windows 10', device: 'desktop' },
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
      { browser: 'Mobile Safari 17', os: 'iOS 17.0', device: 'mobile' },
    ],
    [
      'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
      { browser: 'Mobile Safari 16', os: 'iOS 16.6', device: 'tablet' },
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
      { browser: 'Firefox 128', os: 'Linux', device: 'desktop' },
    ],
    ['', { browser: '', os: '', device: '' }],
    ['curl/8.5.0', { browser: '', os: '', device: '' }],
  ])('%s', (ua, expected) => {
    expect(parseUserAgent(ua)).toEqual(expected);
  });

  it('never throws on odd input and keeps within the column sizes', () => {
    for (const ua of ['\u0000', 'x'.repeat(100_000), '()()(;;;', 'Mozilla/5.0 ('.repeat(1000)]) {
      const d = parseUserAgent(ua);
      expect(d.browser.length).toBeLessThanOrEqual(100);
      expect(d.os.length).toBeLessThanOrEqual(100);
    }
  });
});

describe('TLS-6: country only from the trusted proxy header', () => {
  it.each([
    ['NL', 'NL'],
    ['de', 'DE'],
    [' fr ', 'FR'],
    ['XX', ''],
    ['T1', ''],
    ['NLD', ''],
    ['', ''],
    [undefined, ''],
    [['BE', 'NL'], 'BE'],
  ] as const)('%j → %j', (value, expected) => {
    expect(countryFrom(value as string | string[] | undefined)).toBe(expected);
  });
});
