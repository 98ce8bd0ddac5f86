import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE } from '../../../lib/sandbox/data-dir-lock';
import { DataDirResetError, resetDataDir } from '../../../lib/sandbox/data-dir-reset';

describe('resetDataDir (--reset)', () => {
  let parent: string;
  let dir: string;
  /** A data directory as a sandbox leaves it. */
  const sandboxDir = () => {
    for (const d of ['us-east-1/db', 'eu-west-1/db', 'idp', 'kms', 'logs'])
      mkdirSync(join(dir, d), { recursive: true });
    for (const f of [
      'us-east-1/db/CURRENT',
      'idp/signing-key.json',
      'logs/us-east-1.log',
      'replication.json',
    ])
      writeFileSync(join(dir, f), 'x');
    writeFileSync(join(dir, LOCK_FILE), String(process.pid));
  };
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'reset-'));
    dir = join(parent, '.sandbox');
    mkdirSync(dir);
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it("empties a sandbox's data directory and keeps its lock", () => {
    sandboxDir();
    expect(resetDataDir(dir, parent).sort()).toEqual(
      ['eu-west-1', 'idp', 'kms', 'logs', 'replication.json', 'us-east-1'].sort(),
    );
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
  });

  it('does nothing for a directory that does not exist', () => {
    expect(resetDataDir(join(parent, 'none'), parent)).toEqual([]);
  });

  it('removes nothing when the directory holds something the sandbox did not write', () => {
    sandboxDir();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    mkdirSync(join(dir, 'src'));
    mkdirSync(join(dir, 'us-west-2', 'backup'), { recursive: true });
    expect(() => resetDataDir(dir, parent)).toThrow(DataDirResetError);
    expect(() => resetDataDir(dir, parent)).toThrow(/also holds notes\.txt, src, us-west-2\./);
    expect(existsSync(join(dir, 'us-east-1/db/CURRENT'))).toBe(true);
    expect(existsSync(join(dir, 'notes.txt'))).toBe(true);
  });

  it('refuses the working directory and its parents', () => {
    const project = join(parent, 'project');
    mkdirSync(project);
    expect(() => resetDataDir(project, project)).toThrow('it contains the working directory');
    expect(() => resetDataDir(parent, project)).toThrow('it contains the working directory');
    expect(existsSync(project)).toBe(true);
  });
});
