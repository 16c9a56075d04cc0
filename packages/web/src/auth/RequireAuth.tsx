import { Navigate, Outlet, useLocation } from 'react-router';
import { FullPageError, FullPageLoader } from '../components/FullPage';
import { SignedInProvider } from './AuthContext';
import { useMeQuery } from './useMe';

/** Signed-in routes: shows the login page to anyone without a session. */
export function RequireAuth() {
  const me = useMeQuery();
  const location = useLocation();
  // Offline before anything loaded: the query waits for the network, and the loader says so.
  if (me.isPending) return <FullPageLoader waitingForNetwork={me.fetchStatus === 'paused'} />;
  if (me.isError) return <FullPageError error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data === null) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return (
    <SignedInProvider me={me.data}>
      <Outlet />
    </SignedInProvider>
  );
}
