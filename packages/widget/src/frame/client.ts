import type {
  CobrowseToFrame,
  PageInfo,
  VisitorClientFrame,
  VisitorServerFrame,
  WidgetConfig,
} from '@parley/protocol';
import {
  fillText,
  MESSAGE_MAX_LENGTH,
  offlineFormErrors,
  TYPING_THROTTLE_MS,
  VISITOR_TOKEN_HEADER,
  type OfflineErrors,
  type OfflineForm,
} from '../shared/protocol';
import { prechatRequired } from './prechat';
import type { Share, Sharing } from './share';
import { throttle } from './throttle';
import { uuid } from './uuid';
import {
  currentRecord,
  emptyTranscript,
  hasOpenChat,
  isRetryable,
  lastSeq,
  onServerFrame,
  onWelcome,
  openChatId,
  refusedStart,
  releaseHeld,
  resendPending,
  resumeList,
  sendMessage,
  sendOffline,
  startOver,
  startWithoutMessage,
  unreadCount,
  type Step,
  type Transcript,
} from './transcript';

/**
 * The imperative shell around the transcript reducer: the socket (hello, resume, reconnect with backoff),
 * typing previews, uploads, unread counting and what the loader is told. The UI only reads `state`.
 */

export type Status = 'connecting' | 'online' | 'reconnecting';

export type ClientState = {
  t: Transcript;
  status: Status;
  /** A short message for the visitor (an error from the server, a rejected file); cleared after a while. */
  notice: string | null;
  uploads: { id: string; name: string }[];
  open: boolean;
  /** Counts openings, so the opening text's reminder plays again each time. */
  opened: number;
  /** INV-1: whether a chat started now is live; false: the offline form (follows the loader's re-asks). */
  available: boolean;
  /**
   * INV-2: the visitor tried to start a chat and nobody could take it: the offline form is shown, with what
   * they wrote as its message. Null: no form.
   */
  offlineDraft: string | null;
  /** INV-2: the offline form's errors by field (found here, or refused by the server). */
  offlineErrors: OfflineErrors;
  /** INV-2: how the answer to the offline message sent from this page will come. */
  offlineReply: 'email' | 'visit' | null;
  /**
   * INV-3/INV-4: the greeting the window was opened with, shown as the company's first line (not stored); the
   * chat the visitor then starts carries its id and is proactive.
   */
  greeting: Greeting | null;
  /** GOL-2: the chat whose survey the visitor sent from this window (its thank-you shows). */
  surveySent: string | null;
  /** TLS-5: screen sharing: off, asked for (the server and the recorder are getting ready), or on. */
  sharing: Sharing;
};

export type Greeting = { inviteId: string; title: string; text: string };

/** What the frame tells the page around it (the loader), or nothing when it runs on its own. */
export interface Host {
  token(token: string): void;
  unread(count: number): void;
  chat(active: boolean): void;
  minimize(): void;
  /** GOL-5: a campaign event for the host page's analytics (docs/analytics.md). */
  event(name: string, detail: Record<string, string | number | boolean>): void;
  /** TLS-5: the loader adds the recorder (`cobrowse.js`) to the page; it says `recorderReady` once loaded. */
  loadRecorder(): void;
  /** TLS-5, to the recorder: record, stop, or send a full snapshot now. */
  recorder(message: { on?: boolean; snapshot?: boolean }): void;
}

export type VisitorUpdate = { name?: string; email?: string; data?: Record<string, string> };

const BACKOFF_MAX_MS = 10_000;
const NOTICE_MS = 6_000;
const READ_DELAY_MS = 1_000;
const TYPING_STALE_MS = 15_000;
/** A message the server refused as sent too fast goes again after this long (its frame budget refills). */
const RATE_LIMIT_RETRY_MS = 1_000;
/** A message the server could not store (its database unreachable for a moment) goes again after about this long. */
const UNAVAILABLE_RETRY_MS = 2_000;
/** After the server refused the socket for its address's limits, the next try waits about this long. */
const LIMITED_RETRY_MS = 30_000;
/** A rating chosen is sent once the visitor has paused this long (GOL-2). */
const SURVEY_PAUSE_MS = 600;

type ShareModule = typeof import('./share');

