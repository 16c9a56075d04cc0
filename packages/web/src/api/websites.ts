import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateWebsite, EmbedSnippet, Website, WebsiteList } from '@parley/protocol';
import { api } from './client';

export function useWebsites() {
  return useQuery({
    queryKey: ['websites'],
    queryFn: ({ signal }) => api.get<WebsiteList>('/api/websites', undefined, signal),
  });
}

export function useSnippet(websiteId: string | null) {
  return useQuery({
    queryKey: ['websites', websiteId, 'snippet'],
    queryFn: ({ signal }) =>
      api.get<EmbedSnippet>(
        `/api/websites/${encodeURIComponent(websiteId ?? '')}/snippet`,
        undefined,
        signal,
      ),
    enabled: websiteId !== null,
  });
}

export function useCreateWebsite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWebsite) => api.post<Website>('/api/websites', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['websites'] }),
  });
}
