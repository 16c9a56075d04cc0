import type { CreateGroup, Group, GroupPage, UpdateGroup } from '@parley/protocol';
import type { Db } from '../../db/database.js';
import { foreignIds } from '../../db/ownership.js';
import type { GroupRow } from '../../db/schema.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { assertManager, type Actor } from '../identity/index.js';
import * as repo from './repo.js';

const toGroup = (row: GroupRow, userIds: string[]): Group => ({
  id: row.id,
  name: row.name,
  userIds,
  createdAt: new Date(row.created_at).toISOString(),
});

const nameInUse = () =>
  conflict('A group with this name already exists', { name: 'This name is already in use' });

async function checkUsers(db: Db, accountId: string, userIds: string[]) {
  const unknown = await foreignIds(db, 'users', accountId, userIds);
  if (unknown.length > 0) throw invalid({ userIds: `Unknown user: ${unknown[0]}` });
}

async function withMembers(db: Db, accountId: string, row: GroupRow): Promise<Group> {
  const members = await repo.memberIdsOf(db, accountId, [row.id]);
  return toGroup(row, members.get(row.id) ?? []);
}

export async function listGroups(
  db: Db,
  actor: Actor,
  query: { q?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<GroupPage> {
  assertManager(actor);
  const { rows, total, nextCursor } = await repo.listGroups(db, actor.accountId, query);
  const members = await repo.memberIdsOf(
    db,
    actor.accountId,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toGroup(r, members.get(r.id) ?? [])), total, nextCursor };
}

export async function getGroup(db: Db, actor: Actor, id: string): Promise<Group> {
  assertManager(actor);
  const row = await repo.findGroup(db, actor.accountId, id);
  if (!row) throw notFound('Group');
  return withMembers(db, actor.accountId, row);
}

export async function createGroup(db: Db, actor: Actor, input: Required<CreateGroup>): Promise<Group> {
  assertManager(actor);
  await checkUsers(db, actor.accountId, input.userIds);
  if (await repo.nameTaken(db, actor.accountId, input.name)) throw nameInUse();
  const row = await db.transaction().execute(async (tx) => {
    const created = await repo.insertGroup(tx, actor.accountId, input.name);
    await repo.setMembers(tx, actor.accountId, created.id, input.userIds);
    return created;
  });
  return withMembers(db, actor.accountId, row);
}

export async function updateGroup(db: Db, actor: Actor, id: string, patch: UpdateGroup): Promise<Group> {
  assertManager(actor);
  const current = await repo.findGroup(db, actor.accountId, id);
  if (!current) throw notFound('Group');
  if (patch.userIds) await checkUsers(db, actor.accountId, patch.userIds);
  if (patch.name !== undefined && (await repo.nameTaken(db, actor.accountId, patch.name, id)))
    throw nameInUse();
  await db.transaction().execute(async (tx) => {
    if (patch.name !== undefined) await repo.renameGroup(tx, actor.accountId, id, patch.name);
    if (patch.userIds) await repo.setMembers(tx, actor.accountId, id, patch.userIds);
  });
  return getGroup(db, actor, id);
}

export async function deleteGroup(db: Db, actor: Actor, id: string): Promise<void> {
  assertManager(actor);
  const current = await repo.findGroup(db, actor.accountId, id);
  if (!current) throw notFound('Group');
  await repo.deleteGroup(db, actor.accountId, id);
}
