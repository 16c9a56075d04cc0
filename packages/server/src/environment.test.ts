import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './environment.js';

describe('configuration from the environment', () => {
  it('defaults the visitor frame budget to 10 per second and reads it when set', () => {
    expect(loadConfig({}).visitorFramesPerSecond).toBe(10);
    expect(loadConfig({ VISITOR_FRAMES_PER_SECOND: '25' }).visitorFramesPerSecond).toBe(25);
  });

  it.each(['0', '-3', 'fast', '2.5'])('refuses VISITOR_FRAMES_PER_SECOND=%s, naming the variable', (v) => {
    expect(() => loadConfig({ VISITOR_FRAMES_PER_SECOND: v })).toThrow(ConfigError);
    expect(() => loadConfig({ VISITOR_FRAMES_PER_SECOND: v })).toThrow(/VISITOR_FRAMES_PER_SECOND/);
  });
});

describe('TRUST_PROXY (issue 10.6)', () => {
  it('trusts no proxy by default and for false or 0', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
  });

  it('takes a number of hops', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  it('takes the proxies’ addresses and subnets, comma-separated', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.10,::1,fd00::/8' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.10',
      '::1',
      'fd00::/8',
    ]);
    expect(loadConfig({ TRUST_PROXY: 'loopback,uniquelocal' }).trustProxy).toEqual([
      'loopback',
      'uniquelocal',
    ]);
  });

  it.each(['true', 'TRUE', 'yes'])('refuses %s, explaining the forms it takes', (v) => {
    expect(() => loadConfig({ TRUST_PROXY: v })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: v })).toThrow(
      /TRUST_PROXY.*every X-Forwarded-For.*TRUST_PROXY=1/s,
    );
  });

  it.each(['10.0.0.300', 'proxy.example.com', '10.0.0.0/99', '1.5', ''])('refuses %s as an address', (v) => {
    if (v === '') return expect(loadConfig({ TRUST_PROXY: v }).trustProxy).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: v })).toThrow(/TRUST_PROXY/);
  });
});
