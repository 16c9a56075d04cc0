import { Paper } from '@mantine/core';
import { IconChartBar, IconFileExport, IconMessages } from '@tabler/icons-react';
import { NavLink, Outlet } from 'react-router';
import classes from './Chats.module.css';

const items = [
  { to: '/chats', label: 'Chats', icon: IconMessages, end: true },
  { to: '/chats/statistics', label: 'Statistics', icon: IconChartBar, end: false },
  { to: '/chats/exports', label: 'Exports', icon: IconFileExport, end: false },
];

/** The Chats section with its three subsections on the upper left, as in the handbook. */
export function ChatsLayout() {
  return (
    <div className={classes.layout}>
      <Paper withBorder p={4} component="nav" aria-label="Chats section" className={classes.sideNav}>
        {items.map(({ to, label, icon: Icon, end }) => (
          <NavLink key={to} to={to} end={end} className={classes.link}>
            <Icon size={16} aria-hidden />
            {label}
          </NavLink>
        ))}
      </Paper>
      <div className={classes.content}>
        <Outlet />
      </div>
    </div>
  );
}
