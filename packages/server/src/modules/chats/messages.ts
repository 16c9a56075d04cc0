import type { Deps } from '../../deps.js';
import type { Db } from '../../db/database.js';
import type { ChatRow, VisitorRow } from '../../db/schema.js';
import { forbidden } from '../../errors.js';
import type { Actor } from '../identity/index.js';
import { visitorName } from '../visitors/index.js';
import { chatClosed, chatForAgentWrite, chatNotFound, chatOfVisitor } from './access.js';
import { messageWriter, type MessageInput } from './message-writer.js';
import * as repo from './repo.js';
import { storedEvent } from './transcript.js';
import { agentName } from './views.js';

export type Sent = { chatId: string; seq: number; duplicate: boolean };
type FileMeta = { id: string; name: string; size: number; contentType: string };
type Message = Omit<MessageInput, 'type' | 'fileId' | 'body'> & { text: string; file?: FileMeta };

/**
 * Stores one message through the batching writer and emits it. The author's right to write to the chat is
 * checked inside the same statement; only a refused message costs another query, to say why.
 */
async function storeMessage(
  deps: Pick<Deps, 'db' | 'events'>,
  m: Message,
  whyRefused: () => Promise<never>,
): Promise<Sent> {
  const input: MessageInput = {
    ...m,
    type: m.file ? 'file' : 'text',
    body: m.text,
    fileId: m.file?.id ?? null,
  };
  const result = await messageWriter(deps.db)
    .write(input)
    .catch(async (err: unknown) => {
      // Two resends of one cid raced on two instances: the loser finds the winner's row.
      if ((err as { code?: string }).code === '23505' && m.cid) {
        const seq = await repo.findEventByCid(deps.db, m.chatId, m.cid);
        if (seq !== undefined) return { outcome: 'duplicate' as const, seq };
      }
      throw err;
    });
  if (result.outcome === 'rejected') return whyRefused();
  if (result.outcome === 'duplicate') return { chatId: m.chatId, seq: result.seq, duplicate: true };
  const file = m.file ? { ...m.file, url: `/files/${m.file.id}` } : null;
  const event = storedEvent({ ...input, data: {} }, result.seq, result.createdAt, file);
  // Stored: acknowledge without waiting for the fan-out. Emits start in order (each listener's first step runs
  // at once), and a receiver that misses one reads it from the database.
  void deps.events.emit('message.stored', { chatId: m.chatId, accountId: m.accountId, event });
  return { chatId: m.chatId, seq: result.seq, duplicate: false };
}

/** Why a visitor's message was not stored: not their chat (404), or it has ended (409). */
async function visitorRefusal(db: Db, visitor: VisitorRow, chatId: string): Promise<never> {
  const chat = await chatOfVisitor(db, visitor, chatId);
  if (chat.status === 'closed') throw chatClosed();
  throw chatNotFound();
}

/** Why an agent's message was not stored: not their chat (404/403), or it has ended (409). */
async function agentRefusal(db: Db, actor: Actor, chatId: string): Promise<never> {
  const chat = await chatForAgentWrite(db, actor, chatId);
  if (chat.status === 'closed') throw chatClosed();
  throw forbidden('This chat is not assigned to you');
}

const asVisitor = (visitor: VisitorRow) =>
  ({
    accountId: visitor.account_id,
    author: 'visitor',
    authorName: visitorName(visitor),
    userId: null,
    visitorId: visitor.id,
    agentId: null,
  }) as const;

const asAgent = (actor: Actor, name: string) =>
  ({
    accountId: actor.accountId,
    author: 'agent',
    authorName: name,
    userId: actor.userId,
    visitorId: null,
    agentId: actor.userId,
  }) as const;

export async function visitorMessage(
  deps: Pick<Deps, 'db' | 'events'>,
  visitor: VisitorRow,
  chatId: string,
  cid: string,
  text: string,
): Promise<Sent> {
  return storeMessage(deps, { chatId, cid, text, ...asVisitor(visitor) }, () =>
    visitorRefusal(deps.db, visitor, chatId),
  );
}

export async function agentMessage(
  deps: Pick<Deps, 'db' | 'events'>,
  actor: Actor,
  chatId: string,
  cid: string,
  text: string,
  name?: string,
): Promise<Sent> {
  const author = asAgent(actor, name ?? (await agentName(deps.db, actor.userId)));
  return storeMessage(deps, { chatId, cid, text, ...author }, () => agentRefusal(deps.db, actor, chatId));
}

/** A file message: the file is stored first, then the message that points at it. */
export async function fileMessage(
  deps: Pick<Deps, 'db' | 'events'>,
  chat: ChatRow,
  author: { kind: 'visitor'; visitor: VisitorRow } | { kind: 'agent'; actor: Actor },
  file: FileMeta,
): Promise<Sent> {
  const common = { chatId: chat.id, cid: null, text: file.name, file };
  if (author.kind === 'visitor') {
    return storeMessage(deps, { ...common, ...asVisitor(author.visitor) }, () =>
      visitorRefusal(deps.db, author.visitor, chat.id),
    );
  }
  const name = await agentName(deps.db, author.actor.userId);
  return storeMessage(deps, { ...common, ...asAgent(author.actor, name) }, () =>
    agentRefusal(deps.db, author.actor, chat.id),
  );
}
