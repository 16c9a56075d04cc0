export { campaignRoutes } from './routes.js';
