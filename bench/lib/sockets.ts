import WebSocket from 'ws';

/** A frame as the load generators read it. */
export type Frame = { type: string; [k: string]: unknown };

const wsOptions: WebSocket.ClientOptions = { perMessageDeflate: false, skipUTF8Validation: true };

/**
 * A socket whose frames can be listened to at once: attach listeners before awaiting `opened`, or a frame
 * that arrives with the upgrade response (an agent's welcome does) is emitted before a later listener exists.
 */
export function connect(url: string, headers: Record<string, string> = {}): WebSocket {
  return new WebSocket(url, { ...wsOptions, headers });
}

export function opened(ws: WebSocket): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Opens a socket whose first frame answers one of ours (nothing can arrive before the caller listens). */
export function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return opened(connect(url, headers));
}

/** Resolves with the first frame on `ws` that satisfies `pred` (frames are also seen by other listeners). */
export function nextFrame(
  ws: WebSocket,
  what: string,
  pred: (f: Frame) => boolean,
  timeoutMs = 60_000,
): Promise<Frame> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.off('message', on);
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const on = (raw: WebSocket.RawData) => {
      const f = JSON.parse(String(raw)) as Frame;
      if (!pred(f)) return;
      clearTimeout(timer);
      ws.off('message', on);
      resolve(f);
    };
    ws.on('message', on);
  });
}
