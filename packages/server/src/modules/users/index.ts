export { findUserByEmail } from './repo.js';
export { getSelf, toUser, createAccountManager } from './service.js';
export { userRoutes } from './routes.js';
