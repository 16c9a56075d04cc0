// A client process of bench/idle: opens visitor sockets, says hello, waits for the welcome, then holds them idle
// until told to close. Several of these share the sockets so none exceeds its own open-files limit.
import WebSocket from 'ws';

export type IdleCommand =
  { cmd: 'open'; url: string; count: number; concurrency: number } | { cmd: 'count' } | { cmd: 'close' };
export type IdleEvent =
  | { ev: 'opened'; opened: number; failed: number; errors: string[] }
  /** Sockets still open (a server that dropped idle sockets would show here). */
  | { ev: 'count'; open: number };

const sockets: WebSocket[] = [];

function openOne(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      perMessageDeflate: false,
      headers: { origin: 'http://localhost' },
    });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('no welcome within 60 s'));
    }, 60_000);
    ws.once('open', () => ws.send(JSON.stringify({ type: 'hello' })));
    ws.once('message', (raw) => {
      clearTimeout(timer);
      const f = JSON.parse(String(raw)) as { type: string };
      if (f.type === 'welcome') resolve(ws);
      else reject(new Error(`expected welcome, got ${String(raw).slice(0, 200)}`));
    });
    ws.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    ws.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`closed with ${code}`));
    });
  });
}

process.on('message', (msg: IdleCommand) => {
  if (msg.cmd === 'close') {
    for (const ws of sockets) ws.terminate();
    process.exit(0);
  }
  if (msg.cmd === 'count') {
    const open = sockets.filter((ws) => ws.readyState === WebSocket.OPEN).length;
    process.send!({ ev: 'count', open } satisfies IdleEvent);
    return;
  }
  let next = 0;
  let failed = 0;
  const errors: string[] = [];
  const worker = async () => {
    while (next < msg.count) {
      next++;
      try {
        sockets.push(await openOne(msg.url));
      } catch (err) {
        failed++;
        if (errors.length < 5) errors.push(err instanceof Error ? err.message : String(err));
      }
    }
  };
  void Promise.all(Array.from({ length: msg.concurrency }, worker)).then(() =>
    process.send!({ ev: 'opened', opened: sockets.length, failed, errors } satisfies IdleEvent),
  );
});
