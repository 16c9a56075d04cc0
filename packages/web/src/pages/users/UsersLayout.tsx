import { Tabs } from '@mantine/core';
import { IconUser, IconUsersGroup } from '@tabler/icons-react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';

export function UsersLayout() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const tab = pathname.startsWith('/users/groups') ? '/users/groups' : '/users';
  return (
    <>
      <PageHeader title="Users & Groups" />
      <Tabs value={tab} onChange={(value) => value && void navigate(value)} mb="lg">
        <Tabs.List>
          <Tabs.Tab value="/users" leftSection={<IconUser size={16} aria-hidden />}>
            Users
          </Tabs.Tab>
          <Tabs.Tab value="/users/groups" leftSection={<IconUsersGroup size={16} aria-hidden />}>
            Groups
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Outlet />
    </>
  );
}
