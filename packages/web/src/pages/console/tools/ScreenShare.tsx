import { useEffect, useMemo, useRef, useState } from 'react';
import { Box, Button, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { IconArrowsMaximize } from '@tabler/icons-react';
import type { AgentChatSummary, CobrowseEnd } from '@parley/protocol';
import { useAuth } from '../../../auth/AuthContext';
import { useIntl } from 'react-intl';
import { useT, type MessageKey } from '../../../i18n';
import { agentConsoleFor, useConsoleState } from '../../../realtime/useAgentConsole';
import type { ConsoleToReplay, ReplayToConsole } from '../../../replay/protocol';
import { ReplayStream } from './replay-stream';

type ToReplay = ConsoleToReplay extends infer M ? (M extends unknown ? Omit<M, 'source'> : never) : never;

const ended: Record<CobrowseEnd, MessageKey> = {
  stopped: 'cobrowse.ended.stopped',
  left: 'cobrowse.ended.left',
  closed: 'cobrowse.ended.closed',
  tool_off: 'cobrowse.ended.tool_off',
};
/** How long "some updates were dropped" stays. */
const DROPPED_MS = 4_000;

/**
 * The Details panel's Screen share section (TLS-5): once the visitor turns screen sharing on in the chat window,
 * their page shows here live (and larger in a dialog), replayed from the recorded events the console receives
 * while this section is on screen. Watching asks the visitor's recorder for a full snapshot, so an agent who
 * opens the chat late sees the page at once. The replay runs in its own document (`/cobrowse/replay/:chatId`),
 * whose CSP lets the visitor site's stylesheets, images and fonts load (the campaign's extra CSP domains).
 */
export function ScreenShare({ chat }: { chat: AgentChatSummary }) {
  const t = useT();
  const me = useAuth();
  const agentConsole = useMemo(() => agentConsoleFor(me.user.id), [me.user.id]);
  const state = useConsoleState(agentConsole);
  const sharing = !!state.chats[chat.id]?.cobrowsing && chat.status !== 'closed';
  const [end, setEnd] = useState<CobrowseEnd | null>(null);
  const [dropped, setDropped] = useState(false);
  const [large, setLarge] = useState(false);
  const stream = useMemo(() => new ReplayStream(), [chat.id]);
  const droppedTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    setEnd(null);
    const stop = agentConsole.watchCobrowse(chat.id, {
      events: (data) => stream.push(data),
      state: (f) => {
        if (!f.sharing) {
          stream.reset();
          setEnd(f.reason ?? 'stopped');
          setLarge(false);
          return;
        }
        setEnd(null);
        if (!f.dropped) return;
        setDropped(true);
        clearTimeout(droppedTimer.current);
        droppedTimer.current = setTimeout(() => setDropped(false), DROPPED_MS);
      },
    });
    // Too much kept without a full snapshot: ask for one.
    stream.onOverflow = () => agentConsole.askCobrowseSnapshot(chat.id);
    return () => {
      stop();
      clearTimeout(droppedTimer.current);
    };
  }, [agentConsole, chat.id, stream]);

  const title = t('cobrowse.frameTitle', { name: chat.visitor.name });
  return (
    <Stack gap="xs" component="section" aria-labelledby={`screen-share-${chat.id}`}>
      <Title order={2} size="h5" id={`screen-share-${chat.id}`}>
        {t('cobrowse.title')}
      </Title>
      <div aria-live="polite">
        {sharing ? (
          <Text size="sm">{t('cobrowse.live')}</Text>
        ) : (
          <Text size="sm" c="dimmed">
            {end ? t(ended[end]) : t('cobrowse.notSharing')}
          </Text>
        )}
        {sharing && dropped && (
          <Text size="xs" c="dimmed">
            {t('cobrowse.dropped')}
          </Text>
        )}
      </div>
      {sharing && (
        <>
          <ReplayFrame chatId={chat.id} stream={stream} title={title} height={220} />
          <Button
            variant="light"
            size="xs"
            leftSection={<IconArrowsMaximize size={14} aria-hidden />}
            onClick={() => setLarge(true)}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('cobrowse.larger')}
          </Button>
          <Modal opened={large} onClose={() => setLarge(false)} title={title} size="90%" centered>
            <ReplayFrame chatId={chat.id} stream={stream} title={title} height="75vh" />
          </Modal>
        </>
      )}
    </Stack>
  );
}

/** One view of the replay: the replay document in a frame, fed the stream's batches once it is ready. */
function ReplayFrame(props: {
  chatId: string;
  stream: ReplayStream;
  title: string;
  height: number | string;
}) {
  const t = useT();
  const locale = useIntl().locale;
  const frame = useRef<HTMLIFrameElement>(null);
  const [showing, setShowing] = useState(false);
  const { chatId, stream, title } = props;

  useEffect(() => {
    let detach = () => {};
    const post = (m: ToReplay) =>
      frame.current?.contentWindow?.postMessage({ ...m, source: 'parley-console' }, location.origin);
    const onMessage = (e: MessageEvent) => {
      if (e.source !== frame.current?.contentWindow || e.origin !== location.origin) return;
      const m = e.data as ReplayToConsole | null;
      if (m?.source !== 'parley-replay') return;
      if (m.type === 'ready') {
        post({ type: 'init', title, lang: locale });
        detach();
        detach = stream.attach((data) => post({ type: 'events', data }));
      } else if (m.type === 'showing') setShowing(true);
    };
    addEventListener('message', onMessage);
    return () => {
      removeEventListener('message', onMessage);
      detach();
    };
  }, [stream, title, locale]);

  return (
    <Box pos="relative" h={props.height} style={{ border: '1px solid var(--mantine-color-default-border)' }}>
      <iframe
        ref={frame}
        src={`/cobrowse/replay/${encodeURIComponent(chatId)}`}
        title={title}
        style={{ width: '100%', height: '100%', border: 0, display: 'block' }}
      />
      {!showing && (
        <Stack
          pos="absolute"
          inset={0}
          align="center"
          justify="center"
          gap="xs"
          bg="var(--mantine-color-body)"
          role="status"
        >
          <Loader size="sm" aria-hidden />
          <Text size="sm">{t('cobrowse.loading')}</Text>
        </Stack>
      )}
    </Box>
  );
}
