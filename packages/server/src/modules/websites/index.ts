export { websiteRoutes } from './routes.js';
export { insertWebsite, findWebsite, findWebsiteById } from './repo.js';
export { embedSnippet } from './snippet.js';
