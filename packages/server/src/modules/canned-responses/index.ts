// Canned responses (TLS-2…TLS-4, issue 16): the account's forums of Q&As, which forums each campaign's agents see,
// and the console's search and `#shortkey` suggestions. docs/canned-responses.md.
export { cannedResponseRoutes } from './routes.js';
// Copied along with a duplicated campaign (composed in app.ts: this module sits above the campaigns module).
export { copyCannedForums } from './repo.js';
