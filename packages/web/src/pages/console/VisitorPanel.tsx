import type { ReactNode } from 'react';
import { Alert, Button, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { AgentChatSummary, VisitorDetails } from '@parley/protocol';
import { useChatDetail } from '../../api/chats';
import { useT } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { describeUserAgent, formatDateTime, formatShort } from './format';
import { ExternalLink } from './Links';
import { formatDuration } from '../chats/format';
import { deviceText, sourceText, useNow } from './visitor-text';
import classes from './Console.module.css';

/**
 * The visitor's pages come live (a `visitor.moved` frame makes the console read the details again, TLS-6);
 * this slow re-read only keeps the last-seen times fresh.
 */
const LIVE_REFRESH_MS = 60_000;

function Link({ url }: { url: string }) {
  if (!url)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  return <ExternalLink url={url} size="sm" />;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** The Details panel: who the visitor is and what they did (CON-3, Visitor Info). */
export function VisitorPanel({ chat, heading = true }: { chat: AgentChatSummary; heading?: boolean }) {
  const t = useT();
  const live = chat.status !== 'closed' && chat.visitorPresent;
  const detail = useChatDetail(chat.id, { refetchMs: live ? LIVE_REFRESH_MS : false });

  return (
    <Stack gap="md">
      {heading && (
        <Title order={2} size="h5">
          {t('console.visitorDetails')}
        </Title>
      )}
      {detail.isPending ? (
        <Stack gap="xs" aria-busy role="status" aria-label={t('common.loading')}>
          <Skeleton height={14} width="70%" />
          <Skeleton height={14} width="50%" />
          <Skeleton height={14} width="80%" />
          <Skeleton height={14} width="60%" />
        </Stack>
      ) : detail.isError ? (
        <Alert color="red" title={t('console.detailsError')}>
          <Text size="sm">{errorMessage(detail.error)}</Text>
          <Button size="xs" variant="light" mt="xs" onClick={() => void detail.refetch()}>
            {t('common.tryAgain')}
          </Button>
        </Alert>
      ) : (
        <Details visitor={detail.data.visitor} chat={chat} />
      )}
    </Stack>
  );
}

function Details({ visitor, chat }: { visitor: VisitorDetails; chat: AgentChatSummary }) {
  const t = useT();
  const ua = describeUserAgent(visitor.userAgent);
  const extra = Object.entries(visitor.data);
  const visit = visitor.visit;
  const live = chat.status !== 'closed' && chat.visitorPresent;
  const now = useNow(live ? 5000 : 0);
  const onSite = visit
    ? ((live ? now : Date.parse(visit.lastSeenAt)) - Date.parse(visit.startedAt)) / 1000
    : null;
  const device = visit
    ? [deviceText(t, visit.device), visit.browser, visit.os].filter(Boolean).join(' · ')
    : '';
  return (
    <>
      <dl className={classes.dl}>
        <Row label={t('console.name')}>{visitor.name || '—'}</Row>
        <Row label={t('console.email')}>
          {visitor.email || (
            <Text span c="dimmed">
              —
            </Text>
          )}
        </Row>
        <Row label={t('console.status')}>
          {chat.status === 'closed'
            ? t('console.chatClosed')
            : chat.visitorPresent
              ? t('console.onWebsite')
              : t('console.leftWebsite')}
        </Row>
        <Row label={t('console.currentPage')}>
          <Link url={visitor.currentUrl} />
        </Row>
        <Row label={t('console.startPage')}>
          <Link url={chat.startUrl} />
        </Row>
        {onSite !== null && <Row label={t('console.timeOnSite')}>{formatDuration(onSite)}</Row>}
        {visit && <Row label={t('console.source')}>{sourceText(t, visit.source)}</Row>}
        <Row label={t('console.referrer')}>
          <Link url={visitor.referrer} />
        </Row>
        {device ? (
          <Row label={t('console.device')}>
            <span title={visitor.userAgent}>{device}</span>
          </Row>
        ) : (
          <Row label={t('console.browser')}>
            <span title={visitor.userAgent}>{ua || '—'}</span>
          </Row>
        )}
        {visit?.country && <Row label={t('console.country')}>{visit.country}</Row>}
        <Row label={t('console.visits')}>{visitor.visits}</Row>
        <Row label={t('console.firstSeen')}>{formatDateTime(visitor.firstSeenAt)}</Row>
        <Row label={t('console.lastSeen')}>{formatDateTime(visitor.lastSeenAt)}</Row>
        <Row label={t('console.campaign')}>{chat.campaignTitle || '—'}</Row>
        {extra.map(([key, value]) => (
          <Row key={key} label={key}>
            {value}
          </Row>
        ))}
      </dl>
      <div>
        <Title order={3} size="h6" mb="xs">
          {t('console.pagesViewedCount', { count: visitor.pages.length })}
        </Title>
        {visitor.pages.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('console.noPages')}
          </Text>
        ) : (
          <ol className={classes.path} aria-label={t('console.pagesViewed')}>
            {/* The server lists the newest first; a click path reads oldest to newest. */}
            {[...visitor.pages].reverse().map((p, i) => (
              <li key={`${p.at}-${i}`}>
                <Text size="sm" fw={500} lineClamp={2}>
                  {p.title || p.url}
                </Text>
                <Text size="xs" c="dimmed">
                  <time dateTime={p.at}>{formatShort(p.at)}</time>
                  {p.seconds ? ` · ${t('console.onPageFor', { duration: formatDuration(p.seconds) })}` : ''}
                  {p.title ? ' · ' : ''}
                  {p.title && <Link url={p.url} />}
                </Text>
              </li>
            ))}
          </ol>
        )}
      </div>
    </>
  );
}
