import { useMemo, useRef } from 'react';
import { Button, Group, MultiSelect, Paper, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link } from 'react-router';
import { CreateGroup, type Group as GroupDto } from '@parley/protocol';
import { useActiveUsers } from '../../api/users';
import { fullName } from '../../lib/format';
import { SubmitButton } from '../../components/SubmitButton';
import { useT } from '../../i18n';
import { focusFirstError, schemaErrors, showSubmitError } from '../../lib/forms';
import { useUnsavedChanges } from '../../lib/unsaved';

export interface GroupValues {
  name: string;
  userIds: string[];
}

interface Props {
  group?: GroupDto;
  /** Saves; `release` lets the navigation that follows a save through the unsaved-changes check. */
  onSubmit: (values: GroupValues, release: () => void) => Promise<unknown>;
  /** The notification title when saving fails. */
  failureTitle: string;
  extraActions?: React.ReactNode;
}

export function GroupForm({ group, onSubmit, failureTitle, extraActions }: Props) {
  const users = useActiveUsers();
  const t = useT();
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<GroupValues>({
    initialValues: { name: group?.name ?? '', userIds: group?.userIds ?? [] },
    validate: (values) => schemaErrors(CreateGroup, values) ?? {},
  });

  const options = useMemo(() => {
    const list = (users.data ?? []).map((u) => ({ value: u.id, label: `${fullName(u)} (${u.email})` }));
    // Members who are no longer active stay in the group unless someone removes them here.
    const known = new Set(list.map((o) => o.value));
    for (const id of group?.userIds ?? []) {
      if (!known.has(id)) list.push({ value: id, label: t('groups.deletedUser') });
    }
    return list;
  }, [users.data, group?.userIds, t]);
  const { guard, release } = useUnsavedChanges(form.isDirty());

  const submit = form.onSubmit(
    async (values) => {
      try {
        await onSubmit(values, release);
        form.resetDirty(values);
      } catch (err) {
        showSubmitError(form, err, failureTitle);
        focusFirstError(formRef.current);
      }
    },
    () => focusFirstError(formRef.current),
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      {guard}
      <Paper withBorder p="lg" maw={760}>
        <Stack>
          <TextInput label={t('groups.name')} withAsterisk {...form.getInputProps('name')} />
          <MultiSelect
            label={t('users.users')}
            description={t('groups.usersHint')}
            placeholder={users.isPending ? t('groups.loadingUsers') : t('groups.pickUsers')}
            data={options}
            searchable
            clearable
            hidePickedOptions
            nothingFoundMessage={t('groups.noMatchingUsers')}
            maxDropdownHeight={280}
            {...form.getInputProps('userIds')}
          />
          <Group justify="space-between" mt="sm">
            <div>{extraActions}</div>
            <Group gap="sm">
              <Button variant="default" component={Link} to="/users/groups">
                {t('common.cancel')}
              </Button>
              <SubmitButton busy={form.submitting}>{t('forms.save')}</SubmitButton>
            </Group>
          </Group>
        </Stack>
      </Paper>
    </form>
  );
}
