import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { addressKey } from '../http/client-address.js';

/**
 * Limits per client address for visitors (issue 10.9): sockets open at once, hellos and new chats per minute.
 * Counted in Redis when it is configured (so all instances share them), else in this process. Windows use
 * @fastify/rate-limit's store (the same one as the API limit); open sockets use `SocketSlots`. A limit whose
 * store fails lets the visitor through: a Redis hiccup must not shut every visitor out.
 */
export type AddressLimits = {
  /** A slot for one more socket from this address, or null when it has its share; call the result on close. */
  openSocket(req: FastifyRequest): Promise<(() => void) | null>;
  /** 0 when this address may say hello now, else the seconds until it may. */
  hello(req: FastifyRequest): Promise<number>;
  /** 0 when this address may start a chat now, else the seconds until it may. */
  newChat(req: FastifyRequest): Promise<number>;
  close(): void;
};

/** Counts of something held open (sockets) per key, with a maximum. */
export interface SocketSlots {
  acquire(key: string, max: number): Promise<boolean>;
  release(key: string): void;
  close(): void;
}

export function memorySlots(): SocketSlots {
  const held = new Map<string, number>();
  return {
    async acquire(key, max) {
      const n = held.get(key) ?? 0;
      if (n >= max) return false;
      held.set(key, n + 1);
      return true;
    },
    release(key) {
      const n = (held.get(key) ?? 0) - 1;
      if (n > 0) held.set(key, n);
      else held.delete(key);
    },
    close() {},
  };
}

// Per address, a hash of open sockets per instance. An instance that died without closing its sockets stops
// counting once its liveness key expires: the next acquire drops its field.
const ACQUIRE = `
local counts = redis.call('HGETALL', KEYS[1])
local total = 0
for i = 1, #counts, 2 do
  if counts[i] == ARGV[1] or redis.call('EXISTS', ARGV[3] .. counts[i]) == 1 then
    total = total + tonumber(counts[i + 1])
  else
    redis.call('HDEL', KEYS[1], counts[i])
  end
end
if total >= tonumber(ARGV[2]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('EXPIRE', KEYS[1], 86400)
return 1`;
const RELEASE = `
if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 1`;
const ALIVE_MS = 30_000;

export function redisSlots(
  redis: Redis,
  prefix: string,
  instanceId: string,
  log: FastifyBaseLogger,
): SocketSlots {
  const alivePrefix = `${prefix}alive:`;
  const beat = () =>
    redis
      .set(`${alivePrefix}${instanceId}`, '1', 'PX', ALIVE_MS)
      .catch((err: Error) => log.warn({ err }, 'instance liveness for socket limits not written'));
  void beat();
  const timer = setInterval(beat, ALIVE_MS / 3);
  timer.unref();
  return {
    async acquire(key, max) {
      try {
        const ok = await redis.eval(ACQUIRE, 1, `${prefix}sockets:${key}`, instanceId, max, alivePrefix);
        return ok === 1;
      } catch (err) {
        log.warn({ err }, 'socket limit not checked');
        return true;
      }
    },
    release(key) {
      redis
        .eval(RELEASE, 1, `${prefix}sockets:${key}`, instanceId)
        .catch((err: Error) => log.warn({ err }, 'socket limit not released'));
    },
    close() {
      clearInterval(timer);
      redis.del(`${alivePrefix}${instanceId}`).catch(() => {});
    },
  };
}

export function addressLimits(
  app: FastifyInstance,
  opts: {
    socketsPerAddress: number;
    hellosPerMinute: number;
    chatsPerMinute: number;
    slots: SocketSlots;
  },
): AddressLimits {
  const window = (name: string, max: number) => {
    const check = app.createRateLimit({
      max,
      timeWindow: 60_000,
      skipOnError: true,
      keyGenerator: (req) => `visitor-${name}:${addressKey(req.ip)}`,
    });
    return async (req: FastifyRequest) => {
      const r = await check(req);
      return !r.isAllowed && r.isExceeded ? Math.max(1, r.ttlInSeconds) : 0;
    };
  };
  return {
    async openSocket(req) {
      const key = addressKey(req.ip);
      if (!(await opts.slots.acquire(key, opts.socketsPerAddress))) return null;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        opts.slots.release(key);
      };
    },
    hello: window('hello', opts.hellosPerMinute),
    newChat: window('chat', opts.chatsPerMinute),
    close: () => opts.slots.close(),
  };
}
