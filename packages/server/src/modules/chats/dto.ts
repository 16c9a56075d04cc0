import type { AgentCard, AgentChatSummary, ChatEvent, ChatSurvey, VisitorChatView } from '@parley/protocol';
import type { ChatEventRow, ChatRow } from '../../db/schema.js';
import { fileUrl } from '../files/index.js';

export type EventRowWithFile = ChatEventRow & {
  file_name: string | null;
  file_size: number | null;
  file_type: string | null;
};

const iso = (d: Date | string) => new Date(d).toISOString();

export function toChatEvent(row: EventRowWithFile): ChatEvent {
  return {
    seq: row.seq,
    type: row.type as ChatEvent['type'],
    author: row.author,
    authorName: row.author_name,
    userId: row.user_id,
    text: row.body,
    file:
      row.file_id && row.file_name !== null
        ? {
            id: row.file_id,
            url: fileUrl(row.file_id),
            name: row.file_name,
            size: row.file_size ?? 0,
            contentType: row.file_type ?? 'application/octet-stream',
          }
        : null,
    data: row.data,
    createdAt: iso(row.created_at),
  };
}

export function toVisitorChatView(
  chat: ChatRow,
  agent: AgentCard | null,
  queuePosition: number | null,
  survey: ChatSurvey | null = null,
): VisitorChatView {
  return {
    id: chat.id,
    status: chat.status,
    mode: chat.mode,
    agent,
    queuePosition: chat.status === 'queued' && !chat.offline_message ? queuePosition : null,
    offlineMessage: chat.offline_message,
    lastSeq: chat.last_seq,
    startedAt: iso(chat.started_at),
    closedAt: chat.closed_at ? iso(chat.closed_at) : null,
    survey,
  };
}

export type SummaryRow = ChatRow & {
  campaign_title: string | null;
  visitor_name: string;
  visitor_email: string;
  last_body: string | null;
  last_author: 'visitor' | 'agent' | 'system' | null;
  last_at: Date | null;
};

export function toAgentChatSummary(r: SummaryRow, visitorLabel: string): AgentChatSummary {
  return {
    id: r.id,
    status: r.status,
    mode: r.mode,
    campaignId: r.campaign_id,
    campaignTitle: r.campaign_title ?? '',
    agentId: r.agent_id,
    visitor: { id: r.visitor_id, name: visitorLabel, email: r.visitor_email },
    visitorPresent: r.visitor_present,
    startUrl: r.start_url,
    lastSeq: r.last_seq,
    lastMessage:
      r.last_body !== null && r.last_author && r.last_at
        ? { text: r.last_body, author: r.last_author, at: iso(r.last_at) }
        : null,
    startedAt: iso(r.started_at),
    closedAt: r.closed_at ? iso(r.closed_at) : null,
  };
}
