export { countAccounts, findAccount, insertAccount } from './repo.js';
