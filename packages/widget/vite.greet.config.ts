import { iifeConfig } from './vite.iife';

// Greetings (INV-3/INV-4), served at /widget/greet.js: the loader adds it only when the campaign has enabled
// greetings.
export default iifeConfig('src/greet/index.ts', 'parleyGreet', 'greet.js');
