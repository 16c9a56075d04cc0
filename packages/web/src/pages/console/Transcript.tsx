import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { IconArrowDown } from '@tabler/icons-react';
import type { ChatEvent } from '@parley/protocol';
import {
  isMessage,
  lastAgentMessageSeq,
  visiblePending,
  type ChatState,
  type PendingMessage,
} from '../../realtime/state';
import { t, useT, useRichT } from '../../i18n';
import { translateServerText } from '../../lib/errors';
import { ratingText } from '../../lib/rating';
import { dayKey, formatBytes, formatDay, formatTime, nameIn, safeFileUrl } from './format';
import { ExternalLink, FileLink } from './Links';
import classes from './Console.module.css';

const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
/** Messages of one author closer than this share one name/time line. */
const GROUP_MS = 5 * 60_000;

type Item =
  | { kind: 'day'; key: string; label: string }
  | { kind: 'event'; key: string; event: ChatEvent; showMeta: boolean; seen: boolean }
  | { kind: 'pending'; key: string; pending: PendingMessage; showMeta: boolean };

type Prev = { author: string; name: string; at: number };

function buildItems(chat: ChatState, pending: PendingMessage[]): Item[] {
  const items: Item[] = [];
  const lastAgent = lastAgentMessageSeq(chat);
  const seenSeq =
    pending.length === 0 && lastAgent !== null && chat.visitorReadSeq >= lastAgent ? lastAgent : null;
  const run: { day: string; prev: Prev | null } = { day: '', prev: null };
  const addDay = (iso: string) => {
    const key = dayKey(iso);
    if (key && key !== run.day) {
      run.day = key;
      items.push({ kind: 'day', key: `day-${key}`, label: formatDay(iso) });
      run.prev = null;
    }
  };
  for (const event of chat.events) {
    addDay(event.createdAt);
    const at = new Date(event.createdAt).getTime();
    const message = isMessage(event);
    const p = run.prev;
    const showMeta =
      !message || !p || p.author !== event.author || p.name !== event.authorName || at - p.at > GROUP_MS;
    items.push({ kind: 'event', key: `e${event.seq}`, event, showMeta, seen: event.seq === seenSeq });
    run.prev = message ? { author: event.author, name: event.authorName, at } : null;
  }
  for (const p of pending) {
    addDay(p.createdAt);
    const last = run.prev;
    items.push({ kind: 'pending', key: `p${p.cid}`, pending: p, showMeta: !last || last.author !== 'agent' });
    run.prev = { author: 'agent', name: '', at: new Date(p.createdAt).getTime() };
  }
  return items;
}

/** Where each transcript was scrolled to when the agent left it scrolled up (restored on return). */
const scrollMemory = new Map<string, number>();

/**
 * Keeps the newest message in view unless the agent scrolled up; then counts what arrived ("New messages").
 * `stick` changes when the agent sends: their own message always scrolls into view.
 */
function useStickToBottom(chatId: string, count: number, stick: number) {
  const ref = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const seen = useRef({ count, stick });
  const [unseen, setUnseen] = useState(false);

  const toBottom = useCallback(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    scrollMemory.delete(chatId);
    setUnseen(false);
  }, [chatId]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const saved = scrollMemory.get(chatId);
    if (saved === undefined) el.scrollTop = el.scrollHeight;
    else {
      el.scrollTop = saved;
      atBottom.current = false;
    }
  }, [chatId]);

  useLayoutEffect(() => {
    const before = seen.current;
    seen.current = { count, stick };
    if (stick !== before.stick) toBottom();
    else if (count > before.count) {
      if (atBottom.current) toBottom();
      else setUnseen(true);
    }
  }, [count, stick, toBottom]);

  // The log shrinks when the typing line, an alert or a taller composer appears: keep the newest in view.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    atBottom.current = bottom;
    if (bottom) {
      scrollMemory.delete(chatId);
      setUnseen(false);
    } else scrollMemory.set(chatId, el.scrollTop);
  }, [chatId]);

  /** An image finished loading and grew the transcript: stay at the bottom if we were. */
  const onMediaLoad = useCallback(() => {
    const el = ref.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, []);

  return { ref, unseen, toBottom, onScroll, onMediaLoad };
}

interface Props {
  chat: ChatState;
  online: boolean;
  stick: number;
  onRetry: (cid: string) => void;
  onDiscard: (cid: string) => void;
}

