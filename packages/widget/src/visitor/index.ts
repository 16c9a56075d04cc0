/**
 * `parley('visitor', { name, email, data })` on the customer's page (CON-1): the loader keeps each call in
 * `parley.vq` and adds this script at the first one (a page view that names no visitor pays nothing for it); here
 * the details are checked (anything unusable is refused in the console) and handed back to the loader (`parley.v`),
 * which gives them to the chat window.
 */
import { WIDGET_GLOBAL } from '../shared/protocol';
import { toVisitorInfo, type VisitorInfo } from './info';

export type { VisitorInfo };
type Api = { v?: (info: VisitorInfo) => void; vq?: unknown[][] };

function start(api: Required<Api>): void {
  const take = (args: unknown[]) => {
    try {
      const info = toVisitorInfo(args[0]);
      if (info) api.v(info);
      else console.warn("parley('visitor', …) expects an object like { name, email, data }");
    } catch (err) {
      console.warn(`parley: visitor failed: ${err instanceof Error ? err.message : 'error'}`);
    }
  };
  const queued = api.vq.splice(0);
  // Later calls come straight here.
  api.vq.push = (...calls: unknown[][]) => {
    calls.forEach(take);
    return 0;
  };
  queued.forEach(take);
}

const api = (window as unknown as Record<string, Api | undefined>)[WIDGET_GLOBAL];
if (api?.v && api.vq) start(api as Required<Api>);
