import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Account, Me, UpdateAccount } from '@parley/protocol';
import { api } from './client';

/** Changes the account's settings; every date on screen follows the new time zone at once. */
export function useUpdateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateAccount) => api.patch<Account>('/api/account', body),
    onSuccess: (account) => {
      const me = queryClient.getQueryData<Me | null>(['me']);
      if (me) queryClient.setQueryData<Me>(['me'], { ...me, account });
      // Lists read their periods in the account's time zone.
      void queryClient.invalidateQueries({ queryKey: ['chats'] });
    },
  });
}
