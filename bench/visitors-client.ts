// The beacon load of bench/visitors: `visitors` page views (one per visitor, as the loader sends on a page view),
// then every visitor's heartbeat once per `--every` seconds (spread evenly), over keep-alive HTTP, until told to
// stop. Its own process, so its work does not share an event loop with the chats' load generator.
import http from 'node:http';
import { summarize, type Summary } from './lib/stats.js';

type Command =
  | { cmd: 'setup'; url: string; siteId: string; visitors: number }
  | { cmd: 'start'; everyS: number }
  | { cmd: 'stop' }
  | { cmd: 'close' };
export type BeaconStats = {
  sent: number;
  ok: number;
  /** Answers other than 200 (or failed requests). */
  errors: number;
  /** Heartbeats whose visit the server no longer knew (it would record the page view again). */
  again: number;
  perS: number;
  latency: Summary;
  clientCpu: number;
};
export type BeaconEvent =
  | { ev: 'ready'; setupS: number; pageViewsPerS: number }
  | { ev: 'started' }
  | { ev: 'stats'; stats: BeaconStats }
  | { ev: 'failed'; message: string };

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
let base = '';
let site = '';
let visitors: { token: string; view: number }[] = [];

function post(body: object): Promise<{ status: number; json: Record<string, unknown> }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/widget/beacon`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'text/plain;charset=UTF-8',
          'content-length': Buffer.byteLength(data),
          origin: 'http://localhost',
          'user-agent':
            'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> });
          } catch {
            resolve({ status: res.statusCode ?? 0, json: {} });
          }
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const send = (e: BeaconEvent) => process.send!(e);

async function setup(c: Extract<Command, { cmd: 'setup' }>) {
  base = c.url;
  site = c.siteId;
  const t = performance.now();
  visitors = new Array(c.visitors);
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < c.visitors) {
        const i = next++;
        const r = await post({
          site,
          url: `http://localhost/products/${i % 500}?utm_source=bench`,
          title: `Product ${i % 500}`,
          referrer: 'https://www.google.com/',
        });
        if (r.status !== 200) throw new Error(`page view ${i}: ${r.status} ${JSON.stringify(r.json)}`);
        visitors[i] = { token: String(r.json.token), view: Number(r.json.view) };
      }
    }),
  );
  const setupS = (performance.now() - t) / 1000;
  send({ ev: 'ready', setupS, pageViewsPerS: c.visitors / setupS });
}

let timer: NodeJS.Timeout | undefined;
let samples: number[] = [];
let counts = { sent: 0, ok: 0, errors: 0, again: 0 };
let began = 0;
let cpu0 = process.cpuUsage();

function start(everyS: number) {
  samples = [];
  counts = { sent: 0, ok: 0, errors: 0, again: 0 };
  began = performance.now();
  cpu0 = process.cpuUsage();
  // Visitor i beats at offset (i / n) of every period: an even spread, as independent visitors would be.
  const periodMs = everyS * 1000;
  const tickMs = 20;
  let cursor = 0;
  const t0 = performance.now();
  timer = setInterval(() => {
    const due = Math.floor(((performance.now() - t0) / periodMs) * visitors.length);
    for (; cursor < due; cursor++) {
      const v = visitors[cursor % visitors.length]!;
      const t = performance.now();
      counts.sent++;
      post({ site, token: v.token, view: v.view })
        .then((r) => {
          samples.push(performance.now() - t);
          if (r.status !== 200) counts.errors++;
          else if (r.json.again) counts.again++;
          else counts.ok++;
        })
        .catch(() => counts.errors++);
    }
  }, tickMs);
  send({ ev: 'started' });
}

function stop() {
  clearInterval(timer);
  const seconds = (performance.now() - began) / 1000;
  const used = process.cpuUsage(cpu0);
  send({
    ev: 'stats',
    stats: {
      ...counts,
      perS: counts.sent / seconds,
      latency: summarize(samples),
      clientCpu: (used.user + used.system) / 1e6 / seconds,
    },
  });
}

process.on('message', (c: Command) => {
  try {
    if (c.cmd === 'setup') setup(c).catch((err: unknown) => send({ ev: 'failed', message: String(err) }));
    else if (c.cmd === 'start') start(c.everyS);
    else if (c.cmd === 'stop') stop();
    else if (c.cmd === 'close') process.exit(0);
  } catch (err) {
    send({ ev: 'failed', message: String(err) });
  }
});
