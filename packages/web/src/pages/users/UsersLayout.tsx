import { Tabs } from '@mantine/core';
import { IconUser, IconUsersGroup } from '@tabler/icons-react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { usePageTitle } from '../../lib/page';

export function UsersLayout() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const t = useT();
  const tab = pathname.startsWith('/users/groups') ? '/users/groups' : '/users';
  // The tab's title names the list shown (the header's title is the section's).
  usePageTitle(tab === '/users' ? t('users.users') : t('users.groups'));
  return (
    <>
      <PageHeader title={t('nav.usersGroups')} />
      <Tabs value={tab} onChange={(value) => value && void navigate(value)} mb="lg">
        <Tabs.List>
          <Tabs.Tab value="/users" leftSection={<IconUser size={16} aria-hidden />}>
            {t('users.users')}
          </Tabs.Tab>
          <Tabs.Tab value="/users/groups" leftSection={<IconUsersGroup size={16} aria-hidden />}>
            {t('users.groups')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Outlet />
    </>
  );
}
