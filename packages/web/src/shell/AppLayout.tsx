import { AppShell, Container } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { Link, Outlet } from 'react-router';
import { useProductName } from '../api/config';
import { homePath, isManager, useAuth } from '../auth/AuthContext';
import { TopNav } from './TopNav';
import { UserMenu } from './UserMenu';
import classes from './Shell.module.css';

export function AppLayout() {
  const me = useAuth();
  const productName = useProductName();
  return (
    <AppShell header={{ height: 56 }} padding="lg">
      <AppShell.Header>
        <div className={classes.header}>
          <Link to={homePath(me)} className={classes.brand} aria-label={`${productName} home`}>
            <IconMessages size={24} color="var(--mantine-primary-color-filled)" aria-hidden />
            <span className={classes.brandName}>{productName}</span>
          </Link>
          {isManager(me) ? <TopNav /> : <div />}
          <UserMenu />
        </div>
      </AppShell.Header>
      <AppShell.Main bg="gray.0">
        <Container size="xl" px={0}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
