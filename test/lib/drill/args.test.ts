import { parseDrillArgs, USAGE, UsageError } from '../../../lib/drill/args';

describe('parseDrillArgs', () => {
  it('defaults to a dry run against AWS with AWS timings', () => {
    expect(parseDrillArgs([])).toEqual({
      help: false,
      target: 'aws',
      region: undefined,
      execute: false,
      configFile: undefined,
      reportFile: undefined,
      endpointsFile: undefined,
      timeoutMs: 900_000,
      pollMs: 5000,
      dataCheck: true,
      scenario: 'health-check',
    });
  });

  it('reads every flag', () => {
    const args = parseDrillArgs([
      '--target=local',
      '--region',
      'eu-west-1',
      '--execute',
      '--config',
      'c.json',
      '--report',
      'r.json',
      '--endpoints',
      'e.json',
      '--timeout',
      '30',
      '--poll-ms',
      '100',
      '--skip-data-check',
    ]);
    expect(args).toEqual({
      help: false,
      target: 'local',
      region: 'eu-west-1',
      execute: true,
      configFile: 'c.json',
      reportFile: 'r.json',
      endpointsFile: 'e.json',
      timeoutMs: 30_000,
      pollMs: 100,
      dataCheck: false,
      scenario: 'health-check',
    });
  });

  it('uses sandbox timings for --target local', () => {
    expect(parseDrillArgs(['--target', 'local'])).toMatchObject({ timeoutMs: 120_000, pollMs: 500 });
  });

  it.each([
    [['--execute'], /--region is required with --execute/],
    [['--target', 'gcp'], /--target must be "aws" or "local"/],
    [['--timeout=-5'], /--timeout must be a positive whole number/],
    [['--poll-ms', '0'], /--poll-ms must be a positive whole number/],
    [['--regoin', 'x'], /Unknown option '--regoin'/],
    [['eu-west-1'], /positional/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseDrillArgs(argv)).toThrow(UsageError);
    expect(() => parseDrillArgs(argv)).toThrow(message);
  });

  it('reads the chaos scenario flags and refuses bad values', () => {
    expect(
      parseDrillArgs([
        '--scenario',
        'function-latency',
        '--percentage',
        '25',
        '--delay-ms',
        '1500',
        '--hold',
        '20',
      ]),
    ).toMatchObject({ scenario: 'function-latency', percentage: 25, delayMs: 1500, holdMs: 20_000 });
    expect(parseDrillArgs(['--scenario', 'replication-pause'])).not.toHaveProperty('percentage');
    expect(() => parseDrillArgs(['--scenario', 'region-down'])).toThrow(
      '--scenario must be one of health-check, replication-pause, function-errors, function-latency, got "region-down"',
    );
    expect(() => parseDrillArgs(['--percentage', '101'])).toThrow(
      '--percentage must be between 1 and 100, got "101"',
    );
    expect(() => parseDrillArgs(['--percentage', '0'])).toThrow(
      '--percentage must be a positive whole number',
    );
    expect(() => parseDrillArgs(['--hold', '1.5'])).toThrow(
      '--hold must be a positive whole number, got "1.5"',
    );
  });

  it('documents every flag in the usage', () => {
    for (const flag of [
      '--region',
      '--target',
      '--execute',
      '--config',
      '--report',
      '--timeout',
      '--poll-ms',
      '--endpoints',
      '--skip-data-check',
      '--help',
    ]) {
      expect(USAGE).toContain(flag);
    }
  });
});
