import { useEffect } from 'react';
import {
  Alert,
  Badge,
  Button,
  EmptyState,
  Group,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconDeviceDesktop, IconDeviceMobile, IconDeviceTablet, IconUsers } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { LiveVisitor, LiveVisitorList } from '@parley/protocol';
import {
  putLiveVisitor,
  stillHere,
  useInviteVisitor,
  useLiveVisitors,
  visitorKeys,
} from '../../api/visitors';
import { useT, type MessageKey } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { notifyError, notifySuccess } from '../../lib/notify';
import type { AgentConsole } from '../../realtime/agent-console';
import { formatDuration, shortUrl } from '../chats/format';
import { safeHttpUrl } from './format';
import { deviceText, sourceText, useNow } from './visitor-text';
import classes from './Console.module.css';

function DeviceIcon({ device }: { device: string }) {
  const Icon =
    device === 'mobile' ? IconDeviceMobile : device === 'tablet' ? IconDeviceTablet : IconDeviceDesktop;
  return <Icon size={16} aria-hidden />;
}

/** What the visitor is doing as far as the agents are concerned: chatting, invited, or just browsing. */
function Status({ v }: { v: LiveVisitor }) {
  const t = useT();
  if (v.chat)
    return (
      <Badge color="teal" variant="light">
        {v.chat.agentName ? t('visitors.inChat', { name: v.chat.agentName }) : t('visitors.inChatQueued')}
      </Badge>
    );
  if (v.invite) {
    const key: Record<NonNullable<LiveVisitor['invite']>['status'], MessageKey> = {
      pending: 'visitors.invitePending',
      shown: 'visitors.inviteShown',
      accepted: 'visitors.inviteAccepted',
      declined: 'visitors.inviteDeclined',
    };
    return (
      <Badge color={v.invite.status === 'declined' ? 'gray' : 'blue'} variant="light">
        {t(key[v.invite.status], { name: v.invite.agentName })}
      </Badge>
    );
  }
  return (
    <Text size="sm" c="dimmed">
      {t('visitors.browsing')}
    </Text>
  );
}

/**
 * TLS-6, INV-6: the console's Visitors view. Who is on the account's websites now (seen in the last minute):
 * current page, time on site, source, device and browser, whether they are invited or in a chat; an agent
 * invites a visitor to a chat from here. Page views and invites arrive live over the agent socket.
 */
export function VisitorsView({
  console: agentConsole,
  available,
}: {
  console: AgentConsole;
  available: boolean;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const list = useLiveVisitors();
  const invite = useInviteVisitor();
  const now = useNow(5000);

  useEffect(
    () =>
      agentConsole.watchVisitors((visitor) =>
        queryClient.setQueryData<LiveVisitorList>(visitorKeys.live, (l) => putLiveVisitor(l, visitor)),
      ),
    [agentConsole, queryClient],
  );

  const items = (list.data?.items ?? []).filter((v) => stillHere(v, now));

  const onInvite = (v: LiveVisitor) =>
    invite.mutate(v.visitorId, {
      onSuccess: () => notifySuccess(t('visitors.invited', { name: v.name })),
      onError: (err) => notifyError(t('visitors.inviteFailed', { name: v.name }), err),
    });

  return (
    <section className={classes.visitors} aria-labelledby="visitors-title">
      <Group justify="space-between" align="flex-end" mb="sm" wrap="wrap">
        <div>
          <Title order={2} size="h4" id="visitors-title">
            {t('visitors.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('visitors.description')}
          </Text>
        </div>
        <Text size="sm" fw={500} role="status" aria-live="polite">
          {list.isSuccess ? t('visitors.count', { count: items.length }) : ''}
        </Text>
      </Group>
      {!available && (
        <Alert color="yellow" py={6} mb="sm">
          {t('visitors.offlineHint')}
        </Alert>
      )}
      {list.isError ? (
        <Alert color="red" title={t('visitors.loadError')}>
          <Text size="sm">{errorMessage(list.error)}</Text>
          <Button size="xs" variant="light" mt="xs" onClick={() => void list.refetch()}>
            {t('common.tryAgain')}
          </Button>
        </Alert>
      ) : list.isSuccess && items.length === 0 ? (
        <EmptyState
          icon={<IconUsers aria-hidden />}
          title={t('visitors.empty')}
          description={t('visitors.emptyText')}
        />
      ) : (
        <Table.ScrollContainer minWidth={900} type="native">
          <Table
            verticalSpacing="sm"
            horizontalSpacing="sm"
            aria-labelledby="visitors-title"
            aria-busy={list.isPending}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('visitors.visitor')}</Table.Th>
                <Table.Th>{t('visitors.page')}</Table.Th>
                <Table.Th>{t('console.timeOnSite')}</Table.Th>
                <Table.Th>{t('console.source')}</Table.Th>
                <Table.Th>{t('console.device')}</Table.Th>
                <Table.Th>{t('visitors.status')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((v) => {
                const href = safeHttpUrl(v.currentUrl);
                const busy = !!v.chat || v.invite?.status === 'pending' || v.invite?.status === 'shown';
                return (
                  <Table.Tr key={v.visitId} data-visitor={v.visitorId}>
                    <Table.Td>
                      <Stack gap={0}>
                        <Text size="sm" fw={600}>
                          {v.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {[v.host, v.country].filter(Boolean).join(' · ')}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td className={classes.visitorPage}>
                      <Stack gap={0}>
                        <Text size="sm" lineClamp={1} title={v.currentTitle || v.currentUrl}>
                          {v.currentTitle || shortUrl(v.currentUrl)}
                        </Text>
                        {href ? (
                          <a
                            href={href}
                            target="_blank"
                            rel="noopener noreferrer"
                            className={classes.visitorUrl}
                          >
                            {shortUrl(v.currentUrl)}
                          </a>
                        ) : (
                          <Text size="xs">{shortUrl(v.currentUrl)}</Text>
                        )}
                        <Text size="xs" c="dimmed">
                          {t('visitors.pages', { count: v.pageViews })}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {formatDuration((now - Date.parse(v.startedAt)) / 1000)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" title={v.referrer || undefined}>
                        {sourceText(t, v.source)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <DeviceIcon device={v.device} />
                        <Stack gap={0}>
                          <Text size="sm">{deviceText(t, v.device) || '—'}</Text>
                          <Text size="xs" c="dimmed">
                            {[v.browser, v.os].filter(Boolean).join(' · ')}
                          </Text>
                        </Stack>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Status v={v} />
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={t('visitors.inviteLabel', { name: v.name })}
                        disabled={busy || !available}
                        loading={invite.isPending && invite.variables === v.visitorId}
                        onClick={() => onInvite(v)}
                      >
                        {t('visitors.invite')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
