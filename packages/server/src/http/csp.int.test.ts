import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsiteList } from '@parley/protocol';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { widgetDist } from '../paths.js';

// Issue 10.12: `connect-src` named `ws: wss:` (a socket to any host); the chat frame allowed http pages to
// embed it even for a site on https.
const directive = (csp: string | null, name: string) =>
  (csp ?? '')
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));

describe('content security policy', () => {
  let t: TestApp;
  let https: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    https = await startTestApp({ PUBLIC_URL: 'https://chat.example.com' });
  });
  afterAll(async () => {
    await t?.close();
    await https?.close();
  });

  it('lets the manager UI open sockets to its own origin only', async () => {
    const host = new URL(t.url).host;
    const res = await fetch(`${t.url}/login`);
    expect(directive(res.headers.get('content-security-policy'), 'connect-src')).toBe(
      `connect-src 'self' ws://${host} wss://${host}`,
    );
    const behindTls = await fetch(`${https.url}/login`);
    expect(directive(behindTls.headers.get('content-security-policy'), 'connect-src')).toBe(
      "connect-src 'self' wss://chat.example.com",
    );
  });

  it('lets the console frame WebTabs of https sites, and of http sites only while it is not on https (TLS-1)', async () => {
    expect(
      directive((await fetch(`${t.url}/login`)).headers.get('content-security-policy'), 'frame-src'),
    ).toBe("frame-src 'self' https: http:");
    expect(
      directive((await fetch(`${https.url}/login`)).headers.get('content-security-policy'), 'frame-src'),
    ).toBe("frame-src 'self' https:");
  });

  it.runIf(existsSync(`${widgetDist}/frame.html`))(
    'lets only pages of the loader’s scheme embed the chat frame, and its sockets go to us only',
    async () => {
      const siteId = (await t.admin.get<WebsiteList>('/api/websites')).body.items[0]!.id;
      const onHttps = await fetch(`${t.url}/widget/frame.html?site=${siteId}&scheme=https`);
      const csp = onHttps.headers.get('content-security-policy');
      expect(directive(csp, 'frame-ancestors')).toBe(
        "frame-ancestors 'self' https://localhost:* https://localhost",
      );
      const host = new URL(t.url).host;
      expect(directive(csp, 'connect-src')).toBe(`connect-src 'self' ws://${host} wss://${host}`);
      const onHttp = await fetch(`${t.url}/widget/frame.html?site=${siteId}&scheme=http`);
      expect(directive(onHttp.headers.get('content-security-policy'), 'frame-ancestors')).toBe(
        "frame-ancestors 'self' http://localhost:* http://localhost",
      );
      expect((await fetch(`${t.url}/widget/frame.html?site=${siteId}&scheme=ftp`)).status).toBe(400);
    },
  );
});
