// The agent tools (issue 16): the campaign's Tools tab (TLS-7 toggles, TLS-5 cobrowsing settings) and what the
// console is told of a chat's tools. The toggles themselves are read and enforced through campaigns/tools.ts, low
// in the module graph, so that the chats module and the realtime gateways can use them. docs/tools.md.
export { toolRoutes } from './routes.js';
export { chatTools, toolSettingsOf } from './service.js';
export { findToolSettingsColumns } from './repo.js';
// Copied along with a duplicated campaign (composed in app.ts: this module sits above the campaigns module).
export { copyWebTabs } from './web-tabs-repo.js';
