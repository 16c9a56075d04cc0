import { sql, type Kysely } from 'kysely';

// Routing: the position of "Sequentially" levels (remembered across restarts and instances), and indexes the
// router reads on every assignment. Instances: each one heart-beats, and a chat remembers which instance
// holds its visitor's socket, so visitors of an instance that died are still marked as left.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table routing_levels add column last_user_id uuid references users(id) on delete set null;
    create index chats_agent_mode on chats (agent_id, mode) where status = 'active';
    create unique index routing_levels_forwarding on routing_levels (campaign_id) where is_forwarding;
    create table instances (
      id text primary key,
      started_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now()
    );
    alter table chats add column visitor_instance_id text;
    create index chats_visitor_instance on chats (visitor_instance_id) where status <> 'closed';
  `.execute(db);
}
