import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The server package's folder. This file sits in `src/`, and the built server (`dist/main.mjs`) in `dist/`: one
 * level below the package either way, so paths from here hold for both.
 */
export const serverRoot = fileURLToPath(new URL('..', import.meta.url));

/** The built web app (manager UI and console) and the built widget. */
export const webDist = path.join(serverRoot, '../web/dist');
export const widgetDist = path.join(serverRoot, '../widget/dist');
