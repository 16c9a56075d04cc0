import { execFileSync, execSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = fileURLToPath(new URL('../..', import.meta.url));
/**
 * The checkout whose server is measured: this one, or BENCH_PRODUCT_ROOT (e.g. an export of a commit, so a run
 * measures a fixed version while the working tree changes).
 */
export const productRoot = path.resolve(process.env.BENCH_PRODUCT_ROOT ?? root);

/** The V8 flags `npm start` gives the server (packages/server/node-flags.json, when the checkout has one). */
export function serverNodeFlags(dir: string): string[] {
  const file = path.join(dir, 'packages/server/node-flags.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as string[]) : [];
}

/** The measured version: BENCH_PRODUCT_COMMIT, or the commit and whether packages/ had uncommitted changes. */
export function productVersion(): string {
  // An export of a commit inside this checkout would otherwise report this checkout's commit.
  if (process.env.BENCH_PRODUCT_COMMIT) return process.env.BENCH_PRODUCT_COMMIT;
  try {
    const git = (args: string) =>
      execSync(`git ${args}`, { cwd: productRoot, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
    const commit = git('rev-parse --short HEAD');
    return git('status --porcelain -- packages') ? `${commit} + uncommitted changes` : commit;
  } catch {
    return process.env.BENCH_PRODUCT_COMMIT ?? 'unknown (not a git checkout)';
  }
}
export const benchDir = path.join(root, 'bench');
/** Raw results and CPU profiles (git-ignored). */
export const outDir = path.join(root, '.tmp', 'bench');

/** Node flags for running the project's TypeScript sources, as `npm start` does. */
export const tsxFlags = ['--conditions=@source', '--import', 'tsx'];

export const ADMIN = { email: 'bench-admin@example.com', password: 'bench-password-1' };
const PG_BASE = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// ------------------------------------------------------------------------------------------ cleanup

const children = new Set<ChildProcess>();
const cleanups = new Set<() => Promise<void>>();

function killAll() {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    void Promise.allSettled([...cleanups].map((c) => c())).finally(() => process.exit(130));
  });
}

export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

// ------------------------------------------------------------------------------------------ /proc readings

/** Resident set size of a process, from /proc/<pid>/status (VmRSS, or VmHWM: the highest it has been). */
export async function rssBytes(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
  if (!kb) throw new Error(`no ${field} for ${pid}`);
  return Number(kb[1]) * 1024;
}

/**
 * Samples a process's RSS every 200 ms from start() to stop(): at start (ready), the highest sample and at stop. PGlite's
 * engine is a thread of the server's process, so on the embedded database this is the whole product's memory.
 */
export class RssMeter {
  private first = 0;
  private peak = 0;
  private timer: NodeJS.Timeout | undefined;
  constructor(private readonly pid: number) {}
  async start(): Promise<void> {
    this.first = this.peak = await rssBytes(this.pid);
    this.timer = setInterval(() => {
      rssBytes(this.pid).then(
        (b) => (this.peak = Math.max(this.peak, b)),
        () => {},
      );
    }, 200);
  }
  async stop(): Promise<{ ready: number; peak: number; end: number }> {
    clearInterval(this.timer);
    const end = await rssBytes(this.pid);
    return { ready: this.first, peak: Math.max(this.peak, end), end };
  }
}

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux x86_64

/** CPU time (user + system) a process has used so far, in seconds. */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at field 3; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/**
 * Processes whose command name is exactly `name` and, if given, whose command line contains `having` (a
 * PostgreSQL backend's shows its database: `postgres: 15/main: postgres <db> 127.0.0.1(…) idle`).
 */
export async function pidsNamed(name: string, having?: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '');
    if (comm.trim() !== name) continue;
    if (having && !(await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).includes(having))
      continue;
    pids.push(Number(entry));
  }
  return pids;
}

/** CPU seconds of a group of processes (summed); processes that come and go are counted from zero. */
export class CpuMeter {
  private start = new Map<number, number>();
  private t0 = 0;
  constructor(private readonly pids: () => Promise<number[]>) {}
  async begin(): Promise<void> {
    this.start = await this.read();
    this.t0 = performance.now();
  }
  /** Fraction of one core used since begin(). */
  async end(): Promise<number> {
    const now = await this.read();
    const seconds = (performance.now() - this.t0) / 1000;
    let used = 0;
    for (const [pid, s] of now) used += s - (this.start.get(pid) ?? 0);
    return used / seconds;
  }
  private async read(): Promise<Map<number, number>> {
    const m = new Map<number, number>();
    for (const pid of await this.pids()) {
      const s = await cpuSeconds(pid).catch(() => undefined);
      if (s !== undefined) m.set(pid, s);
    }
    return m;
  }
}

