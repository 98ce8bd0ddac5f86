import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUseError, lockDataDir } from '../../../lib/sandbox/data-dir-lock';

describe('data directory lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('claims the directory and releases it', () => {
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'sandbox.pid'), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(join(dir, 'sandbox.pid'))).toBe(false);
  });

  it('refuses a directory owned by another running process', () => {
    writeFileSync(join(dir, 'sandbox.pid'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    expect(() => lockDataDir(dir)).toThrow(`pid ${process.ppid}`);
  });

  it('takes over a lock left by a process that is gone', () => {
    writeFileSync(join(dir, 'sandbox.pid'), '2147483646');
    lockDataDir(dir)();
    expect(existsSync(join(dir, 'sandbox.pid'))).toBe(false);
  });
});
