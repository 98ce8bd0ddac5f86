import { parseArgs } from 'node:util';
import type { SandboxOptions } from './sandbox';

export const HELP = `Usage: npm start -- [options]

Runs the whole active-active system locally: one API per region (the real handlers), a DynamoDB per
region with global-table style replication, a Cognito stand-in and a Route 53 stand-in router.

Options:
  --config <file>              config file (same schema as cdk.json "config"); default: cdk.json
  --regions <n>                run the first n configured regions (default: all)
  --routing <latency|failover> routing policy (default: config "routing")
  --latency <r=ms,...>         simulated latency per region for latency routing
                               (default: first region 10 ms, each next one +50 ms)
  --replication-lag-ms <ms>    minimum replication delay (default: 500)
  --health-interval-ms <ms>    time between health probes (default: config healthCheck.intervalSeconds)
  --item-route-alarm           routing health also follows each region's item-route alarm (a calculated
                               check, as deployed; default: config healthCheck.itemRouteAlarm.enabled)
  --port-base <port>           router = base, issuer = base+1, control = base+2, KMS = base+3, regions = base+10+i
                               (default: 4000, or $SANDBOX_PORT_BASE; 0 = free ports)
  --router-port, --issuer-port, --control-port <port>   override single ports
  --data-dir <dir>             where data, keys and logs live (default: .sandbox)
  --memory                     keep everything in memory (nothing survives a restart)
  --reset                      empty the data directory first (tables, replication state, keys, logs);
                               refused if it holds anything the sandbox did not write there
  --logs                       also print the handlers' logs (always in <data-dir>/logs/<region>.log)
  -h, --help                   show this help
`;

/** Thrown for a bad flag; the message is meant for the user. */
export class UsageError extends Error {}

function int(name: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`--${name} must be a whole number >= ${min}, got "${value}"`);
  return n;
}

function portNumber(name: string, value: string | undefined): number | undefined {
  const n = int(name, value);
  if (n !== undefined && n > 65535)
    throw new UsageError(`--${name} must be a port (0-65535), got "${value}"`);
  return n;
}

function latencies(value: string | undefined): Record<string, number> | undefined {
  if (value === undefined) return undefined;
  return Object.fromEntries(
    value.split(',').map((pair) => {
      const [region, ms] = pair.split('=');
      const n = Number(ms);
      if (!region || !Number.isFinite(n) || n < 0) {
        throw new UsageError(
          `--latency expects region=ms pairs, e.g. us-east-1=10,eu-west-1=80; got "${pair}"`,
        );
      }
      return [region.trim(), n];
    }),
  );
}

/** Parses the command line (and SANDBOX_PORT_BASE); `help` is true when usage was asked for. */
export function parseCliOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): { help: boolean; options: SandboxOptions } {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const routing = values.routing;
  if (routing !== undefined && routing !== 'latency' && routing !== 'failover') {
    throw new UsageError(`--routing must be latency or failover, got "${routing}"`);
  }
  return {
    help: values.help === true,
    options: {
      configFile: values.config,
      regions: int('regions', values.regions, 1),
      routing,
      latencyMs: latencies(values.latency),
      replicationLagMs: int('replication-lag-ms', values['replication-lag-ms']),
      healthIntervalMs: int('health-interval-ms', values['health-interval-ms'], 100),
      portBase: portNumber('port-base', values['port-base'] ?? env.SANDBOX_PORT_BASE),
      ports: {
        router: portNumber('router-port', values['router-port']),
        issuer: portNumber('issuer-port', values['issuer-port']),
        control: portNumber('control-port', values['control-port']),
      },
      dataDir: values['data-dir'],
      memory: values.memory,
      reset: values.reset,
      echoLogs: values.logs,
      itemRouteAlarm: values['item-route-alarm'],
    },
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      config: { type: 'string' },
      regions: { type: 'string' },
      routing: { type: 'string' },
      latency: { type: 'string' },
      'replication-lag-ms': { type: 'string' },
      'health-interval-ms': { type: 'string' },
      'port-base': { type: 'string' },
      'router-port': { type: 'string' },
      'issuer-port': { type: 'string' },
      'control-port': { type: 'string' },
      'data-dir': { type: 'string' },
      memory: { type: 'boolean' },
      reset: { type: 'boolean' },
      logs: { type: 'boolean' },
      'item-route-alarm': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
