import { describe, expect, it } from 'vitest';
import { locate } from './locate';

const page = 'https://shop.example.com/products/1';
const loader = 'https://chat.example.net/widget/loader.js?site=8c1f0d0e-0000-4000-8000-000000000001';

describe('locate', () => {
  it('reads the server origin and site from the current script', () => {
    expect(locate({ src: loader }, [], page)).toEqual({
      origin: 'https://chat.example.net',
      site: '8c1f0d0e-0000-4000-8000-000000000001',
    });
  });

  it('falls back to the last loader script when there is no current script', () => {
    const scripts = [{ src: 'https://cdn.example.com/app.js' }, { src: loader }, { src: '' }];
    expect(locate(null, scripts, page)?.origin).toBe('https://chat.example.net');
  });

  it('ignores scripts without a site or with another path', () => {
    expect(locate({ src: 'https://chat.example.net/widget/loader.js' }, [], page)).toBeNull();
    expect(locate({ src: 'https://chat.example.net/other.js?site=x' }, [], page)).toBeNull();
  });

  it('resolves a relative src against the page', () => {
    expect(locate({ src: '/widget/loader.js?site=abc' }, [], page)).toEqual({
      origin: 'https://shop.example.com',
      site: 'abc',
    });
  });
});
