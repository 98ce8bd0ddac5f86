import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FisClient } from '@aws-sdk/client-fis';
import { Route53Client } from '@aws-sdk/client-route-53';
import { type AppConfig, ConfigError } from '../config/app-config';
import { loadProjectConfig } from '../config/load-config';
import { cognitoAccessToken } from '../delivery/probe-token';
import { localDynamoClient } from '../sandbox-contract/dynamodb-client';
import { tableName } from '../stacks/names';
import { type DrillArgs, parseDrillArgs, USAGE, UsageError } from './args';
import { CloudWatchAlarmReader } from './aws/cloudwatch-alarms';
import { DynamoDataCheck } from './aws/dynamo-data-check';
import { FisFaultInjector } from './aws/fis-faults';
import { CloudWatchReplicationMetrics } from './aws/replication-metrics';
import { Route53HealthCheckControl } from './aws/route53-control';
import { type Clock, systemClock } from './clock';
import type { DrillDeps } from './engine';
import { runDrill } from './engine';
import { DrillError, explainAwsError, isCredentialsError } from './errors';
import { HttpTrafficProber } from './http-prober';
import { HttpItemProber } from './item-prober';
import { SandboxApiDataCheck } from './local/api-data-check';
import { readSandboxEndpoints, type SandboxEndpoints } from './local/endpoints';
import { SandboxItemProber } from './local/item-prober';
import { SandboxHealthCheckControl } from './local/sandbox-control';
import { SandboxFaultInjector } from './local/sandbox-faults';
import { formatOfflinePlan } from './offline-plan';
import { createProgress, type Progress, type StatusStream } from './progress';
import { formatSummary, toReport } from './report';
import { isRetryable } from './retry';
import { runScenarioCli, type ScenarioAdapters } from './scenarios/cli';

/** Where the CLI writes and what it waits with; tests pass fakes. */
export interface MainOptions {
  /** Aborting it (the bin wires SIGINT/SIGTERM) stops the drill and restores. */
  readonly signal?: AbortSignal;
  /** @default console.log */
  readonly out?: (line: string) => void;
  /** @default console.error */
  readonly err?: (line: string) => void;
  /** @default systemClock */
  readonly clock?: Clock;
  /** Where the function scenarios' synthetic user comes from (PROBE_CLIENT_ID, ...). @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A terminal to redraw the waits' status line in. @default process.stdout when `out` is the default */
  readonly stream?: StatusStream;
}

/** The drill's ports for one target, without the clock and the log. */
export type Adapters = Omit<DrillDeps, 'clock' | 'log'> &
  Pick<ScenarioAdapters, 'faults' | 'items'> & {
    /** Releases what the ports hold open (the local data check's DynamoDB clients); call once the drill ended. */
    readonly close?: () => void;
  };

/** Route 53 is a global service whose API lives in us-east-1. */
const ROUTE53_API_REGION = 'us-east-1';

/** Environment variables holding the synthetic user the function scenarios sign in as (docs/DEPLOY.md). */
const PROBE_USER_ENV = ['PROBE_CLIENT_ID', 'PROBE_USERNAME', 'PROBE_PASSWORD'] as const;

function awsAdapters(
  config: AppConfig,
  dataCheck: boolean,
  io: { clock: Clock; signal?: AbortSignal; env: Readonly<Record<string, string | undefined>> },
): Adapters {
  const perRegion = <T>(make: (region: string) => T) => {
    const cache = new Map<string, T>();
    return (region: string) => cache.get(region) ?? (cache.set(region, make(region)).get(region) as T);
  };
  const { env } = io;
  const signIn = PROBE_USER_ENV.every((n) => env[n])
    ? {
        region: config.primaryRegion,
        clientId: env.PROBE_CLIENT_ID as string,
        username: env.PROBE_USERNAME as string,
        password: env.PROBE_PASSWORD as string,
      }
    : undefined;
  const cloudWatch = perRegion((region) => new CloudWatchClient({ region }));
  return {
    control: new Route53HealthCheckControl(new Route53Client({ region: ROUTE53_API_REGION }), config.appName),
    prober: new HttpTrafficProber(`https://${config.domainName}/health`),
    alarms: new CloudWatchAlarmReader(cloudWatch, config.appName),
    faults: new FisFaultInjector(
      perRegion((region) => new FisClient({ region })),
      config.appName,
      {
        clock: io.clock,
        signal: io.signal,
        replicationMetrics: new CloudWatchReplicationMetrics(cloudWatch, tableName(config), config.appName),
      },
    ),
    ...(signIn
      ? { items: new HttpItemProber(`https://${config.domainName}`, () => cognitoAccessToken(signIn)) }
      : {}),
    ...(dataCheck
      ? {
          dataCheck: new DynamoDataCheck(
            perRegion((region) => new DynamoDBClient({ region })),
            tableName(config),
          ),
        }
      : {}),
  };
}

/**
 * The RPO check runs the same DynamoDB code as on AWS against the sandbox's per-region table endpoints;
 * a sandbox that does not publish them is checked through its API with a sandbox token instead.
 */
function localDataCheck(
  config: Pick<AppConfig, 'appName'>,
  endpoints: SandboxEndpoints,
): Pick<Adapters, 'dataCheck' | 'close'> {
  const dynamodb = endpoints.dynamodb;
  if (!dynamodb || Object.keys(dynamodb).length === 0)
    return { dataCheck: new SandboxApiDataCheck(endpoints) };
  // One client per region for the drill's lifetime, destroyed by close(): the console runs many drills
  // in one long-lived process, and a client per call would leak its sockets every time.
  const clients = new Map<string, DynamoDBClient>();
  const clientFor = (region: string) => {
    let client = clients.get(region);
    if (!client) {
      const endpoint = dynamodb[region];
      if (!endpoint) throw new DrillError(`The sandbox publishes no DynamoDB endpoint for ${region}`);
      client = localDynamoClient(endpoint, region);
      clients.set(region, client);
    }
    return client;
  };
  return {
    dataCheck: new DynamoDataCheck(clientFor, tableName(config)),
    close: () => {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    },
  };
}

