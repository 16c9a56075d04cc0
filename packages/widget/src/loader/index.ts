/**
 * The loader (CON-1): the only thing every page view pays for. It replays the snippet's queued calls, asks the
 * server whether a campaign serves this site, shows the chat button, and creates the chat frame (an iframe on
 * the server's origin) only when the visitor opens the chat or a conversation is already going on.
 * Plain TypeScript, no dependencies; from the protocol package only types and the tiny `hintsDueIn`.
 */
import type {
  FrameToLoader,
  LoaderButton,
  LoaderConfig,
  LoaderToFrame,
  WidgetGreeting,
} from '@parley/protocol';
import { hintsDueIn } from '@parley/protocol/moments';
import type { GoalHost } from '../goal';
import type { GreetHost } from '../greet/host';
import { enterPage, type Visit } from '../greet/visit';
import { safeColor, textOnSafe } from '../shared/color';
import { plural, WIDGET_GLOBAL } from '../shared/protocol';
import { pickFooter, showCustom } from './buttons';
import { createEvents } from './analytics';
import { beacon } from './beacon';
import { createDispatcher, replayQueue } from './commands';
import type { VisitorInfo } from '../visitor/info';
import { locate } from './locate';
import { css } from './styles';

type Api = ((...args: unknown[]) => void) & {
  q?: unknown[];
  loaded?: boolean;
  g?: GreetHost;
  /** GOL-4: `goal.js`'s host and the goal calls waiting for it. */
  h?: GoalHost;
  gq?: unknown[][];
  /** GOL-5: the events waiting for `ga4.js`. */
  aq?: unknown[][];
  /** `visitor.js`'s way back with checked details, and the visitor calls waiting for it. */
  v?: (info: VisitorInfo) => void;
  vq?: unknown[][];
};
type ToFrame = LoaderToFrame extends infer M ? (M extends unknown ? Omit<M, 'source'> : never) : never;

const NAME = WIDGET_GLOBAL;
const Z = '2147483000';
const SVG = 'http://www.w3.org/2000/svg';
/** INV-3/INV-4: `greet.js` is loaded this many seconds before a greeting's moment can first match. */
const GREET_EARLY_SECONDS = 5;

