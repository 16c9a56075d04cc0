import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CampaignCannedForums,
  CannedForum,
  CannedForumDetail,
  CannedForumList,
  CannedHits,
  CannedResponse,
  CannedResponseCreate,
  CannedResponsePatch,
  ChatCannedForums,
} from '@parley/protocol';
import { api, request } from './client';

// Canned responses (TLS-2…TLS-4): the account's forums and their Q&As, a campaign's choice of forums, and the
// console's search and `#` suggestions for a chat.

export const cannedKeys = {
  forums: ['canned', 'forums'] as const,
  forum: (forumId: string) => ['canned', 'forums', forumId] as const,
  campaign: (campaignId: string) => ['canned', 'campaign', campaignId] as const,
  chatForums: (chatId: string) => ['canned', 'chat', chatId, 'forums'] as const,
  search: (chatId: string, q: string, forumId: string | null) =>
    ['canned', 'chat', chatId, 'search', q, forumId] as const,
  suggest: (chatId: string, prefix: string) => ['canned', 'chat', chatId, 'suggest', prefix] as const,
};

const enc = encodeURIComponent;

// ------------------------------------------------------------------------------------------------ forums

export function useCannedForums() {
  return useQuery({
    queryKey: cannedKeys.forums,
    queryFn: ({ signal }) => api.get<CannedForumList>('/api/canned-forums', undefined, signal),
  });
}

export function useCreateCannedForum() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (title: string) => api.post<CannedForum>('/api/canned-forums', { title }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cannedKeys.forums }),
  });
}

export function useCannedForum(forumId: string) {
  return useQuery({
    queryKey: cannedKeys.forum(forumId),
    queryFn: ({ signal }) =>
      api.get<CannedForumDetail>(`/api/canned-forums/${enc(forumId)}`, undefined, signal),
  });
}

export function useRenameCannedForum(forumId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (title: string) => api.patch<CannedForum>(`/api/canned-forums/${enc(forumId)}`, { title }),
    onSuccess: (forum) => {
      queryClient.setQueryData<CannedForumDetail>(cannedKeys.forum(forumId), (d) => d && { ...d, forum });
      void queryClient.invalidateQueries({ queryKey: cannedKeys.forums, exact: true });
    },
  });
}

export function useDeleteCannedForum() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (forumId: string) => api.delete(`/api/canned-forums/${enc(forumId)}`),
    onSuccess: (_r, forumId) => {
      queryClient.removeQueries({ queryKey: cannedKeys.forum(forumId) });
      void queryClient.invalidateQueries({ queryKey: ['canned'] });
    },
  });
}

// ------------------------------------------------------------------------------------------------ Q&As

/** Puts a Q&A as the server answered it into its forum's cached list (added at the end when new). */
function putResponse(queryClient: ReturnType<typeof useQueryClient>, forumId: string, item: CannedResponse) {
  queryClient.setQueryData<CannedForumDetail>(cannedKeys.forum(forumId), (d) => {
    if (!d) return d;
    const known = d.items.some((i) => i.id === item.id);
    const items = known ? d.items.map((i) => (i.id === item.id ? item : i)) : [...d.items, item];
    return {
      ...d,
      items,
      forum: { ...d.forum, responses: items.filter((i) => i.undoMsLeft === null).length },
    };
  });
}

export function useAddCannedResponse(forumId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CannedResponseCreate) =>
      api.post<CannedResponse>(`/api/canned-forums/${enc(forumId)}/responses`, body),
    onSuccess: (item) => putResponse(queryClient, forumId, item),
  });
}

/** The autosave's request: the changed fields of one Q&A. */
export function saveCannedResponse(id: string, patch: CannedResponsePatch) {
  return api.patch<CannedResponse>(`/api/canned-responses/${enc(id)}`, patch);
}

export function usePutCannedResponse(forumId: string) {
  const queryClient = useQueryClient();
  return (item: CannedResponse) => putResponse(queryClient, forumId, item);
}

export function useRemoveCannedResponse(forumId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<CannedResponse>(`/api/canned-responses/${enc(id)}`),
    onSuccess: (item) => putResponse(queryClient, forumId, item),
  });
}

export function useUndoCannedRemoval(forumId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<CannedResponse>(`/api/canned-responses/${enc(id)}/undo-removal`),
    onSuccess: (item) => putResponse(queryClient, forumId, item),
  });
}

/** A removal became final: the Q&A leaves the forum's list. */
export function useDropCannedResponse(forumId: string) {
  const queryClient = useQueryClient();
  return (id: string) =>
    queryClient.setQueryData<CannedForumDetail>(cannedKeys.forum(forumId), (d) =>
      d ? { ...d, items: d.items.filter((i) => i.id !== id) } : d,
    );
}

// ------------------------------------------------------------------------------------------------ campaigns

const selectionPath = (campaignId: string) => `/api/campaigns/${enc(campaignId)}/tools/canned-responses`;

export function useCampaignCannedForums(campaignId: string) {
  return useQuery({
    queryKey: cannedKeys.campaign(campaignId),
    queryFn: ({ signal }) => api.get<CampaignCannedForums>(selectionPath(campaignId), undefined, signal),
  });
}

export function useSaveCampaignCannedForums(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (forumIds: string[]) =>
      request<CampaignCannedForums>(selectionPath(campaignId), { method: 'PUT', body: { forumIds } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(cannedKeys.campaign(campaignId), saved);
      void queryClient.invalidateQueries({ queryKey: ['canned', 'chat'] });
    },
  });
}

// ------------------------------------------------------------------------------------------------ the console

export function useChatCannedForums(chatId: string, enabled = true) {
  return useQuery({
    queryKey: cannedKeys.chatForums(chatId),
    queryFn: ({ signal }) =>
      api.get<ChatCannedForums>(`/api/chats/${enc(chatId)}/canned-forums`, undefined, signal),
    enabled,
    staleTime: 30_000,
  });
}

/** Quick Response's results (`forumId` null: all the chat's forums). */
export function useCannedSearch(chatId: string, q: string, forumId: string | null, enabled = true) {
  return useQuery({
    queryKey: cannedKeys.search(chatId, q, forumId),
    queryFn: ({ signal }) =>
      api.get<CannedHits>(`/api/chats/${enc(chatId)}/canned-responses`, { q, forumId }, signal),
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

/** `#` + the start of a shortkey in the composer (null: no `#key` is being typed). */
export function useCannedSuggestions(chatId: string, prefix: string | null, enabled = true) {
  return useQuery({
    queryKey: cannedKeys.suggest(chatId, prefix ?? ''),
    queryFn: ({ signal }) =>
      api.get<CannedHits>(
        `/api/chats/${enc(chatId)}/canned-responses/suggestions`,
        { prefix: prefix ?? '' },
        signal,
      ),
    enabled: enabled && prefix !== null,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}
