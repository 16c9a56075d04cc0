/**
 * Greetings (INV-3, INV-4, INV-10) on the customer's page: loaded by the loader only a few seconds before a
 * moment of the campaign's greetings can match (the config's `greetingHints`), so a page view without a greeting
 * about to show pays nothing for them. Fetches the greetings, follows time on the page and on the website (the
 * visit the loader keeps), schedules one check for when the soonest moment can match (no polling), and shows the
 * greeting when `greetingsAvailable` allows at that moment (else records that nobody was available).
 */
import type { WidgetGreeting } from '@parley/protocol';
import { safeColor, textColorOn } from '../shared/color';
import { WIDGET_GLOBAL } from '../shared/protocol';
import type { GreetHost, GreetingEvent } from './host';
import { declinedIds, nextGreeting, rememberDeclined, visitNow } from './visit';
import { greetCss } from './styles';

function start(host: GreetHost): void {
  const { visit, since: pageSince } = host;
  let store: Storage | null = null;
  try {
    store = sessionStorage;
  } catch {
    store = null;
  }
  const memory = store ?? new Map<string, string>();
  const mem = {
    getItem: (k: string) => (store ? store.getItem(k) : ((memory as Map<string, string>).get(k) ?? null)),
    setItem: (k: string, v: string) =>
      store ? store.setItem(k, v) : (memory as Map<string, string>).set(k, v),
  };
  /** Handled on this page: shown, or not shown for want of an agent. */
  const handled: string[] = [];
  let popup: HTMLElement | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const record = (g: WidgetGreeting, event: GreetingEvent) => {
    host.emit(event === 'not_shown_unavailable' ? 'agents.unavailable' : `greeting.${event}`, {
      greeting: g.title,
    });
    const q = new URLSearchParams({
      site: host.site,
      invite: g.id,
      event,
      url: location.href.slice(0, 2000),
    });
    const token = host.token();
    if (token) q.set('token', token);
    fetch(`${host.origin}/widget/invite-events?${q.toString()}`, {
      method: 'POST',
      mode: 'no-cors',
      credentials: 'omit',
      keepalive: true,
    }).catch(() => {
      /* not recorded */
    });
  };

  let styled = false;
  const sheet = () => {
    if (styled) return;
    styled = true;
    try {
      const s = new CSSStyleSheet();
      s.replaceSync(greetCss);
      host.root.adoptedStyleSheets = [...host.root.adoptedStyleSheets, s];
    } catch {
      const style = document.createElement('style');
      style.textContent = greetCss;
      host.root.append(style);
    }
  };

  const close = () => {
    if (!popup) return;
    const hadFocus = host.root.activeElement && popup.contains(host.root.activeElement);
    popup.remove();
    popup = null;
    if (hadFocus) host.button()?.focus();
  };

  /** INV-3: title, text, accept and decline; not modal, it does not take the focus from the page. */
  const showYesNo = (g: WidgetGreeting) => {
    const left = host.config().button.position === 'left';
    const box = document.createElement('div');
    box.className = `greet ${left ? 'l' : 'r'}`;
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-modal', 'false');
    box.setAttribute('aria-labelledby', 'pg-t');
    box.setAttribute('aria-describedby', 'pg-x');
    const title = document.createElement('p');
    title.id = 'pg-t';
    title.className = 'gt';
    title.textContent = g.title;
    const text = document.createElement('p');
    text.id = 'pg-x';
    text.textContent = g.text;
    const yes = document.createElement('button');
    yes.type = 'button';
    yes.className = 'gy';
    yes.textContent = g.acceptText;
    const color = safeColor(host.config().color);
    yes.style.background = color;
    yes.style.color = textColorOn(color);
    const no = document.createElement('button');
    no.type = 'button';
    no.className = 'gn';
    no.textContent = g.declineText;
    const actions = document.createElement('div');
    actions.className = 'ga';
    actions.append(yes, no);
    box.append(title, text, actions);
    const decline = () => {
      rememberDeclined(mem, host.prefix, g.id);
      record(g, 'declined');
      close(); // no other greeting on this page: the visitor just said no
    };
    yes.addEventListener('click', () => {
      record(g, 'accepted');
      close();
      host.open(g, true);
    });
    no.addEventListener('click', decline);
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        decline();
      }
    });
    // Announced to screen readers as it appears, without moving the focus.
    const live = document.createElement('div');
    live.setAttribute('aria-live', 'polite');
    live.className = 'gl';
    host.root.append(box, live);
    live.textContent = g.title;
    popup = box;
  };

  const check = () => {
    timer = undefined;
    if (popup) return;
    const now = visitNow(visit, pageSince, Date.now());
    const next = nextGreeting(greetings, now, [...declinedIds(mem, host.prefix), ...handled]);
    if (!next) return;
    if (next.inSeconds > 0) {
      timer = setTimeout(check, next.inSeconds * 1000);
      return;
    }
    const g = next.greeting;
    handled.push(g.id);
    if (host.busy()) return schedule();
    if (!host.config().greetingsAvailable) {
      // INV-10: a moment matched but nobody could have answered.
      record(g, 'not_shown_unavailable');
      return schedule();
    }
    record(g, 'shown');
    if (g.kind === 'yes_no') showYesNo(g);
    else host.open(g, false); // INV-4: the chat window with the greeting as the agent's first line
  };
  const schedule = () => {
    clearTimeout(timer);
    check();
  };

  /**
   * INV-6: an agent invites the visitor by hand (it came with a heartbeat of the loader's beacon): shown like a
   * Yes/No greeting at once, recorded like one (shown, accepted, declined); accepting starts the chat with the
   * invite's id, which the server gives to that agent.
   */
  host.hand = (g) => {
    if (popup || host.busy() || handled.includes(g.id)) return;
    handled.push(g.id);
    sheet();
    record(g, 'shown');
    showYesNo(g);
  };
  if (host.pending) host.hand(host.pending);

  let greetings: WidgetGreeting[] = [];
  // Loaded for an agent's invite alone: no greetings to fetch.
  if (host.config().greetingHints.length > 0)
    fetch(`${host.origin}/widget/greetings?site=${encodeURIComponent(host.site)}`, { credentials: 'omit' })
      .then((r) => (r.ok ? (r.json() as Promise<{ items: WidgetGreeting[] }>) : null))
      .then((body) => {
        if (!body || !Array.isArray(body.items)) return;
        greetings = body.items;
        sheet();
        schedule();
      })
      .catch(() => {
        /* no greetings on this page */
      });
}

const api = (window as unknown as Record<string, { g?: GreetHost } | undefined>)[WIDGET_GLOBAL];
if (api?.g) start(api.g);
