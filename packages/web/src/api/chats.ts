import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import type {
  AgentChatSummary,
  ChatDetail,
  ChatFilterOptions,
  ChatListPage,
  ChatListQuery,
  TransferRequest,
  TransferResult,
  TransferTargets,
} from '@parley/protocol';
import { api, ApiError, request } from './client';

export const chatKeys = {
  all: ['chats'] as const,
  detail: (id: string) => ['chats', 'detail', id] as const,
};

export function fetchChatDetail(id: string, signal?: AbortSignal): Promise<ChatDetail> {
  return api.get<ChatDetail>(`/api/chats/${encodeURIComponent(id)}`, undefined, signal);
}

/**
 * A chat with its visitor details and transcript (the console's Details panel). Kept until told otherwise:
 * the console refetches it when the chat or the visitor changes, and every `refetchMs` while the visitor is
 * on the site (the page they are on moves without a frame saying so).
 */
export function useChatDetail(id: string | null, opts: { refetchMs?: number | false } = {}) {
  return useQuery({
    queryKey: chatKeys.detail(id ?? ''),
    queryFn: ({ signal }) => fetchChatDetail(id!, signal),
    enabled: id !== null,
    staleTime: Infinity,
    refetchInterval: opts.refetchMs ?? false,
  });
}

/** The chat as the server has it now; null when it does not exist or is not visible to this user. */
export async function fetchChatSummary(id: string): Promise<AgentChatSummary | null> {
  try {
    return (await fetchChatDetail(id)).chat;
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 403)) return null;
    throw err;
  }
}

/** Sends a file in a chat; the file message then arrives over the socket as a chat event. */
export function uploadChatFile(chatId: string, file: File): Promise<{ seq: number }> {
  const form = new FormData();
  form.append('file', file);
  return request<{ seq: number }>(`/api/chats/${encodeURIComponent(chatId)}/files`, {
    method: 'POST',
    body: form,
  });
}

export function useUploadChatFile(chatId: string) {
  return useMutation({ mutationFn: (file: File) => uploadChatFile(chatId, file) });
}

export function useTransferTargets(chatId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['chats', 'transfer-targets', chatId],
    queryFn: ({ signal }) =>
      api.get<TransferTargets>(
        `/api/chats/${encodeURIComponent(chatId)}/transfer-targets`,
        undefined,
        signal,
      ),
    enabled,
    // Who is available changes by the minute: always ask when the dialog opens.
    staleTime: 0,
    gcTime: 0,
  });
}

/** Transfers a chat (RTE-6); the socket then says `chat.removed`. */
export function useTransferChat(chatId: string) {
  return useMutation({
    mutationFn: (body: TransferRequest) =>
      api.post<TransferResult>(`/api/chats/${encodeURIComponent(chatId)}/transfer`, body),
  });
}

// ---- the Chats section (CHT-1…3)

/** The list's filters as the API takes them (the period already turned into dates). */
export type ChatListFilters = Omit<ChatListQuery, 'limit' | 'cursor'>;

const CHAT_PAGE_SIZE = 50;

export function useChatList(filters: ChatListFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['chats', 'list', filters] as const,
    queryFn: ({ pageParam, signal }) =>
      api.get<ChatListPage>('/api/chats', { ...filters, limit: CHAT_PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useChatFilterOptions() {
  return useQuery({
    queryKey: ['chats', 'filter-options'] as const,
    queryFn: ({ signal }) => api.get<ChatFilterOptions>('/api/chats/filter-options', undefined, signal),
    staleTime: 60_000,
  });
}

/** A chat's page: read once (a closed chat does not change; an open one is reloaded on return). */
export function useChatPage(id: string) {
  return useQuery({
    queryKey: ['chats', 'page', id] as const,
    queryFn: ({ signal }) => fetchChatDetail(id, signal),
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
  });
}
