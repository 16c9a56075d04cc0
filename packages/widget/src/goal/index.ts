/**
 * GOL-4 on the customer's page: `parley('goal', 'Title', EXAMPLE_VALUE)`. The loader keeps each call in
 * `parley.gq` and adds this script at the first one (a page view without a goal pays nothing for it); here the
 * calls are checked (a wrong EXAMPLE_VALUE is refused in the console), sent to the server for a visitor it knows
 * (the token: the chat window was opened on this site before), and told to the page's analytics (GOL-5).
 */
import { WIDGET_GLOBAL } from '../shared/protocol';
import { goalCall } from './call';

export interface GoalHost {
  origin: string;
  site: string;
  token(): string | null;
  emit(name: string, detail?: Record<string, string | number | boolean>): void;
}

type Api = { h?: GoalHost; gq?: unknown[][] };

function start(api: Api & { h: GoalHost; gq: unknown[][] }): void {
  const host = api.h;
  const reach = (args: unknown[]) => {
    const call = goalCall(args);
    if ('message' in call) return console.warn(call.message);
    const token = host.token();
    if (token) {
      const q = new URLSearchParams({
        site: host.site,
        title: call.title,
        url: location.href.slice(0, 2000),
        token,
      });
      if (call.value) q.set('value', call.value);
      fetch(`${host.origin}/widget/goals?${q.toString()}`, {
        method: 'POST',
        mode: 'no-cors',
        credentials: 'omit',
        keepalive: true,
      }).catch(() => {
        /* not recorded */
      });
    }
    host.emit(
      'goal.reached',
      call.value ? { goal: call.title, value: Number(call.value) } : { goal: call.title },
    );
  };
  const queued = api.gq.splice(0);
  // Later calls come straight here.
  api.gq.push = (...calls: unknown[][]) => {
    calls.forEach(reach);
    return 0;
  };
  queued.forEach(reach);
}

const api = (window as unknown as Record<string, Api | undefined>)[WIDGET_GLOBAL];
if (api?.h && api.gq) start(api as Api & { h: GoalHost; gq: unknown[][] });
