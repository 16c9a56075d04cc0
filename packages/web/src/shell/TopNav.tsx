import { IconHeadset } from '@tabler/icons-react';
import { NavLink } from 'react-router';
import { useT, type MessageKey } from '../i18n';
import classes from './Shell.module.css';

const sections: { to: string; label: MessageKey }[] = [
  { to: '/chats', label: 'nav.chats' },
  { to: '/campaigns', label: 'nav.campaigns' },
  { to: '/users', label: 'nav.usersGroups' },
];

/** The management sections as links; in the header, or in the phone's menu with the console. */
export function NavLinks({ withConsole = false }: { withConsole?: boolean }) {
  const t = useT();
  return (
    <>
      {sections.map((s) => (
        <NavLink key={s.to} to={s.to} className={classes.navLink}>
          {t(s.label)}
        </NavLink>
      ))}
      {withConsole && (
        <NavLink to="/console" className={classes.navLink}>
          <span className={classes.navIcon}>
            <IconHeadset size={16} aria-hidden />
            {t('nav.console')}
          </span>
        </NavLink>
      )}
    </>
  );
}

/** The three management sections (AUTH-5); only rendered for managers, behind the menu button on phones. */
export function TopNav() {
  const t = useT();
  return (
    <nav aria-label={t('nav.main')} className={classes.nav}>
      <NavLinks />
    </nav>
  );
}
