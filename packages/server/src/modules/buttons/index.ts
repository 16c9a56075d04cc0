// Chat buttons (INV-1, INV-2; the button types INV-7…9 come later): when the button shows, the offline form.
export { buttonRoutes } from './routes.js';
