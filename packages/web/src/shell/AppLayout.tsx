import { AppShell, Container } from '@mantine/core';
import { IconHeadset, IconMessages } from '@tabler/icons-react';
import { Link, NavLink, Outlet, useMatch } from 'react-router';
import { useProductName } from '../api/config';
import { homePath, isManager, useAuth } from '../auth/AuthContext';
import { TopNav } from './TopNav';
import { UserMenu } from './UserMenu';
import classes from './Shell.module.css';

export function AppLayout() {
  const me = useAuth();
  const productName = useProductName();
  // The agent console uses the whole window below the header.
  const fullWidth = useMatch('/console') !== null;
  return (
    <AppShell header={{ height: 56 }} padding={fullWidth ? 0 : 'lg'}>
      <AppShell.Header>
        <div className={classes.header}>
          <Link to={homePath(me)} className={classes.brand} aria-label={`${productName} home`}>
            <IconMessages size={24} color="var(--mantine-primary-color-filled)" aria-hidden />
            <span className={classes.brandName}>{productName}</span>
          </Link>
          {isManager(me) ? <TopNav /> : <div />}
          <div className={classes.headerEnd}>
            {/* Managers take chats too: the console is one click away from every page. */}
            {isManager(me) && (
              <NavLink to="/console" className={classes.navLink}>
                <span className={classes.navIcon}>
                  <IconHeadset size={16} aria-hidden />
                  Console
                </span>
              </NavLink>
            )}
            <UserMenu />
          </div>
        </div>
      </AppShell.Header>
      <AppShell.Main bg="gray.0">
        {fullWidth ? (
          <Outlet />
        ) : (
          <Container size="xl" px={0}>
            <Outlet />
          </Container>
        )}
      </AppShell.Main>
    </AppShell>
  );
}
