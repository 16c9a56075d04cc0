import { Anchor, Badge, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import type { ChatListItem, ChatListSort } from '@parley/protocol';
import { ratingText } from '../../lib/rating';
import { useT } from '../../i18n';
import { formatDateTime } from '../console/format';
import { formatDuration, shortUrl } from './format';
import classes from './Chats.module.css';

interface Props {
  items: ChatListItem[];
  sort: ChatListSort;
  onSort: (sort: ChatListSort) => void;
  /** Shown only when the account's chats have ratings (surveys in use). */
  showRating: boolean;
  /** The list's address query, so the chat's page can lead back to the same view. */
  search: string;
}

export const typeColor = { live: 'blue', nrt: 'grape', offline: 'orange' } as const;

/** CHT-2: date, type, start URL, agent, rating (when chats are rated), duration; a row opens the chat. */
export function ChatTable({ items, sort, onSort, showRating, search }: Props) {
  const t = useT();
  const navigate = useNavigate();
  const open = (id: string) => void navigate(`/chats/${id}`, { state: { search } });
  const SortIcon = sort === 'desc' ? IconArrowDown : IconArrowUp;
  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th aria-sort={sort === 'desc' ? 'descending' : 'ascending'}>
              <UnstyledButton
                onClick={() => onSort(sort === 'desc' ? 'asc' : 'desc')}
                className={classes.sortButton}
              >
                <Group gap={4} wrap="nowrap">
                  <Text fw={600} size="sm">
                    {t('chatList.date')}
                  </Text>
                  <SortIcon size={14} aria-hidden />
                </Group>
              </UnstyledButton>
            </Table.Th>
            <Table.Th>{t('chatList.type')}</Table.Th>
            <Table.Th>{t('chatList.startUrl')}</Table.Th>
            <Table.Th>{t('chatList.agent')}</Table.Th>
            {showRating && <Table.Th>{t('chatList.rating')}</Table.Th>}
            <Table.Th ta="right">{t('chatList.duration')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id} className={classes.row} onClick={() => open(c.id)} data-chat={c.id}>
              <Table.Td>
                <Stack gap={0}>
                  <Anchor
                    component={Link}
                    to={`/chats/${c.id}`}
                    state={{ search }}
                    onClick={(e) => e.stopPropagation()}
                    fw={500}
                    size="sm"
                    c="var(--mantine-color-text)"
                  >
                    <time dateTime={c.startedAt}>{formatDateTime(c.startedAt)}</time>
                  </Anchor>
                  <Text size="xs" c="dimmed" truncate maw={220}>
                    {c.visitorName}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Badge variant="light" color={typeColor[c.type]}>
                    {t(`chatList.type.${c.type}`)}
                  </Badge>
                  {c.status !== 'closed' && (
                    <Badge variant="outline" color={c.status === 'queued' ? 'yellow.9' : 'green.9'}>
                      {t(`chatList.status.${c.status}`)}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td maw={320}>
                <Text size="sm" truncate title={c.startUrl}>
                  {c.startUrl ? shortUrl(c.startUrl) : '—'}
                </Text>
                {c.campaign && (
                  <Text size="xs" c="dimmed" truncate>
                    {c.campaign.name}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={c.agent ? undefined : 'dimmed'}>
                  {c.agent
                    ? c.otherAgents > 0
                      ? t('chatList.agentAndOthers', { name: c.agent.name, count: c.otherAgents })
                      : c.agent.name
                    : t('chatList.noAgent')}
                </Text>
              </Table.Td>
              {showRating && (
                <Table.Td>
                  <Text size="sm" c={c.rating === null ? 'dimmed' : undefined}>
                    {c.rating === null ? t('chatList.notRated') : ratingText(c.rating, c.ratingScale, true)}
                  </Text>
                </Table.Td>
              )}
              <Table.Td ta="right">
                <Text size="sm" ff="monospace" c={c.durationSeconds === null ? 'dimmed' : undefined}>
                  {c.durationSeconds === null ? t('chatList.ongoing') : formatDuration(c.durationSeconds)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
