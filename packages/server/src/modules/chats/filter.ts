import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { ChatFilter } from '@parley/protocol';

/**
 * The filters of the Chats section (CHT-1) as one SQL condition on a `chats` row, shared by the chat list and the
 * statistics (STA-1…9, "same filters") so both always count the same chats. Pure: builds a Kysely expression,
 * runs nothing. Usable in `.where(chatFilterWhere(...))` of a query on `chats as c` and inside raw `sql`.
 *
 * What each filter means (docs/statistics.md repeats it):
 * - period: the chat *started* in [start, end) — the account's local dates `from`…`to` (periodRange);
 * - agentId: this user was given the chat at some time (it is theirs now, or was before a transfer: a chat
 *   transferred from Anna to Bram is found under both; "chats per agent" still counts it once, for Bram);
 * - campaignId: the chat came through this campaign;
 * - successCodeId: this code was chosen for the chat;
 * - participants: how many agents answered (sent a message in) the chat, from chat_assignments.answered —
 *   visitor_only none, one_agent exactly one, several_agents two or more;
 * - type: offline = a message left through the offline form (chats.offline_message); nrt = an NRT chat that is not
 *   an offline message; live = a live chat (mode live);
 * - status: queued, active or closed.
 * Ids of another account match nothing: the account condition comes first and always.
 */
export type ChatScope = Omit<ChatFilter, 'from' | 'to'> & { accountId: string; start: Date; end: Date };

export function chatFilterWhere(f: ChatScope, alias = 'c'): RawBuilder<SqlBool> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  const parts: RawBuilder<unknown>[] = [
    sql`${col('account_id')} = ${f.accountId}`,
    // The period's bounds as literals (instants made here, never text from a request): connections plan with
    // plan_cache_mode=force_generic_plan, and a generic plan does not know how much of the table a period is.
    sql`${col('started_at')} >= ${sql.lit(f.start.toISOString())}::timestamptz`,
    sql`${col('started_at')} < ${sql.lit(f.end.toISOString())}::timestamptz`,
  ];
  if (f.agentId) {
    parts.push(
      sql`(${col('agent_id')} = ${f.agentId} or exists (select 1 from chat_assignments a where a.chat_id = ${col('id')} and a.user_id = ${f.agentId}))`,
    );
  }
  if (f.campaignId) parts.push(sql`${col('campaign_id')} = ${f.campaignId}`);
  if (f.status) parts.push(sql`${col('status')} = ${f.status}`);
  if (f.type === 'offline') parts.push(sql`${col('offline_message')}`);
  if (f.type === 'nrt') parts.push(sql`${col('mode')} = 'nrt' and not ${col('offline_message')}`);
  if (f.type === 'live') parts.push(sql`${col('mode')} = 'live' and not ${col('offline_message')}`);
  if (f.successCodeId) {
    parts.push(
      sql`exists (select 1 from chat_success_codes s where s.chat_id = ${col('id')} and s.code_id = ${f.successCodeId})`,
    );
  }
  if (f.participants) {
    const answered = sql`(select count(distinct a.user_id) from chat_assignments a where a.chat_id = ${col('id')} and a.answered)`;
    const cmp = { visitor_only: sql`= 0`, one_agent: sql`= 1`, several_agents: sql`>= 2` }[f.participants];
    parts.push(sql`${answered} ${cmp}`);
  }
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}
