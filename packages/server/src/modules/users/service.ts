import type { UpdateUser, User, UserListQuery, UserPage } from '@parley/protocol';
import { CreateUser as CreateUserSchema, ErrorCode, PHOTO_MAX_BYTES } from '@parley/protocol';
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import type { Deps } from '../../deps.js';
import { foreignIds } from '../../db/ownership.js';
import type { UserRow, UserUpdate } from '../../db/schema.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import {
  assertManager,
  hashPassword,
  isIpAllowed,
  parseAllowlist,
  revokeUserSessions,
  type Actor,
} from '../identity/index.js';
import { deleteFile, fileUrl, insertFile, sniffImageType } from '../files/index.js';
import * as repo from './repo.js';

export function toUser(row: UserRow, groupIds: string[]): User {
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    nickname: row.nickname,
    language: row.language as User['language'],
    rights: row.rights,
    photoUrl: row.photo_file_id ? fileUrl(row.photo_file_id) : null,
    showPhoto: row.show_photo,
    liveChatLimit: row.live_chat_limit,
    nrtChatLimit: row.nrt_chat_limit,
    ipAllowlist: row.ip_allowlist,
    groupIds,
    deletedAt: row.deleted_at ? new Date(row.deleted_at).toISOString() : null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

async function withGroups(db: Db, accountId: string, row: UserRow): Promise<User> {
  const groups = await repo.groupIdsOf(db, accountId, [row.id]);
  return toUser(row, groups.get(row.id) ?? []);
}

/** The user as they see themselves (`/api/me`); no rights check. */
export async function getSelf(db: Db, actor: Actor): Promise<User> {
  const row = await repo.findUser(db, actor.accountId, actor.userId);
  if (!row) throw notFound('User');
  return withGroups(db, actor.accountId, row);
}

export async function listUsers(
  db: Db,
  actor: Actor,
  query: Required<Pick<UserListQuery, 'status' | 'sort'>> & UserListQuery & { limit: number },
): Promise<UserPage> {
  assertManager(actor);
  const { rows, total, nextCursor } = await repo.listUsers(db, actor.accountId, query);
  const groups = await repo.groupIdsOf(
    db,
    actor.accountId,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toUser(r, groups.get(r.id) ?? [])), total, nextCursor };
}

export async function getUser(db: Db, actor: Actor, id: string): Promise<User> {
  assertManager(actor);
  const row = await repo.findUser(db, actor.accountId, id, { includeDeleted: true });
  if (!row) throw notFound('User');
  return withGroups(db, actor.accountId, row);
}

function checkAllowlist(text: string | null | undefined, actor: Actor, userId?: string): string | null {
  if (text === null || text === undefined) return null;
  const parsed = parseAllowlist(text);
  if (!parsed.ok) throw invalid({ ipAllowlist: parsed.error });
  const normalised = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
  if (userId === actor.userId && !isIpAllowed(normalised, actor.ip)) {
    throw invalid({ ipAllowlist: `This list would lock you out: your address ${actor.ip} is not in it` });
  }
  return normalised;
}

