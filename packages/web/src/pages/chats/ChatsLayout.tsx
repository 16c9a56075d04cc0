import { Paper } from '@mantine/core';
import { IconChartBar, IconFileExport, IconMessages } from '@tabler/icons-react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useT, type MessageKey } from '../../i18n';
import { filterSearch } from './chatFilters';
import classes from './Chats.module.css';

const items: { to: string; label: MessageKey; icon: typeof IconMessages; end: boolean; filtered: boolean }[] =
  [
    { to: '/chats', label: 'chats.chats', icon: IconMessages, end: true, filtered: true },
    { to: '/chats/statistics', label: 'chats.statistics', icon: IconChartBar, end: false, filtered: true },
    { to: '/chats/exports', label: 'chats.exports', icon: IconFileExport, end: false, filtered: false },
  ];

/**
 * The Chats section with its three subsections on the upper left, as in the handbook. The chat list and the
 * statistics share their filters: going from one to the other keeps the period and filters chosen.
 */
export function ChatsLayout() {
  const t = useT();
  const location = useLocation();
  const onFilteredPage = items.some((i) => i.filtered && i.to === location.pathname);
  const search = onFilteredPage ? filterSearch(new URLSearchParams(location.search)) : '';
  return (
    <div className={classes.layout}>
      <Paper withBorder p={4} component="nav" aria-label={t('chats.section')} className={classes.sideNav}>
        {items.map(({ to, label, icon: Icon, end, filtered }) => (
          <NavLink
            key={to}
            to={filtered && search ? `${to}?${search}` : to}
            end={end}
            className={classes.link}
          >
            <Icon size={16} aria-hidden />
            {t(label)}
          </NavLink>
        ))}
      </Paper>
      <div className={classes.content}>
        <Outlet />
      </div>
    </div>
  );
}
