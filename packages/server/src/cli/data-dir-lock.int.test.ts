import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN, TestClient } from '../../test/harness.js';
import { startInstance, stopInstance, type Instance } from '../../test/instances.js';
import { LOCK_FILE } from '../db/data-dir-lock.js';

// Issue 10.3: `npm run account:create` against the data directory of a running embedded server used to report
// success and leave the data inconsistent. The server holds a lock on its data directory; the command (and a
// second server) refuse while it runs, and a lock left by a killed server is taken over. Embedded (PGlite) only,
// so the PGlite pass of CI runs it; with DATABASE_URL there is no data directory to share.
const embedded = !process.env.DATABASE_URL;

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const accountCreate = fileURLToPath(new URL('./account-create.ts', import.meta.url));
const BOSS = { email: 'boss@acme.example', password: 'boss-password-1' };

/** Runs `npm run account:create` the way package.json does, on this data directory. */
function createAccount(dataDir: string): Promise<{ code: number | null; out: string }> {
  const args = [
    '--name',
    'Acme',
    '--host',
    'www.acme.example',
    '--email',
    BOSS.email,
    '--password',
    BOSS.password,
  ];
  const child = spawn(process.execPath, ['--conditions=@source', '--import', 'tsx', accountCreate, ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: undefined, REDIS_URL: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

describe.runIf(embedded)(
  'the embedded data directory is held by the running server (PGlite pass only)',
  () => {
    let dataDir: string;
    const running: Instance[] = [];
    const serverOn = async (dir: string) => {
      const i = await startInstance({ DATA_DIR: dir, DATABASE_URL: undefined, REDIS_URL: undefined });
      running.push(i);
      return i;
    };
    afterAll(async () => {
      for (const i of running) await stopInstance(i);
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('account:create and a second server refuse while it runs; after a kill -9 the stale lock is taken over', async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'parley-datadir-'));
      const server = await serverOn(dataDir);
      expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(true);

      const refused = await createAccount(dataDir);
      expect(refused.code).not.toBe(0);
      expect(refused.out).toContain(
        'Could not create the account: the server is running on this data directory',
      );
      expect(refused.out).toContain(`pid ${server.proc.pid}`);
      expect(refused.out).toContain('Stop the server and run the command again');
      await expect(serverOn(dataDir)).rejects.toThrow(/another server is running on .* \(pid \d+\)/);
      // Nothing was written: the manager does not exist, and the running server is fine.
      expect((await new TestClient(server.url).post('/api/auth/login', BOSS)).status).toBe(401);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

      await stopInstance(server, 'SIGKILL');
      expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(true); // left behind by the killed process
      const created = await createAccount(dataDir);
      expect(created.out).toContain('Created account "Acme"');
      expect(created.code).toBe(0);
      expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false); // released by the command

      // The data is consistent: the server starts on it and the new manager signs in.
      const again = await serverOn(dataDir);
      const boss = await TestClient.login(again.url, BOSS.email, BOSS.password);
      expect(boss.me?.user.email).toBe(BOSS.email);
      await stopInstance(again);
      expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false); // released on a clean stop
    }, 180_000);

    it('a first start makes the directory in a child process, prints the Demo credentials once, and they sign in', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'parley-first-'));
      try {
        const first = await startInstance({
          DATA_DIR: dir,
          DATABASE_URL: undefined,
          REDIS_URL: undefined,
          ADMIN_PASSWORD: undefined,
        });
        running.push(first);
        const printed = first.output.join('');
        const password = /with the password (\S+) {2}\(shown only this once\)/.exec(printed)?.[1];
        expect(printed).toContain(`First start: created the "Demo" account. Sign in as ${ADMIN.email}`);
        expect(password).toBeDefined();
        expect((await TestClient.login(first.url, ADMIN.email, password!)).me?.user.email).toBe(ADMIN.email);
        await stopInstance(first);

        const again = await serverOn(dir);
        expect(again.output.join('')).not.toContain('First start');
        expect((await TestClient.login(again.url, ADMIN.email, password!)).me?.user.email).toBe(ADMIN.email);
        await stopInstance(again);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }, 180_000);
  },
);
