import { useQuery } from '@tanstack/react-query';
import type { PublicConfig } from '@parley/protocol';
import { api } from './client';

export const PRODUCT_NAME_FALLBACK = 'Parley';

export function usePublicConfig() {
  return useQuery({
    queryKey: ['config'],
    queryFn: ({ signal }) => api.get<PublicConfig>('/api/config', undefined, signal),
    staleTime: Infinity,
  });
}

export function useProductName(): string {
  return usePublicConfig().data?.productName ?? PRODUCT_NAME_FALLBACK;
}
