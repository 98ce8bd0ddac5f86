import { existsSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { regionProblem } from '../config/regions';
import { LOCK_FILE } from './data-dir-lock';

/** What startSandbox writes into its data directory besides one directory per region (`<region>/db`). */
const SANDBOX_ENTRIES = new Set(['idp', 'kms', 'logs', 'replication.json', 'endpoints.json', LOCK_FILE]);

/** Raised when `--reset` would remove something that is not the sandbox's own. */
export class DataDirResetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirResetError';
  }
}

const isRegionDir = (dir: string, name: string) => {
  const path = join(dir, name);
  return (
    regionProblem(name) === undefined &&
    lstatSync(path).isDirectory() &&
    readdirSync(path).every((e) => e === 'db')
  );
};

/**
 * `--reset`: empties the sandbox data directory `dir` (tables, replication state, keys, logs) so the
 * sandbox starts as on first use; the caller holds its lock, which stays. Refuses, removing nothing, when
 * `dir` holds anything a sandbox does not write there, or contains the working directory: a mistyped
 * `--data-dir` must not delete a project. Returns the names it removed.
 */
export function resetDataDir(dir: string, cwd = process.cwd()): string[] {
  const abs = resolve(dir);
  const toCwd = relative(abs, resolve(cwd));
  if (!toCwd.startsWith('..') && !isAbsolute(toCwd)) {
    throw new DataDirResetError(
      `--reset will not empty ${abs}: it contains the working directory. Pass --data-dir <a sandbox data dir>.`,
    );
  }
  if (!existsSync(abs)) return [];
  const entries = readdirSync(abs);
  const foreign = entries.filter((e) => !SANDBOX_ENTRIES.has(e) && !isRegionDir(abs, e));
  if (foreign.length > 0) {
    throw new DataDirResetError(
      `--reset empties only a sandbox data directory, and ${abs} also holds ${foreign.join(', ')}. ` +
        'Move those away or delete the directory yourself.',
    );
  }
  const removed = entries.filter((e) => e !== LOCK_FILE);
  for (const e of removed) rmSync(join(abs, e), { recursive: true, force: true });
  return removed;
}
