import { describe, expect, it } from 'vitest';
import { BeaconRequest, utmOf, visitSource } from './visitors.js';

describe('TLS-6: UTM parameters of a page address', () => {
  it.each([
    [
      'https://shop.example/?utm_source=news&utm_medium=email&utm_campaign=spring',
      { utm_source: 'news', utm_medium: 'email', utm_campaign: 'spring' },
    ],
    ['https://shop.example/?utm_source=a&utm_source=b', { utm_source: 'a' }],
    ['https://shop.example/?UTM_SOURCE=x&utm-source=y&utm_=z&utm_term=', {}],
    ['https://shop.example/?utm_content=%C3%A9t%C3%A9', { utm_content: 'été' }],
    ['https://shop.example/path#utm_source=frag', {}],
    ['not a url', {}],
    ['', {}],
  ])('%s', (url, expected) => {
    expect(utmOf(url)).toEqual(expected);
  });

  it('keeps at most 10 keys, each value at most 200 characters', () => {
    const many = Array.from({ length: 20 }, (_, i) => `utm_k${String.fromCharCode(97 + i)}=v`).join('&');
    expect(Object.keys(utmOf(`https://x.example/?${many}`))).toHaveLength(10);
    expect(utmOf(`https://x.example/?utm_source=${'a'.repeat(500)}`).utm_source).toHaveLength(200);
  });
});

describe('TLS-6: where a visit came from', () => {
  it.each([
    ['', {}, 'shop.example', { kind: 'direct', name: '' }],
    ['https://shop.example/other', {}, 'shop.example', { kind: 'direct', name: '' }],
    ['https://www.google.com/search?q=x', {}, 'shop.example', { kind: 'search', name: 'google.com' }],
    ['https://duckduckgo.com/', {}, '', { kind: 'search', name: 'duckduckgo.com' }],
    ['https://www.bing.co.uk/', {}, '', { kind: 'search', name: 'bing.co.uk' }],
    ['https://l.facebook.com/l.php', {}, '', { kind: 'social', name: 'l.facebook.com' }],
    ['https://t.co/abc', {}, '', { kind: 'social', name: 't.co' }],
    ['https://blog.example.org/post', {}, '', { kind: 'referral', name: 'blog.example.org' }],
    ['https://www.google.com/', { utm_source: 'newsletter' }, '', { kind: 'campaign', name: 'newsletter' }],
    ['', { utm_campaign: 'spring' }, '', { kind: 'campaign', name: 'spring' }],
    ['garbage', {}, '', { kind: 'direct', name: '' }],
    ['https://notgoogle.example/', {}, '', { kind: 'referral', name: 'notgoogle.example' }],
  ] as const)('%s %j', (referrer, utm, host, expected) => {
    expect(visitSource(referrer, utm, host)).toEqual(expected);
  });
});

describe('TLS-6: the beacon’s body', () => {
  const site = '6f1c3a9e-8a51-4a57-9a87-2a8f4f1f0c11';
  it('takes a page view and a heartbeat', () => {
    expect(
      BeaconRequest.safeParse({ site, token: null, url: 'https://x/', title: '', referrer: '' }).success,
    ).toBe(true);
    expect(BeaconRequest.safeParse({ site, token: 't', view: 12, end: true }).success).toBe(true);
  });
  it.each([
    { site: 'x', url: 'https://x/' },
    { site, url: 'u'.repeat(2001) },
    { site, token: '', view: 1 },
    { site, token: 't', view: 0 },
    { site, token: 't', view: 1.5 },
    { site, token: 't'.repeat(101), view: 1 },
  ])('refuses %j', (body) => {
    expect(BeaconRequest.safeParse(body).success).toBe(false);
  });
});
