// Prints the gzip sizes of the widget bundles and fails when a budget is exceeded (DESIGN.md, Widget):
// the loader, which every page view pays for, the chat frame's JS + CSS, loaded when a chat is opened, and the
// greetings (greet.js), loaded a few seconds before a greeting's moment can match (docs/invites.md), goal.js,
// loaded at the page's first parley('goal', …) (docs/goals.md), visitor.js, at the first parley('visitor', …),
// ga4.js, at the first event of a campaign that forwards its events to GA4 (docs/analytics.md), and cobrowse.js
// (TLS-5, the rrweb recorder, in the page) and share.js (its counterpart in the chat frame), when the visitor
// turns screen sharing on (docs/embedding.md).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../dist');
const KB = 1024;
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const fmt = (n) => `${(n / KB).toFixed(2)} KB`;

const loader = path.join(dist, 'loader.js');
const greet = path.join(dist, 'greet.js');
const goal = path.join(dist, 'goal.js');
const visitor = path.join(dist, 'visitor.js');
const ga4 = path.join(dist, 'ga4.js');
const cobrowse = path.join(dist, 'cobrowse.js');
const share = path.join(dist, 'share.js');
const assets = path.join(dist, 'assets');
const missing = [
  loader,
  greet,
  goal,
  visitor,
  ga4,
  cobrowse,
  share,
  path.join(dist, 'frame.html'),
  assets,
].filter((f) => !existsSync(f));
if (missing.length) {
  console.error(`Missing build output: ${missing.join(', ')}`);
  process.exit(1);
}
const frameFiles = readdirSync(assets).filter((f) => /\.(js|css)$/.test(f));
const budgets = [
  { name: 'loader.js', files: [loader], budget: 5 * KB },
  { name: 'frame JS + CSS', files: frameFiles.map((f) => path.join(assets, f)), budget: 30 * KB },
  { name: 'greet.js', files: [greet], budget: 4 * KB },
  { name: 'goal.js', files: [goal], budget: 1 * KB },
  { name: 'visitor.js', files: [visitor], budget: 1 * KB },
  { name: 'ga4.js', files: [ga4], budget: 1 * KB },
  { name: 'cobrowse.js', files: [cobrowse], budget: 28 * KB },
  { name: 'share.js', files: [share], budget: 1.5 * KB },
];

let failed = false;
for (const b of budgets) {
  const size = b.files.reduce((sum, f) => sum + gz(f), 0);
  const over = size > b.budget;
  failed ||= over;
  console.log(`${over ? '✗' : '✓'} ${b.name}: ${fmt(size)} gzip (budget ${fmt(b.budget)})`);
  if (b.files.length > 1) for (const f of b.files) console.log(`    ${path.basename(f)}: ${fmt(gz(f))}`);
}
if (failed) {
  console.error('Widget bundle over budget.');
  process.exit(1);
}
