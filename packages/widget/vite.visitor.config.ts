import { iifeConfig } from './vite.iife';

// The page's `parley('visitor', …)` (CON-1), served at /widget/visitor.js: the loader adds it at the page's first
// call (issue 14: a page view that names no visitor pays nothing for it).
export default iifeConfig('src/visitor/index.ts', 'parleyVisitor', 'visitor.js');
