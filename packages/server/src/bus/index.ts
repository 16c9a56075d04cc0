export type { Bus } from './bus.js';
export { createMemoryBus } from './memory.js';
export { createRedisBus, redisClientName } from './redis.js';
