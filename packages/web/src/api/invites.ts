import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GreetingAvailability, Invite, InviteInput, InviteList } from '@parley/protocol';
import { api, request } from './client';

export const inviteKeys = {
  all: ['invites'] as const,
  list: (campaignId: string) => ['invites', campaignId] as const,
};

const invitesPath = (campaignId: string, rest = '') =>
  `/api/campaigns/${encodeURIComponent(campaignId)}/invites${rest}`;
const invitePath = (campaignId: string, id: string) => invitesPath(campaignId, `/${encodeURIComponent(id)}`);

/** The Automatic Invites tab: when greetings may show, and the greetings in order (INV-1, INV-6). */
export function useInvites(campaignId: string) {
  return useQuery({
    queryKey: inviteKeys.list(campaignId),
    queryFn: ({ signal }) => api.get<InviteList>(invitesPath(campaignId), undefined, signal),
  });
}

/** Puts one changed greeting into the cached list. */
function useInviteCache(campaignId: string) {
  const queryClient = useQueryClient();
  return {
    put: (invite: Invite) =>
      queryClient.setQueryData<InviteList>(inviteKeys.list(campaignId), (list) => {
        if (!list) return list;
        const known = list.items.some((i) => i.id === invite.id);
        return {
          ...list,
          items: known ? list.items.map((i) => (i.id === invite.id ? invite : i)) : [...list.items, invite],
        };
      }),
    set: (list: InviteList) => queryClient.setQueryData(inviteKeys.list(campaignId), list),
    refresh: () => queryClient.invalidateQueries({ queryKey: inviteKeys.list(campaignId) }),
    queryClient,
  };
}

export function useSaveInvite(campaignId: string) {
  const cache = useInviteCache(campaignId);
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: InviteInput }) =>
      id
        ? request<Invite>(invitePath(campaignId, id), { method: 'PUT', body })
        : request<Invite>(invitesPath(campaignId), { method: 'POST', body }),
    onSuccess: (invite) => cache.put(invite),
  });
}

export function useSetInviteEnabled(campaignId: string) {
  const cache = useInviteCache(campaignId);
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      request<Invite>(invitePath(campaignId, id), { method: 'PATCH', body: { enabled } }),
    onSuccess: (invite) => cache.put(invite),
  });
}

export function useDeleteInvite(campaignId: string) {
  const cache = useInviteCache(campaignId);
  return useMutation({
    mutationFn: (id: string) => request<null>(invitePath(campaignId, id), { method: 'DELETE' }),
    onSuccess: (_nothing, id) => {
      cache.queryClient.setQueryData<InviteList>(inviteKeys.list(campaignId), (list) =>
        list ? { ...list, items: list.items.filter((i) => i.id !== id) } : list,
      );
      void cache.refresh();
    },
  });
}

/** The list's new order; shown at once, put back if the server refuses it. */
export function useReorderInvites(campaignId: string) {
  const cache = useInviteCache(campaignId);
  const key = inviteKeys.list(campaignId);
  return useMutation({
    mutationFn: (ids: string[]) =>
      request<InviteList>(invitesPath(campaignId, '/order'), { method: 'PUT', body: { ids } }),
    onMutate: async (ids) => {
      await cache.queryClient.cancelQueries({ queryKey: key });
      const before = cache.queryClient.getQueryData<InviteList>(key);
      if (before) {
        const byId = new Map(before.items.map((i) => [i.id, i]));
        const items = ids.map((id) => byId.get(id)).filter((i): i is Invite => i !== undefined);
        cache.set({ ...before, items: items.map((i, position) => ({ ...i, position })) });
      }
      return { before };
    },
    onError: (_err, _ids, context) => {
      if (context?.before) cache.set(context.before);
      void cache.refresh();
    },
    onSuccess: (list) => cache.set(list),
  });
}

export function useSetGreetingAvailability(campaignId: string) {
  const cache = useInviteCache(campaignId);
  return useMutation({
    mutationFn: (availability: GreetingAvailability) =>
      request<InviteList>(invitesPath(campaignId, '/availability'), {
        method: 'PUT',
        body: { availability },
      }),
    onSuccess: (list) => cache.set(list),
  });
}
