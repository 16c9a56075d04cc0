import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUser, Me, UpdateUser, User, UserListQuery, UserPage } from '@parley/protocol';
import { api, request } from './client';
import { fetchAll } from './fetchAll';

export type UserFilters = Omit<UserListQuery, 'limit' | 'cursor'>;

const PAGE_SIZE = 50;

export const userKeys = {
  all: ['users'] as const,
  list: (filters: UserFilters) => ['users', 'list', filters] as const,
  active: ['users', 'active'] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
};

export function useUsers(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: userKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<UserPage>('/api/users', { ...filters, limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** All active users of the account (group membership picker). */
export function useActiveUsers() {
  return useQuery({
    queryKey: userKeys.active,
    queryFn: ({ signal }) => fetchAll<User>('/api/users', { status: 'active', sort: 'name' }, signal),
  });
}

export function useUser(id: string) {
  return useQuery({
    queryKey: userKeys.detail(id),
    queryFn: ({ signal }) => api.get<User>(`/api/users/${encodeURIComponent(id)}`, undefined, signal),
  });
}

function useUserCacheUpdate() {
  const queryClient = useQueryClient();
  return (user: User) => {
    queryClient.setQueryData(userKeys.detail(user.id), user);
    void queryClient.invalidateQueries({ queryKey: ['users', 'list'] });
    void queryClient.invalidateQueries({ queryKey: userKeys.active });
    // Group membership is stored on both sides.
    void queryClient.invalidateQueries({ queryKey: ['groups'] });
    // The header shows the signed-in user's own name and photo.
    const me = queryClient.getQueryData<Me | null>(['me']);
    if (me && me.user.id === user.id) queryClient.setQueryData<Me>(['me'], { ...me, user });
  };
}

export interface CreatedUser {
  user: User;
  /** Set when the user was created but their photo was refused. */
  photoError: unknown;
}

/** Creates the user, then uploads the photo (which needs the new id). */
export function useCreateUser() {
  const onUser = useUserCacheUpdate();
  return useMutation({
    mutationFn: async ({ body, photo }: { body: CreateUser; photo: File | null }): Promise<CreatedUser> => {
      const user = await api.post<User>('/api/users', body);
      if (!photo) return { user, photoError: null };
      try {
        return { user: await uploadUserPhoto(user.id, photo), photoError: null };
      } catch (photoError) {
        return { user, photoError };
      }
    },
    onSuccess: ({ user }) => onUser(user),
  });
}

export function useUpdateUser(id: string) {
  const onUser = useUserCacheUpdate();
  return useMutation({
    mutationFn: (body: UpdateUser) => api.patch<User>(`/api/users/${encodeURIComponent(id)}`, body),
    onSuccess: onUser,
  });
}

/** Restore from the list, where each row is a different user. */
export function useRestoreUser() {
  const onUser = useUserCacheUpdate();
  return useMutation({
    mutationFn: (id: string) => api.patch<User>(`/api/users/${encodeURIComponent(id)}`, { deleted: false }),
    onSuccess: onUser,
  });
}

export function useDeleteUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/api/users/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function uploadUserPhoto(id: string, file: File): Promise<User> {
  const form = new FormData();
  form.append('file', file);
  return request<User>(`/api/users/${encodeURIComponent(id)}/photo`, { method: 'POST', body: form });
}

export function useUploadPhoto(id: string) {
  const onUser = useUserCacheUpdate();
  return useMutation({ mutationFn: (file: File) => uploadUserPhoto(id, file), onSuccess: onUser });
}

export function useRemovePhoto(id: string) {
  const onUser = useUserCacheUpdate();
  return useMutation({
    mutationFn: () => api.delete<User>(`/api/users/${encodeURIComponent(id)}/photo`),
    onSuccess: onUser,
  });
}
