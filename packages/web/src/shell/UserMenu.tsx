import { Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconCode, IconLogout, IconSettings } from '@tabler/icons-react';
import { Link } from 'react-router';
import { request } from '../api/client';
import { isManager, useAuth } from '../auth/AuthContext';
import { useT } from '../i18n';
import { fullName } from '../lib/format';
import { UserAvatar } from '../components/UserAvatar';
import classes from './Shell.module.css';

export function UserMenu() {
  const me = useAuth();
  const t = useT();
  const name = fullName(me.user);

  const signOut = async () => {
    try {
      await request('/api/auth/logout', { method: 'POST', redirectOn401: false });
    } catch {
      // Nothing to undo: an expired session is signed out already.
    }
    // A full page load: nothing of this user stays in memory, and no "return to" page is carried to the next one.
    window.location.replace('/login');
  };

  return (
    // No focus placeholder: a menu may only hold menu items (it held an empty focusable element).
    <Menu position="bottom-end" width={240} shadow="md" withInitialFocusPlaceholder={false}>
      <Menu.Target>
        {/* Named by its content (no aria-label), so the name holds what is seen: "User menu: <name>". */}
        <UnstyledButton className={classes.userButton}>
          <VisuallyHidden>{t('shell.userMenu')}</VisuallyHidden>
          <UserAvatar user={me.user} size={32} aria-hidden />
          <Text size="sm" fw={500} className={classes.userName}>
            {name}
          </Text>
          <IconChevronDown size={14} aria-hidden />
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={500} c="var(--mantine-color-text)" truncate>
            {name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {me.user.email}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        {isManager(me) && (
          <Menu.Item component={Link} to="/your-website" leftSection={<IconCode size={16} aria-hidden />}>
            {t('nav.yourWebsite')}
          </Menu.Item>
        )}
        {isManager(me) && (
          <Menu.Item component={Link} to="/account" leftSection={<IconSettings size={16} aria-hidden />}>
            {t('nav.account')}
          </Menu.Item>
        )}
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut()}>
          {t('nav.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
