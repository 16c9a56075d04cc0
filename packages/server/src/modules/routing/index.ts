export { routeChat, drainQueue, drainAllQueues, requeueUnanswered } from './queue.js';
export { routeChatTo } from './direct.js';
export { forwardInTx, transferChat, transferTargets } from './transfers.js';
export { routingRoutes } from './routes.js';
export { queueDrain } from './listeners.js';
