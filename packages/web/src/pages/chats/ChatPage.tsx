import type { ReactNode } from 'react';
import { Anchor, Badge, Breadcrumbs, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation, useParams } from 'react-router';
import type { ChatDetail } from '@parley/protocol';
import { useChatPage } from '../../api/chats';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { ratingText } from '../../lib/rating';
import { useT } from '../../i18n';
import { usePageTitle } from '../../lib/page';
import { formatDateTime, safeHttpUrl } from '../console/format';
import { ChatTranscript } from './ChatTranscript';
import { typeColor } from './ChatTable';
import { formatDuration } from './format';
import classes from './Chats.module.css';

/** A chat's page (CHT-3, deep link `/chats/:id`): its information and its whole transcript. */
export function ChatPage() {
  const { id = '' } = useParams();
  const t = useT();
  const chat = useChatPage(id);
  const state = useLocation().state as { search?: string } | null;
  const back = `/chats${state?.search ? `?${state.search}` : ''}`;
  const title = chat.data
    ? t('chatPage.title', { name: chat.data.visitor.name })
    : t('chatPage.titleLoading');
  usePageTitle(title);
  return (
    <>
      <Breadcrumbs mb="xs" component="nav" aria-label={t('common.breadcrumbs')}>
        <Anchor component={Link} to={back} size="sm">
          {t('chats.chats')}
        </Anchor>
        <span>{title}</span>
      </Breadcrumbs>
      {chat.isPending ? (
        <LoadingBlock />
      ) : chat.isError ? (
        <ErrorBlock error={chat.error} onRetry={() => void chat.refetch()} />
      ) : (
        <ChatView detail={chat.data} title={title} />
      )}
    </>
  );
}

function ChatView({ detail, title }: { detail: ChatDetail; title: string }) {
  const t = useT();
  const r = detail.record;
  return (
    <>
      <Group gap="sm" mb="lg" align="center">
        <Title order={1} size="h2">
          {title}
        </Title>
        <Badge variant="light" color={typeColor[r.type]}>
          {t(`chatList.type.${r.type}`)}
        </Badge>
        <Badge variant="outline" color={r.status === 'closed' ? 'gray.7' : 'green.9'}>
          {t(`chatList.status.${r.status}`)}
        </Badge>
      </Group>
      <div className={classes.detail}>
        <Paper withBorder component="section" aria-labelledby="transcript-heading">
          <Title order={2} size="h4" id="transcript-heading" px="md" pt="md">
            {t('chatPage.transcript')}
          </Title>
          <ChatTranscript events={detail.events} />
        </Paper>
        <Stack gap="lg">
          <Information detail={detail} />
          <Agents detail={detail} />
        </Stack>
      </div>
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

const none = (t: ReturnType<typeof useT>) => (
  <Text span size="sm" c="dimmed">
    {t('chatPage.none')}
  </Text>
);

function Information({ detail }: { detail: ChatDetail }) {
  const t = useT();
  const r = detail.record;
  const v = detail.visitor;
  const when = (iso: string | null) => (iso ? <time dateTime={iso}>{formatDateTime(iso)}</time> : none(t));
  const url = safeHttpUrl(r.startUrl);
  const closedBy = r.closedBy
    ? r.closedBy.by === 'agent'
      ? (r.closedBy.agent?.name ?? t('chatPage.anAgent'))
      : r.closedBy.by === 'visitor'
        ? t('chatPage.closedByVisitor')
        : t('chatPage.closedAutomatically')
    : null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="info-heading">
      <Title order={2} size="h4" mb="sm" id="info-heading">
        {t('chatPage.information')}
      </Title>
      <dl className={classes.infoGrid}>
        <Row label={t('chatPage.visitor')}>
          {v.name}
          {v.email && (
            <Text span size="sm" c="dimmed" display="block">
              {v.email}
            </Text>
          )}
        </Row>
        <Row label={t('chatList.campaign')}>{r.campaign ? r.campaign.name : none(t)}</Row>
        <Row label={t('chatPage.website')}>{r.website ? r.website.name : none(t)}</Row>
        <Row label={t('chatList.startUrl')}>
          {url ? (
            <Anchor href={url} target="_blank" rel="noopener noreferrer" size="sm">
              {r.startUrl}
            </Anchor>
          ) : (
            r.startUrl || none(t)
          )}
        </Row>
        <Row label={t('chatPage.started')}>
          {when(r.startedAt)}
          {r.proactive && (
            <Text span size="xs" c="dimmed" display="block">
              {t('chatPage.proactive')}
            </Text>
          )}
        </Row>
        <Row label={t('chatPage.assigned')}>{when(r.assignedAt)}</Row>
        <Row label={t('chatPage.firstResponse')}>
          {when(r.firstResponseAt)}
          {r.firstResponseSeconds !== null && (
            <Text span size="xs" c="dimmed" display="block">
              {t('chatPage.afterStart', { duration: formatDuration(r.firstResponseSeconds) })}
            </Text>
          )}
        </Row>
        <Row label={t('chatPage.closed')}>{when(r.closedAt)}</Row>
        <Row label={t('chatList.duration')}>
          {r.durationSeconds !== null ? formatDuration(r.durationSeconds) : t('chatList.ongoing')}
        </Row>
        <Row label={t('chatPage.closedBy')}>{closedBy ?? none(t)}</Row>
        <Row label={t('chatList.successCode')}>
          {r.successCodes.length ? r.successCodes.map((c) => c.name).join(', ') : none(t)}
        </Row>
        <Row label={t('chatList.rating')}>
          {r.rating !== null ? ratingText(r.rating, r.ratingScale) : t('chatList.notRated')}
          {r.ratingComment && (
            <Text span size="sm" display="block" fs="italic">
              {r.ratingComment}
            </Text>
          )}
        </Row>
      </dl>
    </Paper>
  );
}

function Agents({ detail }: { detail: ChatDetail }) {
  const t = useT();
  const list = detail.record.assignments;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="agents-heading">
      <Title order={2} size="h4" mb="sm" id="agents-heading">
        {t('chatPage.agents')}
      </Title>
      {list.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('chatPage.noAgents')}
        </Text>
      ) : (
        <List spacing="xs" size="sm" listStyleType="none" ml={0} pl={0}>
          {list.map((a, i) => (
            <List.Item key={`${a.agent.id}-${i}`}>
              <Text size="sm" fw={500}>
                {a.agent.name}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`chatPage.reason.${a.reason}`)} ·{' '}
                <time dateTime={a.assignedAt}>{formatDateTime(a.assignedAt)}</time>
                {' · '}
                {a.answered ? t('chatPage.answered') : t('chatPage.notAnswered')}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}
