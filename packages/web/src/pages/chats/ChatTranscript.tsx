import { Anchor, Text } from '@mantine/core';
import { IconFileDownload } from '@tabler/icons-react';
import type { ChatEvent } from '@parley/protocol';
import { useT } from '../../i18n';
import { eventText } from '../console/Transcript';
import { dayKey, formatBytes, formatDay, formatTime, safeFileUrl } from '../console/format';
import classes from '../console/Console.module.css';

const isMessage = (e: ChatEvent) => e.type === 'text' || e.type === 'file';

/**
 * A chat's whole transcript as it was recorded (CHT-3): messages as bubbles with author and time, events
 * (joined, transferred, left, came back, closed) as lines between them, files as links. Visitor text is text,
 * never HTML.
 */
export function ChatTranscript({ events }: { events: ChatEvent[] }) {
  const t = useT();
  let day = '';
  return (
    <div className={classes.log} role="log" aria-label={t('console.transcript')} tabIndex={0}>
      {events.map((e) => {
        const key = dayKey(e.createdAt);
        const newDay = key !== day;
        day = key;
        return (
          <div key={e.seq} style={{ display: 'contents' }}>
            {newDay && <div className={classes.day}>{formatDay(e.createdAt)}</div>}
            {isMessage(e) ? <Message event={e} /> : <EventLine event={e} />}
          </div>
        );
      })}
    </div>
  );
}

function Message({ event }: { event: ChatEvent }) {
  const t = useT();
  const who =
    event.author === 'system'
      ? t('console.automaticMessage')
      : event.authorName || (event.author === 'visitor' ? t('console.visitor') : t('console.agent'));
  const row = [
    classes.row,
    classes.rowGap,
    event.author === 'agent' && classes.rowAgent,
    event.author === 'system' && classes.rowSystem,
  ]
    .filter(Boolean)
    .join(' ');
  const bubble = [
    classes.bubble,
    event.author === 'visitor' && classes.bubbleVisitor,
    event.author === 'agent' && classes.bubbleAgent,
    event.author === 'system' && classes.bubbleSystem,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={row} data-seq={event.seq} data-author={event.author}>
      <div className={classes.meta}>
        {who} · <time dateTime={event.createdAt}>{formatTime(event.createdAt)}</time>
      </div>
      <div className={bubble}>
        {event.type === 'file' && event.file ? <FileLink file={event.file} /> : event.text}
      </div>
    </div>
  );
}

function FileLink({ file }: { file: NonNullable<ChatEvent['file']> }) {
  const t = useT();
  const url = safeFileUrl(file.url);
  const label = t('console.download', { name: file.name, size: formatBytes(file.size) });
  if (!url) return <Text size="sm">{label}</Text>;
  return (
    <Anchor
      href={url}
      download={file.name}
      size="sm"
      style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}
    >
      <IconFileDownload size={18} aria-hidden />
      <span>{label}</span>
    </Anchor>
  );
}

function EventLine({ event }: { event: ChatEvent }) {
  return (
    <div className={classes.event} data-seq={event.seq} data-event={event.type}>
      <span className={classes.eventText}>{eventText(event)}</span>
    </div>
  );
}
