import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import { Badge, Text, Title } from '@mantine/core';
import type { ChatState } from '../../realtime/state';
import { isClosed, lastMessagePreview, unreadCount, type Preview } from '../../realtime/state';
import { useT, type MessageKey, type Values } from '../../i18n';
import { formatShort } from './format';
import classes from './Console.module.css';

interface Props {
  order: string[];
  chats: Record<string, ChatState>;
  selectedId: string | null;
  onSelect: (chatId: string, how: 'pointer' | 'keyboard') => void;
  /** Enter on a chat: go to its composer. */
  onOpen: (chatId: string) => void;
}

/**
 * The agent's chats as a listbox: arrow keys, Home and End move the selection (switching is instant, every
 * chat is in memory), Enter goes to the message field.
 */
export function ChatList({ order, chats, selectedId, onSelect, onOpen }: Props) {
  const t = useT();
  const items = useRef(new Map<string, HTMLDivElement>());
  // Stable ref callbacks, so that a list row re-renders only when its chat changes.
  const refs = useRef(new Map<string, (el: HTMLDivElement | null) => void>());
  const refFor = (id: string) => {
    let ref = refs.current.get(id);
    if (!ref) {
      ref = (el) => {
        if (el) items.current.set(id, el);
        else items.current.delete(id);
      };
      refs.current.set(id, ref);
    }
    return ref;
  };
  const focusable = selectedId && chats[selectedId] ? selectedId : order[0];

  // The selected chat stays in view (it may change from elsewhere: a notification, Alt+arrows, a removal).
  useEffect(() => {
    if (selectedId) items.current.get(selectedId)?.scrollIntoView?.({ block: 'nearest' });
  }, [selectedId]);

  const move = (to: string | undefined) => {
    if (!to) return;
    onSelect(to, 'keyboard');
    items.current.get(to)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const index = selectedId ? order.indexOf(selectedId) : -1;
    if (e.key === 'ArrowDown') move(order[Math.min(order.length - 1, index + 1)]);
    else if (e.key === 'ArrowUp') move(order[Math.max(0, index - 1)]);
    else if (e.key === 'Home') move(order[0]);
    else if (e.key === 'End') move(order[order.length - 1]);
    else if ((e.key === 'Enter' || e.key === ' ') && selectedId) onOpen(selectedId);
    else return;
    e.preventDefault();
  };

  return (
    <nav className={classes.list} aria-labelledby="console-chats-heading">
      <Title order={2} size="h6" className={classes.listHeading} id="console-chats-heading">
        {t('console.yourChatsCount', { count: order.length })}
      </Title>
      {order.length === 0 ? (
        <Text size="sm" c="dimmed" px="sm">
          {t('console.noOpenChats')}
        </Text>
      ) : (
        <div
          role="listbox"
          aria-label={t('console.yourChats')}
          className={classes.listItems}
          onKeyDown={onKeyDown}
          aria-keyshortcuts="ArrowUp ArrowDown Home End"
        >
          {order.map((id) => (
            <ChatListItem
              key={id}
              chat={chats[id]!}
              selected={id === selectedId}
              tabbable={id === focusable}
              onSelect={onSelect}
              refFor={refFor(id)}
            />
          ))}
        </div>
      )}
    </nav>
  );
}

/** The last message in the list: "You: …" for the agent's own, files by their name. */
function previewText(preview: NonNullable<Preview>, t: (key: MessageKey, values?: Values) => string): string {
  const text = preview.text.startsWith('File: ')
    ? t('console.filePreview', { name: preview.text.slice(6) })
    : preview.text;
  return preview.author === 'agent' ? t('console.youSaid', { text }) : text;
}

interface ItemProps {
  chat: ChatState;
  selected: boolean;
  tabbable: boolean;
  onSelect: (chatId: string, how: 'pointer' | 'keyboard') => void;
  refFor: (el: HTMLDivElement | null) => void;
}

const ChatListItem = memo(function ChatListItem({ chat, selected, tabbable, onSelect, refFor }: ItemProps) {
  const t = useT();
  const { summary } = chat;
  const unread = unreadCount(chat);
  const closed = isClosed(chat);
  const preview = lastMessagePreview(chat);
  const className = [classes.item, chat.isNew && !selected && classes.itemNew, closed && classes.itemClosed]
    .filter(Boolean)
    .join(' ');

  return (
    <div
      ref={refFor}
      // Named by its whole text (visitor, campaign, last message, badges): what is seen is what is read.
      role="option"
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
      className={className}
      data-chat-id={summary.id}
      onClick={() => onSelect(summary.id, 'pointer')}
    >
      <div className={classes.itemRow}>
        <Text size="sm" fw={unread > 0 || chat.isNew ? 700 : 500} truncate className={classes.grow}>
          {summary.visitor.name}
        </Text>
        {preview && (
          <Text size="xs" c="dimmed" aria-hidden>
            {formatShort(preview.at)}
          </Text>
        )}
      </div>
      <div>
        <Text size="xs" c="dimmed" truncate>
          {summary.campaignTitle || t('console.noCampaign')}
        </Text>
        <div className={classes.itemRow}>
          <Text
            size="sm"
            c={chat.typing !== null ? 'indigo.8' : unread > 0 ? undefined : 'dimmed'}
            fs={chat.typing !== null ? 'italic' : undefined}
            truncate
            className={classes.grow}
          >
            {chat.typing !== null
              ? t('console.typing')
              : preview
                ? previewText(preview, t)
                : t('console.noMessages')}
          </Text>
          {unread > 0 && (
            <Badge
              size="sm"
              circle={unread < 10}
              color="red"
              aria-label={t('console.unread', { count: unread })}
            >
              {unread}
            </Badge>
          )}
        </div>
        <div className={classes.itemRow} style={{ marginTop: 4, flexWrap: 'wrap' }}>
          {chat.isNew && !selected && (
            <Badge size="xs" color="yellow" variant="filled">
              {t('console.new')}
            </Badge>
          )}
          {closed ? (
            <Badge size="xs" color="gray" variant="light">
              {t('console.closed')}
            </Badge>
          ) : (
            <>
              <Badge
                size="xs"
                variant="light"
                color={summary.mode === 'nrt' ? 'grape' : 'teal'}
                title={summary.mode === 'nrt' ? t('console.nrtHint') : t('console.liveHint')}
              >
                {summary.mode === 'nrt' ? t('console.nrt') : t('console.live')}
              </Badge>
              {!summary.visitorPresent && (
                <Badge size="xs" variant="outline" color="gray">
                  {t('console.visitorLeft')}
                </Badge>
              )}
            </>
          )}
        </div>
      </div>
    </div>
  );
});
