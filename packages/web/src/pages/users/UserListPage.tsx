import { useMemo } from 'react';
import { Button, EmptyState, Group, Paper, Text } from '@mantine/core';
import { IconUserSearch } from '@tabler/icons-react';
import { useAllGroups } from '../../api/groups';
import { useUsers } from '../../api/users';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { useT } from '../../i18n';
import { UserFilterBar } from './UserFilterBar';
import { UsersTable } from './UsersTable';
import { useUserFilters } from './useUserFilters';

export function UserListPage() {
  const t = useT();
  const { filters, setFilter } = useUserFilters();
  const users = useUsers(filters);
  const groups = useAllGroups();
  const groupNames = useMemo(() => new Map((groups.data ?? []).map((g) => [g.id, g.name])), [groups.data]);

  const items = users.data?.pages.flatMap((p) => p.items) ?? [];
  const total = users.data?.pages[0]?.total ?? 0;
  const filtered = Boolean(filters.q || filters.groupId || filters.campaignId);

  return (
    <>
      <UserFilterBar filters={filters} setFilter={setFilter} />
      <Paper withBorder>
        {users.isPending ? (
          <LoadingBlock />
        ) : users.isError ? (
          <ErrorBlock error={users.error} onRetry={() => void users.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState
            py="xl"
            icon={<IconUserSearch aria-hidden />}
            title={
              filtered
                ? t('users.noMatch')
                : filters.status === 'deleted'
                  ? t('users.noDeleted')
                  : t('users.none')
            }
            description={filtered ? t('users.noMatchText') : undefined}
          />
        ) : (
          <UsersTable
            users={items}
            groupNames={groupNames}
            sort={filters.sort ?? 'name'}
            onSort={(sort) => setFilter('sort', sort === 'name' ? null : sort)}
            showRestore={filters.status === 'deleted'}
          />
        )}
      </Paper>
      {items.length > 0 && (
        <Group justify="space-between" mt="sm">
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('users.showing', { shown: items.length, total })}
          </Text>
          {users.hasNextPage && (
            <Button
              variant="default"
              onClick={() => void users.fetchNextPage()}
              loading={users.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </Button>
          )}
        </Group>
      )}
    </>
  );
}
