import { readFileSync, unlinkSync } from 'node:fs';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * One process at a time on an embedded data directory. PGlite is PostgreSQL in a single process: two processes
 * writing the same files (a running server and `npm run account:create`) corrupt them. The holder writes
 * `parley.lock` in the directory (pid, host, and the process's identity on Linux); a lock whose process is gone
 * (killed, crashed, or a pid since reused by another program) is taken over, a live one refuses.
 */

export const LOCK_FILE = 'parley.lock';

type Holder = { pid: number; host: string; process: string | null; startedAt: string };

export class DataDirLocked extends Error {
  constructor(
    readonly dir: string,
    readonly holder: Holder,
  ) {
    const where = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
    super(`the server is running on this data directory (${dir}, ${where})`);
  }
}

/** Directories this process holds (a pid equal to ours in a lock file is ours only if listed here). */
const held = new Set<string>();

/**
 * Who a process is, beyond its pid (which the system reuses): the boot and the process's start time, on Linux.
 * Null where /proc is not there.
 */
function processIdentity(pid: number): string | null {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses); starttime is field 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return `${boot}:${fields[19]}`;
  } catch {
    return null;
  }
}

/** Whether the process that wrote this lock still runs it (when unsure: yes). */
export function holderAlive(holder: Holder, dir: string): boolean {
  if (holder.host !== hostname()) return true; // another machine's process: nothing to check from here
  if (holder.pid === process.pid) return held.has(dir);
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const now = processIdentity(holder.pid);
  return !(holder.process && now && now !== holder.process);
}

function parse(text: string): Holder | null {
  try {
    const h = JSON.parse(text) as Partial<Holder>;
    if (typeof h.pid !== 'number' || typeof h.host !== 'string') return null;
    return { pid: h.pid, host: h.host, process: h.process ?? null, startedAt: String(h.startedAt ?? '') };
  } catch {
    return null;
  }
}

export type DataDirLock = { release(): Promise<void> };

/** Takes the data directory for this process, or throws DataDirLocked. The directory must exist. */
export async function lockDataDir(dir: string): Promise<DataDirLock> {
  const key = path.resolve(dir);
  const file = path.join(key, LOCK_FILE);
  const mine = JSON.stringify({
    pid: process.pid,
    host: hostname(),
    process: processIdentity(process.pid),
    startedAt: new Date().toISOString(),
  } satisfies Holder);
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(file, mine, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw err;
    }
    const text = await readFile(file, 'utf8').catch(() => '');
    const holder = parse(text);
    // A file being written this very moment reads empty: look again rather than take it.
    if (!holder && text === '' && attempt < 2) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    if (holder && holderAlive(holder, key)) throw new DataDirLocked(dir, holder);
    // Stale: moved aside (atomically) only if it is still the lock we judged, then taken as above.
    const now = await readFile(file, 'utf8').catch(() => null);
    if (now === text) await rename(file, `${file}.stale`).catch(() => {});
  }
  held.add(key);
  // A process that exits without closing the database (process.exit) leaves no lock behind.
  const onExit = () => {
    try {
      if (readFileSync(file, 'utf8') === mine) unlinkSync(file);
    } catch {
      /* already gone */
    }
  };
  process.once('exit', onExit);
  return {
    async release() {
      if (!held.delete(key)) return;
      process.removeListener('exit', onExit);
      const now = await readFile(file, 'utf8').catch(() => null);
      if (now === mine) await unlink(file).catch(() => {});
    },
  };
}
