// Chat buttons (INV-1, INV-2, INV-7…INV-9): when the button shows, the offline form, and the campaign's buttons.
export { buttonRoutes } from './routes.js';
export { addDefaultButton, copyButtons, widgetButtons } from './service.js';
