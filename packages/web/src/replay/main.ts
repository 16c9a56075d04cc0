/**
 * TLS-5, cobrowsing: the replay document in the Screen share section's frame. It replays the visitor's recorded
 * events live (rrweb's Replayer) as the console hands them over, scaled to fit the frame. Nothing of the visitor's
 * page runs: rrweb rebuilds it without scripts in a sandboxed frame (no `allow-scripts`), and this document's CSP
 * allows scripts from our origin only.
 */
import { EventType, Replayer, type eventWithTime } from 'rrweb';
import 'rrweb/dist/style.css';
import './replay.css';
import type { ConsoleToReplay, ReplayToConsole } from './protocol';

/** Events are shown this long after they reach the console, so the visitor's movements keep their pace. */
const BUFFER_MS = 250;

const root = document.getElementById('replay') as HTMLElement;
let replayer: Replayer | null = null;
/** The visitor's clock minus ours, at least (the smallest difference seen: the fastest delivery). */
let skew: number | null = null;
let size = { width: 0, height: 0 };
let title = '';

const toConsole = (m: ReplayToConsole) => parent.postMessage(m, location.origin);

function isEvent(e: unknown): e is eventWithTime {
  if (!e || typeof e !== 'object') return false;
  const { type, timestamp } = e as { type?: unknown; timestamp?: unknown };
  return Number.isInteger(type) && typeof timestamp === 'number' && Number.isFinite(timestamp);
}

/** Fits the visitor's window into this frame, keeping its proportions. */
function fit(): void {
  const wrapper = replayer?.wrapper;
  if (!wrapper || !size.width || !size.height) return;
  const scale = Math.min(root.clientWidth / size.width, root.clientHeight / size.height, 1);
  wrapper.style.transform = `scale(${scale})`;
  wrapper.style.left = `${(root.clientWidth - size.width * scale) / 2}px`;
}

function start(first: eventWithTime): Replayer {
  const r = new Replayer([], {
    root,
    liveMode: true,
    mouseTail: false,
    showWarning: false,
    showDebug: false,
    triggerFocus: false,
    // The visitor's page never acts on the agent's screen.
    UNSAFE_replayCanvas: false,
  });
  r.disableInteract();
  r.iframe.title = title;
  r.on('resize', (d) => {
    size = d as { width: number; height: number };
    fit();
  });
  r.on('fullsnapshot-rebuilded', () => toConsole({ source: 'parley-replay', type: 'showing', ...size }));
  r.startLive(first.timestamp - BUFFER_MS);
  return r;
}

function play(events: eventWithTime[]): void {
  const now = Date.now();
  for (const e of events) skew = Math.min(skew ?? Infinity, e.timestamp - now);
  for (const raw of events) {
    // On our clock, a little behind: each event at its own moment, however the visitor's clock is set.
    const e = { ...raw, timestamp: raw.timestamp - (skew ?? 0) } as eventWithTime;
    if (!replayer) {
      // Only from a full view of the page on (a Meta event is followed by the full snapshot).
      if (e.type !== EventType.Meta) continue;
      replayer = start(e);
    }
    replayer.addEvent(e);
  }
}

addEventListener('message', (event: MessageEvent) => {
  if (event.source !== parent || event.origin !== location.origin) return;
  const m = event.data as ConsoleToReplay | null;
  if (m?.source !== 'parley-console') return;
  if (m.type === 'init') {
    title = String(m.title);
    document.documentElement.lang = String(m.lang);
    if (replayer) replayer.iframe.title = title;
    return;
  }
  if (m.type !== 'events' || typeof m.data !== 'string') return;
  let batch: unknown;
  try {
    batch = JSON.parse(m.data);
  } catch {
    return;
  }
  if (Array.isArray(batch)) play(batch.filter(isEvent));
});
addEventListener('resize', fit);
toConsole({ source: 'parley-replay', type: 'ready' });
