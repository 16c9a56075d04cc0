/**
 * GOL-5: the campaign's events on the host page, for any analytics tool: a DOM `CustomEvent` on `window`
 * (`parley:chat.started`, the details in `event.detail`), the callbacks of `parley('on', 'chat.started', fn)`,
 * and — when the campaign says so and the page has Google Analytics 4 — a GA4 event (`gtag('event', …)`, or a
 * `dataLayer.push` for Tag Manager; ga4.js, loaded only for such a campaign). Nothing is loaded and nothing is sent
 * when the page has no analytics.
 * Names and parameters: docs/analytics.md.
 */

export type EventDetail = Record<string, string | number | boolean>;

/**
 * `emit` dispatches the DOM event and hands it to `ga4` (which forwards it when the campaign says so); `on` is a
 * listener of that DOM event, so a failing callback of the page never stops the others (the browser reports it
 * and goes on).
 */
export function createEvents(ga4: (name: string, detail: EventDetail) => void) {
  return {
    on(name: string, fn: (detail: EventDetail) => void) {
      addEventListener(`parley:${name}`, (e) => fn((e as CustomEvent<EventDetail>).detail));
    },
    emit(name: string, detail: EventDetail = {}) {
      dispatchEvent(new CustomEvent(`parley:${name}`, { detail }));
      ga4(name, detail);
    },
  };
}
