import { render } from 'preact';
import type { CobrowseToFrame, FrameToLoader, LoaderToFrame, WidgetConfig } from '@parley/protocol';
import { App } from './App';
import { Client, type Host } from './client';
import './styles.css';

type ToLoader = FrameToLoader extends infer M ? (M extends unknown ? Omit<M, 'source'> : never) : never;

const site = new URLSearchParams(location.search).get('site') ?? '';
const embedded = window.parent !== window;
const tokenKey = `parley:${site}:token`;
/** The host page's origin, learnt from its `init`; everything but `ready` is posted only there. */
let parentOrigin: string | null = null;

function toLoader(message: ToLoader): void {
  if (!embedded) return;
  const target = message.type === 'ready' ? '*' : parentOrigin;
  if (target) window.parent.postMessage({ ...message, source: 'parley-frame' } as FrameToLoader, target);
}

function standaloneToken(): string | null {
  try {
    return localStorage.getItem(tokenKey);
  } catch {
    return null;
  }
}

async function boot(): Promise<void> {
  const res = await fetch(`/widget/config?site=${encodeURIComponent(site)}&view=frame`);
  const config = res.ok ? ((await res.json()) as WidgetConfig) : null;
  if (!config?.campaignId) return;
  document.documentElement.lang = config.language;
  document.title = config.title || config.texts.button;

  const host: Host = {
    token: (token) => {
      if (embedded) toLoader({ type: 'token', token });
      else
        try {
          localStorage.setItem(tokenKey, token);
        } catch {
          /* storage disabled: a new visitor next time */
        }
    },
    unread: (count) => toLoader({ type: 'unread', count }),
    chat: (active) => toLoader({ type: 'chat', active }),
    minimize: () => toLoader({ type: 'minimize' }),
    event: (name, detail) => toLoader({ type: 'event', name, detail }),
    loadRecorder: () => toLoader({ type: 'load', name: 'cobrowse' }),
    recorder: (message) => toLoader({ type: 'cobrowse', ...message }),
  };
  const client = new Client(config, site, host);
  render(<App client={client} embedded={embedded} />, document.getElementById('app') as HTMLElement);

  if (!embedded) {
    client.start(
      standaloneToken(),
      { url: location.href, title: document.title, referrer: document.referrer },
      true,
    );
    return;
  }
  let started = false;
  addEventListener('message', (event: MessageEvent) => {
    if (event.source !== window.parent) return;
    const data = event.data as LoaderToFrame | CobrowseToFrame | null;
    if (data?.source === 'parley-cobrowse') {
      // TLS-5: the recorder in the page (loaded when the visitor turned sharing on).
      if (event.origin !== parentOrigin) return;
      client.fromRecorder(data);
      return;
    }
    if (!data || data.source !== 'parley-loader') return;
    if (data.type === 'init' && !started) {
      started = true;
      parentOrigin = event.origin;
      client.start(typeof data.token === 'string' ? data.token : null, data.page, !!data.open);
      return;
    }
    if (event.origin !== parentOrigin) return;
    if (data.type === 'open') {
      client.setOpen(true);
      if (data.start === true) client.startNow();
    } else if (data.type === 'minimize') client.setOpen(false);
    else if (data.type === 'availability') client.setAvailable(!!data.agentsAvailable);
    else if (data.type === 'greeting')
      client.greet(
        { inviteId: String(data.inviteId), title: String(data.title), text: String(data.text) },
        data.start === true,
      );
    else if (data.type === 'visitor')
      client.setVisitor({ name: data.name, email: data.email, data: data.data });
  });
  toLoader({ type: 'ready' });
}

void boot();
