// Baseline for bench/messages: a bare `ws` relay in its own process. It forwards each message from a visitor
// socket to its paired agent socket (as a chat.event frame shaped like the product's) and acknowledges it to
// the visitor with the next seq — the minimum any relay must do. No storage, no validation, no auth.
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { num, options } from './lib/args.js';

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
    agents.get(agentId)?.send(JSON.stringify({ type: 'chat.event', chatId, event }));
    ws.send(JSON.stringify({ type: 'ack', cid: f.cid, chatId, seq }));
  });
});

server.listen(num(opts.port, 'port'), '127.0.0.1', () => console.log('LISTENING'));
