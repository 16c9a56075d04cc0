import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { ChatEvent, OfflineForm, WidgetConfig, WidgetTexts } from '@parley/protocol';
import { fillText, MESSAGE_MAX_LENGTH } from '../shared/protocol';
import { safeColor, textColorOn } from '../shared/color';
import type { Client } from './client';
import { formatBytes, linkify, safeHref } from './linkify';
import { Survey } from './Survey';
import { currentRecord, openChatId, visiblePending, type Pending } from './transcript';

function useClientState(client: Client) {
  const [, rerender] = useReducer((n: number, _: void) => n + 1, 0);
  useEffect(() => {
    const off = client.subscribe(rerender);
    return () => void off();
  }, [client]);
  return client.state;
}

/** http(s) or same-origin URLs from the server; anything else is not used as a link or image. */
function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return safeHref(new URL(url, location.href).href);
  } catch {
    return null;
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const looksLikeId = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(s);

function Text({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((p, i) =>
        p.href ? (
          <a key={i} href={p.href} target="_blank" rel="noopener noreferrer">
            {p.text}
          </a>
        ) : (
          p.text
        ),
      )}
    </>
  );
}

const Line = ({ children }: { children: ComponentChildren }) => <p class="pw-line">{children}</p>;

const isImage = (file: ChatEvent['file']) => !!file && /^image\/(png|jpeg|gif|webp)$/.test(file.contentType);

function FileBody({ file }: { file: NonNullable<ChatEvent['file']> }) {
  const url = safeUrl(file.url);
  if (!url) return <>{file.name}</>;
  if (isImage(file)) {
    return (
      <a href={url} target="_blank" rel="noopener noreferrer" class="pw-image">
        <img src={url} alt={file.name} loading="lazy" />
      </a>
    );
  }
  return (
    <a href={url} download={file.name} rel="noopener noreferrer" class="pw-file">
      {file.name} <span class="pw-size">({formatBytes(file.size)})</span>
    </a>
  );
}

function Bubble(props: {
  who: 'mine' | 'agent' | 'company';
  label: string;
  name?: string;
  className?: string;
  children: ComponentChildren;
}) {
  return (
    <div class={`pw-msg pw-${props.who}${props.className ? ` ${props.className}` : ''}`}>
      {props.name && (
        <div class="pw-name" aria-hidden="true">
          {props.name}
        </div>
      )}
      <div class="pw-bubble">
        <span class="pw-sr">{props.label}: </span>
        {props.children}
      </div>
    </div>
  );
}

function EventItem(props: { e: ChatEvent; prev: ChatEvent | undefined; config: WidgetConfig }) {
  const { e, prev, config } = props;
  const texts = config.texts;
  switch (e.type) {
    case 'text':
    case 'file': {
      const who = e.author === 'visitor' ? 'mine' : e.author === 'agent' ? 'agent' : 'company';
      const label =
        who === 'mine' ? texts.you : e.authorName || (who === 'agent' ? texts.agent : config.title);
      // The agent's name above the first of their consecutive messages.
      const sameAuthor = prev && (prev.type === 'text' || prev.type === 'file') && prev.author === e.author;
      const name = who === 'agent' && !(sameAuthor && prev?.authorName === e.authorName) ? label : undefined;
      return (
        <Bubble who={who} label={label} name={name} className={isImage(e.file) ? 'pw-has-image' : undefined}>
          {e.type === 'file' && e.file ? <FileBody file={e.file} /> : <Text text={e.text} />}
        </Bubble>
      );
    }
    case 'agent_joined':
      return (
        <Line>{fillText(texts.agentJoined, { name: str(e.data.name) || e.authorName || texts.agent })}</Line>
      );
    case 'transferred': {
      const to = str(e.data.to);
      return to && !looksLikeId(to) ? <Line>→ {to}</Line> : null;
    }
    case 'closed':
      return <Line>{texts.chatEnded}</Line>;
    default:
      // started, visitor_left, visitor_returned: for the agent, not the visitor
      return null;
  }
}

function PendingItem({ p, texts }: { p: Pending; texts: WidgetTexts }) {
  return (
    <Bubble
      who="mine"
      label={texts.you}
      className={p.error ? 'pw-failed' : p.ackSeq === null ? 'pw-pending' : undefined}
    >
      <Text text={p.text} />
      {p.error && <span class="pw-error">{p.error}</span>}
    </Bubble>
  );
}

