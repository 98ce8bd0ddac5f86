import { parseEmulatorArgs, USAGE } from '../../../lib/emulator/args';

describe('npm run emulator arguments', () => {
  it('defaults to port 4566 without --keep, takes EMULATOR_PORT, and --port over it', () => {
    expect(parseEmulatorArgs([], {})).toEqual({
      help: false,
      keep: false,
      port: 4566,
      reportFile: undefined,
    });
    expect(parseEmulatorArgs([], { EMULATOR_PORT: '4999' }).port).toBe(4999);
    expect(
      parseEmulatorArgs(['--keep', '--port', '5000', '--report', 'r.json'], { EMULATOR_PORT: '4999' }),
    ).toEqual({
      help: false,
      keep: true,
      port: 5000,
      reportFile: 'r.json',
    });
  });

  it('refuses a bad port and unknown flags, and documents every flag', () => {
    expect(() => parseEmulatorArgs(['--port', '80'], {})).toThrow(
      '--port: 80 is not a port number from 1024 to 65535',
    );
    expect(() => parseEmulatorArgs(['--nope'], {})).toThrow(/nope/);
    for (const flag of ['--keep', '--port', '--report', '--help']) expect(USAGE).toContain(flag);
  });
});
