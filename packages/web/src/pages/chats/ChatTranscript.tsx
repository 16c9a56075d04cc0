import type { ChatEvent } from '@parley/protocol';
import { useT } from '../../i18n';
import { FileLink } from '../console/Links';
import { authorLabel, bubbleClass, EventLine, rowClass } from '../console/Transcript';
import { dayKey, formatDay, formatTime } from '../console/format';
import classes from '../console/Console.module.css';

const isMessage = (e: ChatEvent) => e.type === 'text' || e.type === 'file';

/**
 * A chat's whole transcript as it was recorded (CHT-3), drawn as the console draws it: messages as bubbles with
 * author and time, events (joined, transferred, left, came back, closed) as lines between them, files as links.
 * Visitor text is text, never HTML.
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
  return (
    <div className={rowClass(event.author, true)} data-seq={event.seq} data-author={event.author}>
      <div className={classes.meta}>
        {authorLabel(event)} · <time dateTime={event.createdAt}>{formatTime(event.createdAt)}</time>
      </div>
      <div className={bubbleClass(event.author)}>
        {event.type === 'file' && event.file ? <FileLink file={event.file} /> : event.text}
      </div>
    </div>
  );
}
