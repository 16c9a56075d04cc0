import { describe, expect, it } from 'vitest';
import { originAllowed } from './origin.js';

describe('originAllowed', () => {
  const own = ['https://chat.example.net'];
  it.each([
    [undefined, [], true],
    ['https://chat.example.net', [], true],
    ['https://evil.example', ['www.shop.example'], false],
    ['https://www.shop.example', ['www.shop.example'], true],
    ['http://www.shop.example', ['www.shop.example'], true],
    ['https://shop.example', ['www.shop.example'], false],
    ['http://localhost:3000', ['localhost'], true],
    ['http://localhost:3000', ['localhost:4000'], false],
    ['http://localhost:4000', ['localhost:4000'], true],
    ['https://www.shop.example.evil.example', ['www.shop.example'], false],
    ['null', ['www.shop.example'], false],
    ['file://', ['www.shop.example'], false],
  ] as const)('%s with sites %j → %s', (origin, hosts, ok) => {
    expect(originAllowed(origin, own, [...hosts])).toBe(ok);
  });
});
