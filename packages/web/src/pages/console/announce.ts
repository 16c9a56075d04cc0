import { isMessage, type ConsoleState } from '../../realtime/state';
import { t } from '../../i18n';

/**
 * What the console says to a screen reader after a change, as one sentence: new chats, and messages that arrived in
 * chats that are not open (the open chat's transcript is a log that speaks for itself). Pure: the previous and the
 * next state in, the words (or null) out.
 */
export function announcement(before: ConsoleState, after: ConsoleState): string | null {
  const parts: string[] = [];
  for (const [id, chat] of Object.entries(after.chats)) {
    const was = before.chats[id];
    const name = chat.summary.visitor.name;
    if (!was) {
      if (chat.isNew) parts.push(t('console.announceNewChat', { name }));
      continue;
    }
    if (id === after.selectedId) continue;
    // Visitor messages that were not in the transcript before.
    const lastBefore = was.events.length ? was.events[was.events.length - 1]!.seq : 0;
    let count = 0;
    for (const e of chat.events) if (e.seq > lastBefore && e.author === 'visitor' && isMessage(e)) count++;
    // A transcript loaded for the first time (a sync from 0) is not news.
    if (count > 0 && was.events.length > 0) parts.push(t('console.announceMessages', { count, name }));
  }
  return parts.length ? parts.join(' ') : null;
}
