import { describe, expect, it, vi } from 'vitest';
import type { WidgetGreeting } from '@parley/protocol';
import { beacon, type BeaconEnv } from './beacon';

/** A page: its fetch answers from a script, timers and events run when the test says. */
function page(answers: object[], visibility = 'visible') {
  const sent: { url: string; body: unknown; init: RequestInit }[] = [];
  const beacons: { url: string; body: unknown }[] = [];
  let tick: (() => void) | undefined;
  let every = 0;
  const listeners = new Map<string, () => void>();
  const doc = { visibilityState: visibility, title: 'Shoes', referrer: 'https://www.google.com/' };
  const env = {
    fetch: vi.fn((url: string, init: RequestInit) => {
      sent.push({ url, body: JSON.parse(String(init.body)), init });
      const answer = answers.shift() ?? {};
      return Promise.resolve({ json: () => Promise.resolve(answer) });
    }),
    setInterval: (fn: () => void, ms: number) => {
      tick = fn;
      every = ms;
      return 1;
    },
    addEventListener: (type: string, fn: () => void) => listeners.set(type, fn),
    document: doc,
    location: { href: 'https://shop.example/shoes?utm_source=news' },
    navigator: {
      sendBeacon: (url: string, body: string) => {
        beacons.push({ url, body: JSON.parse(body) });
        return true;
      },
    },
  } as unknown as BeaconEnv;
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return {
    env,
    sent,
    beacons,
    doc,
    tick: () => tick?.(),
    every: () => every,
    fire: (t: string) => listeners.get(t)?.(),
    flush,
  };
}

const URL_ = 'https://chat.example/widget/beacon';
const SITE = '6f1c3a9e-8a51-4a57-9a87-2a8f4f1f0c11';

describe('TLS-6: the loader’s page-view beacon', () => {
  it('sends the page view at once, as text (no preflight), with the page and the stored token', async () => {
    const p = page([{ view: 7 }]);
    beacon(URL_, SITE, () => 'tok', vi.fn(), vi.fn(), p.env);
    expect(p.sent).toHaveLength(1);
    expect(p.sent[0]!.url).toBe(URL_);
    expect(p.sent[0]!.init).toMatchObject({ method: 'POST', credentials: 'omit' });
    // A string body: the browser sends it as text/plain, a CORS simple request.
    expect(typeof p.sent[0]!.init.body).toBe('string');
    expect(p.sent[0]!.init.headers).toBeUndefined();
    expect(p.sent[0]!.body).toEqual({
      site: SITE,
      token: 'tok',
      url: 'https://shop.example/shoes?utm_source=news',
      title: 'Shoes',
      referrer: 'https://www.google.com/',
    });
  });

  it('keeps a new visitor’s token, then sends a heartbeat every 10 s while the page is visible', async () => {
    const p = page([{ view: 7, token: 'new-token' }, {}]);
    let stored: string | null = null;
    beacon(
      URL_,
      SITE,
      () => stored,
      (t) => (stored = t),
      vi.fn(),
      p.env,
    );
    expect(p.sent[0]!.body).toMatchObject({ token: null });
    await p.flush();
    expect(stored).toBe('new-token');
    expect(p.every()).toBe(10_000);
    p.tick();
    expect(p.sent[1]!.body).toEqual({ site: SITE, token: 'new-token', view: 7 });
    // Hidden: no heartbeat.
    p.doc.visibilityState = 'hidden';
    p.tick();
    expect(p.sent).toHaveLength(2);
  });

  it('sends no heartbeat before the page view was numbered', () => {
    const p = page([]);
    p.env.fetch = vi.fn(() => new Promise<Response>(() => {})) as never;
    beacon(URL_, SITE, () => 't', vi.fn(), vi.fn(), p.env);
    p.tick();
    expect(p.env.fetch).toHaveBeenCalledTimes(1);
  });

  it('records the page view again when the server says the visit ended', async () => {
    const p = page([{ view: 3 }, { again: true }, { view: 9 }]);
    beacon(URL_, SITE, () => 't', vi.fn(), vi.fn(), p.env);
    await p.flush();
    p.tick();
    await p.flush();
    expect(p.sent.map((s) => s.body)).toEqual([
      expect.objectContaining({ url: expect.any(String) }),
      { site: SITE, token: 't', view: 3 },
      expect.objectContaining({ url: expect.any(String) }),
    ]);
    await p.flush();
    p.tick();
    expect(p.sent[3]!.body).toEqual({ site: SITE, token: 't', view: 9 });
  });

  it('hands an agent’s invite to the page (INV-6)', async () => {
    const g: WidgetGreeting = {
      id: '0d6b1bd6-5d4c-4a8e-b0a6-5f5e1a2f6c3d',
      kind: 'yes_no',
      title: 'Ann would like to chat with you',
      text: 'Hello!',
      acceptText: 'Start chat',
      declineText: 'No, thanks',
      moments: [],
    };
    const p = page([{ view: 1 }, { invite: g }]);
    const invite = vi.fn();
    beacon(URL_, SITE, () => 't', vi.fn(), invite, p.env);
    await p.flush();
    p.tick();
    await p.flush();
    expect(invite).toHaveBeenCalledWith(g);
  });

  it('says goodbye with sendBeacon when the page is left, and never throws when the server is away', async () => {
    const p = page([{ view: 5 }]);
    beacon(URL_, SITE, () => 't', vi.fn(), vi.fn(), p.env);
    await p.flush();
    p.fire('pagehide');
    expect(p.beacons).toEqual([{ url: URL_, body: { site: SITE, token: 't', view: 5, end: true } }]);
    const down = page([]);
    down.env.fetch = vi.fn(() => Promise.reject(new TypeError('offline'))) as never;
    expect(() => beacon(URL_, SITE, () => null, vi.fn(), vi.fn(), down.env)).not.toThrow();
    await down.flush();
    down.fire('pagehide'); // nothing numbered: nothing sent
    expect(down.beacons).toEqual([]);
  });
});