/** TLS-5: `share.js` (a script of its own, the first time it is needed), which sets `parleyShare`. */
function loadShare(): Promise<ShareModule> {
  const w = window as unknown as { parleyShare?: ShareModule };
  return new Promise((resolve, reject) => {
    if (w.parleyShare) return resolve(w.parleyShare);
    const script = document.createElement('script');
    script.src = `${import.meta.env.BASE_URL}share.js`;
    script.onload = () => (w.parleyShare ? resolve(w.parleyShare) : reject(new Error('share.js')));
    script.onerror = reject;
    document.head.append(script);
  });
}

export class Client {
  state: ClientState;
  private listeners = new Set<() => void>();
  private ws: WebSocket | null = null;
  private welcomed = false;
  /** The server refused this socket for its address's limits (it closes it next). */
  private limited = false;
  private attempt = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  private readTimer: ReturnType<typeof setTimeout> | undefined;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private token: string | null = null;
  private page: PageInfo = { url: '', title: '', referrer: '' };
  private visitor: VisitorUpdate | null = null;
  private previewSent = false;
  /** The window was opened and the server not told yet. */
  private viewed = false;
  private read: Record<string, number>;
  private told = { unread: -1, active: null as boolean | null, offline: false };
  /** GOL-5: chats whose rating the page was told of. */
  private rated = new Set<string>();
  private typer = throttle<{ chatId: string; text: string }>((v) => {
    this.previewSent = true;
    this.transmit([{ type: 'typing', chatId: v.chatId, text: v.text }]);
  }, TYPING_THROTTLE_MS);

