import { useState } from 'react';
import { Anchor, Badge, Breadcrumbs, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconLock, IconRestore, IconTrash, IconUser, IconUsersGroup } from '@tabler/icons-react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { User } from '@parley/protocol';
import { useDeleteUser, useRestoreUser, useUser } from '../../api/users';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { UserAvatar } from '../../components/UserAvatar';
import { useT } from '../../i18n';
import { fullName } from '../../lib/format';
import { usePageTitle } from '../../lib/page';
import { notifyError, notifySuccess } from '../../lib/notify';
import { GroupsTab } from './GroupsTab';
import { PersonalInfoTab } from './PersonalInfoTab';
import { SecurityTab } from './SecurityTab';

const TABS = ['personal', 'groups', 'security'] as const;
type Tab = (typeof TABS)[number];

function UserHeader({ user }: { user: User }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteUser(user.id);
  const restore = useRestoreUser();
  const name = fullName(user);

  return (
    <Group justify="space-between" align="flex-start" mb="lg" gap="sm">
      <Group gap="md" wrap="nowrap" miw={0}>
        <UserAvatar user={user} size={56} />
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={1} size="h2">
              {name}
            </Title>
            {user.deletedAt && (
              <Badge color="red" variant="light">
                {t('users.deletedBadge')}
              </Badge>
            )}
          </Group>
          <Text c="dimmed" size="sm">
            {user.email}
            {user.nickname ? ` · ${user.nickname}` : ''}
          </Text>
        </Stack>
      </Group>
      {user.deletedAt ? (
        <Button
          leftSection={<IconRestore size={16} aria-hidden />}
          loading={restore.isPending}
          onClick={() =>
            restore.mutate(user.id, {
              onSuccess: () => notifySuccess(t('users.restored', { name })),
              onError: (err) => notifyError(t('users.couldNotRestore'), err),
            })
          }
        >
          {t('users.restore')}
        </Button>
      ) : (
        <Button
          variant="outline"
          color="red"
          leftSection={<IconTrash size={16} aria-hidden />}
          onClick={() => setConfirming(true)}
        >
          {t('users.delete')}
        </Button>
      )}
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('users.deleteQuestion')}
        confirmLabel={t('users.delete')}
        loading={remove.isPending}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              setConfirming(false);
              notifySuccess(t('users.deletedName', { name }));
            },
            onError: (err) => notifyError(t('users.couldNotDelete'), err),
          })
        }
      >
        {t('users.deleteText', { name })}
      </ConfirmModal>
    </Group>
  );
}

export function EditUserPage() {
  const { id = '' } = useParams();
  const t = useT();
  const user = useUser(id);
  usePageTitle(user.data ? fullName(user.data) : t('users.user'));
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as Tab) : 'personal';

  return (
    <>
      <Breadcrumbs mb="xs" component="nav" aria-label={t('common.breadcrumbs')}>
        <Anchor component={Link} to="/users" size="sm">
          {t('nav.usersGroups')}
        </Anchor>
        <span>{user.data ? fullName(user.data) : t('users.user')}</span>
      </Breadcrumbs>
      {user.isPending ? (
        <LoadingBlock />
      ) : user.isError ? (
        <ErrorBlock error={user.error} onRetry={() => void user.refetch()} />
      ) : (
        <>
          <UserHeader user={user.data} />
          <Tabs
            value={tab}
            onChange={(value) =>
              setParams(value && value !== 'personal' ? { tab: value } : {}, { replace: true })
            }
            keepMounted={false}
          >
            <Tabs.List mb="lg">
              <Tabs.Tab value="personal" leftSection={<IconUser size={16} aria-hidden />}>
                {t('users.personalInfo')}
              </Tabs.Tab>
              <Tabs.Tab value="groups" leftSection={<IconUsersGroup size={16} aria-hidden />}>
                {t('users.groups')}
              </Tabs.Tab>
              <Tabs.Tab value="security" leftSection={<IconLock size={16} aria-hidden />}>
                {t('users.security')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="personal">
              <PersonalInfoTab user={user.data} />
            </Tabs.Panel>
            <Tabs.Panel value="groups">
              <GroupsTab user={user.data} />
            </Tabs.Panel>
            <Tabs.Panel value="security">
              <SecurityTab user={user.data} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </>
  );
}
