import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Text, Title } from '@mantine/core';
import { IconArrowsExchange, IconInfoCircle, IconLock } from '@tabler/icons-react';
import type { AgentConsole } from '../../realtime/agent-console';
import { isClosed, type ChatState } from '../../realtime/state';
import { Composer } from './Composer';
import { TransferDialog } from './TransferDialog';
import { Transcript, eventText } from './Transcript';
import { formatDateTime } from './format';
import classes from './Console.module.css';

export type FocusRequest = { chatId: string; n: number } | null;

interface Props {
  console: AgentConsole;
  chat: ChatState;
  online: boolean;
  focusRequest: FocusRequest;
  /** Narrow screens: the visitor details open in a drawer from the chat's header. */
  onShowDetails?: () => void;
}

/** The selected chat: header, transcript, what the visitor is typing, and the composer. */
export function ChatPane({ console, chat, online, focusRequest, onShowDetails }: Props) {
  const { summary } = chat;
  const id = summary.id;
  const closed = isClosed(chat);
  const [stick, setStick] = useState(0);
  const [transferring, setTransferring] = useState(false);

  // Leaving the chat (switching, closing the console) ends the agent's typing indicator in it.
  useEffect(() => () => console.stopTyping(id), [console, id]);

  return (
    <section className={classes.pane} aria-labelledby="console-chat-title">
      <header className={classes.paneHeader}>
        <div className={classes.grow}>
          <Title order={2} size="h4" id="console-chat-title" lineClamp={1}>
            {summary.visitor.name}
          </Title>
          <Text size="xs" c="dimmed" truncate>
            {summary.campaignTitle || 'No campaign'} · started {formatDateTime(summary.startedAt)}
          </Text>
        </div>
        {closed ? (
          <Badge color="gray" variant="light">
            Closed
          </Badge>
        ) : (
          <>
            <Badge color={summary.mode === 'nrt' ? 'grape' : 'teal'} variant="light">
              {summary.mode === 'nrt' ? 'NRT' : 'Live'}
            </Badge>
            {!summary.visitorPresent && (
              <Badge color="gray" variant="outline">
                Visitor left
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
            Transfer
          </Button>
        )}
        {onShowDetails && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconInfoCircle size={14} aria-hidden />}
            onClick={onShowDetails}
          >
            Visitor details
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
          {chat.typing ? (
            <>
              {summary.visitor.name} is typing: {chat.typing}
            </>
          ) : (
            <>{summary.visitor.name} is typing…</>
          )}
        </div>
      )}
      {!closed && summary.mode === 'nrt' && (
        <Text size="xs" c="dimmed" px="md" pt={6}>
          The visitor has left: they get your answer on their next visit, or by email.
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
          {chat.error}
        </Alert>
      )}

      <TransferDialog
        console={console}
        chatId={id}
        visitorName={summary.visitor.name}
        opened={transferring}
        onClose={() => setTransferring(false)}
      />

      {closed ? (
        <ClosedNotice chat={chat} onDismiss={() => console.dismiss(id)} />
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
          onCloseChat={() => console.closeChat(id)}
          focusRequest={focusRequest}
        />
      )}
    </section>
  );
}

function ClosedNotice({ chat, onDismiss }: { chat: ChatState; onDismiss: () => void }) {
  let closedEvent = null;
  for (let i = chat.events.length - 1; i >= 0 && !closedEvent; i--)
    if (chat.events[i]!.type === 'closed') closedEvent = chat.events[i]!;
  return (
    <div className={classes.composer}>
      <Alert color="gray" icon={<IconLock size={18} aria-hidden />} title="This chat is closed">
        <Text size="sm">
          {closedEvent
            ? eventText(closedEvent)
            : chat.summary.closedAt
              ? `Closed at ${formatDateTime(chat.summary.closedAt)}`
              : 'Closed'}
          . It stays in your list until you dismiss it.
        </Text>
        <Button size="xs" variant="default" mt="sm" onClick={onDismiss}>
          Dismiss chat
        </Button>
      </Alert>
    </div>
  );
}
