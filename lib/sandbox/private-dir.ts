import { chmodSync, mkdirSync } from 'node:fs';

/** Owner only: the data directory holds tables, logs, signing keys and the URLs of every local server. */
export const PRIVATE_DIR_MODE = 0o700;
/** Owner read/write only, for files written into it. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates `dir` (and missing parents) with mode 0700, and tightens an existing one to 0700: a data
 * directory left by an older version at 0755 must not keep exposing what is written into it. Whatever
 * is inside (LevelDB files, logs at the umask's 0644) is then out of other users' reach.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}
