// Exports of the Chats section (EXP-1…8) and their token links (EXP-9).
export { exportRoutes, exportLinkRoutes } from './routes.js';
export { conversationsQuery, type ReportScope } from './repo.js';
export { BATCH_SIZE } from './batches.js';
