import { ErrorCode } from '@parley/protocol';
import type { Db } from '../../db/database.js';
import type { ChatRow, VisitorRow } from '../../db/schema.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import type { Actor } from '../identity/index.js';
import * as repo from './repo.js';

export const chatClosed = () => new AppError(ErrorCode.conflict, 'This chat has ended', 409);
export const chatNotFound = () => notFound('Chat');

/** A chat of this visitor, or 404 — another visitor's or account's chat is indistinguishable from none. */
export async function chatOfVisitor(db: Db, visitor: VisitorRow, chatId: string): Promise<ChatRow> {
  const chat = await repo.findChat(db, visitor.account_id, chatId);
  if (!chat || chat.visitor_id !== visitor.id) throw chatNotFound();
  return chat;
}

/** A chat an agent may read: their own, or any of the account for a manager. */
export async function chatForAgentRead(db: Db, actor: Actor, chatId: string): Promise<ChatRow> {
  const chat = await repo.findChat(db, actor.accountId, chatId);
  if (!chat) throw chatNotFound();
  if (chat.agent_id !== actor.userId && actor.rights !== 'manager') throw chatNotFound();
  return chat;
}

/** A chat an agent may write to: assigned to them. */
export async function chatForAgentWrite(db: Db, actor: Actor, chatId: string): Promise<ChatRow> {
  const chat = await repo.findChat(db, actor.accountId, chatId);
  if (!chat) throw chatNotFound();
  if (chat.agent_id !== actor.userId) {
    if (actor.rights === 'manager' || chat.status === 'closed')
      throw forbidden('This chat is not assigned to you');
    throw chatNotFound();
  }
  return chat;
}
