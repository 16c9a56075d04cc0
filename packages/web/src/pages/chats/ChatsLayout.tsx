import { Paper } from '@mantine/core';
import { IconChartBar, IconFileExport, IconMessages } from '@tabler/icons-react';
import { NavLink, Outlet } from 'react-router';
import { useT, type MessageKey } from '../../i18n';
import classes from './Chats.module.css';

const items: { to: string; label: MessageKey; icon: typeof IconMessages; end: boolean }[] = [
  { to: '/chats', label: 'chats.chats', icon: IconMessages, end: true },
  { to: '/chats/statistics', label: 'chats.statistics', icon: IconChartBar, end: false },
  { to: '/chats/exports', label: 'chats.exports', icon: IconFileExport, end: false },
];

/** The Chats section with its three subsections on the upper left, as in the handbook. */
export function ChatsLayout() {
  const t = useT();
  return (
    <div className={classes.layout}>
      <Paper withBorder p={4} component="nav" aria-label={t('chats.section')} className={classes.sideNav}>
        {items.map(({ to, label, icon: Icon, end }) => (
          <NavLink key={to} to={to} end={end} className={classes.link}>
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
