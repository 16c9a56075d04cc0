import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ChatFilter, Statistics } from '@parley/protocol';
import { api } from './client';

/** STA-1…9 for the filters (GET /api/statistics); the previous figures stay while new ones load. */
export function useStatistics(filter: ChatFilter | null) {
  return useQuery({
    queryKey: ['statistics', filter],
    queryFn: ({ signal }) => api.get<Statistics>('/api/statistics', { ...filter }, signal),
    enabled: filter !== null,
    placeholderData: keepPreviousData,
  });
}
