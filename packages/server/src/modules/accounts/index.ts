export { countAccounts, findAccount, insertAccount } from './repo.js';
export { accountTimeZone, getAccount, toAccount, updateAccount } from './service.js';
export { accountRoutes } from './routes.js';
