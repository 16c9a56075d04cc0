import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  LIVE_VISITOR_SECONDS,
  type HandInviteResult,
  type LiveVisitor,
  type LiveVisitorList,
} from '@parley/protocol';
import { api } from './client';

export const visitorKeys = { live: ['visitors', 'live'] as const };

/**
 * TLS-6: the visitors on the account's websites now. Page views and invites come over the agent socket
 * (`putLiveVisitor`); this list is read again every 20 s so that visitors who left drop out (nothing tells
 * when a visitor stops sending heartbeats) and chats that started or ended show.
 */
export function useLiveVisitors() {
  return useQuery({
    queryKey: visitorKeys.live,
    queryFn: ({ signal }) => api.get<LiveVisitorList>('/api/visitors/live', undefined, signal),
    refetchInterval: 20_000,
  });
}

/** A visitor's row as the socket says it is now: replaces theirs, or joins the list at the top. */
export function putLiveVisitor(
  list: LiveVisitorList | undefined,
  visitor: LiveVisitor,
): LiveVisitorList | undefined {
  if (!list) return list;
  const known = list.items.some((v) => v.visitId === visitor.visitId);
  return {
    ...list,
    items: known
      ? list.items.map((v) => (v.visitId === visitor.visitId ? visitor : v))
      : [visitor, ...list.items],
  };
}

/** Whether a visitor still counts as on the site at `now` (seen within LIVE_VISITOR_SECONDS). */
export const stillHere = (v: LiveVisitor, now: number) =>
  now - Date.parse(v.lastSeenAt) <= LIVE_VISITOR_SECONDS * 1000;

/** INV-6: invites a visitor to a chat with the signed-in agent (shown with the visitor's next heartbeat). */
export function useInviteVisitor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (visitorId: string) =>
      api.post<HandInviteResult>(`/api/visitors/${encodeURIComponent(visitorId)}/invite`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: visitorKeys.live }),
  });
}
