import { useMemo } from 'react';
import { Button, Group, MultiSelect, Paper, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link } from 'react-router';
import { CreateGroup, type Group as GroupDto } from '@livechat/protocol';
import { useActiveUsers } from '../../api/users';
import { fullName } from '../../lib/format';
import { schemaErrors, showSubmitError } from '../../lib/forms';

export interface GroupValues {
  name: string;
  userIds: string[];
}

interface Props {
  group?: GroupDto;
  onSubmit: (values: GroupValues) => Promise<unknown>;
  /** The notification title when saving fails. */
  failureTitle: string;
  extraActions?: React.ReactNode;
}

export function GroupForm({ group, onSubmit, failureTitle, extraActions }: Props) {
  const users = useActiveUsers();
  const form = useForm<GroupValues>({
    initialValues: { name: group?.name ?? '', userIds: group?.userIds ?? [] },
    validate: (values) => schemaErrors(CreateGroup, values) ?? {},
  });

  const options = useMemo(() => {
    const list = (users.data ?? []).map((u) => ({ value: u.id, label: `${fullName(u)} (${u.email})` }));
    // Members who are no longer active stay in the group unless someone removes them here.
    const known = new Set(list.map((o) => o.value));
    for (const id of group?.userIds ?? []) {
      if (!known.has(id)) list.push({ value: id, label: 'Deleted user' });
    }
    return list;
  }, [users.data, group?.userIds]);

  const submit = form.onSubmit(async (values) => {
    try {
      await onSubmit(values);
      form.resetDirty(values);
    } catch (err) {
      showSubmitError(form, err, failureTitle);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Paper withBorder p="lg" maw={760}>
        <Stack>
          <TextInput label="Name" withAsterisk {...form.getInputProps('name')} />
          <MultiSelect
            label="Users"
            description="Active users who belong to this group"
            placeholder={users.isPending ? 'Loading users…' : 'Pick users'}
            data={options}
            searchable
            clearable
            hidePickedOptions
            nothingFoundMessage="No matching users"
            maxDropdownHeight={280}
            {...form.getInputProps('userIds')}
          />
          <Group justify="space-between" mt="sm">
            <div>{extraActions}</div>
            <Group gap="sm">
              <Button variant="default" component={Link} to="/users/groups">
                Cancel
              </Button>
              <Button type="submit" loading={form.submitting}>
                Save
              </Button>
            </Group>
          </Group>
        </Stack>
      </Paper>
    </form>
  );
}
