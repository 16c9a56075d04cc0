import { NavLink } from 'react-router';
import classes from './Shell.module.css';

const sections = [
  { to: '/chats', label: 'Chats' },
  { to: '/campaigns', label: 'Campaigns' },
  { to: '/users', label: 'Users & Groups' },
];

/** The three management sections (AUTH-5); only rendered for managers. */
export function TopNav() {
  return (
    <nav aria-label="Main" className={classes.nav}>
      {sections.map((s) => (
        <NavLink key={s.to} to={s.to} className={classes.navLink}>
          {s.label}
        </NavLink>
      ))}
    </nav>
  );
}
