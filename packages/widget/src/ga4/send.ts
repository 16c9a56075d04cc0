/** GOL-5: one campaign event to the page's Google Analytics 4 (docs/analytics.md). */
import type { EventDetail } from '../loader/analytics';

export type Page = { gtag?: unknown; dataLayer?: { push?: (e: object) => void } };

/** GA4 naming (snake_case, at most 40 characters): `chat.started` → `parley_chat_started`. */
export const ga4Name = (name: string) => `parley_${name.replace('.', '_')}`;

/** One event to GA4 when the page has it: `gtag('event', …)`, else a Tag Manager `dataLayer.push`, else nothing. */
export function sendGa4(page: Page, name: string, detail: EventDetail): void {
  const event = ga4Name(name);
  if (typeof page.gtag == 'function') page.gtag('event', event, detail);
  else page.dataLayer?.push?.({ event, ...detail });
}
