export {
  routeChat,
  drainQueue,
  drainAllQueues,
  forwardInTx,
  transferChat,
  requeueUnanswered,
  transferTargets,
} from './service.js';
export { routingRoutes } from './routes.js';
export { queueDrain } from './listeners.js';
