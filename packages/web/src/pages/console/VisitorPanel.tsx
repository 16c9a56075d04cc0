import type { ReactNode } from 'react';
import { Alert, Anchor, Button, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { AgentChatSummary, VisitorDetails } from '@livechat/protocol';
import { useChatDetail } from '../../api/chats';
import { errorMessage } from '../../lib/errors';
import { describeUserAgent, formatDateTime, formatShort, safeHttpUrl } from './format';
import classes from './Console.module.css';

/** While the visitor is on the site, their current page moves without a frame saying so. */
const LIVE_REFRESH_MS = 30_000;

function Link({ url }: { url: string }) {
  if (!url)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  const href = safeHttpUrl(url);
  if (!href) return <>{url}</>;
  return (
    <Anchor href={href} target="_blank" rel="noopener noreferrer" size="sm" className={classes.link}>
      {url}
    </Anchor>
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

/** The Details panel: who the visitor is and what they did (CON-3, Visitor Info). */
export function VisitorPanel({ chat, heading = true }: { chat: AgentChatSummary; heading?: boolean }) {
  const live = chat.status !== 'closed' && chat.visitorPresent;
  const detail = useChatDetail(chat.id, { refetchMs: live ? LIVE_REFRESH_MS : false });

  return (
    <Stack gap="md">
      {heading && (
        <Title order={2} size="h5">
          Visitor details
        </Title>
      )}
      {detail.isPending ? (
        <Stack gap="xs" aria-busy>
          <Skeleton height={14} width="70%" />
          <Skeleton height={14} width="50%" />
          <Skeleton height={14} width="80%" />
          <Skeleton height={14} width="60%" />
        </Stack>
      ) : detail.isError ? (
        <Alert color="red" title="Could not load the visitor's details">
          <Text size="sm">{errorMessage(detail.error)}</Text>
          <Button size="xs" variant="light" mt="xs" onClick={() => void detail.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : (
        <Details visitor={detail.data.visitor} chat={chat} />
      )}
    </Stack>
  );
}

function Details({ visitor, chat }: { visitor: VisitorDetails; chat: AgentChatSummary }) {
  const ua = describeUserAgent(visitor.userAgent);
  const extra = Object.entries(visitor.data);
  return (
    <>
      <dl className={classes.dl}>
        <Row label="Name">{visitor.name || '—'}</Row>
        <Row label="Email">
          {visitor.email || (
            <Text span c="dimmed">
              —
            </Text>
          )}
        </Row>
        <Row label="Status">
          {chat.status === 'closed'
            ? 'Chat closed'
            : chat.visitorPresent
              ? 'On the website'
              : 'Left the website'}
        </Row>
        <Row label="Current page">
          <Link url={visitor.currentUrl} />
        </Row>
        <Row label="Start page">
          <Link url={chat.startUrl} />
        </Row>
        <Row label="Referrer">
          <Link url={visitor.referrer} />
        </Row>
        <Row label="Browser">
          <span title={visitor.userAgent}>{ua || '—'}</span>
        </Row>
        <Row label="Visits">{visitor.visits}</Row>
        <Row label="First seen">{formatDateTime(visitor.firstSeenAt)}</Row>
        <Row label="Last seen">{formatDateTime(visitor.lastSeenAt)}</Row>
        <Row label="Campaign">{chat.campaignTitle || '—'}</Row>
        {extra.map(([key, value]) => (
          <Row key={key} label={key}>
            {value}
          </Row>
        ))}
      </dl>
      <div>
        <Title order={3} size="h6" mb="xs">
          Pages viewed ({visitor.pages.length})
        </Title>
        {visitor.pages.length === 0 ? (
          <Text size="sm" c="dimmed">
            No pages recorded.
          </Text>
        ) : (
          <ol className={classes.path} aria-label="Pages viewed">
            {/* The server lists the newest first; a click path reads oldest to newest. */}
            {[...visitor.pages].reverse().map((p, i) => (
              <li key={`${p.at}-${i}`}>
                <Text size="sm" fw={500} lineClamp={2}>
                  {p.title || p.url}
                </Text>
                <Text size="xs" c="dimmed">
                  <time dateTime={p.at}>{formatShort(p.at)}</time>
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