/** The selected chat's transcript: messages as bubbles, events as centred lines (CON-4). */
export function Transcript({ chat, online, stick, onRetry, onDiscard }: Props) {
  const tr = useT();
  const pending = useMemo(() => visiblePending(chat), [chat]);
  const items = useMemo(() => buildItems(chat, pending), [chat, pending]);
  const { ref, unseen, toBottom, onScroll, onMediaLoad } = useStickToBottom(
    chat.summary.id,
    items.length,
    stick,
  );

  return (
    <div className={classes.transcriptWrap}>
      <div
        ref={ref}
        role="log"
        aria-label={tr('console.transcript')}
        aria-live="polite"
        tabIndex={0}
        className={classes.log}
        onScroll={onScroll}
      >
        {chat.events.length === 0 && chat.sync !== null && (
          <Text size="sm" c="dimmed" ta="center" my="md">
            {tr('console.loadingTranscript')}
          </Text>
        )}
        {items.map((item) => {
          if (item.kind === 'day')
            return (
              <div key={item.key} className={classes.day}>
                {item.label}
              </div>
            );
          if (item.kind === 'pending')
            return (
              <PendingRow
                key={item.key}
                pending={item.pending}
                showMeta={item.showMeta}
                online={online}
                onRetry={onRetry}
                onDiscard={onDiscard}
              />
            );
          return isMessage(item.event) ? (
            <MessageRow
              key={item.key}
              event={item.event}
              showMeta={item.showMeta}
              seen={item.seen}
              onMediaLoad={onMediaLoad}
            />
          ) : (
            <EventLine key={item.key} event={item.event} />
          );
        })}
      </div>
      {unseen && (
        <Button
          size="xs"
          radius="xl"
          className={classes.newPill}
          leftSection={<IconArrowDown size={14} aria-hidden />}
          onClick={toBottom}
        >
          {tr('console.newMessages')}
        </Button>
      )}
    </div>
  );
}

/** Who wrote a message, as its name line says it. */
export function authorLabel(event: ChatEvent): string {
  if (event.author === 'system')
    return event.data.closingText ? t('console.closingMessage') : t('console.automaticMessage');
  return event.authorName || (event.author === 'visitor' ? t('console.visitor') : t('console.agent'));
}

/** The classes of a message row and its bubble, by author (the console's and the Chats section's transcript). */
export const rowClass = (author: ChatEvent['author'], showMeta: boolean) =>
  [
    classes.row,
    showMeta && classes.rowGap,
    author === 'agent' && classes.rowAgent,
    author === 'system' && classes.rowSystem,
  ]
    .filter(Boolean)
    .join(' ');

export const bubbleClass = (author: ChatEvent['author'], extra: (string | false | undefined)[] = []) =>
  [
    classes.bubble,
    author === 'visitor' && classes.bubbleVisitor,
    author === 'agent' && classes.bubbleAgent,
    author === 'system' && classes.bubbleSystem,
    ...extra,
  ]
    .filter(Boolean)
    .join(' ');

const MessageRow = memo(function MessageRow({
  event,
  showMeta,
  seen,
  onMediaLoad,
}: {
  event: ChatEvent;
  showMeta: boolean;
  seen: boolean;
  onMediaLoad: () => void;
}) {
  const tr = useT();
  return (
    <div className={rowClass(event.author, showMeta)} data-seq={event.seq} data-author={event.author}>
      {showMeta && (
        <div className={classes.meta}>
          {authorLabel(event)} · <time dateTime={event.createdAt}>{formatTime(event.createdAt)}</time>
        </div>
      )}
      <div className={bubbleClass(event.author)}>
        {event.type === 'file' && event.file ? (
          <FileContent file={event.file} onMediaLoad={onMediaLoad} />
        ) : (
          // Text only, never HTML: the visitor's words, line breaks kept by CSS (white-space: pre-wrap).
          event.text
        )}
      </div>
      {seen && <div className={classes.status}>{tr('console.seen')}</div>}
    </div>
  );
});

function FileContent({
  file,
  onMediaLoad,
}: {
  file: NonNullable<ChatEvent['file']>;
  onMediaLoad: () => void;
}) {
  const tr = useT();
  const url = safeFileUrl(file.url);
  if (!url || !INLINE_IMAGES.has(file.contentType)) return <FileLink file={file} />;
  return (
    <div>
      <a
        href={url}
        target="_blank"
        rel="noopener noreferrer"
        className={classes.imageLink}
        aria-label={tr('console.openImage', { name: file.name })}
      >
        <img src={url} alt={file.name} className={classes.image} loading="lazy" onLoad={onMediaLoad} />
      </a>
      <Text size="xs" c="dimmed" mt={4}>
        {`${file.name} (${formatBytes(file.size)})`}
      </Text>
    </div>
  );
}

