import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChatWebTabCheck, ChatWebTabs, WebTabSettings, WebTabSettingsInput } from '@parley/protocol';
import { api, request } from './client';

export const webTabKeys = {
  settings: (campaignId: string) => ['tools', campaignId, 'web-tabs'] as const,
  chat: (chatId: string) => ['chats', 'web-tabs', chatId] as const,
  check: (chatId: string, tabId: string) => ['chats', 'web-tabs', chatId, tabId] as const,
};

const base = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/tools/web-tabs`;
const chatBase = (chatId: string) => `/api/chats/${encodeURIComponent(chatId)}/web-tabs`;

/** "More settings" of WebTabs (TLS-1): the campaign's tabs in their order. */
export function useWebTabSettings(campaignId: string) {
  return useQuery({
    queryKey: webTabKeys.settings(campaignId),
    queryFn: ({ signal }) => api.get<WebTabSettings>(base(campaignId), undefined, signal),
  });
}

export function useSaveWebTabSettings(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WebTabSettingsInput) =>
      request<WebTabSettings>(base(campaignId), { method: 'PUT', body }),
    onSuccess: (saved) => queryClient.setQueryData(webTabKeys.settings(campaignId), saved),
  });
}

/** The console: a chat's tabs, each address filled with its visitor (read again when the panel comes back). */
export function useChatWebTabs(chatId: string) {
  return useQuery({
    queryKey: webTabKeys.chat(chatId),
    queryFn: ({ signal }) => api.get<ChatWebTabs>(chatBase(chatId), undefined, signal),
    staleTime: 30_000,
  });
}

/**
 * One tab, filled afresh (the visitor may have moved on), and whether its site lets the console frame it. The
 * server asks the site; its answer is kept a minute there and here.
 */
export function useChatWebTab(chatId: string, tabId: string | null) {
  return useQuery({
    queryKey: webTabKeys.check(chatId, tabId ?? ''),
    queryFn: ({ signal }) =>
      api.get<ChatWebTabCheck>(`${chatBase(chatId)}/${encodeURIComponent(tabId!)}`, undefined, signal),
    enabled: tabId !== null,
    staleTime: 60_000,
  });
}
