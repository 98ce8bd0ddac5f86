import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The lock file in a data directory: the pid of the sandbox using it. */
export const LOCK_FILE = 'sandbox.pid';

/** Raised when another live sandbox already uses the data directory. */
export class DataDirInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(`Another sandbox (pid ${pid}) is using ${dir}. Stop it first, or pass --data-dir <other dir>.`);
    this.name = 'DataDirInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims `dir` for this process (LevelDB allows one owner per store); a lock left by a process that no
 * longer runs is taken over. Returns the release function.
 */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(readFileSync(file, 'utf8'));
    if (owner !== process.pid && Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
      throw new DataDirInUseError(dir, owner);
    }
    writeFileSync(file, String(process.pid));
  }
  return () => {
    try {
      if (Number(readFileSync(file, 'utf8')) === process.pid) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
}
