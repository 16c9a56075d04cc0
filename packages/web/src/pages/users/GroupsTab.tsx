import { useState } from 'react';
import { Anchor, Button, Checkbox, EmptyState, Group, Paper, SimpleGrid, Text } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { User } from '@parley/protocol';
import { useAllGroups } from '../../api/groups';
import { useUpdateUser } from '../../api/users';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { useT, useRichT } from '../../i18n';
import { notifyError, notifySuccess } from '../../lib/notify';

/** USR-4: tick or untick the groups the user belongs to. */
export function GroupsTab({ user }: { user: User }) {
  const t = useT();
  const rich = useRichT();
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
          icon={<IconUsersGroup aria-hidden />}
          title={t('groups.none')}
          description={rich('groups.noneAdd', {
            link: (chunks) => (
              <Anchor component={Link} to="/users/groups/new" underline="always">
                {chunks}
              </Anchor>
            ),
          })}
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
          notifySuccess(t('groups.saved'));
        },
        onError: (err) => notifyError(t('groups.couldNotSave'), err),
      },
    );

  return (
    <Paper withBorder p="lg" maw={760}>
      <Checkbox.Group
        label={t('users.groups')}
        description={t('groups.userHint')}
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
          {t('groups.selected', { selected: selected.length, total: groups.data.length })}
        </Text>
        <Button onClick={save} loading={update.isPending} disabled={!dirty}>
          {t('groups.save')}
        </Button>
      </Group>
    </Paper>
  );
}