function start(): void {
  const since = Date.now();
  const w = window as unknown as Record<string, Api | undefined>;
  const previous = w[NAME];
  if (previous?.loaded) return; // the snippet was pasted twice
  const where = locate(document.currentScript as HTMLScriptElement | null, document.scripts, location.href);
  if (!where) {
    console.warn('parley: cannot tell which site this is (loader.js?site=… not found)');
    return;
  }
  const { origin, site } = where;

  // ---- first-party storage of the host site: survives reloads, navigation and other tabs of the site
  const prefix = `${NAME}:${site}:`;
  const load = (key: string): string | null => {
    try {
      return localStorage.getItem(prefix + key);
    } catch {
      return null; // storage disabled: the widget still works for this page
    }
  };
  const save = (key: string, value: string) => {
    try {
      localStorage.setItem(prefix + key, value);
    } catch {
      /* storage full or disabled */
    }
  };

  let config: LoaderConfig | null = null;
  let wantOpen = false;
  let open = false;
  let ready = false;
  let focusWhenReady = false;
  let visitor: VisitorInfo | null = null;
  let button: HTMLButtonElement | undefined;
  let badge: HTMLSpanElement | undefined;
  let root: ShadowRoot | undefined;
  let frame: HTMLIFrameElement | undefined;
  /** The frame said a chat goes on: the button stays so the visitor can come back to it (INV-1). */
  let active = load('active') === '1';
  /** INV-3/INV-4: the greeting to hand to the frame once it is ready. */
  let greeting: WidgetGreeting | null = null;
  /** INV-7…INV-9: this page's footer button; whether the window was opened by a "start instantly" button. */
  let footer: LoaderButton | undefined;
  let instant = false;
  /**
   * GOL-5: the campaign's events for the page's analytics (DOM events, `parley('on', …)`, and GA4 by `ga4.js`,
   * added at the first event when the campaign forwards to GA4).
   */
  const events = createEvents((name, detail) => {
    if (config?.ga4) (api.aq ||= (addScript('ga4'), [])).push([name, detail]);
  });
  /** What greet.js and goal.js are lent. */
  const host: GoalHost = { origin, site, token: () => load('token'), emit: events.emit };
  const addScript = (name: string) => {
    const script = document.createElement('script');
    script.src = `${origin}/widget/${name}.js`; // an added script runs async by itself
    document.head.appendChild(script);
  };

  const post = (message: ToFrame) => {
    if (ready && frame?.contentWindow) {
      frame.contentWindow.postMessage({ ...message, source: 'parley-loader' } as LoaderToFrame, origin);
    }
  };

  const ensureFrame = () => {
    if (frame || !config || !root) return;
    frame = document.createElement('iframe');
    frame.className = `frame ${config.button.position === 'left' ? 'l' : 'r'}`;
    frame.title = config.title || config.texts.button;
    // The page's scheme: the frame may then be embedded by pages on that scheme only.
    const scheme = location.protocol === 'https:' ? 'https' : 'http';
    frame.src = `${origin}/widget/frame.html?site=${encodeURIComponent(site)}&scheme=${scheme}`;
    frame.setAttribute('allow', 'clipboard-write');
    root.appendChild(frame);
  };

  /** `focus`: the visitor (or the page) opened the chat now, so focus goes into it; not when restoring. */
  const show = (focus: boolean, start = false) => {
    instant = start;
    wantOpen = true;
    if (!config || !button) return;
    open = true;
    save('open', '1');
    ensureFrame();
    frame?.classList.add('open');
    button.hidden = true;
    if (!focus) return;
    // Focus moves into the chat: now, or once the frame has loaded.
    if (ready) post({ type: 'open', start: instant });
    else focusWhenReady = true;
    frame?.focus();
  };

  /**
   * INV-1, INV-8: the button shows when its availability allows and a footer button is meant for this page (or a
   * chat goes on), and the window is closed; the page's custom buttons follow the availability.
   */
  const showButton = () => {
    if (!button || !config) return;
    button.hidden = open || !((config.buttonAvailable && footer) || active);
    showCustom(config, config.buttonAvailable || active, (b) => show(true, !!b.s));
  };

  const hide = () => {
    wantOpen = false;
    if (!config || !button) return;
    const hadFocus = !!frame && document.activeElement === root?.host && root?.activeElement === frame;
    open = false;
    save('open', '0');
    frame?.classList.remove('open');
    showButton();
    focusWhenReady = false;
    post({ type: 'minimize' });
    if (hadFocus) button.focus();
  };

  const setUnread = (count: number) => {
    if (!badge || !config) return;
    badge.hidden = count <= 0;
    badge.textContent = count > 99 ? '99+' : String(count);
    const t = config.texts;
    badge.setAttribute(
      'aria-label',
      plural(config.language, count, t.unreadOne, t.unread).replace('{n}', String(count)),
    );
  };

  const sendVisitor = () => {
    if (visitor) post({ type: 'visitor', ...visitor });
  };

  const sendGreeting = () => {
    if (!greeting || !ready) return;
    const { id, title, text, kind } = greeting;
    post({ type: 'greeting', inviteId: id, title, text, start: kind === 'yes_no' });
    greeting = null;
  };

  const onMessage = (event: MessageEvent) => {
    if (!frame || event.source !== frame.contentWindow || event.origin !== origin) return;
    const data = event.data as FrameToLoader | null;
    if (!data || data.source !== 'parley-frame') return;
    switch (data.type) {
      case 'ready':
        ready = true;
        post({
          type: 'init',
          token: load('token'),
          page: {
            url: location.href.slice(0, 2000),
            title: document.title.slice(0, 500),
            referrer: document.referrer.slice(0, 2000),
          },
          open,
        });
        sendVisitor();
        sendGreeting();
        if (focusWhenReady) {
          focusWhenReady = false;
          frame.focus();
          post({ type: 'open', start: instant });
        }
        break;
      case 'token':
        if (typeof data.token === 'string' && data.token) save('token', data.token);
        break;
      case 'minimize':
        hide();
        break;
      case 'unread':
        setUnread(Number(data.count) || 0);
        break;
      case 'chat':
        active = !!data.active;
        save('active', active ? '1' : '0');
        showButton();
        break;
      case 'event':
        events.emit(data.name, data.detail);
        break;
      case 'load':
        // A lazy chunk the frame needs now (TLS-5: the recorder, when the visitor shares their screen).
        addScript(data.name);
    }
  };

  const render = (c: LoaderConfig) => {
    const host = document.createElement('div');
    host.setAttribute('data-parley', site);
    root = host.attachShadow({ mode: 'open' });
    try {
      // A constructed stylesheet is CSSOM, which a host page's CSP (style-src without 'unsafe-inline') allows.
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
    } catch {
      const style = document.createElement('style');
      style.textContent = css;
      root.append(style);
    }
    button = document.createElement('button');
    button.type = 'button';
    button.className = `btn ${c.button.position === 'left' ? 'l' : 'r'}${c.openingReminder ? ' wig' : ''}`;
    const color = safeColor(c.color);
    button.style.background = color;
    button.style.color = textOnSafe(color);
    // Built node by node: innerHTML would throw on host pages that enforce Trusted Types.
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z');
    svg.append(path);
    const label = document.createElement('span');
    label.textContent = c.button.text || c.texts.button;
    badge = document.createElement('span');
    badge.className = 'badge';
    badge.setAttribute('role', 'img');
    badge.hidden = true;
    button.append(svg, label, badge);
    button.addEventListener('click', () => show(true, !!footer?.s));
    root.append(button);
    showButton();
    host.style.cssText = `all:initial;position:fixed;z-index:${Z}`;
    (document.body || document.documentElement).appendChild(host);
  };

  const dispatch = createDispatcher({
    open: () => show(true),
    close: hide,
    visitor: (args) => (api.vq ||= (addScript('visitor'), [])).push(args),
    goal: (args) => (api.gq ||= (addScript('goal'), [])).push(args),
    on: events.on as (name: string, fn: (detail: unknown) => void) => void,
    warn: (message) => console.warn(message),
  });

  const api: Api = (...args: unknown[]) => dispatch(args);
  api.loaded = true;
  api.h = host;
  api.v = (info) => {
    visitor = { ...visitor, ...info, data: { ...visitor?.data, ...info.data } };
    sendVisitor();
  };
  replayQueue(previous?.q, dispatch);
  w[NAME] = api;

  addEventListener('message', onMessage);
  // INV-9: a custom button parsed after the loader ran shows once the page is read.
  addEventListener('DOMContentLoaded', showButton);
  addEventListener('storage', (e) => {
    // Another tab started a chat: connect here too, so this tab shows new messages on its button.
    if (e.key === `${prefix}active` && e.newValue === '1') ensureFrame();
  });

  /** The visit (time on the website, previous page), entered once per page view when something needs it. */
  let visit: Visit | undefined;
  const visitNow = () => (visit ||= enterPage(() => sessionStorage, prefix, location.href, since));

  /**
   * INV-3/INV-4: a greeting's moment is about to match, or an agent invites (INV-6): `greet.js` (loaded only
   * then) shows it, with these hooks.
   */
  const greet = (shadow: ShadowRoot) => {
    if (api.g) return api.g;
    api.g = {
      ...host,
      prefix,
      visit: visitNow(),
      since,
      root: shadow,
      config: () => config as LoaderConfig,
      busy: () => open || active,
      open: (g, focus) => {
        greeting = g;
        show(focus);
        sendGreeting();
      },
      button: () => button,
    };
    addScript('greet');
    return api.g;
  };

  // TLS-6: every page view, without the frame; INV-6: an agent's invite comes back with a heartbeat.
  beacon(
    `${origin}/widget/beacon`,
    site,
    () => load('token'),
    (t) => save('token', t),
    (g) => {
      if (!root || open || active) return;
      const h = greet(root);
      if (h.hand) h.hand(g);
      else h.pending = g;
    },
  );

  /** When the config was last asked for (0: not yet). */
  let asked = 0;
  const ask = () =>
    fetch(`${origin}/widget/config?site=${encodeURIComponent(site)}`, {
      credentials: 'omit',
      // Revalidated with the ETag: unchanged is a 304 of a few bytes.
      cache: asked ? 'no-cache' : 'default',
    }).then((r) => (r.ok ? (r.json() as Promise<LoaderConfig>) : null));

  /**
   * INV-1: while the page is visible, ask again every `refreshSeconds` (and at once when it becomes visible
   * after that long): the button and an open chat window follow agents coming and going without a reload.
   */
  const refresh = () => {
    if (document.visibilityState !== 'visible' || !config) return;
    asked = Date.now();
    ask()
      .then((c) => {
        if (!c || !config || c.campaignId !== config.campaignId) return;
        const changed = c.agentsAvailable !== config.agentsAvailable;
        config = {
          ...config,
          agentsAvailable: c.agentsAvailable,
          buttonAvailable: c.buttonAvailable,
          greetingsAvailable: c.greetingsAvailable,
        };
        showButton();
        if (changed) post({ type: 'availability', agentsAvailable: c.agentsAvailable });
      })
      .catch(() => {
        /* the next ask */
      });
  };
  const every = () => Math.max(1, config?.refreshSeconds ?? 30) * 1000;
  const tick = () => {
    refresh();
    setTimeout(tick, every());
  };
  addEventListener('visibilitychange', () => {
    if (Date.now() - asked >= every()) refresh();
  });

  ask()
    .then((c) => {
      if (!c || !c.campaignId || !c.texts || !c.button) return;
      config = c;
      footer = pickFooter(c);
      asked = Date.now();
      setTimeout(tick, every());
      const mount = () => {
        render(c);
        events.emit('widget.loaded');
        if (wantOpen) show(true);
        else if (load('open') === '1') show(false);
        else if (load('active') === '1') ensureFrame();
        if (!c.greetingHints?.length || !root) return;
        // The visit (time on the website, previous page) is followed on every page view, greet.js or not.
        const due = hintsDueIn(c.greetingHints, location.href, 0, (since - visitNow().startedAt) / 1000);
        const shadow = root;
        if (due !== null) setTimeout(() => greet(shadow), Math.max(0, due - GREET_EARLY_SECONDS) * 1000);
      };
      if (document.body) mount();
      else addEventListener('DOMContentLoaded', mount);
    })
    .catch(() => {
      /* no server, no button */
    });
}

start();
