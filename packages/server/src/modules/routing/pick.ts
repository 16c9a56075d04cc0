import type { RoutingMethod } from '@livechat/protocol';

/** An agent of a routing level who is signed in and available, with their current load. */
export type Candidate = {
  userId: string;
  liveChats: number;
  nrtChats: number;
  /** null = unlimited. */
  liveLimit: number | null;
  nrtLimit: number | null;
  /** When they were last given a chat; null = never. */
  lastAssignedAt: Date | null;
};

export type PickOptions = {
  /** The chat being routed: live chats count against the live limit, NRT chats against the NRT limit. */
  mode: 'live' | 'nrt';
  /** Sequentially: the agent who got the level's previous chat. */
  lastUserId?: string | null;
  /** A uniform number in [0, 1); injectable for tests. */
  random?: () => number;
};

const load = (c: Candidate, mode: 'live' | 'nrt') => (mode === 'live' ? c.liveChats : c.nrtChats);
const limit = (c: Candidate, mode: 'live' | 'nrt') => (mode === 'live' ? c.liveLimit : c.nrtLimit);
/** Free slots under the agent's own limit; an unlimited agent has the most. */
const space = (c: Candidate, mode: 'live' | 'nrt') => {
  const l = limit(c, mode);
  return l === null ? Infinity : l - load(c, mode);
};
export const hasRoom = (c: Candidate, mode: 'live' | 'nrt') => space(c, mode) > 0;

/** Ties go to whoever has waited longest since their last assignment (never assigned first), then by id. */
const longestWaiting = (a: Candidate, b: Candidate) =>
  (a.lastAssignedAt?.getTime() ?? -Infinity) - (b.lastAssignedAt?.getTime() ?? -Infinity) ||
  (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);

/**
 * The order in which a routing level offers a chat to its agents (RTE-2, RTE-3). Pure: `candidates` are the
 * level's available agents in the level's own order; agents at their limit for the chat's mode are left out.
 * The caller tries them in order until a conditional write succeeds, so the whole order matters, not just
 * the first.
 * - random: a uniformly random order;
 * - least_chats: fewest active chats (of the chat's mode) first;
 * - most_space: most free slots under the agent's own limit first (unlimited counts as most);
 * - sequential: round robin in the level's order, starting after the agent who got the previous chat;
 * - most_chats: most active chats first, so one agent fills up to their limit before the next gets any.
 */
export function pickOrder(candidates: Candidate[], method: RoutingMethod, opts: PickOptions): string[] {
  const { mode } = opts;
  const eligible = candidates.filter((c) => hasRoom(c, mode));
  let ordered: Candidate[];
  switch (method) {
    case 'random': {
      const random = opts.random ?? Math.random;
      ordered = [...eligible];
      for (let i = ordered.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [ordered[i], ordered[j]] = [ordered[j]!, ordered[i]!];
      }
      break;
    }
    case 'least_chats':
      ordered = [...eligible].sort((a, b) => load(a, mode) - load(b, mode) || longestWaiting(a, b));
      break;
    case 'most_space':
      ordered = [...eligible].sort((a, b) => {
        const sa = space(a, mode);
        const sb = space(b, mode);
        return sa === sb ? longestWaiting(a, b) : sb > sa ? 1 : -1;
      });
      break;
    case 'most_chats':
      ordered = [...eligible].sort((a, b) => load(b, mode) - load(a, mode) || longestWaiting(a, b));
      break;
    case 'sequential': {
      const at = opts.lastUserId ? candidates.findIndex((c) => c.userId === opts.lastUserId) : -1;
      // Rotate the level's order to start just after the previous agent (unknown: from the top).
      const rotated = at < 0 ? candidates : [...candidates.slice(at + 1), ...candidates.slice(0, at + 1)];
      ordered = rotated.filter((c) => hasRoom(c, mode));
      break;
    }
  }
  return ordered.map((c) => c.userId);
}
