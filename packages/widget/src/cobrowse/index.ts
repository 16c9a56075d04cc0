/**
 * TLS-5, cobrowsing, on the customer's page: the recorder. The chat frame asks the loader for this script only
 * when the visitor turns screen sharing on (a page view that never shares pays nothing for it); it records the
 * page (rrweb) while the frame says so and hands the events to the frame, which sends them over its socket.
 *
 * Privacy (docs/embedding.md): every form field's value is masked (`maskAllInputs`), elements the page marks
 * private (`data-parley-private`, class `parley-private`) and the chat widget itself are replaced by empty boxes,
 * and recording stops when the visitor turns sharing off, the chat ends, or the page goes away.
 */
import { record } from 'rrweb';
import type { CobrowseToFrame, FrameToLoader } from '@parley/protocol';
import { COBROWSE_PRIVATE_SELECTOR, WIDGET_GLOBAL } from '../shared/protocol';

type Host = { origin: string; site: string };
type ToFrame = CobrowseToFrame extends infer M ? (M extends unknown ? Omit<M, 'source'> : never) : never;

/** Events go to the frame in batches, at most this often. */
const BATCH_MS = 200;

function start(host: Host): void {
  /** The chat frame, in the loader's shadow root (open, so it can be found). */
  const frame = () =>
    document
      .querySelector(`[data-parley="${host.site}"]`)
      ?.shadowRoot?.querySelector<HTMLIFrameElement>('iframe') ?? null;
  const post = (message: ToFrame) =>
    frame()?.contentWindow?.postMessage({ ...message, source: 'parley-cobrowse' }, host.origin);

  let stop: (() => void) | undefined;
  let batch: unknown[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    if (!batch.length) return;
    post({ type: 'events', events: batch });
    batch = [];
  };

  const on = () => {
    if (stop) return;
    stop =
      record({
        emit: (event) => {
          batch.push(event);
          timer ??= setTimeout(flush, BATCH_MS);
        },
        maskAllInputs: true,
        // The page's private elements and the chat widget (the frame is another origin and never recorded).
        blockSelector: `${COBROWSE_PRIVATE_SELECTOR},[data-parley]`,
        slimDOMOptions: 'all',
        sampling: { mousemove: 50, scroll: 150 },
        recordCanvas: false,
        collectFonts: false,
      }) ?? undefined;
  };
  const off = () => {
    stop?.();
    stop = undefined;
    clearTimeout(timer);
    timer = undefined;
    batch = [];
  };

  addEventListener('message', (event: MessageEvent) => {
    const f = frame();
    if (!f || event.source !== f.contentWindow || event.origin !== host.origin) return;
    const data = event.data as FrameToLoader | null;
    if (data?.source !== 'parley-frame' || data.type !== 'cobrowse') return;
    if (data.on === true) on();
    else if (data.on === false) off();
    else if (data.snapshot === true && stop) record.takeFullSnapshot(true);
  });
  // Leaving the page ends the sharing (the frame's socket closes with it).
  addEventListener('pagehide', off);
  post({ type: 'ready' });
}

const api = (window as unknown as Record<string, { h?: Host; c?: boolean } | undefined>)[WIDGET_GLOBAL];
if (api?.h && !api.c) {
  api.c = true;
  start(api.h);
}
