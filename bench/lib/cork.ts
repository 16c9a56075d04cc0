import type { WebSocket } from 'ws';

type Raw = { cork(): void; uncork(): void };
const corked = new WeakSet<Raw>();

/**
 * Sends a frame the way the product does (packages/server/src/realtime/connection.ts `cork`): frames sent to one
 * socket in the same turn of the event loop leave in one write, the socket being corked until setImmediate.
 * The bench's baseline servers use it so that they and the product write alike.
 */
export function corkedSend(ws: WebSocket, json: string): void {
  const raw = (ws as unknown as { _socket?: Raw })._socket;
  if (raw && !corked.has(raw)) {
    corked.add(raw);
    raw.cork();
    setImmediate(() => {
      corked.delete(raw);
      raw.uncork();
    });
  }
  ws.send(json);
}
