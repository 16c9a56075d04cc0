import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ButtonSettings } from '@parley/protocol';
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