// ------------------------------------------------------------------------------------------ processes

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export type Proc = {
  proc: ChildProcess;
  pid: number;
  output: string[];
  /** The inspector's WebSocket URL when started with `inspect`. */
  inspectorUrl?: string;
};

function spawnNode(
  args: string[],
  env: Record<string, string>,
  opts: { inspect?: boolean; cwd?: string; nodeFlags?: string[]; tsx?: boolean } = {},
): Promise<Proc> & { proc: ChildProcess } {
  const nodeArgs = [
    ...(opts.nodeFlags ?? []),
    ...(opts.inspect ? ['--inspect=127.0.0.1:0'] : []),
    ...(opts.tsx === false ? [] : tsxFlags),
    ...args,
  ];
  const proc = track(
    spawn(process.execPath, nodeArgs, {
      cwd: opts.cwd ?? root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const output: string[] = [];
  const keep = (d: Buffer) => {
    output.push(String(d));
    if (output.length > 200) output.shift();
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const p = new Promise<Proc>((resolve, reject) => {
    if (!opts.inspect) return resolve({ proc, pid: proc.pid!, output });
    let err = '';
    const onData = (d: Buffer) => {
      err += String(d);
      const m = /Debugger listening on (ws:\/\/\S+)/.exec(err);
      if (m) {
        proc.stderr!.off('data', onData);
        resolve({ proc, pid: proc.pid!, output, inspectorUrl: m[1] });
      }
    };
    proc.stderr!.on('data', onData);
    proc.once('exit', () => reject(new Error(`process exited: ${output.join('')}`)));
  });
  return Object.assign(p, { proc });
}

/**
 * Bundles one of the bench's own servers (bench/<name>.ts) the way packages/server/scripts/build.mjs bundles the
 * product (esbuild, workspace packages from source, npm packages left as imports) into .tmp/bench/dist/<name>.mjs,
 * so a baseline runs as plain JavaScript like the product does, without a TypeScript loader in the process.
 */
export async function buildBenchServer(name: string): Promise<string> {
  const { build } = await import('esbuild');
  const dist = path.join(outDir, 'dist');
  const pkg = JSON.parse(readFileSync(path.join(root, 'packages/server/package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const outfile = path.join(dist, `${name}.mjs`);
  await build({
    entryPoints: [path.join(benchDir, `${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    conditions: ['@source'],
    external: Object.keys(pkg.dependencies).filter((d) => !d.startsWith('@parley/')),
    logLevel: 'warning',
  });
  // PGlite's thread is started from the bundle's directory (db/pglite-thread.ts).
  copyFileSync(
    path.join(root, 'packages/server/src/db/pglite-worker.mjs'),
    path.join(dist, 'pglite-worker.mjs'),
  );
  return outfile;
}

/**
 * Starts one of the bench's own servers (a baseline) and waits until it prints `LISTENING`. Like the product, it
 * runs bundled (plain JavaScript) with the product's V8 flags (packages/server/node-flags.json), so the baseline
 * and the product differ only in what they do.
 */
export async function startBaseline(
  script: string,
  args: string[] = [],
  opts: { inspect?: boolean; env?: Record<string, string> } = {},
): Promise<Proc & { url: string }> {
  const port = await freePort();
  const bundle = await buildBenchServer(script.replace(/\.ts$/, ''));
  const p = await spawnNode([bundle, '--port', String(port), ...args], opts.env ?? {}, {
    inspect: opts.inspect,
    // BENCH_BASELINE_NODE_FLAGS adds flags for a look inside a baseline (e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`).
    nodeFlags: [
      ...serverNodeFlags(productRoot),
      ...(process.env.BENCH_BASELINE_NODE_FLAGS?.split(' ') ?? []),
    ],
    tsx: false,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} did not start: ${p.output.join('')}`)),
      120_000,
    );
    const check = () => {
      if (p.output.join('').includes('LISTENING')) {
        clearTimeout(timer);
        resolve();
      }
    };
    p.proc.stdout!.on('data', check);
    p.proc.once('exit', () => reject(new Error(`${script} exited: ${p.output.join('')}`)));
    check();
  });
  return { ...p, url: `http://127.0.0.1:${port}` };
}

export type DbKind = 'pglite' | 'postgres';

export type Product = Proc & {
  url: string;
  /** The PostgreSQL database created for this run. */
  dbName?: string;
  /** What it ran on, for the report. */
  label: string;
  /** The environment it was started with (a second instance joins the first's database and bus with it). */
  env: Record<string, string>;
  stop(): Promise<void>;
};

/** A new, empty PostgreSQL database on DATABASE_URL's server, and how to drop it. */
export async function freshPgDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `parley_bench_${process.pid}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: PG_BASE });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(PG_BASE);
  u.pathname = `/${name}`;
  const drop = async () => {
    const a = new pg.Client({ connectionString: PG_BASE });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
    cleanups.delete(drop);
  };
  cleanups.add(drop);
  return { name, url: u.toString(), drop };
}

/**
 * Starts the product as its own process (`packages/server/src/main.ts`, like `npm start`) on a fresh database:
 * PGlite in a new temporary DATA_DIR, or a new PostgreSQL database (with Redis as the bus, with its own key
 * prefix) that is dropped afterwards. Waits for /readyz.
 */
export async function startProduct(
  db: DbKind,
  opts: {
    inspect?: boolean;
    redis?: boolean;
    extraEnv?: Record<string, string>;
    /** Start another instance on this one's PostgreSQL database and Redis bus (it stays theirs to drop). */
    join?: Product;
    /** PGlite: this data directory (kept afterwards) instead of a new temporary one. */
    dataDir?: string;
    /** PostgreSQL: this database (already filled; it stays the caller's to drop) instead of a new one. */
    databaseUrl?: string;
  } = {},
): Promise<Product> {
  const port = await freePort();
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOGIN_RATE_PER_IP: '1000000',
    LOGIN_RATE_PER_EMAIL: '1000000',
    API_RATE_PER_MINUTE: '1000000',
    // Tests and benchmarks open many visitors from one address (127.0.0.1).
    VISITOR_SOCKETS_PER_IP: '1000000',
    VISITOR_HELLOS_PER_IP_PER_MINUTE: '1000000',
    VISITOR_CHATS_PER_IP_PER_MINUTE: '1000000',
    VISITOR_UPLOADS_PER_IP_PER_HOUR: '1000000',
    WIDGET_CONFIG_PER_IP_PER_MINUTE: '1000000',
    DATABASE_URL: '',
    REDIS_URL: '',
    ...opts.extraEnv,
  };
  let dispose: () => Promise<void>;
  let label: string;
  let dbName: string | undefined;
  if (opts.join) {
    if (!opts.join.dbName) throw new Error('only an instance on PostgreSQL can be joined');
    for (const k of ['DATABASE_URL', 'REDIS_URL', 'REDIS_PREFIX']) env[k] = opts.join.env[k] ?? '';
    dbName = opts.join.dbName;
    label = opts.join.label;
    dispose = async () => {};
  } else if (db === 'postgres' && opts.databaseUrl) {
    env.DATABASE_URL = opts.databaseUrl;
    label = 'PostgreSQL 15 (local), in-process bus';
    dispose = async () => {};
  } else if (db === 'pglite') {
    const dir = opts.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'parley-bench-')));
    env.DATA_DIR = dir;
    dispose = opts.dataDir ? async () => {} : () => rm(dir, { recursive: true, force: true });
    label = 'PGlite (embedded), in-process bus';
  } else {
    const fresh = await freshPgDatabase();
    dbName = fresh.name;
    env.DATABASE_URL = fresh.url;
    label = 'PostgreSQL 15 (local)';
    if (opts.redis !== false) {
      env.REDIS_URL = REDIS_URL;
      env.REDIS_PREFIX = `bench:${randomUUID()}:`;
      label += ', Redis bus';
    } else {
      label += ', in-process bus';
    }
    dispose = fresh.drop;
  }
  cleanups.add(dispose);
  // As `npm start` runs it: the built server when the version has a server build, else its sources.
  const build = path.join(productRoot, 'packages/server/scripts/build.mjs');
  const built = existsSync(build);
  if (built) execFileSync(process.execPath, [build], { cwd: productRoot, stdio: 'ignore' });
  const main = path.join(
    productRoot,
    built ? 'packages/server/dist/main.mjs' : 'packages/server/src/main.ts',
  );
  const p = await spawnNode([main], env, {
    inspect: opts.inspect,
    cwd: productRoot,
    nodeFlags: serverNodeFlags(productRoot),
    tsx: !built,
  });
  const url = `http://127.0.0.1:${port}`;
  // A first start on PGlite (initdb) on a loaded 2-core machine has taken over two minutes.
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (p.proc.exitCode !== null) throw new Error(`the server exited: ${p.output.join('')}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`the server was not ready in time: ${p.output.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    ...p,
    url,
    label,
    dbName,
    env,
    async stop() {
      await stopProcess(p.proc);
      cleanups.delete(dispose);
      await dispose();
    },
  };
}
