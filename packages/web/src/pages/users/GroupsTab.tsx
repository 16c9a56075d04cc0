import { useState } from 'react';
import { Anchor, Button, Checkbox, EmptyState, Group, Paper, SimpleGrid, Text } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { User } from '@livechat/protocol';
import { useAllGroups } from '../../api/groups';
import { useUpdateUser } from '../../api/users';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { notifyError, notifySuccess } from '../../lib/notify';

/** USR-4: tick or untick the groups the user belongs to. */
export function GroupsTab({ user }: { user: User }) {
  const groups = useAllGroups();
  const update = useUpdateUser(user.id);
  const [selected, setSelected] = useState<string[]>(user.groupIds);
  const dirty =
    selected.length !== user.groupIds.length || selected.some((id) => !user.groupIds.includes(id));

  if (groups.isPending) return <LoadingBlock />;
  if (groups.isError) return <ErrorBlock error={groups.error} onRetry={() => void groups.refetch()} />;
  if (groups.data.length === 0) {
    return (
      <Paper withBorder p="xl" maw={760}>
        <EmptyState
          icon={<IconUsersGroup />}
          title="No groups yet"
          description={
            <>
              <Anchor component={Link} to="/users/groups/new">
                Add a group
              </Anchor>{' '}
              to route chats to several users at once.
            </>
          }
        />
      </Paper>
    );
  }

  const save = () =>
    update.mutate(
      { groupIds: selected },
      {
        onSuccess: (saved) => {
          setSelected(saved.groupIds);
          notifySuccess('Groups saved');
        },
        onError: (err) => notifyError('Could not save the groups', err),
      },
    );

  return (
    <Paper withBorder p="lg" maw={760}>
      <Checkbox.Group
        label="Groups"
        description="The user receives the chats routed to each group they belong to."
        value={selected}
        onChange={setSelected}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm" spacing="xs">
          {groups.data.map((g) => (
            <Checkbox key={g.id} value={g.id} label={g.name} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Group justify="space-between" mt="lg">
        <Text size="sm" c="dimmed">
          {selected.length} of {groups.data.length} selected
        </Text>
        <Button onClick={save} loading={update.isPending} disabled={!dirty}>
          Save groups
        </Button>
      </Group>
    </Paper>
  );
}