async function checkGroups(db: Db, accountId: string, groupIds: string[]): Promise<void> {
  const unknown = await foreignIds(db, 'groups', accountId, groupIds);
  if (unknown.length > 0) throw invalid({ groupIds: `Unknown group: ${unknown[0]}` });
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

/**
 * Email addresses are unique across all accounts (sign-in is by email). Within the manager's own account we
 * say the user exists (they can see them); an address used in another account is only said to be unusable,
 * so nothing is told about other accounts' users (issue 10.11).
 */
const emailTakenHere = () =>
  conflict('A user with this email address already exists', {
    email: 'There is already a user with this email address',
  });
const emailUnusable = () =>
  conflict('This email address cannot be used', {
    email: 'This email address cannot be used; choose another',
  });

async function assertEmailFree(db: Db, accountId: string, email: string, exceptUserId?: string) {
  const owner = await repo.emailOwnerAccount(db, email, exceptUserId);
  if (owner === accountId) throw emailTakenHere();
  if (owner !== undefined) throw emailUnusable();
}

export async function createUser(
  db: Db,
  actor: Actor,
  input: z.output<typeof CreateUserSchema>,
): Promise<User> {
  assertManager(actor);
  const accountId = actor.accountId;
  const ipAllowlist = checkAllowlist(input.ipAllowlist, actor);
  await checkGroups(db, accountId, input.groupIds);
  await assertEmailFree(db, accountId, input.email);
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await db.transaction().execute(async (tx) => {
      const created = await repo.insertUser(tx, {
        account_id: accountId,
        email: input.email,
        password_hash: passwordHash,
        first_name: input.firstName,
        last_name: input.lastName,
        nickname: input.nickname,
        language: input.language,
        rights: input.rights,
        show_photo: input.showPhoto,
        live_chat_limit: input.liveChatLimit ?? null,
        nrt_chat_limit: input.nrtChatLimit ?? null,
        ip_allowlist: ipAllowlist,
        photo_file_id: null,
      });
      await repo.setUserGroups(tx, accountId, created.id, input.groupIds);
      return created;
    });
    return withGroups(db, accountId, row);
  } catch (err) {
    if (isUniqueViolation(err)) throw emailUnusable();
    throw err;
  }
}

export async function updateUser(
  deps: Pick<Deps, 'db' | 'events'>,
  actor: Actor,
  id: string,
  patch: UpdateUser,
): Promise<User> {
  const { db } = deps;
  assertManager(actor);
  const current = await repo.findUser(db, actor.accountId, id, { includeDeleted: true });
  if (!current) throw notFound('User');
  const self = id === actor.userId;
  if (self && patch.rights === 'agent') {
    throw conflict('You cannot remove your own management access', {
      rights: 'You cannot remove your own management access',
    });
  }
  const set: UserUpdate = {};
  if (patch.email !== undefined && patch.email.toLowerCase() !== current.email.toLowerCase()) {
    await assertEmailFree(db, actor.accountId, patch.email, id);
    set.email = patch.email;
  }
  if (patch.firstName !== undefined) set.first_name = patch.firstName;
  if (patch.lastName !== undefined) set.last_name = patch.lastName;
  if (patch.nickname !== undefined) set.nickname = patch.nickname;
  if (patch.language !== undefined) set.language = patch.language;
  if (patch.rights !== undefined) set.rights = patch.rights;
  if (patch.showPhoto !== undefined) set.show_photo = patch.showPhoto;
  if (patch.liveChatLimit !== undefined) set.live_chat_limit = patch.liveChatLimit;
  if (patch.nrtChatLimit !== undefined) set.nrt_chat_limit = patch.nrtChatLimit;
  if (patch.ipAllowlist !== undefined) set.ip_allowlist = checkAllowlist(patch.ipAllowlist, actor, id);
  if (patch.deleted === false) set.deleted_at = null;
  if (patch.groupIds !== undefined) await checkGroups(db, actor.accountId, patch.groupIds);
  if (patch.password !== undefined) {
    set.password_hash = await hashPassword(patch.password);
    set.password_changed_at = new Date();
  }
  try {
    const row = await db.transaction().execute(async (tx) => {
      const updated = await repo.updateUser(tx, actor.accountId, id, set);
      if (patch.groupIds !== undefined) await repo.setUserGroups(tx, actor.accountId, id, patch.groupIds);
      // A new password ends every other session of that user (AUTH-2).
      if (patch.password !== undefined) await revokeUserSessions(tx, id, self ? actor.sessionId : undefined);
      return updated;
    });
    // A new password ends the user's other sessions, a new allow list may shut addresses out: their open
    // console sockets check again at once (issue 10.10).
    if (patch.password !== undefined || patch.ipAllowlist !== undefined)
      await deps.events.emit('session.ended', { userId: id });
    // A raised limit (or a restored agent) frees slots (RTE-5).
    if (patch.liveChatLimit !== undefined || patch.nrtChatLimit !== undefined || patch.deleted === false)
      await deps.events.emit('agent.limits_changed', { accountId: actor.accountId, userId: id });
    return withGroups(db, actor.accountId, row);
  } catch (err) {
    if (isUniqueViolation(err)) throw emailUnusable();
    throw err;
  }
}

