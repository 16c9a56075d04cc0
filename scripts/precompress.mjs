// Writes brotli (.br) and gzip (.gz) copies beside every text asset of a build folder, so the server sends
// them as they are (@fastify/static `preCompressed`) instead of compressing on every request or not at all.
// Usage: node scripts/precompress.mjs <dist folder>
import { readFileSync, readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: precompress.mjs <dist folder>');
  process.exit(1);
}
const TEXT = /\.(js|mjs|css|html|svg|json|txt|map)$/;

function* files(d) {
  for (const name of readdirSync(d)) {
    const p = path.join(d, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

// Copies of an earlier build go first (vite empties the widget's folder only on its first build).
for (const file of files(path.resolve(dir))) if (/\.(br|gz)$/.test(file)) rmSync(file);
let count = 0;
for (const file of files(path.resolve(dir))) {
  if (!TEXT.test(file)) continue;
  const raw = readFileSync(file);
  const br = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  const gz = gzipSync(raw, { level: 9 });
  // A copy that is not smaller is not worth a negotiation; the plain file is sent instead.
  if (br.length < raw.length) writeFileSync(`${file}.br`, br);
  if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
  count++;
}
console.log(`precompressed ${count} files in ${dir}`);
