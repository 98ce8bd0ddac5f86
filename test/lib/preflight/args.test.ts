import { parsePreflightArgs, UsageError } from '../../../lib/preflight/args';

describe('parsePreflightArgs', () => {
  it('reads the config file the way the CDK app does, or with --config', () => {
    expect(parsePreflightArgs([])).toEqual({ help: false });
    expect(parsePreflightArgs(['-c', 'configFile=config/prod.json'])).toEqual({
      help: false,
      configFile: 'config/prod.json',
    });
    expect(parsePreflightArgs(['--context', 'configFile=a.json'])).toEqual({
      help: false,
      configFile: 'a.json',
    });
    expect(parsePreflightArgs(['--config', 'a.json', '-c', 'configFile=a.json'])).toEqual({
      help: false,
      configFile: 'a.json',
    });
  });

  it.each([
    [
      ['--config', 'a.json', '-c', 'configFile=b.json'],
      '--config "a.json" and -c configFile="b.json" disagree; give one',
    ],
    [
      ['-c', 'configFile='],
      '-c takes configFile=<file> (the only context key the app reads), got "configFile="',
    ],
    [
      ['-c', 'configFile'],
      '-c takes configFile=<file> (the only context key the app reads), got "configFile"',
    ],
    [['extra'], "Unexpected argument 'extra'"],
  ])('refuses %j', (argv, message) => {
    expect(() => parsePreflightArgs(argv)).toThrow(UsageError);
    expect(() => parsePreflightArgs(argv)).toThrow(message);
  });
});
