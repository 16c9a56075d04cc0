import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLocked, LOCK_FILE, lockDataDir } from './data-dir-lock.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function tempDir() {
  const d = await mkdtemp(path.join(tmpdir(), 'parley-lock-'));
  dirs.push(d);
  return d;
}
const lockOf = (pid: number, host = hostname(), extra: object = {}) =>
  JSON.stringify({ pid, host, process: null, startedAt: new Date().toISOString(), ...extra });
/** The pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('the data directory lock', () => {
  it('is taken, refused to a second taker in this process, and released', async () => {
    const dir = await tempDir();
    const lock = await lockDataDir(dir);
    const held = JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number };
    expect(held.pid).toBe(process.pid);
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLocked);
    await lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    await (await lockDataDir(dir)).release();
  });

  it('refuses while another live process holds it, naming the directory and the pid', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, LOCK_FILE), lockOf(process.ppid));
    const err = await lockDataDir(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataDirLocked);
    expect((err as Error).message).toBe(
      `the server is running on this data directory (${dir}, pid ${process.ppid})`,
    );
  });

  it('refuses a lock written on another machine (its process cannot be checked from here)', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, LOCK_FILE), lockOf(deadPid(), 'other-host'));
    await expect(lockDataDir(dir)).rejects.toThrow(/on other-host/);
  });

  it.each([
    ['a process that is gone (killed)', () => lockOf(deadPid())],
    ['our own pid from an earlier life (a restarted container)', () => lockOf(process.pid)],
    [
      'a live pid reused by another program',
      () => lockOf(process.ppid, hostname(), { process: 'another-boot:123' }),
    ],
    ['an unreadable file', () => 'garbage'],
  ])('takes over a stale lock: %s', async (_what, content) => {
    const dir = await tempDir();
    await writeFile(path.join(dir, LOCK_FILE), content());
    const lock = await lockDataDir(dir);
    const held = JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number };
    expect(held.pid).toBe(process.pid);
    await lock.release();
  });
});
