export { widgetRoutes } from './routes.js';
