import type { RoutingMethod } from '@parley/protocol';

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

/** A routing level as the batch planner sees it: its method, its members in order, its round-robin position. */
export type PlanLevel = {
  id: string;
  index: number;
  method: RoutingMethod;
  lastUserId: string | null;
  userIds: string[];
};

/** A waiting chat to place; `levels` are its campaign's routing levels in order (none: everyone routes). */
export type PlanChat = { id: string; mode: 'live' | 'nrt'; levels: PlanLevel[] };

export type Placement = { chatId: string; agentId: string; level: PlanLevel | null };

/**
 * Places many waiting chats at once, oldest first (RTE-1…3, RTE-5): each chat goes to the first agent its
 * levels offer, exactly as `pickOrder` orders them, and the chosen agent's load, last assignment and the
 * level's round-robin position are updated before the next chat is placed — so a burst of chats spreads as if
 * they had been routed one by one. A chat nobody can take is left out (it stays queued). Pure: `candidates`
 * are the available agents with their loads (not modified); `now` stamps the assignments, one millisecond
 * apart so that ties stay in assignment order.
 */
export function planPlacements(
  chats: PlanChat[],
  candidates: Candidate[],
  now: Date,
  random?: () => number,
): { placements: Placement[]; agents: Map<string, Candidate>; lastUsers: Map<string, string> } {
  const agents = new Map(candidates.map((c) => [c.userId, { ...c }]));
  const lastUsers = new Map<string, string>();
  const everyone = candidates.map((c) => c.userId);
  const placements: Placement[] = [];
  let tick = now.getTime();
  const pool = (ids: string[]) =>
    ids.map((id) => agents.get(id)).filter((c): c is Candidate => c !== undefined);
  for (const chat of chats) {
    let chosen: { agentId: string; level: PlanLevel | null } | undefined;
    if (chat.levels.length === 0) {
      const first = pickOrder(pool(everyone), 'least_chats', { mode: chat.mode, random })[0];
      if (first) chosen = { agentId: first, level: null };
    } else {
      for (const level of chat.levels) {
        const lastUserId = lastUsers.get(level.id) ?? level.lastUserId;
        const first = pickOrder(pool(level.userIds), level.method, {
          mode: chat.mode,
          lastUserId,
          random,
        })[0];
        if (first) {
          chosen = { agentId: first, level };
          break;
        }
      }
    }
    if (!chosen) continue;
    const agent = agents.get(chosen.agentId)!;
    if (chat.mode === 'live') agent.liveChats++;
    else agent.nrtChats++;
    agent.lastAssignedAt = new Date(tick++);
    if (chosen.level?.method === 'sequential') lastUsers.set(chosen.level.id, chosen.agentId);
    placements.push({ chatId: chat.id, ...chosen });
  }
  return { placements, agents, lastUsers };
}