  constructor(
    readonly config: WidgetConfig,
    private readonly site: string,
    private readonly host: Host,
  ) {
    this.state = {
      t: emptyTranscript(),
      status: 'connecting',
      notice: null,
      uploads: [],
      open: false,
      opened: 0,
      available: config.agentsAvailable,
      offlineDraft: null,
      offlineErrors: {},
      offlineReply: null,
      greeting: null,
      surveySent: null,
      sharing: 'off',
    };
    this.read = this.loadRead();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  start(token: string | null, page: PageInfo, open: boolean): void {
    this.token = token;
    this.page = page;
    // Restoring an open window on a new page does not count as opening it (no focus move, no reminder).
    this.update({ open });
    this.connect();
    addEventListener('online', () => {
      if (!this.ws) this.connect();
    });
  }

  // ---- window

  /** Opening (again) also moves focus to the message field and replays the opening text's reminder. */
  setOpen(open: boolean): void {
    if (!open && !this.state.open) return;
    // The visitor or the page opened it (the loader's 'open'; restoring an open window is not one): a chat
    // viewed (Traffic export), told now or right after the welcome.
    if (open) this.viewed = true;
    this.update({ open, opened: this.state.opened + (open ? 1 : 0) });
    this.tellViewed();
  }

  private tellViewed(): void {
    if (!this.viewed || !this.welcomed) return;
    this.viewed = false;
    this.raw({ type: 'window.opened' });
  }

  minimize(): void {
    this.setOpen(false);
    this.host.minimize();
  }

  // ---- visitor actions

  send(raw: string): void {
    const text = raw.trim() ? raw.slice(0, MESSAGE_MAX_LENGTH) : '';
    if (!text) return;
    this.stopPreview();
    const t = this.state.t;
    const starting = t.pending.some((p) => p.start && !p.error && p.ackSeq === null);
    if (this.checking) {
      this.checking.push(text);
      return;
    }
    if (!openChatId(t) && !starting) {
      // INV-2: a new chat. Whether anybody can take it is asked now (not what the page knew minutes ago).
      this.checking = [text];
      void this.liveNow().then((live) => {
        const texts = this.checking ?? [];
        this.checking = null;
        if (live) for (const x of texts) this.queueMessage(x);
        else this.update({ available: false, offlineDraft: texts.join('\n\n'), offlineErrors: {} });
      });
      return;
    }
    this.queueMessage(text);
  }

  /** Messages typed while the availability check of a new chat runs; they follow its outcome. */
  private checking: string[] | null = null;

  /**
   * Whether a chat started now would be live (INV-1): the server's answer (revalidated with the ETag; the
   * server keeps the campaign's presence two seconds), or what was last known if it cannot be asked.
   */
  private async liveNow(): Promise<boolean> {
    try {
      const res = await fetch(`/widget/config?site=${encodeURIComponent(this.site)}&view=frame`, {
        cache: 'no-cache',
      });
      const c = res.ok ? ((await res.json()) as Partial<WidgetConfig>) : null;
      if (typeof c?.agentsAvailable === 'boolean') this.update({ available: c.agentsAvailable });
    } catch {
      /* what was known */
    }
    return this.state.available;
  }

  private queueMessage(text: string): void {
    const t = this.state.t;
    const hold = !openChatId(t) && prechatRequired(this.config.prechat, t.previousChats);
    this.apply(sendMessage(t, uuid(), text, hold));
  }

  /**
   * INV-2: the offline form. Checked here with the server's own rules; false (and the errors by field) when it
   * cannot be sent.
   */
  sendOffline(form: OfflineForm): boolean {
    const errors = offlineFormErrors(form);
    if (Object.keys(errors).length > 0) {
      this.update({ offlineErrors: errors });
      return false;
    }
    this.update({ offlineErrors: {}, offlineReply: form.email.trim() ? 'email' : 'visit' });
    this.apply(sendOffline(this.state.t, uuid(), form));
    return true;
  }

  /** INV-1: the loader asked again and agents came or went. */
  setAvailable(available: boolean): void {
    if (available !== this.state.available) this.update({ available });
  }

  /** The pre-chat button: start the chat with what the visitor wrote. */
  confirmPrechat(): void {
    this.apply(releaseHeld(this.state.t));
  }

  newChat(): void {
    this.update({ t: startOver(this.state.t), greeting: null });
  }

  /**
   * INV-3/INV-4: the window opened with a greeting; ignored while a chat goes on. `start`: a Yes/No greeting
   * accepted, so the (proactive) chat starts now when somebody can take it; else with the first message.
   */
  greet(g: Greeting, start: boolean): void {
    if (openChatId(this.state.t)) return;
    this.update({ greeting: { inviteId: g.inviteId, title: g.title, text: g.text } });
    if (!start) return;
    void this.liveNow().then((live) => {
      if (live) this.apply(startWithoutMessage(this.state.t, uuid()));
    });
  }

  /**
   * GOL-2: the visitor's answer to the survey of an ended chat. A rating chosen is sent after a short pause (arrow
   * keys through the smileys send one answer, not five); sending the survey goes at once. The latest answer is
   * sent again after a reconnect until the server acknowledges it (same cid: stored once).
   */
  answerSurvey(chatId: string, rating: number, comment: string, sent: boolean): void {
    clearTimeout(this.surveyTimer);
    const go = () => {
      this.surveyAnswer = { type: 'survey.answer', chatId, cid: uuid(), rating, comment, sent };
      if (!this.rated.has(chatId)) this.host.event('rating.given', { rating });
      this.rated.add(chatId);
      this.transmit([this.surveyAnswer]);
    };
    if (sent) go();
    else this.surveyTimer = setTimeout(go, SURVEY_PAUSE_MS);
  }

  private surveyAnswer: Extract<VisitorClientFrame, { type: 'survey.answer' }> | null = null;
  private surveyTimer: ReturnType<typeof setTimeout> | undefined;

  /** The answer to the survey frame, if this is one: handled here (true), not as a chat's error. */
  private onSurveyAnswer(frame: VisitorServerFrame): boolean {
    const a = this.surveyAnswer;
    if (!a || (frame.type !== 'ack' && frame.type !== 'error') || frame.cid !== a.cid) return false;
    if (frame.type === 'error' && isRetryable(frame.code)) {
      setTimeout(() => this.surveyAnswer === a && this.transmit([a]), UNAVAILABLE_RETRY_MS);
      return true;
    }
    this.surveyAnswer = null;
    if (frame.type === 'ack') {
      if (a.sent) this.update({ surveySent: a.chatId });
    } else
      this.notify(
        frame.code === 'survey_closed' ? this.config.texts.surveyClosed : this.config.texts.errorGeneric,
      );
    return true;
  }

  /**
   * INV-7: a "start instantly" button opened the window: the chat starts now, without a first message, when
   * somebody can take it (else the offline form, INV-2); nothing while a chat goes on.
   */
  startNow(): void {
    if (openChatId(this.state.t)) return;
    void this.liveNow().then((live) => {
      if (live) this.apply(startWithoutMessage(this.state.t, uuid()));
      else this.update({ available: false, offlineDraft: '', offlineErrors: {} });
    });
  }

  endChat(): void {
    const chatId = openChatId(this.state.t);
    if (chatId) this.transmit([{ type: 'chat.close', chatId }]);
  }

  /** Sneak preview (CON-5): the unsent text, throttled; empty when the field is cleared. */
  typing(text: string): void {
    const chatId = openChatId(this.state.t);
    if (!chatId) return;
    if (!text.trim()) this.stopPreview();
    else this.typer.call({ chatId, text: text.slice(0, MESSAGE_MAX_LENGTH) });
  }

  setVisitor(v: VisitorUpdate): void {
    const next: VisitorUpdate = { ...this.visitor };
    if (typeof v.name === 'string') next.name = v.name;
    if (typeof v.email === 'string') next.email = v.email;
    if (v.data && typeof v.data === 'object') next.data = { ...next.data, ...v.data };
    this.visitor = next;
    this.transmit([{ type: 'visitor.update', ...this.visitor }]);
  }

  async upload(file: File): Promise<void> {
    const chatId = openChatId(this.state.t);
    if (!chatId) return;
    const texts = this.config.texts;
    if (file.size > this.config.attachmentMaxBytes) {
      const mb = Math.round((this.config.attachmentMaxBytes / (1024 * 1024)) * 10) / 10;
      this.notify(fillText(texts.fileTooLarge, { mb }));
      return;
    }
    const item = { id: uuid(), name: file.name };
    this.update({ uploads: [...this.state.uploads, item] });
    let problem: string | null = texts.fileRejected;
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      const res = await fetch(`/widget/files?chatId=${encodeURIComponent(chatId)}`, {
        method: 'POST',
        headers: this.token ? { [VISITOR_TOKEN_HEADER]: this.token } : {},
        body,
      });
      const json = (await res.json().catch(() => null)) as { seq?: number } | null;
      if (res.ok && typeof json?.seq === 'number') problem = null;
      else if (res.status === 413)
        problem = fillText(texts.fileTooLarge, { mb: Math.round(this.config.attachmentMaxBytes / 1048576) });
      else if (res.status === 429) problem = texts.tooManyFiles;
      // Any other refusal: the generic "cannot be sent" in the visitor's language, not the server's English.
    } catch {
      // network trouble: the generic text
    }
    this.update({ uploads: this.state.uploads.filter((u) => u.id !== item.id) });
    if (problem) this.notify(problem);
  }

