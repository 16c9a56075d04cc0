/**
 * TLS-5, screen sharing in the chat frame, loaded (a chunk of its own) the first time the visitor turns sharing
 * on: opening the chat pays nothing for it. The server is asked first (`cobrowse.start`; it refuses when the
 * campaign's Cobrowsing tool is off or the chat ended); once it accepts, the loader adds the recorder
 * (`cobrowse.js`) to the page, which records while told to and hands its events here; they go to the server as
 * JSON text in parts (`cobrowseParts`). Sharing ends when the visitor turns it off, the server ends it (the chat
 * ended, the tool was turned off), or the page goes (the socket with it).
 */
import type { CobrowseToFrame, VisitorClientFrame, VisitorServerFrame } from '@parley/protocol';
import { COBROWSE_BATCH_MAX, cobrowseParts } from '../shared/protocol';

/** The recorder that does not say it is ready within this long cannot run on the page (its CSP, the network). */
export const RECORDER_LOAD_MS = 15_000;
/** After events were dropped (over the rate limit, a slow socket), a full snapshot follows this much later. */
const RESNAPSHOT_MS = 1_000;
/** While the socket has this much unsent, recorded events are dropped (a full snapshot follows). */
const SOCKET_BACKLOG_BYTES = 1024 * 1024;

export type Sharing = 'off' | 'starting' | 'on';

/** What sharing needs of the frame's client. */
export interface ShareDeps {
  /** Sends a frame now, if the socket is open and welcomed. */
  send(frame: VisitorClientFrame): void;
  /** Bytes waiting in the socket; Infinity when it is not open. */
  backlog(): number;
  set(sharing: Sharing): void;
  /** Tells the visitor that sharing could not start or go on. */
  failed(): void;
  /** The page around the frame (the loader adds the recorder; the recorder records, stops, snapshots). */
  host: { loadRecorder(): void; recorder(message: { on?: boolean; snapshot?: boolean }): void };
}

export type Share = ReturnType<typeof createShare>;

export function createShare(d: ShareDeps) {
  /** The chat shared (or asked for); null: off. */
  let chat: string | null = null;
  /** The server accepted. */
  let on = false;
  /** The recorder in the page: 0 not asked for, 1 loading, 2 ready. */
  let recorder = 0;
  let loading: ReturnType<typeof setTimeout> | undefined;
  let snapshot: ReturnType<typeof setTimeout> | undefined;

  const stop = (tell: boolean) => {
    if (!chat) return;
    if (tell) d.send({ type: 'cobrowse.stop', chatId: chat });
    chat = null;
    on = false;
    clearTimeout(loading);
    clearTimeout(snapshot);
    snapshot = undefined;
    d.host.recorder({ on: false });
    d.set('off');
  };
  const fail = () => {
    stop(true);
    d.failed();
  };
  /** A full snapshot a little later (once, however often asked meanwhile): dropped events are made good. */
  const snapshotSoon = (delay = RESNAPSHOT_MS) => {
    snapshot ??= setTimeout(() => {
      snapshot = undefined;
      if (on) d.host.recorder({ snapshot: true });
    }, delay);
  };
  const accepted = () => {
    on = true;
    d.set('on');
    if (recorder === 2) return d.host.recorder({ on: true });
    if (recorder === 1) return;
    recorder = 1;
    d.host.loadRecorder();
    loading = setTimeout(() => {
      if (recorder === 1) recorder = 0;
      fail();
    }, RECORDER_LOAD_MS);
  };

  return {
    /** The chat shared, or null. */
    chat: () => chat,
    start(chatId: string) {
      if (chat) return;
      chat = chatId;
      d.set('starting');
      d.send({ type: 'cobrowse.start', chatId });
    },
    stop,
    /** The socket closed: the server forgot the sharing; it is asked again after the next welcome. */
    lost() {
      if (!chat) return;
      on = false;
      d.host.recorder({ on: false });
      d.set('starting');
    },
    welcomed() {
      if (chat) d.send({ type: 'cobrowse.start', chatId: chat });
    },
    /** A message of the recorder in the page. */
    recorder(m: CobrowseToFrame) {
      if (m.type === 'ready') {
        if (recorder === 2) return;
        recorder = 2;
        clearTimeout(loading);
        if (on) d.host.recorder({ on: true });
        return;
      }
      if (m.type !== 'events' || !Array.isArray(m.events) || !chat || !on) return;
      const json = JSON.stringify(m.events);
      // Too much at once for the socket: the agent's view misses them, so a full snapshot follows.
      if (json.length > COBROWSE_BATCH_MAX || d.backlog() > SOCKET_BACKLOG_BYTES)
        return snapshotSoon(RESNAPSHOT_MS * 2);
      const parts = cobrowseParts(json);
      const chatId = chat;
      parts.forEach((data, i) =>
        d.send({ type: 'cobrowse.events', chatId, data, ...(i < parts.length - 1 ? { more: true } : {}) }),
      );
    },
    /** A frame from the server; true when it was about sharing (handled here). */
    frame(f: VisitorServerFrame): boolean {
      if (f.type === 'cobrowse.state') {
        if (f.chatId === chat) {
          if (f.sharing) accepted();
          else stop(false);
        }
        return true;
      }
      if (f.type === 'cobrowse.snapshot') {
        if (f.chatId === chat && on) d.host.recorder({ snapshot: true });
        return true;
      }
      if (f.type !== 'error') return false;
      // Sharing already ended here (an event or a stop crossed the server's end): nothing to say.
      if (f.code === 'cobrowse_off') {
        if (f.chatId && f.chatId === chat && on) fail();
        return true;
      }
      if (f.cid || !f.chatId || f.chatId !== chat) return false;
      if (on && (f.code === 'rate_limited' || f.code === 'over_limit')) {
        snapshotSoon();
        return true;
      }
      if (f.code === 'rate_limited' || f.code === 'unavailable') return false;
      // Refused: the campaign's Cobrowsing tool is off, the chat ended.
      fail();
      return true;
    },
  };
}
