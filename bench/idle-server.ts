// Baseline for bench/idle: a bare `ws` server in its own process that answers a visitor's hello with a welcome
// and then holds the socket, idle — the least any server must keep per connected visitor.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { num, options } from './lib/args.js';

const opts = options({ port: { type: 'string' } });
const server = createServer();
const wss = new WebSocketServer({ server, perMessageDeflate: false });

wss.on('connection', (ws) => {
  ws.on('message', (raw) => {
    const f = JSON.parse(String(raw)) as { type: string };
    if (f.type === 'hello')
      ws.send(JSON.stringify({ type: 'welcome', visitorId: randomUUID(), chats: [], previousChats: 0 }));
  });
});

server.listen(num(opts.port, 'port'), '127.0.0.1', () => console.log('LISTENING'));
