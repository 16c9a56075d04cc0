import { describe, expect, it } from 'vitest';
import { isIpAllowed, parseAllowlist } from './ip-allowlist.js';

// AUTH-4: IP allow list per user.
describe('parseAllowlist', () => {
  it.each([
    ['10.0.0.1'],
    ['10.0.0.0/8'],
    ['2001:db8::1'],
    ['2001:db8::/32'],
    ['::ffff:10.0.0.0/104'],
    ['  192.168.1.1  \n\n10.0.0.0/24\r\n'],
  ])('accepts %j', (text) => {
    expect(parseAllowlist(text).ok).toBe(true);
  });

  it.each([
    ['10.0.0.300', 'Line 1: “10.0.0.300” is not an IP address or CIDR subnet'],
    ['10.0.0.1\nexample.com', 'Line 2: “example.com” is not an IP address or CIDR subnet'],
    ['10.0.0.1\n\n10.0.0.0/33', 'Line 3: “10.0.0.0/33” is not an IP address or CIDR subnet'],
    ['2001:db8::/129', 'Line 1: “2001:db8::/129” is not an IP address or CIDR subnet'],
    ['10.0.0', 'Line 1: “10.0.0” is not an IP address or CIDR subnet'],
    ['   \n  ', 'Enter at least one IP address or subnet'],
  ])('rejects %j naming the line', (text, error) => {
    expect(parseAllowlist(text)).toEqual({ ok: false, error });
  });
});

describe('isIpAllowed', () => {
  it('allows everything without a list', () => {
    expect(isIpAllowed(null, '203.0.113.9')).toBe(true);
  });
  it.each([
    ['10.0.0.0/8', '10.200.3.4', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['10.0.0.5', '10.0.0.5', true],
    ['10.0.0.5', '10.0.0.6', false],
    ['10.0.0.0/8', '::ffff:10.1.2.3', true],
    ['::ffff:10.0.0.0/104', '10.1.2.3', true],
    ['2001:db8::/32', '2001:db8:1::5', true],
    ['2001:db8::/32', '2001:db9::5', false],
    ['10.0.0.0/8\n2001:db8::/32', '2001:db8::1', true],
    ['127.0.0.1', '::1', false],
    ['::1', '::1', true],
    ['10.0.0.0/8', 'not-an-ip', false],
  ])('%j allows %s: %s', (list, ip, allowed) => {
    expect(isIpAllowed(list, ip)).toBe(allowed);
  });
});