function PendingRow({
  pending,
  showMeta,
  online,
  onRetry,
  onDiscard,
}: {
  pending: PendingMessage;
  showMeta: boolean;
  online: boolean;
  onRetry: (cid: string) => void;
  onDiscard: (cid: string) => void;
}) {
  const tr = useT();
  const failed = pending.error !== null;
  return (
    <div className={rowClass('agent', showMeta)} data-pending={pending.cid}>
      {showMeta && (
        <div className={classes.meta}>
          {tr('console.you')} · <time dateTime={pending.createdAt}>{formatTime(pending.createdAt)}</time>
        </div>
      )}
      <div
        className={bubbleClass('agent', [!failed && classes.bubblePending, failed && classes.bubbleFailed])}
      >
        {pending.text}
      </div>
      {failed ? (
        <Group gap={6} mt={2} justify="flex-end">
          <Text size="xs" c="red" role="alert">
            {tr('console.notSent', { error: translateServerText(pending.error ?? '') })}
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={() => onRetry(pending.cid)}>
            {tr('console.retry')}
          </Button>
          <Button size="compact-xs" variant="subtle" color="gray" onClick={() => onDiscard(pending.cid)}>
            {tr('console.discard')}
          </Button>
        </Group>
      ) : (
        <div className={classes.status}>
          {pending.seq !== null
            ? tr('console.sent')
            : online
              ? tr('console.sending')
              : tr('console.waitingConnection')}
        </div>
      )}
    </div>
  );
}

/** An event as one line of text (links for http(s) URLs only). */
export function eventText(e: ChatEvent): ReactNode {
  const at = formatTime(e.createdAt);
  const data = e.data;
  switch (e.type) {
    case 'started': {
      const url = typeof data.url === 'string' ? data.url : '';
      return url ? <StartedOn at={at} url={url} /> : t('event.started', { at });
    }
    case 'agent_joined':
      return t('event.agentJoined', { name: nameIn(data.name, e.authorName || t('event.anAgent')), at });
    case 'transferred': {
      const from = nameIn(data.from, t('event.anotherAgent'));
      const to = nameIn(data.to, t('event.anotherAgent'));
      return data.reason === 'auto_forward'
        ? t('event.forwarded', { from, to, at })
        : t('event.transferred', { from, to, at });
    }
    case 'requeued':
      return t('event.requeued', { name: nameIn(data.from, t('event.theAgent')), at });
    case 'visitor_left':
      return t('event.visitorLeft', { name: e.authorName || t('event.theVisitor'), at });
    case 'visitor_returned':
      return t('event.visitorReturned', { name: e.authorName || t('event.theVisitor'), at });
    case 'closed': {
      const by = typeof data.by === 'string' ? data.by : e.author;
      if (by === 'agent')
        return t('event.closedByAgent', { name: nameIn(data.name, e.authorName || t('event.theAgent')), at });
      if (by === 'visitor') return t('event.closedByVisitor', { name: e.authorName || '', at });
      const reason = typeof data.reason === 'string' ? data.reason : '';
      return t('event.closedAutomatically', { reason, at });
    }
    case 'success_codes': {
      const names = Array.isArray(data.codes)
        ? data.codes.map((c: unknown) => nameIn(c, '')).filter(Boolean)
        : [];
      const name = e.authorName || t('event.theAgent');
      return names.length
        ? t('event.successCodes', { name, codes: names.join(', '), at })
        : t('event.successCodesRemoved', { name, at });
    }
    case 'rated': {
      const rating = typeof data.rating === 'number' ? data.rating : 0;
      const scale = data.scale === 'thumbs' ? 'thumbs' : 'smileys';
      const comment = typeof data.comment === 'string' ? data.comment : '';
      const values = { name: e.authorName || t('event.theVisitor'), rating: ratingText(rating, scale), at };
      return comment ? t('event.ratedWithComment', { ...values, comment }) : t('event.rated', values);
    }
    case 'goal_reached': {
      const title = typeof data.title === 'string' ? data.title : '';
      return typeof data.value === 'string'
        ? t('event.goalReachedValue', { title, value: data.value, at })
        : t('event.goalReached', { title, at });
    }
    default:
      return `${e.type} · ${at}`;
  }
}

function StartedOn({ at, url }: { at: string; url: string }) {
  const rich = useRichT();
  return <>{rich('event.startedOn', { at, link: () => <ExternalLink url={url} size="xs" /> })}</>;
}

export const EventLine = memo(function EventLine({ event }: { event: ChatEvent }) {
  return (
    <div className={classes.event} data-seq={event.seq} data-event={event.type}>
      <span className={classes.eventText}>{eventText(event)}</span>
    </div>
  );
});