/**
 * The `--target local` drill: the regions, primary region and routing mode come from the running sandbox
 * (`GET {control}/state`), not the project config; `npm start -- --regions 2` or another `--config` runs
 * a different set, and the drill would look for health checks the sandbox does not have.
 */
async function localDrill(
  config: AppConfig,
  endpointsFile: string | undefined,
  dataCheck: boolean,
): Promise<{ config: AppConfig; adapters: Adapters }> {
  const endpoints = readSandboxEndpoints(endpointsFile);
  const running = await new SandboxHealthCheckControl(endpoints.control, config.appName).running();
  // A sandbox without primaryRegion in its state picked it as sandbox.ts does.
  const primaryRegion =
    running.primaryRegion ??
    (running.regions.includes(config.primaryRegion) ? config.primaryRegion : running.regions[0]);
  return {
    config: { ...config, regions: running.regions, primaryRegion, routing: running.routing },
    adapters: localAdaptersFor(config, endpoints, dataCheck),
  };
}

/** The `--target local` adapters for a sandbox's endpoints; the sandbox's console runs drills with them. */
export function localAdaptersFor(
  config: Pick<AppConfig, 'appName'>,
  endpoints: SandboxEndpoints,
  dataCheck: boolean,
): Adapters {
  return {
    control: new SandboxHealthCheckControl(endpoints.control, config.appName),
    prober: new HttpTrafficProber(`${endpoints.router.replace(/\/$/, '')}/health`),
    faults: new SandboxFaultInjector(endpoints.control),
    items: new SandboxItemProber(endpoints.router, endpoints.issuer),
    ...(dataCheck ? localDataCheck(config, endpoints) : {}),
  };
}

/** The whole CLI; returns the exit code: 0 planned or passed, 1 failed or refused, 2 bad usage. */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const out = options.out ?? ((l: string) => console.log(l));
  const err = options.err ?? ((l: string) => console.error(l));
  const clock = options.clock ?? systemClock;
  const progress = createProgress({
    clock,
    log: out,
    stream: options.stream ?? (options.out ? undefined : process.stdout),
  });
  let adapters: Adapters | undefined;
  try {
    const args = parseDrillArgs(argv);
    if (args.help) {
      out(USAGE);
      return 0;
    }
    const projectConfig = loadProjectConfig(args.configFile);
    // replication-pause measures with marker writes whatever --skip-data-check says.
    const dataCheck = args.dataCheck || args.scenario === 'replication-pause';
    const drill =
      args.target === 'aws'
        ? {
            config: projectConfig,
            adapters: awsAdapters(projectConfig, dataCheck, {
              clock,
              signal: options.signal,
              env: options.env ?? process.env,
            }),
          }
        : await localDrill(projectConfig, args.endpointsFile, dataCheck);
    const { config } = drill;
    adapters = drill.adapters;
    const run = () => runOnce(args, config, drill.adapters, { out, progress, clock, signal: options.signal });
    if (args.target !== 'aws' || args.execute) return await run();
    // A dry run without credentials still shows what the config implies; any other error is reported.
    try {
      return await run();
    } catch (e) {
      if (!isCredentialsError(e)) throw e;
      out(formatOfflinePlan(args, argv, config, (e as Error).message || (e as Error).name));
      return 0;
    }
  } catch (e) {
    const error = explainAwsError(e);
    if (error instanceof UsageError) {
      err(`drill: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof DrillError || error instanceof ConfigError) {
      err(`drill: ${error.message}`);
    } else if (isRetryable(error)) {
      err(
        `drill: AWS kept throttling the drill's requests (${(error as Error).name}) after retries with ` +
          'exponential backoff. Wait a minute, or raise --poll-ms, and run it again.',
      );
    } else {
      err(`drill: ${(error as Error)?.name ?? 'Error'}: ${(error as Error)?.message ?? String(error)}`);
    }
    return 1;
  } finally {
    adapters?.close?.();
  }
}

/** One drill or scenario with the target's adapters: prints, writes `--report`, returns the exit code. */
async function runOnce(
  args: DrillArgs,
  config: AppConfig,
  adapters: Adapters,
  io: { out: (line: string) => void; progress: Progress; clock: Clock; signal?: AbortSignal },
): Promise<number> {
  const { out, progress, clock, signal } = io;
  if (args.scenario !== 'health-check') {
    return runScenarioCli(args, config, adapters, { out: progress.log, clock, progress, signal });
  }
  const result = await runDrill(
    {
      config,
      target: args.target,
      region: args.region,
      execute: args.execute,
      timeoutMs: args.timeoutMs,
      pollMs: args.pollMs,
      signal,
    },
    { ...adapters, clock, log: progress.log, progress },
  );
  const report = toReport(result);
  if (result.executed) out(`\n${formatSummary(report)}`);
  if (args.reportFile) {
    writeFileSync(resolve(args.reportFile), `${JSON.stringify(report, null, 2)}\n`);
    out(`Report written to ${args.reportFile}`);
  }
  if (!result.restored) return 1;
  return result.outcome === 'failed' ? 1 : 0;
}
