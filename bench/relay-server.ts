// Baseline for bench/messages: a bare `ws` relay in its own process. It forwards each message from a visitor
// socket to its paired agent socket (as a chat.event frame shaped like the product's) and acknowledges it to
// the visitor with the next seq — the minimum any relay must do. No storage, no validation, no auth.
//
// It runs as the product does (bundled, with the product's V8 flags: bench/lib/procs.ts startBaseline) and
// writes to its sockets as the product does: frames sent to one socket in the same turn of the event loop leave
// in one write (the socket is corked until setImmediate), as in packages/server/src/realtime/connection.ts.
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { num, options } from './lib/args.js';
import { corkedSend as send } from './lib/cork.js';

const opts = options({ port: { type: 'string' } });
const agents = new Map<string, WebSocket>();
const server = createServer();
const wss = new WebSocketServer({ server, perMessageDeflate: false });

wss.on('connection', (ws, req) => {
  const url = new URL(req.url ?? '/', 'http://relay');
  if (url.pathname === '/agent') {
    agents.set(url.searchParams.get('id') ?? '', ws);
    return;
  }
  const agentId = url.searchParams.get('agent') ?? '';
  const chatId = url.searchParams.get('chat') ?? '';
  let seq = 0;
  ws.on('message', (raw) => {
    const f = JSON.parse(String(raw)) as { type: string; cid: string; text: string };
    if (f.type !== 'message.send') return;
    seq++;
    const event = {
      seq,
      type: 'text',
      author: 'visitor',
      authorName: 'Visitor',
      userId: null,
      text: f.text,
      file: null,
      data: {},
      createdAt: new Date().toISOString(),
    };
    const agent = agents.get(agentId);
    if (agent) send(agent, JSON.stringify({ type: 'chat.event', chatId, event }));
    send(ws, JSON.stringify({ type: 'ack', cid: f.cid, chatId, seq }));
  });
});

server.listen(num(opts.port, 'port'), '127.0.0.1', () => console.log('LISTENING'));
// Stopped by the bench with SIGTERM: exit normally (so `--cpu-prof` writes its profile).
process.once('SIGTERM', () => process.exit(0));
