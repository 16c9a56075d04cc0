import {
  Anchor,
  Badge,
  Button,
  Group,
  Stack,
  Table,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { IconArrowDown, IconSelector } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import type { User, UserSort } from '@parley/protocol';
import { useRestoreUser } from '../../api/users';
import { UserAvatar } from '../../components/UserAvatar';
import { useT } from '../../i18n';
import { formatDate, formatLimits, fullName } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import classes from './Users.module.css';

interface Props {
  users: User[];
  groupNames: Map<string, string>;
  sort: UserSort;
  onSort: (sort: UserSort) => void;
  showRestore: boolean;
}

function SortHeader({
  field,
  label,
  sort,
  onSort,
}: { field: UserSort; label: string } & Pick<Props, 'sort' | 'onSort'>) {
  const active = sort === field;
  const Icon = active ? IconArrowDown : IconSelector;
  return (
    <Table.Th aria-sort={active ? 'ascending' : 'none'}>
      <UnstyledButton onClick={() => onSort(field)} className={classes.sortButton}>
        <Group gap={4} wrap="nowrap">
          <Text fw={600} size="sm">
            {label}
          </Text>
          <Icon size={14} aria-hidden opacity={active ? 1 : 0.5} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

function RestoreButton({ user }: { user: User }) {
  const restore = useRestoreUser();
  const t = useT();
  return (
    <Button
      size="xs"
      variant="light"
      loading={restore.isPending}
      onClick={(e) => {
        e.stopPropagation();
        restore.mutate(user.id, {
          onSuccess: () => notifySuccess(t('users.restored', { name: fullName(user) })),
          onError: (err) => notifyError(t('users.couldNotRestore'), err),
        });
      }}
      aria-label={t('users.restoreName', { name: fullName(user) })}
    >
      {t('users.restore')}
    </Button>
  );
}

export function UsersTable({ users, groupNames, sort, onSort, showRestore }: Props) {
  const navigate = useNavigate();
  const t = useT();
  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
        <Table.Thead>
          <Table.Tr>
            <SortHeader field="name" label={t('users.name')} sort={sort} onSort={onSort} />
            <SortHeader field="email" label={t('users.email')} sort={sort} onSort={onSort} />
            <Table.Th>{t('users.rights')}</Table.Th>
            <Table.Th>{t('users.groups')}</Table.Th>
            <Table.Th title={t('users.limitsHint')}>{t('users.limits')}</Table.Th>
            <SortHeader field="created" label={t('users.created')} sort={sort} onSort={onSort} />
            {showRestore && (
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr
              key={user.id}
              className={classes.row}
              onClick={() => void navigate(`/users/${user.id}`)}
            >
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <UserAvatar user={user} size={32} />
                  <Stack gap={0}>
                    <Anchor
                      component={Link}
                      to={`/users/${user.id}`}
                      onClick={(e) => e.stopPropagation()}
                      fw={500}
                      size="sm"
                      c="var(--mantine-color-text)"
                    >
                      {fullName(user)}
                    </Anchor>
                    {user.nickname && (
                      <Text size="xs" c="dimmed">
                        {user.nickname}
                      </Text>
                    )}
                  </Stack>
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{user.email}</Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={user.rights === 'manager' ? 'indigo' : 'gray'}>
                  {t(`rights.${user.rights}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={user.groupIds.length ? undefined : 'dimmed'}>
                  {user.groupIds.length
                    ? user.groupIds.map((id) => groupNames.get(id) ?? '…').join(', ')
                    : t('users.noGroups')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {formatLimits(user)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {formatDate(user.createdAt)}
                </Text>
              </Table.Td>
              {showRestore && (
                <Table.Td ta="right">{user.deletedAt && <RestoreButton user={user} />}</Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
