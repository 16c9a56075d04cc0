import { iifeConfig } from './vite.iife';

// TLS-5, screen sharing in the chat frame (src/frame/share.ts), served at /widget/share.js: the frame adds it the
// first time the visitor turns sharing on, so opening the chat pays nothing for it. A script of its own rather
// than a chunk of the frame's build: for a dynamic import Vite would add its preload helper (~0.5 KB gzip) to the
// frame itself.
export default iifeConfig('src/frame/share.ts', 'parleyShare', 'share.js');
