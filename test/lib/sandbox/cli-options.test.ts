import { parseCliOptions, UsageError } from '../../../lib/sandbox/cli-options';

describe('sandbox CLI options', () => {
  it('maps flags to startSandbox options', () => {
    const { help, options } = parseCliOptions(
      [
        '--regions',
        '2',
        '--routing',
        'failover',
        '--latency',
        'us-east-1=80,eu-west-1=5',
        '--memory',
        '--replication-lag-ms',
        '0',
        '--health-interval-ms',
        '250',
        '--port-base',
        '5000',
        '--control-port',
        '6000',
      ],
      {},
    );
    expect(help).toBe(false);
    expect(options).toMatchObject({
      regions: 2,
      routing: 'failover',
      latencyMs: { 'us-east-1': 80, 'eu-west-1': 5 },
      memory: true,
      replicationLagMs: 0,
      healthIntervalMs: 250,
      portBase: 5000,
      ports: { control: 6000 },
    });
  });

  it('asks for a reset with --reset only', () => {
    expect(parseCliOptions(['--reset', '--data-dir', 'sb'], {}).options).toMatchObject({
      reset: true,
      dataDir: 'sb',
    });
    expect(parseCliOptions([], {}).options.reset).toBeUndefined();
  });

  it('takes the port base from SANDBOX_PORT_BASE when no flag is given', () => {
    expect(parseCliOptions([], { SANDBOX_PORT_BASE: '7000' }).options.portBase).toBe(7000);
    expect(parseCliOptions(['-h'], {}).help).toBe(true);
  });

  it.each([
    [['--regions', '0'], /--regions/],
    [['--routing', 'geo'], /latency or failover/],
    [['--port-base', '70000'], /port/],
    [['--latency', 'us-east-1'], /region=ms/],
    [['--bogus'], /bogus/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliOptions(argv, {})).toThrow(UsageError);
    expect(() => parseCliOptions(argv, {})).toThrow(message);
  });
});
