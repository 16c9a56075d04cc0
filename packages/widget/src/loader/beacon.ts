/**
 * TLS-6: the page-view beacon (docs/visitors.md). Every page view is told to the server without the chat frame:
 * the page's address, title and referrer at once, then a heartbeat every 10 s while the page is visible, and a
 * last one when the page is left (`sendBeacon`). Bodies are JSON sent as text/plain: a CORS "simple" request,
 * no preflight. The answer may carry a new visitor token (kept where the chat frame finds it), the page view's
 * number (for its heartbeats), `again` (the visit ended: record the page view anew) or an agent's invite (INV-6).
 */
import type { BeaconResponse, WidgetGreeting } from '@parley/protocol';

/** What the beacon uses of the page (the window; tests give a fake). */
export type BeaconEnv = Pick<Window, 'fetch' | 'setInterval' | 'addEventListener'> & {
  document: Pick<Document, 'visibilityState' | 'title' | 'referrer'>;
  location: Pick<Location, 'href'>;
  navigator: Pick<Navigator, 'sendBeacon'>;
};

export function beacon(
  url: string,
  site: string,
  token: () => string | null,
  save: (token: string) => void,
  invite: (g: WidgetGreeting) => void,
  w: BeaconEnv = window,
): void {
  let view = 0;
  const body = (more: object) => JSON.stringify({ site, token: token(), ...more });
  const send = (more: object) =>
    w
      .fetch(url, { method: 'POST', body: body(more), credentials: 'omit' })
      .then((r) => r.json() as Promise<BeaconResponse>)
      .then((r) => {
        if (r.token) save(r.token);
        if (r.view) view = r.view;
        if (r.invite) invite(r.invite);
        if (r.again) pageView();
      })
      .catch(() => {
        /* not counted; the next heartbeat tries again */
      });
  const pageView = () => {
    view = 0;
    const d = w.document;
    void send({
      url: w.location.href.slice(0, 2000),
      title: d.title.slice(0, 500),
      referrer: d.referrer.slice(0, 2000),
    });
  };
  pageView();
  w.setInterval(() => {
    if (view && w.document.visibilityState === 'visible') void send({ view });
  }, 10_000);
  w.addEventListener('pagehide', () => {
    if (view) w.navigator.sendBeacon(url, body({ view, end: true }));
  });
}
