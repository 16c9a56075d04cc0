import { useQuery } from '@tanstack/react-query';
import type { CampaignSummaryList } from '@livechat/protocol';
import { api } from './client';

export function useCampaigns() {
  return useQuery({
    queryKey: ['campaigns'],
    queryFn: ({ signal }) => api.get<CampaignSummaryList>('/api/campaigns', undefined, signal),
  });
}
