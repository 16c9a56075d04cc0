import type {
  RoutingConfig,
  RoutingConfigInput,
  RoutingMember,
  RoutingMemberView,
  RoutingMethod,
} from '@parley/protocol';
import { RoutingConfigInput as Schema } from '@parley/protocol';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import { foreignIds } from '../../db/ownership.js';
import { invalid, notFound } from '../../errors.js';
import { assertManager, type Actor } from '../identity/index.js';

type MemberRow = {
  level_id: string;
  user_id: string | null;
  group_id: string | null;
  position: number;
  name: string | null;
};

async function campaignOf(db: Db, actor: Actor, campaignId: string) {
  const c = await db
    .selectFrom('campaigns')
    .select('id')
    .where('id', '=', campaignId)
    .where('account_id', '=', actor.accountId)
    .executeTakeFirst();
  if (!c) throw notFound('Campaign');
  return c;
}

async function membersOf(db: Db, levelIds: string[]): Promise<Map<string, RoutingMemberView[]>> {
  const map = new Map<string, RoutingMemberView[]>(levelIds.map((id) => [id, []]));
  if (levelIds.length === 0) return map;
  const rows = (await db
    .selectFrom('routing_level_members as m')
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('groups as g', 'g.id', 'm.group_id')
    .select([
      'm.level_id',
      'm.user_id',
      'm.group_id',
      'm.position',
      sql<string>`coalesce(u.first_name || ' ' || u.last_name, g.name)`.as('name'),
    ])
    .where('m.level_id', 'in', levelIds)
    .orderBy('m.position')
    .execute()) as MemberRow[];
  for (const r of rows) {
    const view: RoutingMemberView = r.user_id
      ? { type: 'user', id: r.user_id, name: r.name ?? '' }
      : { type: 'group', id: r.group_id!, name: r.name ?? '' };
    map.get(r.level_id)?.push(view);
  }
  return map;
}

/** The Routing tab (RTE-1, RTE-4): levels in order and the forwarding level. */
export async function readRoutingConfig(db: Db, actor: Actor, campaignId: string): Promise<RoutingConfig> {
  assertManager(actor);
  await campaignOf(db, actor, campaignId);
  const levels = await db
    .selectFrom('routing_levels')
    .select(['id', 'title', 'method', 'is_forwarding', 'enabled'])
    .where('campaign_id', '=', campaignId)
    .orderBy('position')
    .execute();
  const members = await membersOf(
    db,
    levels.map((l) => l.id),
  );
  const forwarding = levels.find((l) => l.is_forwarding);
  return {
    levels: levels
      .filter((l) => !l.is_forwarding)
      .map((l) => ({ id: l.id, title: l.title, method: l.method, members: members.get(l.id) ?? [] })),
    forwarding: {
      enabled: forwarding?.enabled ?? false,
      method: (forwarding?.method ?? 'least_chats') as RoutingMethod,
      members: forwarding ? (members.get(forwarding.id) ?? []) : [],
    },
  };
}

/** Members must be users (not deleted) and groups of this account; the first unknown one is reported by place. */
async function checkMembers(db: Db, accountId: string, input: z.output<typeof Schema>): Promise<void> {
  const all: [string, RoutingMember][] = [
    ...input.levels.flatMap((l, i) =>
      l.members.map((m, j) => [`levels.${i}.members.${j}`, m] as [string, RoutingMember]),
    ),
    ...input.forwarding.members.map((m, j) => [`forwarding.members.${j}`, m] as [string, RoutingMember]),
  ];
  const ids = (type: RoutingMember['type']) => [
    ...new Set(all.filter(([, m]) => m.type === type).map(([, m]) => m.id)),
  ];
  const unknown = new Set([
    ...(await foreignIds(db, 'users', accountId, ids('user'))),
    ...(await foreignIds(db, 'groups', accountId, ids('group'))),
  ]);
  for (const [path, m] of all) {
    if (unknown.has(m.id)) throw invalid({ [path]: `Unknown ${m.type}: ${m.id}` });
  }
  if (input.forwarding.enabled && input.forwarding.members.length === 0) {
    throw invalid({ 'forwarding.members': 'Add at least one user or group to the forwarding level' });
  }
}

/** Replaces the campaign's routing as a whole, in one transaction. Sequential positions start afresh. */
export async function saveRoutingConfig(
  db: Db,
  actor: Actor,
  campaignId: string,
  input: RoutingConfigInput | z.output<typeof Schema>,
): Promise<RoutingConfig> {
  assertManager(actor);
  await campaignOf(db, actor, campaignId);
  const parsed = Schema.parse(input);
  await checkMembers(db, actor.accountId, parsed);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('routing_levels').where('campaign_id', '=', campaignId).execute();
    const levels = [
      ...parsed.levels.map((l) => ({ ...l, forwarding: false, enabled: true })),
      {
        title: 'Forwarding level',
        method: parsed.forwarding.method,
        members: parsed.forwarding.members,
        forwarding: true,
        enabled: parsed.forwarding.enabled,
      },
    ];
    for (const [position, l] of levels.entries()) {
      const row = await tx
        .insertInto('routing_levels')
        .values({
          account_id: actor.accountId,
          campaign_id: campaignId,
          position,
          title: l.title,
          method: l.method,
          is_forwarding: l.forwarding,
          enabled: l.enabled,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (l.members.length === 0) continue;
      await tx
        .insertInto('routing_level_members')
        .values(
          l.members.map((m, i) => ({
            level_id: row.id,
            account_id: actor.accountId,
            user_id: m.type === 'user' ? m.id : null,
            group_id: m.type === 'group' ? m.id : null,
            position: i,
          })),
        )
        .execute();
    }
  });
  return readRoutingConfig(db, actor, campaignId);
}
