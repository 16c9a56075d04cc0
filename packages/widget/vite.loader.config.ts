import { iifeConfig } from './vite.iife';

// The loader, served at /widget/loader.js.
export default iifeConfig('src/loader/index.ts', 'parleyLoader', 'loader.js');
