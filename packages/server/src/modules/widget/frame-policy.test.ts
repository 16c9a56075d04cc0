import { describe, expect, it } from 'vitest';
import { frameAncestors } from './frame-policy.js';

describe('frameAncestors', () => {
  it.each<[string, 'http' | 'https' | undefined, string]>([
    ['shop.example.com', 'https', "'self' https://shop.example.com:* https://shop.example.com"],
    ['shop.example.com', 'http', "'self' http://shop.example.com:* http://shop.example.com"],
    ['localhost:3000', 'http', "'self' http://localhost:3000"],
    [
      'shop.example.com',
      undefined,
      "'self' http://shop.example.com:* http://shop.example.com https://shop.example.com:* https://shop.example.com",
    ],
  ])('%s on %s', (host, scheme, policy) => {
    expect(frameAncestors(host, scheme)).toBe(policy);
  });

  it('names no http source for a page on https', () => {
    expect(frameAncestors('shop.example.com', 'https')).not.toMatch(/http:/);
  });
});
