export type { Bus } from './bus.js';
export { createMemoryBus } from './memory.js';
export { createRedisBus } from './redis.js';
