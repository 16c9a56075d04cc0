/**
 * GOL-5: the campaign's events on the host page, for any analytics tool: a DOM `CustomEvent` on `window`
 * (`parley:chat.started`, the details in `event.detail`), the callbacks of `parley('on', 'chat.started', fn)`,
 * and — when the campaign says so and the page has Google Analytics 4 — a GA4 event (`gtag('event', …)`, or a
 * `dataLayer.push` for Tag Manager). Nothing is loaded and nothing is sent when the page has no analytics.
 * Names and parameters: docs/analytics.md.
 */

export type EventDetail = Record<string, string | number | boolean>;
type Page = { gtag?: unknown; dataLayer?: { push?: (e: object) => void } };

/** GA4 naming (snake_case, at most 40 characters): `chat.started` → `parley_chat_started`. */
export const ga4Name = (name: string) => `parley_${name.replace('.', '_')}`;

/** One event to GA4 when the page has it: `gtag('event', …)`, else a Tag Manager `dataLayer.push`, else nothing. */
export function sendGa4(page: Page, name: string, detail: EventDetail): void {
  const event = ga4Name(name);
  if (typeof page.gtag == 'function') page.gtag('event', event, detail);
  else page.dataLayer?.push?.({ event, ...detail });
}

/**
 * `emit` dispatches the DOM event (and GA4 when `ga4()`); `on` is a listener of that DOM event, so a failing
 * callback of the page never stops the others (the browser reports it and goes on).
 */
export function createEvents(ga4: () => boolean) {
  return {
    on(name: string, fn: (detail: EventDetail) => void) {
      addEventListener(`parley:${name}`, (e) => fn((e as CustomEvent<EventDetail>).detail));
    },
    emit(name: string, detail: EventDetail = {}) {
      dispatchEvent(new CustomEvent(`parley:${name}`, { detail }));
      if (ga4()) sendGa4(window as Page, name, detail);
    },
  };
}
