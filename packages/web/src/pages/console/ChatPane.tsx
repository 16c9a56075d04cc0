import { useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconArrowsExchange, IconInfoCircle, IconLock } from '@tabler/icons-react';
import { useT } from '../../i18n';
import { translateServerText } from '../../lib/errors';
import { ratingText } from '../../lib/rating';
import type { AgentConsole } from '../../realtime/agent-console';
import { isClosed, type ChatState } from '../../realtime/state';
import { Composer, type FocusRequest } from './Composer';

export type { FocusRequest };
import { ChatCodesField, lastCodesSeq } from './SuccessCodes';
import { TransferDialog } from './TransferDialog';
import { Transcript, eventText } from './Transcript';
import { formatDateTime } from './format';
import classes from './Console.module.css';

interface Props {
  console: AgentConsole;
  chat: ChatState;
  online: boolean;
  focusRequest: FocusRequest;
  /** Narrow screens: the visitor details open in a drawer from the chat's header. */
  onShowDetails?: () => void;
  /** Phones: back to the list of chats. */
  onBack?: () => void;
}

/** The selected chat: header, transcript, what the visitor is typing, and the composer. */
export function ChatPane({ console, chat, online, focusRequest, onShowDetails, onBack }: Props) {
  const t = useT();
  const { summary } = chat;
  const id = summary.id;
  const closed = isClosed(chat);
  const [stick, setStick] = useState(0);
  const [transferring, setTransferring] = useState(false);
  const closedNotice = useRef<HTMLButtonElement>(null);

  // The chat closed while the focus was on something now gone (the composer, the close dialog): it goes to the
  // closed notice instead of being lost to the page's body.
  useEffect(() => {
    if (!closed) return;
    const lost = () => !document.activeElement || document.activeElement === document.body;
    if (lost()) closedNotice.current?.focus();
    // The dialog gives the focus back a moment after it closed.
    const later = window.setTimeout(() => lost() && closedNotice.current?.focus(), 300);
    return () => window.clearTimeout(later);
  }, [closed]);

  // Leaving the chat (switching, closing the console) ends the agent's typing indicator in it.
  useEffect(() => () => console.stopTyping(id), [console, id]);

  return (
    <section className={classes.pane} aria-labelledby="console-chat-title">
      <header className={classes.paneHeader}>
        {onBack && (
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconArrowLeft size={14} aria-hidden />}
            onClick={onBack}
          >
            {t('console.backToChats')}
          </Button>
        )}
        <div className={classes.paneTitle}>
          <Title order={2} size="h4" id="console-chat-title" lineClamp={1}>
            {summary.visitor.name}
          </Title>
          <Text size="xs" c="dimmed" truncate>
            {t('console.started', {
              campaign: summary.campaignTitle || t('console.noCampaign'),
              at: formatDateTime(summary.startedAt),
            })}
          </Text>
        </div>
        {closed ? (
          <Badge color="gray" variant="light">
            {t('console.closed')}
          </Badge>
        ) : (
          <>
            <Badge color={summary.mode === 'nrt' ? 'grape' : 'teal'} variant="light">
              {summary.mode === 'nrt' ? t('console.nrt') : t('console.live')}
            </Badge>
            {!summary.visitorPresent && (
              <Badge color="gray" variant="outline">
                {t('console.visitorLeft')}
              </Badge>
            )}
          </>
        )}
        {!closed && summary.status === 'active' && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconArrowsExchange size={14} aria-hidden />}
            onClick={() => setTransferring(true)}
            disabled={!online}
          >
            {t('console.transfer')}
          </Button>
        )}
        {onShowDetails && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconInfoCircle size={14} aria-hidden />}
            onClick={onShowDetails}
          >
            {t('console.visitorDetails')}
          </Button>
        )}
      </header>

      <Transcript
        chat={chat}
        online={online}
        stick={stick}
        onRetry={(cid) => console.retry(id, cid)}
        onDiscard={(cid) => console.discard(id, cid)}
      />

      {chat.typing !== null && !closed && (
        <div className={classes.typing} data-testid="sneak-preview">
          {chat.typing
            ? t('console.typingPreview', { name: summary.visitor.name, text: chat.typing })
            : t('console.isTyping', { name: summary.visitor.name })}
        </div>
      )}
      {!closed && summary.mode === 'nrt' && (
        <Text size="xs" c="dimmed" px="md" pt={6}>
          {t('console.nrtText')}
        </Text>
      )}

      {chat.error && (
        <Alert
          color="red"
          mx="md"
          mt="xs"
          py={6}
          withCloseButton
          onClose={() => console.dispatch({ type: 'clearChatError', chatId: id })}
          role="alert"
        >
          {translateServerText(chat.error)}
        </Alert>
      )}

      <TransferDialog
        console={console}
        chatId={id}
        visitorName={summary.visitor.name}
        opened={transferring}
        onClose={() => setTransferring(false)}
      />

      <ChatCodesField chatId={id} codesSeq={lastCodesSeq(chat.events)} />

      {closed ? (
        <ClosedNotice chat={chat} onDismiss={() => console.dismiss(id)} dismissRef={closedNotice} />
      ) : (
        <Composer
          key={id}
          chatId={id}
          visitorName={summary.visitor.name}
          online={online}
          initialDraft={console.drafts.get(id) ?? ''}
          onDraftChange={(text) => {
            if (text) console.drafts.set(id, text);
            else console.drafts.delete(id);
          }}
          onSend={(text) => {
            console.sendMessage(id, text);
            setStick((n) => n + 1);
          }}
          onTyping={(text) => console.typing(id, text)}
          onCloseChat={(codeIds) => console.closeChat(id, codeIds)}
          focusRequest={focusRequest}
        />
      )}
    </section>
  );
}

function ClosedNotice({
  chat,
  onDismiss,
  dismissRef,
}: {
  chat: ChatState;
  onDismiss: () => void;
  dismissRef: React.RefObject<HTMLButtonElement | null>;
}) {
  const t = useT();
  let closedEvent = null;
  for (let i = chat.events.length - 1; i >= 0 && !closedEvent; i--)
    if (chat.events[i]!.type === 'closed') closedEvent = chat.events[i]!;
  // GOL-2: the visitor's rating, live (the latest answer to the survey).
  let rated = null;
  for (let i = chat.events.length - 1; i >= 0 && !rated; i--)
    if (chat.events[i]!.type === 'rated') rated = chat.events[i]!;
  return (
    <div className={classes.composer}>
      <Alert color="gray" icon={<IconLock size={18} aria-hidden />} title={t('console.closedTitle')}>
        <Text size="sm">
          {closedEvent
            ? eventText(closedEvent)
            : chat.summary.closedAt
              ? t('console.closedAt', { at: formatDateTime(chat.summary.closedAt) })
              : t('console.closed')}
          . {t('console.closedStays')}
        </Text>
        <Text size="sm" mt={4} aria-live="polite" data-testid="console-rating">
          {rated && typeof rated.data.rating === 'number'
            ? t('console.rating', {
                rating: ratingText(rated.data.rating, rated.data.scale === 'thumbs' ? 'thumbs' : 'smileys'),
              })
            : null}
        </Text>
        <Button ref={dismissRef} size="xs" variant="default" mt="sm" onClick={onDismiss}>
          {t('console.dismiss')}
        </Button>
      </Alert>
    </div>
  );
}
