import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';

export type StoredFile = { id: string; contentType: string; name: string; size: number; data: Buffer };

export async function insertFile(
  db: Db,
  accountId: string,
  file: { kind: 'photo' | 'logo' | 'attachment'; contentType: string; name: string; data: Buffer },
): Promise<string> {
  const row = await db
    .insertInto('files')
    .values({
      account_id: accountId,
      kind: file.kind,
      content_type: file.contentType,
      name: file.name,
      size: file.data.length,
      sha256: createHash('sha256').update(file.data).digest('hex'),
      data: file.data,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findFile(db: Db, id: string): Promise<StoredFile | undefined> {
  const row = await db
    .selectFrom('files')
    .select(['id', 'content_type', 'name', 'size', 'data'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { id: row.id, contentType: row.content_type, name: row.name, size: row.size, data: row.data };
}

export async function deleteFile(db: Db, accountId: string, id: string): Promise<void> {
  await db.deleteFrom('files').where('account_id', '=', accountId).where('id', '=', id).execute();
}
