import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePrivateDir } from '../../../lib/sandbox/private-dir';

describe('ensurePrivateDir (security review, finding 9)', () => {
  const root = mkdtempSync(join(tmpdir(), 'private-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const mode = (path: string) => statSync(path).mode & 0o777;

  it('creates a missing data directory 0700', () => {
    // Act
    ensurePrivateDir(join(root, 'new', '.sandbox'));
    // Assess
    expect(mode(join(root, 'new', '.sandbox'))).toBe(0o700);
  });

  it('tightens a world-readable data directory left by an older version to 0700', () => {
    // Prepare
    const old = join(root, 'old');
    mkdirSync(old);
    chmodSync(old, 0o755);
    // Act
    ensurePrivateDir(old);
    // Assess
    expect(mode(old)).toBe(0o700);
  });
});
