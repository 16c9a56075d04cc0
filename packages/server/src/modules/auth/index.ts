export { authGuard } from './guard.js';
export { authRoutes } from './routes.js';
export { deleteStaleSignInCounters } from './service.js';