function Composer(props: { client: Client; canAttach: boolean; opened: number }) {
  const { client } = props;
  const texts = client.config.texts;
  const [text, setText] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (props.opened) field.current?.focus();
  }, [props.opened]);

  const submit = () => {
    if (!text.trim()) return;
    client.send(text);
    setText('');
  };

  return (
    <form
      class="pw-composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label for="pw-input" class="pw-sr">
        {texts.placeholder}
      </label>
      <textarea
        id="pw-input"
        ref={field}
        rows={1}
        value={text}
        maxLength={MESSAGE_MAX_LENGTH}
        placeholder={texts.placeholder}
        onInput={(e) => {
          const value = e.currentTarget.value;
          setText(value);
          client.typing(value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      {props.canAttach && (
        <>
          <button
            type="button"
            class="pw-icon"
            aria-label={texts.attach}
            title={texts.attach}
            onClick={() => picker.current?.click()}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M16.5 6.5 8.6 14.4a1.5 1.5 0 0 0 2.1 2.1l8-8a3.5 3.5 0 0 0-5-5l-8.4 8.4a5.5 5.5 0 0 0 7.8 7.8L20 12.8" />
            </svg>
          </button>
          <input
            ref={picker}
            type="file"
            hidden
            tabIndex={-1}
            onChange={(e) => {
              const input = e.currentTarget;
              const file = input.files?.[0];
              input.value = '';
              if (file) void client.upload(file);
            }}
          />
        </>
      )}
      <button type="submit" class="pw-icon pw-send" aria-label={texts.send} title={texts.send}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M3 20.5 21 12 3 3.5 3 10l12 2-12 2z" />
        </svg>
      </button>
    </form>
  );
}

/**
 * TLS-5: the screen-share toggle, while a chat goes on and the campaign's Cobrowsing tool is on: the campaign's
 * text and on/off button texts; while sharing, a bar that says the agent sees the page.
 */
function ShareScreen({ client }: { client: Client }) {
  const c = client.config.cobrowse;
  const sharing = client.state.sharing;
  if (!c) return null;
  return (
    <div class={`pw-share${sharing === 'on' ? ' pw-sharing' : ''}`}>
      <p id="pw-share-text" aria-live="polite">
        {sharing === 'on' ? client.config.texts.cobrowseSharing : c.text}
      </p>
      <button
        type="button"
        aria-describedby="pw-share-text"
        onClick={() => client.shareScreen(sharing === 'off')}
      >
        {sharing === 'off' ? c.onText : c.offText}
      </button>
    </div>
  );
}

const OFFLINE_FIELDS = ['name', 'email', 'message'] as const;

/**
 * INV-2: nobody can take a chat now, so the visitor leaves a message (name and email optional). Errors show at
 * their fields; the first wrong field gets the focus.
 */
function OfflineFormView({ client, opened }: { client: Client; opened: number }) {
  const { config } = client;
  const texts = config.texts;
  const s = client.state;
  const [form, setForm] = useState<OfflineForm>({ name: '', email: '', message: s.offlineDraft ?? '' });
  const root = useRef<HTMLFormElement>(null);
  const sending = s.t.pending.some((p) => p.offline && p.ackSeq === null && !p.error);
  const labels = { name: texts.offlineName, email: texts.offlineEmail, message: texts.offlineMessage };

  useEffect(() => {
    if (opened) root.current?.querySelector<HTMLElement>('input,textarea')?.focus();
  }, [opened]);

  return (
    <form
      class="pw-offline"
      ref={root}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (sending) return;
        if (!client.sendOffline(form))
          requestAnimationFrame(() =>
            root.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
          );
      }}
    >
      <p class="pw-offline-intro">
        <Text text={config.offlineText || texts.noAgents} />
      </p>
      {OFFLINE_FIELDS.map((k) => {
        const error = s.offlineErrors[k];
        const id = `pw-off-${k}`;
        const props = {
          id,
          value: form[k],
          'aria-invalid': error ? ('true' as const) : ('false' as const),
          'aria-describedby': error ? `${id}-err` : undefined,
          onInput: (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value }),
        };
        return (
          <div class="pw-field" key={k}>
            <label for={id}>{labels[k]}</label>
            {k === 'message' ? (
              <textarea {...props} rows={4} />
            ) : (
              <input
                {...props}
                type={k === 'email' ? 'email' : 'text'}
                autocomplete={k === 'email' ? 'email' : 'name'}
              />
            )}
            {error && (
              <p id={`${id}-err`} class="pw-field-error">
                {texts[error]}
              </p>
            )}
          </div>
        );
      })}
      <button type="submit" class="pw-offline-send" aria-disabled={sending ? 'true' : undefined}>
        {texts.offlineSend}
      </button>
    </form>
  );
}

