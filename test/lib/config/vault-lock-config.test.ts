import { parseConfig } from '../../../lib/config/app-config';
import { problemsOf, VALID } from './problems';

describe('backup.vaultLock', () => {
  it('defaults to governance mode (a lock without ChangeableForDays)', () => {
    expect(parseConfig(VALID).backup.vaultLock).toEqual({ mode: 'governance' });
  });

  it('accepts none, and compliance with a grace time of at least 3 days', () => {
    expect(parseConfig({ ...VALID, backup: { vaultLock: { mode: 'none' } } }).backup.vaultLock).toEqual({
      mode: 'none',
    });
    const c = parseConfig({ ...VALID, backup: { vaultLock: { mode: 'compliance', changeableForDays: 3 } } });
    expect(c.backup.vaultLock).toEqual({ mode: 'compliance', changeableForDays: 3 });
  });

  it.each([
    [
      { mode: 'compliance' },
      'backup.vaultLock.changeableForDays: is required when mode is "compliance": after that many days the lock can never be changed or removed',
    ],
    [
      { mode: 'compliance', changeableForDays: 2 },
      'backup.vaultLock.changeableForDays: must be at least 3: AWS Backup enforces a 72-hour cooling-off period before the lock',
    ],
    [
      { mode: 'governance', changeableForDays: 10 },
      'backup.vaultLock.changeableForDays: must not be set when mode is "governance": ChangeableForDays is what makes a lock compliance mode (immutable)',
    ],
    [
      { mode: 'legal-hold' },
      'backup.vaultLock.mode: Invalid option: expected one of "none"|"governance"|"compliance"',
    ],
    [{ minRetentionDays: 7 }, 'backup.vaultLock: Unrecognized key: "minRetentionDays"'],
  ])('rejects %j with a field-specific message', (vaultLock, message) => {
    expect(problemsOf({ ...VALID, backup: { vaultLock } })).toContain(message);
  });
});
