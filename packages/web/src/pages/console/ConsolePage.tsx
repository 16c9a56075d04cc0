import { useCallback, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { Alert, Drawer, EmptyState } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconMessageCircle, IconShieldLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { setCsrfToken } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { ME_KEY } from '../../auth/useMe';
import { unlockAudio } from '../../realtime/alerts';
import { agentConsoleFor, useConsoleState } from '../../realtime/useAgentConsole';
import { chatOrder, lastSeq, totalUnread } from '../../realtime/state';
import { ChatList } from './ChatList';
import { ChatPane, type FocusRequest } from './ChatPane';
import { ConsoleBar } from './ConsoleBar';
import { VisitorPanel } from './VisitorPanel';
import classes from './Console.module.css';

const UNREAD_PREFIX = /^\(\d+\) /;

/**
 * The agent console (CON-3…CON-7): presence, the agent's chats, the selected chat's transcript and
 * composer, and the visitor's details. Everything comes over /ws/agent (see realtime/agent-console.ts).
 */
export function ConsolePage() {
  const me = useAuth();
  const queryClient = useQueryClient();
  const agentConsole = useMemo(() => agentConsoleFor(me.user.id), [me.user.id]);
  const state = useConsoleState(agentConsole);
  const order = useMemo(() => chatOrder(state), [state]);
  const [focusRequest, setFocusRequest] = useState<FocusRequest>(null);
  const narrow = useMediaQuery('(max-width: 1100px)') ?? false;
  const [detailsOpen, setDetailsOpen] = useState(false);

  const selected = state.selectedId ? state.chats[state.selectedId] : undefined;
  const selectedId = selected?.summary.id ?? null;
  const selectedLast = selected ? lastSeq(selected) : 0;
  const online = state.connection === 'open';

  useEffect(() => {
    agentConsole.start();
    const retry = () => agentConsole.reconnectNow();
    window.addEventListener('online', retry);
    return () => {
      window.removeEventListener('online', retry);
      agentConsole.stop();
    };
  }, [agentConsole]);

  // The socket says the session is over: forget the user; the route guard shows the login page.
  useEffect(() => {
    if (state.connection !== 'signed-out') return;
    setCsrfToken(null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'config' });
    queryClient.setQueryData(ME_KEY, null);
  }, [state.connection, queryClient]);

  // What the agent has on screen counts as read (and the visitor sees "Seen").
  useEffect(() => {
    if (!selectedId || !online) return;
    // A moment later, so that a transcript arriving event by event is acknowledged once.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const mark = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (document.visibilityState === 'visible' && document.hasFocus()) agentConsole.markRead(selectedId);
      }, 250);
    };
    mark();
    window.addEventListener('focus', mark);
    document.addEventListener('visibilitychange', mark);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('focus', mark);
      document.removeEventListener('visibilitychange', mark);
    };
  }, [agentConsole, selectedId, selectedLast, online]);

  // Unread messages in the tab's title, for an agent working in another tab.
  const unread = totalUnread(state);
  useEffect(() => {
    const base = document.title.replace(UNREAD_PREFIX, '');
    document.title = unread > 0 ? `(${unread}) ${base}` : base;
  }, [unread]);
  useEffect(
    () => () => {
      document.title = document.title.replace(UNREAD_PREFIX, '');
    },
    [],
  );

  const onSelect = useCallback(
    (chatId: string, how: 'pointer' | 'keyboard') => {
      agentConsole.select(chatId);
      if (how === 'pointer') setFocusRequest((r) => ({ chatId, n: (r?.n ?? 0) + 1 }));
    },
    [agentConsole],
  );
  const onOpen = useCallback(
    (chatId: string) => setFocusRequest((r) => ({ chatId, n: (r?.n ?? 0) + 1 })),
    [],
  );

  // Alt+↑ / Alt+↓ switch chats from anywhere in the console (the message field included).
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || order.length === 0) return;
    e.preventDefault();
    const index = selectedId ? order.indexOf(selectedId) : -1;
    const next =
      order[e.key === 'ArrowDown' ? Math.min(order.length - 1, index + 1) : Math.max(0, index - 1)];
    if (next) {
      agentConsole.select(next);
      setFocusRequest((r) => ({ chatId: next, n: (r?.n ?? 0) + 1 }));
    }
  };

  return (
    <div
      className={classes.console}
      onPointerDown={unlockAudio}
      onKeyDown={onKeyDown}
      aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
    >
      <ConsoleBar console={agentConsole} connection={state.connection} status={state.status} />
      <div>
        {state.notice && (
          <Alert
            color="orange"
            py={6}
            radius={0}
            withCloseButton
            onClose={() => agentConsole.dispatch({ type: 'clearNotice' })}
            role="alert"
          >
            {state.notice}
          </Alert>
        )}
        {state.connection === 'reconnecting' && (
          <Alert color="orange" py={6} radius={0} role="status">
            Reconnecting… Messages you send now are delivered when the connection is back.
          </Alert>
        )}
      </div>
      {state.connection === 'blocked' ? (
        <div className={classes.empty}>
          <Alert
            color="red"
            icon={<IconShieldLock aria-hidden />}
            title="Access from your address is not allowed"
            maw={520}
          >
            Your account only accepts connections from certain IP addresses. Ask a manager to add this one, or
            connect from an allowed network.
          </Alert>
        </div>
      ) : (
        <div className={classes.body}>
          <ChatList
            order={order}
            chats={state.chats}
            selectedId={selectedId}
            onSelect={onSelect}
            onOpen={onOpen}
          />
          {selected ? (
            <ChatPane
              console={agentConsole}
              chat={selected}
              online={online}
              focusRequest={focusRequest}
              onShowDetails={narrow ? () => setDetailsOpen(true) : undefined}
            />
          ) : (
            <div className={classes.empty}>
              <EmptyState
                icon={<IconMessageCircle />}
                title={online ? 'No chats right now' : 'Connecting to your chats…'}
                description={
                  state.status === 'away'
                    ? 'You are Away: new chats are not routed to you. Switch to Available to receive them.'
                    : 'When a visitor starts a chat that is routed to you, it opens here with a sound.'
                }
              />
            </div>
          )}
          {selected && !narrow && (
            <aside className={classes.details} aria-label="Visitor details">
              <VisitorPanel chat={selected.summary} />
            </aside>
          )}
        </div>
      )}
      {selected && narrow && (
        <Drawer
          opened={detailsOpen}
          onClose={() => setDetailsOpen(false)}
          position="right"
          title="Visitor details"
          aria-label="Visitor details"
        >
          <VisitorPanel chat={selected.summary} heading={false} />
        </Drawer>
      )}
    </div>
  );
}
