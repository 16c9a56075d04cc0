import { readFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';
import { ADMIN } from './harness.js';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
/** The V8 flags `npm start` gives the server. */
const nodeFlags = JSON.parse(
  readFileSync(fileURLToPath(new URL('../node-flags.json', import.meta.url)), 'utf8'),
) as string[];
const root = fileURLToPath(new URL('../../..', import.meta.url));

/** A copy of the migrated template database, for real server processes to share. */
export async function sharedDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL!;
  const name = `parley_t_${process.pid}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export type Instance = { url: string; port: number; proc: ChildProcess; output: string[] };

/** Starts `packages/server/src/main.ts` as its own process, the way `npm start` does, and waits for /readyz. */
export async function startInstance(env: Record<string, string>): Promise<Instance> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const output: string[] = [];
  const proc = spawn(process.execPath, [...nodeFlags, '--conditions=@source', '--import', 'tsx', main], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOGIN_RATE_PER_IP: '1000',
      API_RATE_PER_MINUTE: '100000',
      // Tests and benchmarks open many visitors from one address (127.0.0.1).
      VISITOR_SOCKETS_PER_IP: '100000',
      VISITOR_HELLOS_PER_IP_PER_MINUTE: '100000',
      VISITOR_CHATS_PER_IP_PER_MINUTE: '100000',
      VISITOR_UPLOADS_PER_IP_PER_HOUR: '100000',
      WIDGET_CONFIG_PER_IP_PER_MINUTE: '100000',
      EXIT_WITH_PARENT: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d) => output.push(String(d)));
  proc.stderr!.on('data', (d) => output.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`instance exited: ${output.join('')}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`instance not ready: ${output.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port, proc, output };
}

export async function stopInstance(i: Instance, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (i.proc.exitCode !== null || i.proc.signalCode !== null) return;
  const exited = new Promise((r) => i.proc.once('exit', r));
  i.proc.kill(signal);
  await exited;
}
