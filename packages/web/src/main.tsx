import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { setCsrfToken, setUnauthorizedHandler } from './api/client';
import { queryClient } from './api/queryClient';
import { ME_KEY } from './auth/useMe';
import { router } from './router';
import { theme } from './theme';

// A 401 from any request means the session ended: forget the user; the route guard shows the login page.
setUnauthorizedHandler(() => {
  setCsrfToken(null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'config' });
  queryClient.setQueryData(ME_KEY, null);
  const { pathname, search } = window.location;
  if (pathname !== '/login')
    void router.navigate('/login', { replace: true, state: { from: pathname + search } });
});

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