const FOCUSABLE =
  'a[href],button:not([disabled]),textarea:not([disabled]),input:not([type="hidden"]):not([disabled])';

/**
 * On a phone the window covers the whole page (the loader makes the frame full-screen under 480 px): Tab and
 * Shift+Tab go round inside it instead of leaving for the page hidden behind. In a corner window they may leave.
 */
function trapFocus(e: KeyboardEvent): void {
  if (innerWidth < screen.width - 1) return;
  const root = e.currentTarget as HTMLElement;
  const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  const active = document.activeElement;
  if (!e.shiftKey && (active === last || !root.contains(active))) {
    e.preventDefault();
    first.focus();
  } else if (e.shiftKey && (active === first || !root.contains(active))) {
    e.preventDefault();
    last.focus();
  }
}

export function App({ client, embedded }: { client: Client; embedded: boolean }) {
  const s = useClientState(client);
  const { config } = client;
  const texts = config.texts;
  const t = s.t;
  const rec = currentRecord(t);
  const view = rec?.view ?? null;
  const chatId = openChatId(t);
  const closed = view?.status === 'closed';
  const pending = visiblePending(t);
  const held = pending.some((p) => p.held);
  const [confirming, setConfirming] = useState(false);
  const log = useRef<HTMLDivElement>(null);
  const prechatButton = useRef<HTMLButtonElement>(null);
  const newChatButton = useRef<HTMLButtonElement>(null);
  const endChatButton = useRef<HTMLButtonElement>(null);
  const confirmYes = useRef<HTMLButtonElement>(null);
  const color = safeColor(config.color);
  const photo = safeUrl(view?.agent?.photoUrl);
  const logo = safeUrl(config.logoUrl);
  const typing = t.typing && t.typing.chatId === t.current ? t.typing.name : null;
  const events = rec?.events ?? [];
  // INV-2: the visitor tried to start a chat and nobody could take it: the offline form, never a queue.
  const offlineForm = s.offlineDraft !== null;
  // An offline message waiting for its answer: the truth about when it comes, never a queue position.
  const offlineSent =
    !!view?.offlineMessage && view.status !== 'closed' && !events.some((e) => e.author === 'agent');

  useLayoutEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [events.length, pending.length, held, closed, s.uploads.length, t.current]);

  useEffect(() => {
    if (held) prechatButton.current?.focus();
  }, [held]);

  useEffect(() => {
    if (confirming) confirmYes.current?.focus();
  }, [confirming]);

  // GOL-2: the survey of the ended chat, while it is open (or just sent from here: its thank-you).
  const survey =
    closed && t.current && config.survey && view?.survey && (view.survey.open || s.surveySent === t.current)
      ? { chatId: t.current, answer: view.survey }
      : null;

  useEffect(() => {
    if (closed && !survey && (document.activeElement === document.body || !document.activeElement))
      newChatButton.current?.focus();
    if (!chatId) setConfirming(false);
  }, [closed, chatId]);

  const status =
    s.status === 'connecting' ? texts.connecting : s.status === 'reconnecting' ? texts.reconnecting : null;

  return (
    <div
      class={`pw theme-${config.theme}`}
      style={{ '--pw-accent': color, '--pw-on-accent': textColorOn(color) }}
      role="dialog"
      aria-label={config.title || texts.button}
      onKeyDown={(e) => {
        if (e.key === 'Tab' && embedded) trapFocus(e);
        if (e.key !== 'Escape') return;
        if (confirming) {
          setConfirming(false);
          endChatButton.current?.focus();
        } else if (embedded) client.minimize();
      }}
    >
      <header class="pw-header">
        {logo && <img class="pw-logo" src={logo} alt="" />}
        {photo && <img class="pw-photo" src={photo} alt="" />}
        <div class="pw-titles">
          <h1 class="pw-title">{config.title}</h1>
          {view?.agent && <p class="pw-agent-name">{view.agent.name}</p>}
        </div>
        {chatId && (
          <button ref={endChatButton} type="button" class="pw-end" onClick={() => setConfirming(true)}>
            {texts.endChat}
          </button>
        )}
        {embedded && (
          <button
            type="button"
            class="pw-icon pw-min"
            aria-label={texts.minimize}
            title={texts.minimize}
            onClick={() => client.minimize()}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M5 12h14" />
            </svg>
          </button>
        )}
      </header>

      {chatId && !closed && <ShareScreen client={client} />}

      {confirming && chatId && (
        <div class="pw-confirm" role="alertdialog" aria-labelledby="pw-confirm-text">
          <p id="pw-confirm-text">{texts.endChatConfirm}</p>
          <button
            type="button"
            ref={confirmYes}
            onClick={() => {
              setConfirming(false);
              client.endChat();
            }}
          >
            {texts.yes}
          </button>
          <button
            type="button"
            onClick={() => {
              setConfirming(false);
              endChatButton.current?.focus();
            }}
          >
            {texts.no}
          </button>
        </div>
      )}

      {/* Focusable: with the survey below it the conversation may scroll, and the keyboard must reach it too. */}
      <div class="pw-log" role="log" aria-live="polite" ref={log} tabIndex={0}>
        {config.openingText && (
          <Bubble
            key={`opening-${s.opened}`}
            who="company"
            label={config.title || texts.agent}
            className={config.openingReminder ? 'pw-opening pw-wiggle' : 'pw-opening'}
          >
            <Text text={config.openingText} />
          </Bubble>
        )}
        {s.greeting && (
          <Bubble key="greeting" who="company" label={config.title || texts.agent} className="pw-greeting">
            <strong>{s.greeting.title}</strong>
            <Text text={s.greeting.text} />
          </Bubble>
        )}
        {events.map((e, i) => (
          <EventItem key={e.seq} e={e} prev={events[i - 1]} config={config} />
        ))}
        {pending
          .filter((p) => !(offlineForm && p.offline) && p.text !== '')
          .map((p) => (
            <PendingItem key={p.cid} p={p} texts={texts} />
          ))}
        {held && (
          <div class="pw-prechat">
            <p>
              <Text text={config.prechat.text} />
            </p>
            <button
              type="button"
              ref={prechatButton}
              onClick={() => {
                client.confirmPrechat();
                // The button goes away with the pre-chat text: the focus goes back to the message field.
                requestAnimationFrame(() => document.getElementById('pw-input')?.focus());
              }}
            >
              {config.prechat.buttonText}
            </button>
          </div>
        )}
        {s.uploads.map((u) => (
          <Bubble key={u.id} who="mine" label={texts.you} className="pw-pending">
            {u.name} …
          </Bubble>
        ))}
      </div>

      <div class="pw-status">
        <div aria-live="polite">
          {typing && <p class="pw-typing">{fillText(texts.agentTyping, { name: typing })}</p>}
          {offlineSent && (
            <p class="pw-offline-sent">
              {s.offlineReply === 'email' ? texts.offlineSentEmail : texts.offlineSentVisit}
            </p>
          )}
          {view?.status === 'queued' && !view.offlineMessage && (
            <p class="pw-queued">
              {texts.queued}
              {/* Only a real place: never "number 0 in the queue". */}
              {typeof view.queuePosition === 'number' &&
                view.queuePosition >= 1 &&
                ` ${fillText(texts.queuePosition, { n: view.queuePosition })}`}
            </p>
          )}
          {!s.available && !rec && !pending.length && !offlineForm && <p>{texts.noAgents}</p>}
          {status && <p class="pw-conn">{status}</p>}
        </div>
        {s.notice && (
          <p class="pw-notice" role="alert">
            {s.notice}
          </p>
        )}
      </div>

      {offlineForm ? (
        <OfflineFormView client={client} opened={s.opened} />
      ) : closed ? (
        <div class="pw-ended">
          {survey && config.survey && (
            <Survey
              key={survey.chatId}
              chatId={survey.chatId}
              survey={config.survey}
              answer={survey.answer}
              texts={texts}
              sent={s.surveySent === survey.chatId}
              onAnswer={(rating, comment, sent) => client.answerSurvey(survey.chatId, rating, comment, sent)}
            />
          )}
          <button
            type="button"
            ref={newChatButton}
            onClick={() => {
              client.newChat();
              requestAnimationFrame(() => document.getElementById('pw-input')?.focus());
            }}
          >
            {texts.newChat}
          </button>
        </div>
      ) : (
        <Composer client={client} canAttach={!!chatId} opened={s.opened} />
      )}
      {config.customCss && <style>{config.customCss}</style>}
    </div>
  );
}
