/** GOL-5: one campaign event to the page's Google Analytics 4 (docs/analytics.md). */
import type { EventDetail } from '../loader/analytics';

export type Page = { gtag?: unknown; dataLayer?: { push?: (e: object) => void } };

/** GA4 naming for a custom event (snake_case, at most 40 characters): `chat.started` → `parley_chat_started`. */
export const ga4Name = (name: string) => `parley_${name.replace('.', '_')}`;

/**
 * GA4's recommended events where one means the same: a greeting is the site promoting a chat to the visitor, so
 * shown is `view_promotion` and accepted `select_promotion`, the greeting's title as `promotion_name` (GA4's
 * promotion reports then count them). Every other event is a custom one named by `ga4Name`.
 */
const RECOMMENDED: Record<string, string> = {
  'greeting.shown': 'view_promotion',
  'greeting.accepted': 'select_promotion',
};

/** The GA4 event name and parameters of a campaign event. */
export function ga4Event(name: string, detail: EventDetail): [string, EventDetail] {
  const recommended = RECOMMENDED[name];
  if (!recommended) return [ga4Name(name), detail];
  const { greeting, ...rest } = detail;
  return [recommended, { ...rest, ...(greeting === undefined ? {} : { promotion_name: greeting }) }];
}

/** One event to GA4 when the page has it: `gtag('event', …)`, else a Tag Manager `dataLayer.push`, else nothing. */
export function sendGa4(page: Page, name: string, detail: EventDetail): void {
  const [event, params] = ga4Event(name, detail);
  if (typeof page.gtag == 'function') page.gtag('event', event, params);
  else page.dataLayer?.push?.({ event, ...params });
}
