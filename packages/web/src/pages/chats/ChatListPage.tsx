import { useMemo } from 'react';
import { Button, EmptyState, Group, Paper, Text } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { useChatList } from '../../api/chats';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { useT } from '../../i18n';
import { ChatFilterBar } from './ChatFilterBar';
import { ChatTable } from './ChatTable';
import { chatFilter, hasFilters, periodOf, sortFromParams } from './chatFilters';
import { formatLocalDate } from './format';
import { useChatFilterView } from './useChatFilterView';

/** The Chats subsection (CHT-1…2): every chat of the account in a period, filtered, newest first. */
export function ChatListPage() {
  const t = useT();
  const timeZone = useAuth().account.timeZone;
  const filterView = useChatFilterView();
  const { view, params, search, setPeriod, clear, update } = filterView;
  const sort = sortFromParams(params);
  const setSort = (next: 'asc' | 'desc') =>
    update((p) => (next === 'asc' ? p.set('sort', 'asc') : p.delete('sort')));
  // "Today" is read when the view changes (a page left open over midnight keeps the day it showed).
  const filters = useMemo(() => chatFilter(view, new Date(), timeZone), [view, timeZone]);
  const period = filters ? { from: filters.from, to: filters.to } : periodOf(view, new Date(), timeZone);
  const list = useChatList(filters ? { ...filters, sort } : { from: '', to: '' }, filters !== null);

  const first = list.data?.pages[0];
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const range = period
    ? period.from === period.to
      ? formatLocalDate(period.from)
      : t('chatList.range', { from: formatLocalDate(period.from), to: formatLocalDate(period.to) })
    : null;
  const filtered = hasFilters(view);

  return (
    <>
      <PageHeader
        title={t('chats.chats')}
        description={range && t('chatList.inZone', { range, zone: timeZone })}
      />
      <ChatFilterBar filters={filterView} />
      <Paper withBorder>
        {filters === null ? (
          <EmptyState py="xl" icon={<IconMessages aria-hidden />} title={t('chatList.chooseDates')} />
        ) : list.isPending ? (
          <LoadingBlock />
        ) : list.isError ? (
          <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState
            py="xl"
            icon={<IconMessages aria-hidden />}
            title={filtered ? t('chatList.noMatch') : t('chatList.noneInPeriod')}
            description={filtered ? t('chatList.noMatchText') : t('chatList.noneInPeriodText')}
          >
            <EmptyState.Actions>
              {filtered && (
                <Button variant="default" onClick={clear}>
                  {t('chatList.clearFilters')}
                </Button>
              )}
              {view.period !== 'last30' && view.period !== 'custom' && (
                <Button variant="light" onClick={() => setPeriod('last30')}>
                  {t('chatList.showLast30')}
                </Button>
              )}
            </EmptyState.Actions>
          </EmptyState>
        ) : (
          <ChatTable
            items={items}
            sort={sort}
            onSort={setSort}
            showRating={first?.ratings ?? false}
            search={search}
          />
        )}
      </Paper>
      {items.length > 0 && first && (
        <Group justify="space-between" mt="sm">
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('chatList.showing', { shown: items.length, total: first.total })}
          </Text>
          {list.hasNextPage && (
            <Button
              variant="default"
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </Button>
          )}
        </Group>
      )}
    </>
  );
}
