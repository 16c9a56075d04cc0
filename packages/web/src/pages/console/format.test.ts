import { describe, expect, it } from 'vitest';
import { describeUserAgent, formatBytes, formatDay, nameIn, safeFileUrl, safeHttpUrl } from './format';

describe('console formatting', () => {
  it('allows only http(s) links from visitors', () => {
    expect(safeHttpUrl('https://shop.example/a?b=1')).toBe('https://shop.example/a?b=1');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,<b>x</b>')).toBeNull();
    expect(safeHttpUrl('not a url')).toBeNull();
    expect(safeFileUrl('/files/123')).toBe('/files/123');
    expect(safeFileUrl('//evil.example/x')).toBeNull();
  });

  it('names browsers', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome 131 on Windows');
    expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe(
      'Firefox 133 on Linux',
    );
    expect(
      describeUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari 18 on iOS');
    expect(describeUserAgent('curl/8.0')).toBe('curl/8.0');
  });

  it('formats sizes, days and names', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    const now = new Date(2026, 10, 25, 15, 0);
    expect(formatDay(new Date(2026, 10, 25, 9, 0).toISOString(), now)).toBe('Today');
    expect(formatDay(new Date(2026, 10, 24, 9, 0).toISOString(), now)).toBe('Yesterday');
    expect(nameIn({ name: 'Ann' }, 'x')).toBe('Ann');
    expect(nameIn('Bob', 'x')).toBe('Bob');
    expect(nameIn(undefined, 'another agent')).toBe('another agent');
  });
});
