import { useState } from 'react';
import { Anchor, Button, EmptyState, Group, Paper, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch, IconUsersGroup } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { useGroups } from '../../api/groups';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import classes from '../users/Users.module.css';

export function GroupListPage() {
  const navigate = useNavigate();
  const t = useT();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const groups = useGroups(q);
  const items = groups.data?.pages.flatMap((p) => p.items) ?? [];
  const total = groups.data?.pages[0]?.total ?? 0;

  return (
    <>
      <Group justify="space-between" align="flex-end" mb="md" gap="sm">
        <TextInput
          label={t('common.search')}
          placeholder={t('groups.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={280}
        />
        <Button component={Link} to="/users/groups/new" leftSection={<IconPlus size={16} aria-hidden />}>
          {t('groups.add')}
        </Button>
      </Group>
      <Paper withBorder>
        {groups.isPending ? (
          <LoadingBlock />
        ) : groups.isError ? (
          <ErrorBlock error={groups.error} onRetry={() => void groups.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState
            py="xl"
            icon={<IconUsersGroup aria-hidden />}
            title={q ? t('groups.noMatch') : t('groups.none')}
            description={q ? undefined : t('groups.noneText')}
          />
        ) : (
          <Table.ScrollContainer minWidth={480} type="native">
            <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('groups.name')}</Table.Th>
                  <Table.Th w={140}>{t('users.users')}</Table.Th>
                  <Table.Th w={180}>{t('users.created')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((g) => (
                  <Table.Tr
                    key={g.id}
                    className={classes.row}
                    onClick={() => void navigate(`/users/groups/${g.id}`)}
                  >
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/users/groups/${g.id}`}
                        onClick={(e) => e.stopPropagation()}
                        fw={500}
                        size="sm"
                        c="var(--mantine-color-text)"
                      >
                        {g.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{g.userIds.length}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {formatDate(g.createdAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {items.length > 0 && (
        <Group justify="space-between" mt="sm">
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('groups.showing', { shown: items.length, total })}
          </Text>
          {groups.hasNextPage && (
            <Button
              variant="default"
              onClick={() => void groups.fetchNextPage()}
              loading={groups.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </Button>
          )}
        </Group>
      )}
    </>
  );
}
