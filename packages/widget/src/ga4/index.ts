/**
 * GOL-5: the campaign's events to the page's Google Analytics 4 (docs/analytics.md). The loader keeps each event
 * in `parley.aq` and adds this script at the first one when the campaign forwards to GA4 (a page view of any other
 * campaign pays nothing for it); here they are sent, the waiting ones first.
 */
import type { EventDetail } from '../loader/analytics';
import { WIDGET_GLOBAL } from '../shared/protocol';
import { sendGa4, type Page } from './send';

type Api = { aq?: [string, EventDetail][] };

const api = (window as unknown as Record<string, Api | undefined>)[WIDGET_GLOBAL];
const queue = api?.aq;
if (queue) {
  const send = ([name, detail]: [string, EventDetail]) => sendGa4(window as Page, name, detail);
  const queued = queue.splice(0);
  // Later events come straight here.
  queue.push = (...events: [string, EventDetail][]) => {
    events.forEach(send);
    return 0;
  };
  queued.forEach(send);
}
