// `npm start`: build what is stale (web app, widget, server), then run the server (one process: API, sockets,
// web app, widget).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Parley needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
  process.exit(1);
}

await import('./build-if-needed.mjs');

// The server's V8 flags (packages/server/node-flags.json; docs/operations.md says why).
const flags = JSON.parse(readFileSync(path.join(root, 'packages/server/node-flags.json'), 'utf8'));
// The built server (packages/server/dist, plain JavaScript): no TypeScript loader in the running process.
const child = spawn(process.execPath, [...flags, path.join(root, 'packages/server/dist/main.mjs')], {
  stdio: 'inherit',
  cwd: root,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