/** Soft delete (USR-6): the user keeps their history in reports and can be restored. */
export async function deleteUser(deps: Pick<Deps, 'db' | 'events'>, actor: Actor, id: string): Promise<void> {
  const { db } = deps;
  assertManager(actor);
  if (id === actor.userId) throw conflict('You cannot delete your own user');
  const current = await repo.findUser(db, actor.accountId, id);
  if (!current) throw notFound('User');
  await db.transaction().execute(async (tx) => {
    await repo.updateUser(tx, actor.accountId, id, { deleted_at: new Date() });
    await revokeUserSessions(tx, id);
  });
  await deps.events.emit('session.ended', { userId: id });
}

/** The first manager of a new account: there is no actor yet (first start, operator command). */
export async function createAccountManager(
  db: Db,
  accountId: string,
  input: { email: string; password: string; firstName: string; lastName: string },
): Promise<UserRow> {
  await assertEmailFree(db, accountId, input.email);
  return repo.insertUser(db, {
    account_id: accountId,
    email: input.email,
    password_hash: await hashPassword(input.password),
    first_name: input.firstName,
    last_name: input.lastName,
    rights: 'manager',
    live_chat_limit: null,
    nrt_chat_limit: null,
    ip_allowlist: null,
    photo_file_id: null,
  });
}

export const photoTooLarge = () =>
  new AppError(
    ErrorCode.payloadTooLarge,
    `The photo is larger than ${PHOTO_MAX_BYTES / 1024 / 1024} MB`,
    413,
    {
      file: 'The photo is too large',
    },
  );

export async function setPhoto(
  db: Db,
  actor: Actor,
  id: string,
  upload: { data: Buffer; filename: string },
): Promise<User> {
  assertManager(actor);
  const current = await repo.findUser(db, actor.accountId, id, { includeDeleted: true });
  if (!current) throw notFound('User');
  if (upload.data.length > PHOTO_MAX_BYTES) throw photoTooLarge();
  const type = sniffImageType(upload.data);
  if (!type) {
    throw new AppError(
      ErrorCode.unsupportedMediaType,
      'The photo must be a PNG, JPEG, GIF or WebP image',
      415,
      {
        file: 'Use a PNG, JPEG, GIF or WebP image',
      },
    );
  }
  const row = await db.transaction().execute(async (tx) => {
    const fileId = await insertFile(tx, actor.accountId, {
      kind: 'photo',
      contentType: type,
      name: upload.filename.slice(0, 200),
      data: upload.data,
    });
    const updated = await repo.updateUser(tx, actor.accountId, id, { photo_file_id: fileId });
    if (current.photo_file_id) await deleteFile(tx, actor.accountId, current.photo_file_id);
    return updated;
  });
  return withGroups(db, actor.accountId, row);
}

export async function removePhoto(db: Db, actor: Actor, id: string): Promise<User> {
  assertManager(actor);
  const current = await repo.findUser(db, actor.accountId, id, { includeDeleted: true });
  if (!current) throw notFound('User');
  const row = await db.transaction().execute(async (tx) => {
    const updated = await repo.updateUser(tx, actor.accountId, id, { photo_file_id: null });
    if (current.photo_file_id) await deleteFile(tx, actor.accountId, current.photo_file_id);
    return updated;
  });
  return withGroups(db, actor.accountId, row);
}
