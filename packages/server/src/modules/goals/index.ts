// The campaign's Goals tab (issue 15): success codes (GOL-1) and the customer survey's settings (GOL-2); the
// visitor's answer to the survey is written by the chats module (chats/survey.ts). docs/goals.md.
export { goalRoutes } from './routes.js';
export { closeChatAsAgent, widgetSurveyOf } from './service.js';
export { reachGoalBySnippet, reachGoalsOnPage } from './sales.js';
// Copied along with a duplicated campaign (composed in app.ts: this module sits above the campaigns module).
export { copySuccessCodes } from './repo.js';
export { copyGoals } from './sales-repo.js';
