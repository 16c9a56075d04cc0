export { websiteRoutes } from './routes.js';
export { insertWebsite, findWebsite } from './repo.js';
