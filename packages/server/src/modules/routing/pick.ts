import type { AgentLoad } from './repo.js';

/**
 * The order in which to offer a chat to agents (pure): agents under their limit for the chat's mode (live or
 * NRT; a null limit is unlimited), fewest active chats of that mode first, ties to whoever has waited longest
 * since their last assignment (never assigned first), then by id for determinism.
 */
export function pickOrder(agents: AgentLoad[], mode: 'live' | 'nrt'): string[] {
  const load = (a: AgentLoad) => (mode === 'live' ? a.liveChats : a.nrtChats);
  const limit = (a: AgentLoad) => (mode === 'live' ? a.liveLimit : a.nrtLimit);
  return agents
    .filter((a) => {
      const l = limit(a);
      return l === null || load(a) < l;
    })
    .sort(
      (a, b) =>
        load(a) - load(b) ||
        (a.lastAssignedAt?.getTime() ?? -Infinity) - (b.lastAssignedAt?.getTime() ?? -Infinity) ||
        (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
    )
    .map((a) => a.userId);
}
