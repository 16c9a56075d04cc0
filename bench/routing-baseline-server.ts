// Baseline for bench/routing: a minimal chat server in its own process, reached by the same socket client as the
// product. It does what the product must do for a new chat minus the routing: on `hello` it identifies the
// visitor, stores it and records the page view as the product's hello does (untimed), and answers `welcome`; on
// `chat.start` it creates the chat with the product's own code (`startChat`: the chat, its `started` event and
// first message, the visitor's counter),
// acks it, and tells the next agent socket in turn (`chat.upsert`). No agent choice, no limits, no assignment
// written, no queue, no auth. It runs as the product does: bundled, with the product's V8 flags, the same
// database pool, the product's write corking (bench/lib/procs.ts startBaseline, bench/lib/cork.ts).
//
// Agents connect to /ws/agent?id=<n>; an agent's `chat.close` is answered with a closed `chat.upsert` (the
// round's clean-up, not timed). Database: DATABASE_URL (PostgreSQL) or DATA_DIR (PGlite), as the product.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Config } from '../packages/server/src/environment.js';
import { bootstrapDemoAccount } from '../packages/server/src/bootstrap.js';
import { openDatabase } from '../packages/server/src/db/database.js';
import { migrateToLatest } from '../packages/server/src/db/migrate.js';
import { DomainEvents } from '../packages/server/src/events/index.js';
import { startChat } from '../packages/server/src/modules/chats/index.js';
import {
  identifyVisitor,
  recordPageView,
  storeVisitor,
  type SocketVisitor,
} from '../packages/server/src/modules/visitors/index.js';
import { num, options } from './lib/args.js';
import { corkedSend as send } from './lib/cork.js';

const opts = options({ port: { type: 'string' } });
const ADMIN = { adminEmail: 'bench-admin@example.com', adminPassword: 'bench-password-1' };

const handle = await openDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.DATA_DIR || undefined,
});
const db = handle.db;
await migrateToLatest(db);
await bootstrapDemoAccount(db, ADMIN as Config);
const account = await db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
const site = await db.selectFrom('websites').select('id').executeTakeFirstOrThrow();
const campaign = await db.selectFrom('campaigns').selectAll().executeTakeFirstOrThrow();
const deps = { db, events: new DomainEvents(console) };

const agents: WebSocket[] = [];
let nextAgent = 0;
const server = createServer();
const wss = new WebSocketServer({ server, perMessageDeflate: false });

wss.on('connection', (ws, req) => {
  const url = new URL(req.url ?? '/', 'http://baseline');
  if (url.pathname === '/ws/agent') {
    agents.push(ws);
    send(ws, JSON.stringify({ type: 'welcome' }));
    ws.on('message', (raw) => {
      const f = JSON.parse(String(raw)) as { type: string; chatId: string };
      if (f.type === 'chat.close')
        send(ws, JSON.stringify({ type: 'chat.upsert', chat: { id: f.chatId, status: 'closed' } }));
    });
    return;
  }
  let visitor: SocketVisitor | undefined;
  let lastUrl = '';
  let visitId: string | null = null;
  ws.on('message', (raw) => {
    const f = JSON.parse(String(raw)) as {
      type: string;
      token?: string;
      cid: string;
      text: string;
      page?: { url: string; title: string };
    };
    void (async () => {
      if (f.type === 'hello') {
        const known = await identifyVisitor(db, account.id, f.token, 'bench');
        visitor = known.visitor;
        // As the product's hello with a page: the visitor is stored and the page view recorded (not timed).
        if (f.page) {
          await storeVisitor(db, visitor);
          visitId = await recordPageView(db, {
            accountId: account.id,
            visitorId: visitor.row.id,
            websiteId: site.id,
            campaignId: campaign.id,
            url: f.page.url,
            title: f.page.title,
            referrer: '',
            userAgent: 'bench',
          });
          lastUrl = f.page.url;
        }
        send(
          ws,
          JSON.stringify({ type: 'welcome', visitorId: visitor.row.id, token: known.newToken, chats: [] }),
        );
      } else if (f.type === 'chat.start' && visitor) {
        await storeVisitor(db, visitor);
        const started = await startChat(deps, {
          visitor: visitor.row,
          websiteId: site.id,
          campaign,
          visitId,
          cid: f.cid,
          text: f.text,
          url: lastUrl,
          instanceId: 'bench',
        });
        send(ws, JSON.stringify({ type: 'ack', cid: f.cid, chatId: started.chat.id, seq: started.seq }));
        const agent = agents[nextAgent++ % agents.length];
        if (agent)
          send(agent, JSON.stringify({ type: 'chat.upsert', chat: { ...started.chat, status: 'open' } }));
      }
    })().catch((err: unknown) =>
      send(ws, JSON.stringify({ type: 'error', code: 'internal', message: String(err), id: randomUUID() })),
    );
  });
});

server.listen(num(opts.port, 'port'), '127.0.0.1', () => console.log('LISTENING'));
// Stopped by the bench with SIGTERM: exit normally (so `--cpu-prof` writes its profile).
process.once('SIGTERM', () => process.exit(0));
