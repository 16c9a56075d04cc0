import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@parley/protocol';
import { ApiError, request, setCsrfToken } from '../api/client';

export const ME_KEY = ['me'] as const;

/** `GET /api/me`; `null` when nobody is signed in. */
async function fetchMe(signal: AbortSignal): Promise<Me | null> {
  try {
    const me = await request<Me>('/api/me', { signal, redirectOn401: false });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: ({ signal }) => fetchMe(signal), staleTime: Infinity });
}

/** Store the signed-in user after login. */
export function useSetMe() {
  const queryClient = useQueryClient();
  return (me: Me) => {
    setCsrfToken(me.csrfToken);
    queryClient.setQueryData(ME_KEY, me);
  };
}
