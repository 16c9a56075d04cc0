export { websiteRoutes } from './routes.js';
export { insertWebsite, findWebsite, findWebsiteById } from './repo.js';
