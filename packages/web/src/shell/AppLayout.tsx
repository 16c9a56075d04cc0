import { useEffect, useRef } from 'react';
import { Alert, AppShell, Burger, Container, Drawer } from '@mantine/core';
import { useDisclosure, useNetwork } from '@mantine/hooks';
import { IconHeadset, IconMessages, IconWifiOff } from '@tabler/icons-react';
import { Link, NavLink, Outlet, useLocation, useMatch } from 'react-router';
import { useProductName } from '../api/config';
import { homePath, isManager, useAuth } from '../auth/AuthContext';
import { useT } from '../i18n';
import { focusPageHeading } from '../lib/page';
import { NavLinks, TopNav } from './TopNav';
import { UserMenu } from './UserMenu';
import classes from './Shell.module.css';

/** Focus moves to the page's heading after a navigation, not on the first load and not between tabs. */
function useFocusOnNavigate(main: React.RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Switching tabs of one page keeps the focus on the tab.
    if (document.activeElement?.closest('[role="tablist"]')) return;
    return focusPageHeading(main.current);
  }, [pathname, main]);
}

export function AppLayout() {
  const me = useAuth();
  const t = useT();
  const productName = useProductName();
  const { online } = useNetwork();
  const main = useRef<HTMLElement>(null);
  const [menuOpen, menu] = useDisclosure(false);
  const { pathname } = useLocation();
  // The agent console uses the whole window below the header.
  const fullWidth = useMatch('/console') !== null;
  useFocusOnNavigate(main);
  // A link in the phone's menu was followed: the menu closes.
  const closeMenu = menu.close;
  useEffect(() => closeMenu(), [pathname, closeMenu]);

  return (
    <AppShell header={{ height: 56 }} padding={fullWidth ? 0 : { base: 'sm', sm: 'lg' }}>
      <a href="#main" className={classes.skipLink}>
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header>
        <div className={classes.header}>
          <div className={classes.headerStart}>
            {isManager(me) && (
              <Burger
                opened={menuOpen}
                onClick={menu.toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('shell.menu')}
                aria-expanded={menuOpen}
                aria-controls="main-menu"
              />
            )}
            <Link
              to={homePath(me)}
              className={classes.brand}
              aria-label={t('shell.home', { product: productName })}
            >
              <IconMessages size={24} color="var(--mantine-primary-color-filled)" aria-hidden />
              <span className={classes.brandName}>{productName}</span>
            </Link>
          </div>
          {isManager(me) ? <TopNav /> : <div />}
          <div className={classes.headerEnd}>
            {/* Managers take chats too: the console is one click away from every page. */}
            {isManager(me) && (
              <NavLink to="/console" className={`${classes.navLink} ${classes.consoleLink}`}>
                <span className={classes.navIcon}>
                  <IconHeadset size={16} aria-hidden />
                  {t('nav.console')}
                </span>
              </NavLink>
            )}
            <UserMenu />
          </div>
        </div>
      </AppShell.Header>
      {isManager(me) && (
        <Drawer
          opened={menuOpen}
          onClose={menu.close}
          title={productName}
          size="xs"
          hiddenFrom="sm"
          id="main-menu"
        >
          <nav aria-label={t('nav.main')} className={classes.drawerNav}>
            <NavLinks withConsole />
          </nav>
        </Drawer>
      )}
      <AppShell.Main bg="gray.0" id="main" ref={main} tabIndex={-1} className={classes.main}>
        {!online && (
          <Alert
            color="orange"
            icon={<IconWifiOff aria-hidden />}
            radius={0}
            role="status"
            mb={fullWidth ? 0 : 'md'}
          >
            {t('shell.offline')}
          </Alert>
        )}
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
