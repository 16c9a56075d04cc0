import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Drawer, EmptyState, VisuallyHidden } from '@mantine/core';
import { useMediaQuery, useNetwork } from '@mantine/hooks';
import { IconMessageCircle, IconShieldLock, IconWifiOff } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { setCsrfToken } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { ME_KEY } from '../../auth/useMe';
import { useT } from '../../i18n';
import { translateServerText } from '../../lib/errors';
import { usePageTitle } from '../../lib/page';
import { unlockAudio } from '../../realtime/alerts';
import { agentConsoleFor, useConsoleState } from '../../realtime/useAgentConsole';
import { chatOrder, lastSeq, totalUnread, type ConsoleState } from '../../realtime/state';
import { announcement } from './announce';
import { ChatList } from './ChatList';
import { ChatPane, type FocusRequest } from './ChatPane';
import { ConsoleBar } from './ConsoleBar';
import { DetailsPanel } from './DetailsPanel';
import { VisitorsView } from './VisitorsView';
import classes from './Console.module.css';

const UNREAD_PREFIX = /^\(\d+\) /;
/** Below this width the list and the chat are two views, one at a time. */
const PHONE = '(max-width: 48em)';

/** One polite announcement per change of the console's state (not one per region that changed). */
function useAnnouncer(state: ConsoleState): string {
  const previous = useRef(state);
  const [text, setText] = useState('');
  useEffect(() => {
    const said = announcement(previous.current, state);
    previous.current = state;
    if (!said) return;
    setText(said);
    const clear = setTimeout(() => setText(''), 5000);
    return () => clearTimeout(clear);
  }, [state]);
  return text;
}

/**
 * The agent console (CON-3…CON-7): presence, the agent's chats, the selected chat's transcript and
 * composer, and the visitor's details; or the Visitors view (TLS-6, INV-6). Everything comes over /ws/agent (see realtime/agent-console.ts).
 */
export function ConsolePage() {
  const me = useAuth();
  const t = useT();
  const queryClient = useQueryClient();
  const agentConsole = useMemo(() => agentConsoleFor(me.user.id), [me.user.id]);
  const state = useConsoleState(agentConsole);
  const order = useMemo(() => chatOrder(state), [state]);
  const [focusRequest, setFocusRequest] = useState<FocusRequest>(null);
  const narrow = useMediaQuery('(max-width: 1100px)') ?? false;
  const phone = useMediaQuery(PHONE) ?? false;
  const { online: network } = useNetwork();
  const [detailsOpen, setDetailsOpen] = useState(false);
  /** On a phone: the list of chats, or the chat the agent opened. */
  const [view, setView] = useState<'list' | 'chat'>('list');
  const said = useAnnouncer(state);
  /** TLS-6: the console shows the agent's chats, or the visitors on the websites (`?view=visitors`). */
  const [params, setParams] = useSearchParams();
  const visitorsView = params.get('view') === 'visitors';
  usePageTitle(visitorsView ? t('console.viewVisitors') : t('nav.console'));

  const selected = state.selectedId ? state.chats[state.selectedId] : undefined;
  const selectedId = selected?.summary.id ?? null;
  const selectedLast = selected ? lastSeq(selected) : 0;
  const online = state.connection === 'open';
  const showList = !phone || view === 'list' || !selected;
  const showChat = !phone || (view === 'chat' && !!selected);

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
      if (how === 'pointer') {
        setView('chat');
        setFocusRequest((r) => ({ chatId, n: (r?.n ?? 0) + 1 }));
      }
    },
    [agentConsole],
  );
  const onOpen = useCallback((chatId: string) => {
    setView('chat');
    setFocusRequest((r) => ({ chatId, n: (r?.n ?? 0) + 1 }));
  }, []);
  // A canned response chosen in the Details panel goes into the selected chat's message field (TLS-2).
  const insert = useCallback(
    (text: string) => {
      if (!selectedId) return;
      setDetailsOpen(false);
      setFocusRequest((r) => ({ chatId: selectedId, n: (r?.n ?? 0) + 1, insert: text }));
    },
    [selectedId],
  );
  const backToList = useCallback(() => {
    setView('list');
    // The list's selected chat takes the focus again.
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>('[role="option"][aria-selected="true"]')?.focus(),
    );
  }, []);

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
      <ConsoleBar
        console={agentConsole}
        connection={state.connection}
        status={state.status}
        view={visitorsView ? 'visitors' : 'chats'}
        onView={(v) => setParams(v === 'visitors' ? { view: 'visitors' } : {})}
      />
      {/* The console's one voice for what happens outside the open chat. */}
      <VisuallyHidden role="status" aria-live="polite" aria-atomic="true">
        {said}
      </VisuallyHidden>
      <div>
        {!network && (
          <Alert color="orange" py={6} radius={0} role="status" icon={<IconWifiOff size={16} aria-hidden />}>
            {t('console.offline')}
          </Alert>
        )}
        {state.notice && (
          <Alert
            color="orange"
            py={6}
            radius={0}
            withCloseButton
            onClose={() => agentConsole.dispatch({ type: 'clearNotice' })}
            role="alert"
          >
            {translateServerText(state.notice)}
          </Alert>
        )}
        {state.connection === 'reconnecting' && network && (
          <Alert color="orange" py={6} radius={0} role="status">
            {t('console.reconnecting')}
          </Alert>
        )}
      </div>
      {state.connection === 'blocked' ? (
        <div className={classes.empty}>
          <Alert
            color="red"
            icon={<IconShieldLock aria-hidden />}
            title={t('console.blockedTitle')}
            maw={520}
          >
            {t('console.blockedText')}
          </Alert>
        </div>
      ) : visitorsView ? (
        <VisitorsView console={agentConsole} available={online && state.status === 'available'} />
      ) : (
        <div className={`${classes.body} ${phone ? classes.bodyPhone : ''}`}>
          {showList && (
            <ChatList
              order={order}
              chats={state.chats}
              selectedId={selectedId}
              onSelect={onSelect}
              onOpen={onOpen}
            />
          )}
          {showChat &&
            (selected ? (
              <ChatPane
                console={agentConsole}
                chat={selected}
                online={online}
                focusRequest={focusRequest}
                onShowDetails={narrow ? () => setDetailsOpen(true) : undefined}
                onBack={phone ? backToList : undefined}
              />
            ) : (
              <div className={classes.empty}>
                <EmptyState
                  icon={<IconMessageCircle aria-hidden />}
                  title={
                    online
                      ? t('console.noChats')
                      : network
                        ? t('console.connecting')
                        : t('console.offlineTitle')
                  }
                  description={state.status === 'away' ? t('console.awayText') : t('console.noChatsText')}
                />
              </div>
            ))}
          {selected && !narrow && (
            <aside className={classes.details} aria-label={t('console.visitorDetails')}>
              <DetailsPanel chat={selected.summary} onInsert={insert} />
            </aside>
          )}
        </div>
      )}
      {selected && narrow && !visitorsView && (
        <Drawer
          opened={detailsOpen}
          onClose={() => setDetailsOpen(false)}
          position="right"
          title={t('console.visitorDetails')}
        >
          <DetailsPanel chat={selected.summary} heading={false} onInsert={insert} />
        </Drawer>
      )}
    </div>
  );
}
