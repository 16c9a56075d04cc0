export {
  routeChat,
  drainQueue,
  drainAllQueues,
  forwardInTx,
  transferChat,
  requeueUnanswered,
  transferTargets,
} from './service.js';
export { CONNECTION_TIMEOUT_SECONDS } from './repo.js';
export { routingRoutes } from './routes.js';
