export { createAccount, bootstrapDemoAccount, type Bootstrap } from './service.js';
export { findAccount } from './repo.js';