  // ---- TLS-5, screen sharing (share.ts, loaded the first time the visitor turns it on)

  private share: Share | null = null;

  /** The visitor turned screen sharing on or off (the campaign's Cobrowsing tool is on; a chat goes on). */
  shareScreen(on: boolean): void {
    if (!on) return this.share?.stop(true);
    const chatId = openChatId(this.state.t);
    if (!chatId || !this.config.cobrowse || this.state.sharing !== 'off') return;
    this.update({ sharing: 'starting' });
    loadShare()
      .then(({ createShare }) => {
        this.share ??= createShare({
          send: (f) => this.transmit([f]),
          backlog: () => (this.ws?.readyState === WebSocket.OPEN ? this.ws.bufferedAmount : Infinity),
          set: (sharing) => this.update({ sharing }),
          failed: () => this.notify(this.config.texts.cobrowseFailed),
          host: this.host,
        });
        // Still wanted, for the chat still going on.
        if (this.state.sharing === 'starting' && openChatId(this.state.t) === chatId)
          this.share.start(chatId);
      })
      .catch(() => {
        this.update({ sharing: 'off' });
        this.notify(this.config.texts.cobrowseFailed);
      });
  }

  /** A message of the recorder in the page (`cobrowse.js`). */
  fromRecorder(m: CobrowseToFrame): void {
    this.share?.recorder(m);
  }

  // ---- socket

