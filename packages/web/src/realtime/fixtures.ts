import type { AgentChatSummary, ChatEvent } from '@parley/protocol';

/** Test data for the console's reducers (used by the *.test.ts files beside this one). */

export const ME = '00000000-0000-4000-8000-000000000001';
export const OTHER_AGENT = '00000000-0000-4000-8000-000000000002';

export function chatId(n: number): string {
  return `00000000-0000-4000-8000-1000000000${String(n).padStart(2, '0')}`;
}

export function summary(n: number, over: Partial<AgentChatSummary> = {}): AgentChatSummary {
  return {
    id: chatId(n),
    status: 'active',
    mode: 'live',
    campaignId: null,
    campaignTitle: 'Default campaign',
    agentId: ME,
    visitor: {
      id: `00000000-0000-4000-8000-2000000000${String(n).padStart(2, '0')}`,
      name: `Visitor ${n}`,
      email: '',
    },
    visitorPresent: true,
    startUrl: 'https://shop.example/pricing',
    lastSeq: 0,
    lastMessage: null,
    startedAt: `2026-11-25T10:${String(n).padStart(2, '0')}:00.000Z`,
    closedAt: null,
    ...over,
  };
}

export function event(seq: number, over: Partial<ChatEvent> = {}): ChatEvent {
  return {
    seq,
    type: 'text',
    author: 'visitor',
    authorName: 'Visitor',
    userId: null,
    text: `message ${seq}`,
    file: null,
    data: {},
    createdAt: new Date(Date.UTC(2026, 10, 25, 10, 0, seq)).toISOString(),
    ...over,
  };
}

export function events(from: number, to: number, over: Partial<ChatEvent> = {}): ChatEvent[] {
  const out: ChatEvent[] = [];
  for (let s = from; s <= to; s++) out.push(event(s, over));
  return out;
}
