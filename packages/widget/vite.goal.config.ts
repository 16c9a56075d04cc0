import { iifeConfig } from './vite.iife';

// Goals with the page's snippet (GOL-4), served at /widget/goal.js: the loader adds it at the page's first
// `parley('goal', …)`.
export default iifeConfig('src/goal/index.ts', 'parleyGoal', 'goal.js');
