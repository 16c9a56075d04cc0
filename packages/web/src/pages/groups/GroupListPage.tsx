import { useState } from 'react';
import { Anchor, Button, EmptyState, Group, Paper, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch, IconUsersGroup } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { useGroups } from '../../api/groups';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { formatDate } from '../../lib/format';
import classes from '../users/Users.module.css';

export function GroupListPage() {
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const groups = useGroups(q);
  const items = groups.data?.pages.flatMap((p) => p.items) ?? [];
  const total = groups.data?.pages[0]?.total ?? 0;

  return (
    <>
      <Group justify="space-between" align="flex-end" mb="md">
        <TextInput
          label="Search"
          placeholder="Group name"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={280}
        />
        <Button component={Link} to="/users/groups/new" leftSection={<IconPlus size={16} aria-hidden />}>
          Add group
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
            icon={<IconUsersGroup />}
            title={q ? 'No groups match this search' : 'No groups yet'}
            description={q ? undefined : 'Groups let you route chats to several users at once.'}
          />
        ) : (
          <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th w={140}>Users</Table.Th>
                <Table.Th w={180}>Created</Table.Th>
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
        )}
      </Paper>
      {items.length > 0 && (
        <Group justify="space-between" mt="sm">
          <Text size="sm" c="dimmed" aria-live="polite">
            Showing {items.length} of {total} {total === 1 ? 'group' : 'groups'}
          </Text>
          {groups.hasNextPage && (
            <Button
              variant="default"
              onClick={() => void groups.fetchNextPage()}
              loading={groups.isFetchingNextPage}
            >
              Load more
            </Button>
          )}
        </Group>
      )}
    </>
  );
}
