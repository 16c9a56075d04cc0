import { describe, expect, it } from 'vitest';
import {
  fillWebTabUrl,
  webTabMessages as m,
  WebTabSettingsInput,
  webTabUrlProblem,
  type WebTabValues,
} from './web-tabs.js';

describe('TLS-1: a WebTab address template', () => {
  it.each<[string, string | null]>([
    ['https://crm.example.com/', null],
    ['http://crm.example.com', null],
    ['HTTPS://CRM.example.com/Find', null],
    ['https://crm.example.com/find?email={visitorEmail}&name={visitorName}', null],
    ['https://crm.example.com/visitors/{visitorId}/chats/{chatId}', null],
    ['https://crm.example.com/?page={currentPage}#{chatId}', null],
    ['https://crm.example.com/{data.customerId}', null],
    ['https://crm.example.com/{data.plan-level_2.x}', null],
    ['https://crm.example.com:8443/{visitorId}', null],
    ['https://[::1]:8080/{visitorId}', null],
    ['https://crm.example.com?q={visitorId}', null],
    ['https://crm.example.com#{visitorId}', null],
    ['https://crm.example.com\\{visitorId}', null],
    // Not http(s)
    ['javascript:alert(1)', m.scheme],
    ['JavaScript://%0aalert(1)', m.scheme],
    ['data:text/html,<script>alert(1)</script>', m.scheme],
    ['ftp://files.example.com/', m.scheme],
    ['file:///etc/passwd', m.scheme],
    ['//crm.example.com/', m.scheme],
    ['crm.example.com', m.scheme],
    ['https:crm.example.com', m.scheme],
    ['https:/crm.example.com', m.scheme],
    ['https:\\\\evil.example.com', m.scheme],
    [' https://crm.example.com', m.scheme],
    // A variable in the scheme or host
    ['{currentPage}', m.scheme],
    ['https://{visitorName}.example.com/', m.hostVariable],
    ['https://crm.example.com{currentPage}', m.hostVariable],
    ['https://crm.{data.tenant}.example.com/', m.hostVariable],
    ['https://crm.example.com:{visitorId}/', m.hostVariable],
    ['https://{visitorEmail}/', m.hostVariable],
    ['https://{visitorEmail}@crm.example.com/', m.hostVariable],
    // Credentials
    ['https://user:pass@crm.example.com/', m.credentials],
    ['https://crm.example.com@evil.example.com/', m.credentials],
    // Variables
    ['https://crm.example.com/{unknown}', m.unknownVariable],
    ['https://crm.example.com/{visitorid}', m.unknownVariable],
    ['https://crm.example.com/{}', m.unknownVariable],
    ['https://crm.example.com/{visitorId', m.unknownVariable],
    ['https://crm.example.com/visitorId}', m.unknownVariable],
    ['https://crm.example.com/{{visitorId}}', m.unknownVariable],
    ['https://crm.example.com/{data.}', m.unknownVariable],
    ['https://crm.example.com/{data.a b}', m.unknownVariable],
    // Not an address
    ['https:///path', m.invalid],
    ['https://', m.invalid],
    ['https://crm.example.com:99999/', m.invalid],
    ['https://crm.exa mple.com/', m.invalid],
    ['https://crm.example.com/\n{visitorId}', m.invalid],
    ['https://crm.exa\tmple.com/', m.invalid],
  ])('%s', (template, problem) => {
    expect(webTabUrlProblem(template)).toBe(problem);
  });
});

const values: WebTabValues = {
  visitorId: '5f0c2d9e-1111-4222-8333-444455556666',
  visitorName: 'Ann & Bob',
  visitorEmail: 'a&b=c@x.y',
  currentPage: 'https://shop.example/p?x=1#top',
  chatId: 'c-1',
  data: { plan: 'gold/premium', 'customer.id': '42' },
};

