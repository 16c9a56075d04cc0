export { widgetRoutes } from './routes.js';
export { widgetSettingsCache } from './listeners.js';
