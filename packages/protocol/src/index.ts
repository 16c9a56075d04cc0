export * from './errors.js';
export * from './common.js';
export * from './auth.js';
export * from './users.js';
export * from './groups.js';
export * from './websites.js';
export * from './password.js';
export * from './campaigns.js';
