import { readFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
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
export async function sharedDatabase(): Promise<{
  url: string;
  name: string;
  /** Ends every server connection to this database (and only this one: other test runs share the server). */
  terminateBackends(): Promise<number>;
  drop(): Promise<void>;
}> {
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
    name,
    async terminateBackends() {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      const r = await a.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
        [name],
      );
      await a.end();
      return r.rowCount ?? 0;
    },
    async drop() {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export type Instance = { url: string; port: number; proc: ChildProcess; output: string[] };

/** A port nobody listens on now (the system picks it; the instance takes it a moment later). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * Starts `packages/server/src/main.ts` as its own process, the way `npm start` does, and waits until it says it
 * is ready (its own words: another test's server may answer on a port this one failed to take) and /readyz.
 * `env` adds to the test's environment; a variable set to undefined is left out.
 */
export async function startInstance(env: Record<string, string | undefined>): Promise<Instance> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await startOnce(env, await freePort());
    } catch (err) {
      // Taken between freePort and the instance's listen (other test runs share the machine): another port.
      if (attempt < 3 && String(err).includes('EADDRINUSE')) continue;
      throw err;
    }
  }
}

async function startOnce(env: Record<string, string | undefined>, port: number): Promise<Instance> {
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
  const deadline = Date.now() + 120_000; // a first start on the embedded database (initdb) on a loaded machine
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`instance exited: ${output.join('')}`);
    try {
      if (output.join('').includes('Parley is ready') && (await fetch(`${url}/readyz`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`instance not ready: ${output.join('')}`);
    }
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

/**
 * Kills the Redis connections of one instance process (CLIENT KILL), found in CLIENT LIST by the name each of
 * its connections carries (`<prefix><role>:<host>:<pid>`, bus/redis.ts). Only this test's connections: other
 * test runs share the Redis server. Returns the names of the connections killed.
 */
export async function killRedisConnections(prefix: string, pid: number): Promise<string[]> {
  const redis = new Redis(process.env.REDIS_URL!);
  try {
    const list = String(await redis.call('CLIENT', 'LIST'));
    const mine = list
      .split('\n')
      .map((line) => Object.fromEntries(line.split(' ').map((kv) => kv.split('=', 2) as [string, string])))
      .filter((c) => c.name?.startsWith(prefix) && c.name.endsWith(`:${pid}`));
    for (const c of mine) await redis.call('CLIENT', 'KILL', 'ID', c.id!);
    return mine.map((c) => c.name!);
  } finally {
    redis.disconnect();
  }
}

/** Rejects as soon as one of the instances exits (with what it said), so a test fails at once, not on a timeout. */
export function exitOf(instances: Instance[]): Promise<never> {
  return new Promise((_, reject) => {
    for (const i of instances) {
      const fail = () =>
        reject(
          new Error(
            `instance ${i.url} exited (${i.proc.exitCode ?? i.proc.signalCode}): ${i.output.join('').slice(-4000)}`,
          ),
        );
      if (i.proc.exitCode !== null || i.proc.signalCode !== null) fail();
      else i.proc.once('exit', fail);
    }
  });
}