describe('TLS-1: filling a WebTab address', () => {
  it.each<[string, string]>([
    [
      'https://crm.example.com/find?email={visitorEmail}',
      'https://crm.example.com/find?email=a%26b%3Dc%40x.y',
    ],
    ['https://crm.example.com/find?name={visitorName}', 'https://crm.example.com/find?name=Ann%20%26%20Bob'],
    [
      'https://crm.example.com/{currentPage}',
      'https://crm.example.com/https%3A%2F%2Fshop.example%2Fp%3Fx%3D1%23top',
    ],
    [
      'https://crm.example.com/v/{visitorId}',
      'https://crm.example.com/v/5f0c2d9e-1111-4222-8333-444455556666',
    ],
    ['https://crm.example.com/?plan={data.plan}', 'https://crm.example.com/?plan=gold%2Fpremium'],
    ['https://crm.example.com/?c={data.customer.id}', 'https://crm.example.com/?c=42'],
    ['https://crm.example.com/?missing={data.nothing}', 'https://crm.example.com/?missing='],
    ['https://crm.example.com#{chatId}', 'https://crm.example.com/#c-1'],
    ['HTTPS://CRM.Example.com/a?b={chatId}', 'https://crm.example.com/a?b=c-1'],
  ])('%s', (template, filled) => {
    expect(fillWebTabUrl(template, values)).toBe(filled);
  });

  it('cannot be given another host, parameters or fragment by what a visitor says', () => {
    const hostile = [
      '@evil.example/',
      '/../../admin',
      '?admin=1&x=',
      '#frag',
      '\\\\evil.example',
      "')(!*",
      '\u0000\r\n',
      'ünïcödé 😀',
      '\ud800 lone',
      'https://evil.example/',
    ];
    for (const v of hostile) {
      const url = new URL(
        fillWebTabUrl('https://crm.example.com/find?email={visitorEmail}&n={visitorName}', {
          ...values,
          visitorEmail: v,
          visitorName: v,
        }),
      );
      expect(url.host).toBe('crm.example.com');
      expect(url.pathname).toBe('/find');
      expect([...url.searchParams.keys()]).toEqual(['email', 'n']);
      expect(url.searchParams.get('email')).toBe(
        v.replace(/[\ud800-\udfff]/g, (c) => (c === '\ud800' ? '\ufffd' : c)),
      );
      expect(url.hash).toBe('');
    }
    // In the path, a value stays one segment.
    const path = new URL(
      fillWebTabUrl('https://crm.example.com/v/{visitorName}/x', { ...values, visitorName: '../../a/b' }),
    );
    expect(path.pathname).toBe('/v/..%2F..%2Fa%2Fb/x');
  });

  it('refuses to fill an address that is not a valid template', () => {
    expect(() => fillWebTabUrl('javascript:alert(1)', values)).toThrow();
    expect(() => fillWebTabUrl('https://{visitorEmail}/', values)).toThrow();
  });
});

describe('TLS-1: the WebTabs list', () => {
  const fields = (input: unknown) => {
    const r = WebTabSettingsInput.safeParse(input);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('names each bad field', () => {
    expect(
      fields({
        tabs: [
          { name: ' CRM ', url: ' https://crm.example.com/{visitorId} ' },
          { name: 'crm', url: 'javascript:alert(1)' },
          { name: '', url: 'https://{visitorName}.example.com/' },
          { name: 'x'.repeat(61), url: '' },
        ],
      }),
    ).toEqual({
      'tabs.1.name': 'This name is in the list already',
      'tabs.1.url': m.scheme,
      'tabs.2.name': 'Enter a name',
      'tabs.2.url': m.hostVariable,
      'tabs.3.name': 'At most 60 characters',
      'tabs.3.url': 'Enter an address',
    });
    expect(
      fields({ tabs: Array.from({ length: 21 }, (_, i) => ({ name: `T${i}`, url: 'https://a.example/' })) }),
    ).toEqual({
      tabs: 'At most 20 tabs',
    });
    expect(fields({ tabs: [{ name: 'A', url: `https://a.example/${'x'.repeat(2000)}` }] })).toEqual({
      'tabs.0.url': 'At most 2,000 characters',
    });
  });

  it('trims names and addresses', () => {
    expect(
      WebTabSettingsInput.parse({ tabs: [{ name: ' CRM ', url: ' https://crm.example.com/ ' }] }),
    ).toEqual({
      tabs: [{ name: 'CRM', url: 'https://crm.example.com/' }],
    });
  });
});
