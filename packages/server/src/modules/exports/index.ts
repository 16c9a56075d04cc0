// Exports of the Chats section (EXP-1…8) and their token links (EXP-9).
export { exportRoutes, exportLinkRoutes } from './routes.js';
export { conversationsQuery, BATCH_SIZE, type ReportScope } from './reports.js';
