import { iifeConfig } from './vite.iife';

// GOL-5's GA4 forwarding, served at /widget/ga4.js: the loader adds it at the first campaign event when the
// campaign forwards its events to GA4 (issue 14: other page views pay nothing for it).
export default iifeConfig('src/ga4/index.ts', 'parleyGa4', 'ga4.js');
