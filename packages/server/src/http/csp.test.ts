import { describe, expect, it } from 'vitest';
import { frameSources, ownSocketSources } from './csp.js';

describe('ownSocketSources', () => {
  it.each<[string | undefined, string | undefined, string[]]>([
    ['https://chat.example.com', 'anything', ['wss://chat.example.com']],
    ['http://localhost:3000', undefined, ['ws://localhost:3000']],
    [undefined, '127.0.0.1:3000', ['ws://127.0.0.1:3000', 'wss://127.0.0.1:3000']],
    [undefined, '[::1]:3000', ['ws://[::1]:3000', 'wss://[::1]:3000']],
    [undefined, 'evil.example; script-src *', []],
    [undefined, 'a b', []],
    [undefined, undefined, []],
  ])('%s / %s', (publicUrl, host, sources) => {
    expect(ownSocketSources(publicUrl, host)).toEqual(sources);
  });
});

describe('frameSources (TLS-1)', () => {
  it('allows http frames only while the console is not on https', () => {
    expect(frameSources('https://chat.example.com')).toEqual(["'self'", 'https:']);
    expect(frameSources('http://localhost:3000')).toEqual(["'self'", 'https:', 'http:']);
    expect(frameSources(undefined)).toEqual(["'self'", 'https:', 'http:']);
  });
});
