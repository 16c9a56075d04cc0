import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateGroup, Group, GroupPage, UpdateGroup } from '@parley/protocol';
import { api } from './client';
import { fetchAll } from './fetchAll';

const PAGE_SIZE = 50;

export const groupKeys = {
  all: ['groups'] as const,
  list: (q: string) => ['groups', 'list', q] as const,
  every: ['groups', 'every'] as const,
  detail: (id: string) => ['groups', 'detail', id] as const,
};

export function useGroups(q: string) {
  return useInfiniteQuery({
    queryKey: groupKeys.list(q),
    queryFn: ({ pageParam, signal }) =>
      api.get<GroupPage>('/api/groups', { q, limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Every group of the account (filters, the user's Groups tab, names in the user list). */
export function useAllGroups() {
  return useQuery({
    queryKey: groupKeys.every,
    queryFn: ({ signal }) => fetchAll<Group>('/api/groups', {}, signal),
  });
}

export function useGroup(id: string) {
  return useQuery({
    queryKey: groupKeys.detail(id),
    queryFn: ({ signal }) => api.get<Group>(`/api/groups/${encodeURIComponent(id)}`, undefined, signal),
  });
}

function useGroupCacheUpdate() {
  const queryClient = useQueryClient();
  return (group?: Group) => {
    if (group) queryClient.setQueryData(groupKeys.detail(group.id), group);
    void queryClient.invalidateQueries({ queryKey: ['groups', 'list'] });
    void queryClient.invalidateQueries({ queryKey: groupKeys.every });
    // Users carry their groupIds.
    void queryClient.invalidateQueries({ queryKey: ['users'] });
  };
}

export function useCreateGroup() {
  const onGroup = useGroupCacheUpdate();
  return useMutation({
    mutationFn: (body: CreateGroup) => api.post<Group>('/api/groups', body),
    onSuccess: onGroup,
  });
}

export function useUpdateGroup(id: string) {
  const onGroup = useGroupCacheUpdate();
  return useMutation({
    mutationFn: (body: UpdateGroup) => api.patch<Group>(`/api/groups/${encodeURIComponent(id)}`, body),
    onSuccess: onGroup,
  });
}

export function useDeleteGroup(id: string) {
  const onGroup = useGroupCacheUpdate();
  return useMutation({
    mutationFn: () => api.delete(`/api/groups/${encodeURIComponent(id)}`),
    onSuccess: () => onGroup(),
  });
}
