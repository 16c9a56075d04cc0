import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode, useMemo, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { setCsrfToken, setUnauthorizedHandler } from './api/client';
import { queryClient } from './api/queryClient';
import { ME_KEY, useMeQuery } from './auth/useMe';
import { I18nProvider, useT } from './i18n';
import { router } from './router';
import { buildTheme, cssVariablesResolver } from './theme';
import classes from './theme.module.css';

// A 401 from any request means the session ended: forget the user; the route guard shows the login page.
setUnauthorizedHandler(() => {
  setCsrfToken(null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'config' });
  queryClient.setQueryData(ME_KEY, null);
  const { pathname, search } = window.location;
  if (pathname !== '/login')
    void router.navigate('/login', { replace: true, state: { from: pathname + search } });
});

function Themed({ children }: { children: ReactNode }) {
  const t = useT();
  const theme = useMemo(() => buildTheme(t), [t]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      {children}
    </MantineProvider>
  );
}

/** The signed-in user's language (or the browser's) for everything below. */
function App() {
  const me = useMeQuery();
  return (
    <I18nProvider me={me.data}>
      {/* A new language renders everything again, also what keeps texts outside React's view. */}
      <Themed key={me.data?.user.language ?? 'browser'}>
        {/* Top right: a notice never covers the Save buttons at the bottom right of the forms. */}
        <Notifications position="top-right" classNames={{ root: classes.notifications }} />
        <RouterProvider router={router} />
      </Themed>
    </I18nProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
