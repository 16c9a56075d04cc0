import { useEffect, useRef, useState } from 'react';
import { Alert, Anchor, Button, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { IconArrowsMaximize, IconExternalLink } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { AgentChatSummary, ChatWebTabCheck } from '@parley/protocol';
import { ApiError } from '../../../api/client';
import { toolKeys } from '../../../api/tools';
import { useChatWebTab, useChatWebTabs } from '../../../api/webTabs';
import { useT } from '../../../i18n';
import { errorMessage } from '../../../lib/errors';
import { safeHttpUrl } from '../format';

/**
 * The frame's sandbox: the site runs (scripts, forms, its own pop-ups) but cannot navigate the console away. A
 * site on the console's own origin does not get its origin back (it could otherwise reach into the console).
 */
function sandboxFor(url: string): string {
  const own = new URL(url).origin === window.location.origin;
  return [
    'allow-scripts',
    'allow-forms',
    'allow-popups',
    'allow-popups-to-escape-sandbox',
    'allow-downloads',
    ...(own ? [] : ['allow-same-origin']),
  ].join(' ');
}

/** A link that opens the site in a new browser tab, telling it nothing of the console. */
function OpenInNewTab({ url }: { url: string }) {
  const t = useT();
  const href = safeHttpUrl(url);
  if (!href) return null;
  return (
    <Anchor
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      size="sm"
      underline="always"
      style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}
    >
      {t('webTabs.openInNewTab')}
      <IconExternalLink size={14} aria-hidden />
    </Anchor>
  );
}

/**
 * The Details panel's WebTabs (TLS-1): the campaign's tabs; the one the agent picks shows its site in a frame,
 * the visitor's details filled in by the server. A site that does not let itself be framed (the server asked
 * it) or could not be reached is offered in a new browser tab instead, with a message.
 */
export function WebTabs({ chat }: { chat: AgentChatSummary }) {
  const t = useT();
  const tabs = useChatWebTabs(chat.id);
  const [picked, setPicked] = useState<{ chatId: string; tabId: string } | null>(null);
  const tabId = picked?.chatId === chat.id ? picked.tabId : null;
  const section = useRef<HTMLDivElement>(null);
  // The section sits below Visitor Info: a tab picked brings its site into view.
  useEffect(() => {
    if (tabId) section.current?.scrollIntoView({ block: 'start' });
  }, [tabId]);

  return (
    <Stack ref={section} gap="xs" component="section" aria-labelledby="web-tabs-heading">
      <Title order={2} size="h5" id="web-tabs-heading">
        {t('tools.webTabs')}
      </Title>
      {tabs.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : tabs.isError ? (
        <Failed error={tabs.error} chatId={chat.id} onRetry={() => void tabs.refetch()} />
      ) : tabs.data.tabs.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('webTabs.noTabs')}
        </Text>
      ) : (
        <>
          <Group gap={6} role="group" aria-label={t('webTabs.pick')}>
            {tabs.data.tabs.map((tab) => (
              <Button
                key={tab.id}
                size="compact-sm"
                variant={tab.id === tabId ? 'filled' : 'default'}
                aria-pressed={tab.id === tabId}
                onClick={() => setPicked({ chatId: chat.id, tabId: tab.id })}
              >
                {tab.name}
              </Button>
            ))}
          </Group>
          {tabId && <OpenTab chatId={chat.id} tabId={tabId} />}
        </>
      )}
    </Stack>
  );
}

/** A request refused because the tool was turned off meanwhile: the panel asks for the chat's tools again. */
function Failed({ error, chatId, onRetry }: { error: unknown; chatId: string; onRetry: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const off = error instanceof ApiError && error.code === 'tool_disabled';
  useEffect(() => {
    if (off) void queryClient.invalidateQueries({ queryKey: toolKeys.chat(chatId) });
  }, [off, chatId, queryClient]);
  return (
    <Alert color="red" title={t('webTabs.couldNotOpen')}>
      <Text size="sm">{errorMessage(error)}</Text>
      {!off && (
        <Button size="xs" variant="light" mt="xs" onClick={onRetry}>
          {t('common.tryAgain')}
        </Button>
      )}
    </Alert>
  );
}

function OpenTab({ chatId, tabId }: { chatId: string; tabId: string }) {
  const t = useT();
  const check = useChatWebTab(chatId, tabId);
  if (check.isPending)
    return (
      <Group gap="xs" role="status">
        <Loader size="xs" aria-hidden />
        <Text size="sm">{t('webTabs.opening')}</Text>
      </Group>
    );
  if (check.isError)
    return <Failed error={check.error} chatId={chatId} onRetry={() => void check.refetch()} />;
  const tab = check.data;
  if (tab.framing === 'allowed') return <Framed tab={tab} />;
  return (
    <Alert
      color={tab.framing === 'refused' ? 'yellow' : 'red'}
      title={t(tab.framing === 'refused' ? 'webTabs.refused' : 'webTabs.unreachable')}
      data-testid="web-tab-refused"
    >
      <Stack gap={6}>
        <Text size="sm">
          {t(
            tab.framing === 'unreachable'
              ? 'webTabs.unreachableText'
              : tab.reason === 'insecure'
                ? 'webTabs.insecureText'
                : 'webTabs.refusedText',
          )}
        </Text>
        <OpenInNewTab url={tab.url} />
      </Stack>
    </Alert>
  );
}

function Framed({ tab }: { tab: ChatWebTabCheck }) {
  const t = useT();
  const [large, setLarge] = useState(false);
  const frame = (height: string | number) => (
    <iframe
      key={tab.url}
      src={tab.url}
      title={t('webTabs.frameTitle', { name: tab.name })}
      sandbox={sandboxFor(tab.url)}
      referrerPolicy="no-referrer"
      style={{ width: '100%', height, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}
    />
  );
  return (
    <Stack gap={6}>
      {large ? (
        <Text size="sm" c="dimmed">
          {t('webTabs.shownLarge')}
        </Text>
      ) : (
        frame(420)
      )}
      <Group justify="space-between" gap="xs">
        <OpenInNewTab url={tab.url} />
        <Button
          size="compact-sm"
          variant="subtle"
          leftSection={<IconArrowsMaximize size={14} aria-hidden />}
          onClick={() => setLarge(true)}
        >
          {t('webTabs.enlarge')}
        </Button>
      </Group>
      <Modal opened={large} onClose={() => setLarge(false)} title={tab.name} size="90%" centered>
        {frame('75vh')}
      </Modal>
    </Stack>
  );
}
