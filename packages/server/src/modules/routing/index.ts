export { routeChat, drainQueue } from './service.js';
export { CONNECTION_TIMEOUT_SECONDS } from './repo.js';
