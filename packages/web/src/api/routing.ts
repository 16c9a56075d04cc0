import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RoutingConfig, RoutingConfigInput } from '@parley/protocol';
import { api, request } from './client';

export const routingKeys = {
  all: ['routing'] as const,
  config: (campaignId: string) => ['routing', campaignId] as const,
};

const routingPath = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/routing`;

/** The Routing tab of a campaign: its levels in order and the forwarding level (RTE-1, RTE-4). */
export function useRoutingConfig(campaignId: string) {
  return useQuery({
    queryKey: routingKeys.config(campaignId),
    queryFn: ({ signal }) => api.get<RoutingConfig>(routingPath(campaignId), undefined, signal),
  });
}

/** Replaces the campaign's routing as a whole. */
export function useSaveRoutingConfig(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RoutingConfigInput) =>
      request<RoutingConfig>(routingPath(campaignId), { method: 'PUT', body }),
    onSuccess: (saved) => queryClient.setQueryData(routingKeys.config(campaignId), saved),
  });
}
