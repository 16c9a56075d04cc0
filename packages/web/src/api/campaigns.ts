import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Campaign,
  CampaignList,
  CampaignSummaryList,
  CreateCampaign,
  UpdateCampaign,
} from '@parley/protocol';
import { api, request } from './client';

export const campaignKeys = {
  all: ['campaigns'] as const,
  summaries: ['campaigns', 'summaries'] as const,
  list: ['campaigns', 'list'] as const,
  detail: (id: string) => ['campaigns', 'detail', id] as const,
};

const campaignPath = (id: string) => `/api/campaigns/${encodeURIComponent(id)}`;

/** Id, title and enabled of every campaign (filters and pickers). */
export function useCampaigns() {
  return useQuery({
    queryKey: campaignKeys.summaries,
    queryFn: ({ signal }) => api.get<CampaignSummaryList>('/api/campaigns', { summary: true }, signal),
  });
}

/** Every campaign with its settings (the campaign list). */
export function useCampaignList() {
  return useQuery({
    queryKey: campaignKeys.list,
    queryFn: ({ signal }) => api.get<CampaignList>('/api/campaigns', undefined, signal),
  });
}

export function useCampaign(id: string) {
  return useQuery({
    queryKey: campaignKeys.detail(id),
    queryFn: ({ signal }) => api.get<Campaign>(campaignPath(id), undefined, signal),
  });
}

/** Puts a changed campaign into the cache and refreshes the lists that show it. */
function useCampaignCacheUpdate() {
  const queryClient = useQueryClient();
  return (campaign: Campaign) => {
    queryClient.setQueryData(campaignKeys.detail(campaign.id), campaign);
    queryClient.setQueryData<CampaignList>(campaignKeys.list, (list) =>
      list && list.items.some((c) => c.id === campaign.id)
        ? { items: list.items.map((c) => (c.id === campaign.id ? campaign : c)) }
        : list,
    );
    void queryClient.invalidateQueries({ queryKey: campaignKeys.list });
    void queryClient.invalidateQueries({ queryKey: campaignKeys.summaries });
  };
}

export function uploadCampaignLogo(id: string, file: File): Promise<Campaign> {
  const form = new FormData();
  form.append('file', file);
  return request<Campaign>(`${campaignPath(id)}/logo`, { method: 'POST', body: form });
}

export interface CreatedCampaign {
  campaign: Campaign;
  /** Set when the campaign was created but its logo was refused. */
  logoError: unknown;
}

/** "Add Campaign": creates the campaign, then uploads the logo (which needs the new id). */
export function useCreateCampaign() {
  const onCampaign = useCampaignCacheUpdate();
  return useMutation({
    mutationFn: async ({
      body,
      logo,
    }: {
      body: CreateCampaign;
      logo: File | null;
    }): Promise<CreatedCampaign> => {
      const campaign = await api.post<Campaign>('/api/campaigns', body);
      if (!logo) return { campaign, logoError: null };
      try {
        return { campaign: await uploadCampaignLogo(campaign.id, logo), logoError: null };
      } catch (logoError) {
        return { campaign, logoError };
      }
    },
    onSuccess: ({ campaign }) => onCampaign(campaign),
  });
}

export function useUpdateCampaign(id: string) {
  const onCampaign = useCampaignCacheUpdate();
  return useMutation({
    mutationFn: (body: UpdateCampaign) => api.patch<Campaign>(campaignPath(id), body),
    onSuccess: onCampaign,
  });
}

/** The enabled toggle of the list and the campaign header: saved at once, shown before the answer arrives. */
export function useSetCampaignEnabled() {
  const queryClient = useQueryClient();
  const onCampaign = useCampaignCacheUpdate();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      api.patch<Campaign>(campaignPath(id), { enabled }),
    onMutate: async ({ id, enabled }) => {
      await queryClient.cancelQueries({ queryKey: campaignKeys.list });
      const previous = queryClient.getQueryData<CampaignList>(campaignKeys.list);
      queryClient.setQueryData<CampaignList>(campaignKeys.list, (list) =>
        list ? { items: list.items.map((c) => (c.id === id ? { ...c, enabled } : c)) } : list,
      );
      return { previous };
    },
    onError: (_err, _vars, context) => {
      if (context?.previous) queryClient.setQueryData(campaignKeys.list, context.previous);
    },
    onSuccess: onCampaign,
  });
}

export function useDuplicateCampaign() {
  const onCampaign = useCampaignCacheUpdate();
  return useMutation({
    mutationFn: (id: string) => api.post<Campaign>(`${campaignPath(id)}/duplicate`),
    onSuccess: onCampaign,
  });
}

export function useDeleteCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(campaignPath(id)),
    onSuccess: (_data, id) => {
      queryClient.setQueryData<CampaignList>(campaignKeys.list, (list) =>
        list ? { items: list.items.filter((c) => c.id !== id) } : list,
      );
      queryClient.removeQueries({ queryKey: campaignKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: campaignKeys.list });
      void queryClient.invalidateQueries({ queryKey: campaignKeys.summaries });
    },
  });
}

export function useUploadCampaignLogo(id: string) {
  const onCampaign = useCampaignCacheUpdate();
  return useMutation({ mutationFn: (file: File) => uploadCampaignLogo(id, file), onSuccess: onCampaign });
}

export function useRemoveCampaignLogo(id: string) {
  const onCampaign = useCampaignCacheUpdate();
  return useMutation({
    mutationFn: () => api.delete<Campaign>(`${campaignPath(id)}/logo`),
    onSuccess: onCampaign,
  });
}
