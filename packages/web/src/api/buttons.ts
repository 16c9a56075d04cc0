import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ButtonSettings, ChatButton, ChatButtonInput, ChatButtonList } from '@parley/protocol';
import { api, request } from './client';

export const buttonKeys = {
  settings: (campaignId: string) => ['buttons', campaignId, 'settings'] as const,
};

const settingsPath = (campaignId: string) =>
  `/api/campaigns/${encodeURIComponent(campaignId)}/buttons/settings`;

/** The Chat buttons tab: when the button shows (INV-1) and the offline form's introduction (INV-2). */
export function useButtonSettings(campaignId: string) {
  return useQuery({
    queryKey: buttonKeys.settings(campaignId),
    queryFn: ({ signal }) => api.get<ButtonSettings>(settingsPath(campaignId), undefined, signal),
  });
}

export function useSaveButtonSettings(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ButtonSettings) =>
      request<ButtonSettings>(settingsPath(campaignId), { method: 'PUT', body }),
    onSuccess: (saved) => queryClient.setQueryData(buttonKeys.settings(campaignId), saved),
  });
}

// ---- the campaign's buttons (INV-7…INV-9)

export const chatButtonKeys = {
  list: (campaignId: string) => ['buttons', campaignId, 'list'] as const,
};

const buttonsPath = (campaignId: string, rest = '') =>
  `/api/campaigns/${encodeURIComponent(campaignId)}/buttons${rest}`;
const buttonPath = (campaignId: string, id: string) => buttonsPath(campaignId, `/${encodeURIComponent(id)}`);

/** The campaign's chat buttons in the list's order. */
export function useChatButtons(campaignId: string) {
  return useQuery({
    queryKey: chatButtonKeys.list(campaignId),
    queryFn: ({ signal }) => api.get<ChatButtonList>(buttonsPath(campaignId), undefined, signal),
  });
}

/** Puts one changed button into the cached list. */
function useButtonCache(campaignId: string) {
  const queryClient = useQueryClient();
  const key = chatButtonKeys.list(campaignId);
  return {
    key,
    put: (button: ChatButton) =>
      queryClient.setQueryData<ChatButtonList>(key, (list) => {
        if (!list) return list;
        const known = list.items.some((b) => b.id === button.id);
        return {
          items: known ? list.items.map((b) => (b.id === button.id ? button : b)) : [...list.items, button],
        };
      }),
    set: (list: ChatButtonList) => queryClient.setQueryData(key, list),
    refresh: () => queryClient.invalidateQueries({ queryKey: key }),
    queryClient,
  };
}

export function useSaveChatButton(campaignId: string) {
  const cache = useButtonCache(campaignId);
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: ChatButtonInput }) =>
      id
        ? request<ChatButton>(buttonPath(campaignId, id), { method: 'PUT', body })
        : request<ChatButton>(buttonsPath(campaignId), { method: 'POST', body }),
    onSuccess: (button) => cache.put(button),
  });
}

export function useSetChatButtonEnabled(campaignId: string) {
  const cache = useButtonCache(campaignId);
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      request<ChatButton>(buttonPath(campaignId, id), { method: 'PATCH', body: { enabled } }),
    onSuccess: (button) => cache.put(button),
  });
}

export function useDeleteChatButton(campaignId: string) {
  const cache = useButtonCache(campaignId);
  return useMutation({
    mutationFn: (id: string) => request<null>(buttonPath(campaignId, id), { method: 'DELETE' }),
    onSuccess: (_nothing, id) => {
      cache.queryClient.setQueryData<ChatButtonList>(cache.key, (list) =>
        list ? { items: list.items.filter((b) => b.id !== id) } : list,
      );
      void cache.refresh();
    },
  });
}

/** The list's new order; shown at once, put back if the server refuses it. */
export function useReorderChatButtons(campaignId: string) {
  const cache = useButtonCache(campaignId);
  return useMutation({
    mutationFn: (ids: string[]) =>
      request<ChatButtonList>(buttonsPath(campaignId, '/order'), { method: 'PUT', body: { ids } }),
    onMutate: async (ids) => {
      await cache.queryClient.cancelQueries({ queryKey: cache.key });
      const before = cache.queryClient.getQueryData<ChatButtonList>(cache.key);
      if (before) {
        const byId = new Map(before.items.map((b) => [b.id, b]));
        const items = ids.map((id) => byId.get(id)).filter((b): b is ChatButton => b !== undefined);
        cache.set({ items: items.map((b, position) => ({ ...b, position })) });
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
