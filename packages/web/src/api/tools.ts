import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CampaignToolSettings, ChatTools } from '@parley/protocol';
import { api, request } from './client';

export const toolKeys = {
  settings: (campaignId: string) => ['tools', campaignId] as const,
  chat: (chatId: string) => ['chats', 'tools', chatId] as const,
};

const base = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/tools`;

/** The Tools tab: the campaign's tool toggles (TLS-7) and cobrowsing settings (TLS-5). */
export function useToolSettings(campaignId: string) {
  return useQuery({
    queryKey: toolKeys.settings(campaignId),
    queryFn: ({ signal }) => api.get<CampaignToolSettings>(base(campaignId), undefined, signal),
  });
}

export function useSaveToolSettings(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CampaignToolSettings) =>
      request<CampaignToolSettings>(base(campaignId), { method: 'PUT', body }),
    onSuccess: (saved) => queryClient.setQueryData(toolKeys.settings(campaignId), saved),
  });
}

/**
 * The tools the console offers in a chat. Re-read when the agent comes back to the window and every half
 * minute, so a tool the manager turns off leaves the console soon; the server refuses it at once regardless.
 */
export function useChatTools(chatId: string) {
  return useQuery({
    queryKey: toolKeys.chat(chatId),
    queryFn: ({ signal }) =>
      api.get<ChatTools>(`/api/chats/${encodeURIComponent(chatId)}/tools`, undefined, signal),
    staleTime: 15_000,
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
  });
}