  private connect(): void {
    clearTimeout(this.retry);
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    let ws: WebSocket;
    try {
      ws = new WebSocket(`${scheme}://${location.host}/ws/visitor?site=${encodeURIComponent(this.site)}`);
    } catch {
      this.reconnectLater();
      return;
    }
    this.ws = ws;
    this.welcomed = false;
    ws.onopen = () => {
      this.raw({
        type: 'hello',
        token: this.token,
        page: this.page,
        chats: resumeList(this.state.t),
      });
    };
    ws.onmessage = (e) => {
      let frame: VisitorServerFrame;
      try {
        frame = JSON.parse(String(e.data)) as VisitorServerFrame;
      } catch {
        return;
      }
      this.receive(frame);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.welcomed = false;
      this.share?.lost();
      this.update({ status: 'reconnecting' });
      this.reconnectLater();
    };
  }

  private reconnectLater(): void {
    const limited = this.limited;
    this.limited = false;
    const base = limited ? LIMITED_RETRY_MS : Math.min(BACKOFF_MAX_MS, 500 * 2 ** this.attempt++);
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.connect(), base * (0.75 + Math.random() * 0.5));
  }

  private receive(frame: VisitorServerFrame): void {
    if (!frame || typeof frame !== 'object') return;
    if (frame.type === 'welcome') {
      this.welcomed = true;
      this.attempt = 0;
      if (frame.token && frame.token !== this.token) {
        this.token = frame.token;
        this.host.token(frame.token);
      }
      this.state = { ...this.state, status: 'online' };
      this.apply(onWelcome(this.state.t, frame, Date.now()));
      if (this.visitor) this.transmit([{ type: 'visitor.update', ...this.visitor }]);
      if (this.surveyAnswer) this.transmit([this.surveyAnswer]);
      this.share?.welcomed();
      this.tellViewed();
      return;
    }
    if (this.share?.frame(frame)) return;
    if (this.onSurveyAnswer(frame)) return;
    if (frame.type === 'ack') {
      // GOL-5: the start of a live chat is acknowledged (proactive: after a greeting).
      const p = this.state.t.pending.find((x) => x.cid === frame.cid && x.start && !x.offline);
      if (p && p.ackSeq === null) this.host.event('chat.started', { proactive: !!this.state.greeting });
    }
    if (frame.type === 'ack' && this.state.offlineDraft !== null) {
      // The offline message is stored: the form gives way to the transcript and the truth about the answer.
      if (this.state.t.pending.some((p) => p.cid === frame.cid && p.offline))
        this.state = { ...this.state, offlineDraft: null };
    }
    if (frame.type === 'error' && frame.fields && frame.cid) {
      // The server refused the offline form: its errors show at their fields (text keys, as found here).
      const texts = this.config.texts as Record<string, string>;
      const errors: Record<string, string> = {};
      for (const [field, key] of Object.entries(frame.fields)) if (key in texts) errors[field] = key;
      this.update({ offlineErrors: errors as OfflineErrors });
    }
    if (frame.type === 'error' && frame.code === 'nobody_available' && frame.cid) {
      // INV-2: nobody could take the chat after all: what the visitor wrote goes to the offline form.
      const refused = refusedStart(this.state.t, frame.cid);
      if (refused)
        this.update({
          t: refused.state,
          available: false,
          offlineDraft: refused.texts.length ? refused.texts.join('\n\n') : null,
          offlineErrors: {},
        });
      return;
    }
    // Too many chats or windows from the visitor's network: said politely below, and the next try waits.
    if (frame.type === 'error' && frame.code === 'limit_reached' && !frame.cid) this.limited = true;
    if (frame.type === 'error' && frame.cid && isRetryable(frame.code)) {
      // Sent faster than the server takes them, or the server could not store it just now: that message
      // waits a moment and goes again (same cid, so it is stored once).
      const cid = frame.cid;
      const wait = frame.code === 'rate_limited' ? RATE_LIMIT_RETRY_MS : UNAVAILABLE_RETRY_MS;
      setTimeout(() => this.apply(resendPending(this.state.t, cid)), wait * (0.75 + Math.random() * 0.5));
      return;
    }
    // A stale chat id from an earlier visit is dropped quietly; anything else is worth a word, in the
    // campaign's language (the server's own message is English).
    if (
      frame.type === 'error' &&
      !frame.fields &&
      !(frame.code === 'not_found' && frame.chatId && !frame.cid)
    ) {
      const texts = this.config.texts;
      this.notify(
        frame.code === 'chat_closed'
          ? texts.chatEnded
          : frame.code === 'limit_reached'
            ? texts.busy
            : texts.errorGeneric,
      );
    }
    this.apply(onServerFrame(this.state.t, frame));
    if (frame.type === 'typing') {
      // An agent whose console went away never says "stopped": the indicator ends by itself.
      clearTimeout(this.typingTimer);
      if (frame.typing) {
        const stop = { ...frame, typing: false };
        this.typingTimer = setTimeout(() => this.apply(onServerFrame(this.state.t, stop)), TYPING_STALE_MS);
      }
    }
  }

  private raw(frame: VisitorClientFrame): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  /** Frames other than hello go out only after welcome; what is lost meanwhile is resent or resumed. */
  private transmit(frames: VisitorClientFrame[]): void {
    if (!this.welcomed) return;
    const inviteId = this.state.greeting?.inviteId;
    for (const f of frames) this.raw(inviteId && f.type === 'chat.start' ? { ...f, inviteId } : f);
  }

  private stopPreview(): void {
    this.typer.cancel();
    const chatId = openChatId(this.state.t);
    if (this.previewSent && chatId) this.transmit([{ type: 'typing', chatId, text: '' }]);
    this.previewSent = false;
  }

  // ---- state

  private apply(step: Step): void {
    this.update({ t: step.state });
    this.transmit(step.send);
  }

  private notify(message: string): void {
    clearTimeout(this.noticeTimer);
    this.update({ notice: message });
    this.noticeTimer = setTimeout(() => this.update({ notice: null }), NOTICE_MS);
  }

  private update(patch: Partial<ClientState>): void {
    this.state = { ...this.state, ...patch };
    this.afterChange();
    for (const fn of this.listeners) fn();
  }

  /** Read marks, the unread count and "is there a chat" for the loader. */
  private afterChange(): void {
    const { t, open } = this.state;
    // GOL-5: a chat could not start live: the offline form shows.
    const offline = this.state.offlineDraft !== null;
    if (offline && !this.told.offline) this.host.event('agents.unavailable', {});
    this.told.offline = offline;
    const rec = currentRecord(t);
    if (open && t.current && rec) {
      const seq = lastSeq(rec);
      if (seq > (this.read[t.current] ?? 0)) {
        this.read[t.current] = seq;
        this.saveRead();
        this.sendReadSoon(t.current);
      }
    }
    const unread = open || !t.current ? 0 : unreadCount(rec, this.read[t.current] ?? 0);
    if (unread !== this.told.unread) {
      this.told.unread = unread;
      this.host.unread(unread);
    }
    // TLS-5: sharing ends with the chat (the server ends it too).
    const shared = this.share?.chat();
    if (shared && openChatId(t) !== shared) this.share!.stop(false);
    const active = hasOpenChat(t);
    // Only the server knows whether a chat goes on: say nothing before the first welcome.
    if (this.state.status !== 'connecting' && active !== this.told.active) {
      // GOL-5: the chat on this page ended.
      if (this.told.active && !active) this.host.event('chat.closed', {});
      this.told.active = active;
      this.host.chat(active);
    }
  }

  /** One read receipt for a burst of events (a transcript arriving by sync is many events at once). */
  private sendReadSoon(chatId: string): void {
    if (this.readTimer) return;
    this.readTimer = setTimeout(() => {
      this.readTimer = undefined;
      const seq = this.read[chatId];
      if (seq) this.transmit([{ type: 'read', chatId, seq }]);
    }, READ_DELAY_MS);
  }

  // What the visitor has read survives reloads, so old messages do not count as new on the next page.
  private get readKey() {
    return `parley:${this.site}:read`;
  }

  private loadRead(): Record<string, number> {
    try {
      const parsed = JSON.parse(localStorage.getItem(this.readKey) ?? '{}') as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, number>) : {};
    } catch {
      return {};
    }
  }

  private saveRead(): void {
    const keep = Object.entries(this.read).slice(-20);
    try {
      localStorage.setItem(this.readKey, JSON.stringify(Object.fromEntries(keep)));
    } catch {
      /* storage disabled */
    }
  }
}
