import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TABLE_SCHEMA } from '../../functions/shared/table-schema';
import type { AppConfig } from '../config/app-config';
import { loadProjectConfig } from '../config/load-config';
import type { ControlRoute } from '../sandbox-contract/control';
import { tableName as tableNameOf } from '../stacks/names';
import type { SandboxControl } from './control-api';
import { startControlApi } from './control-api';
import { lockDataDir } from './data-dir-lock';
import { resetDataDir } from './data-dir-reset';
import { startDynamoEndpoint } from './dynamo-endpoint';
import { handlerEnv } from './handler-env';
import { HealthChecker } from './health-checker';
import { assertPortsFree } from './http-util';
import { startIdentityProvider } from './identity-provider';
import { loadOrCreateSigningKey } from './idp-keys';
import {
  AlarmHealthCheck,
  type InsufficientDataHealthStatus,
  ItemRouteAlarm,
  type ItemRouteAlarmOptions,
} from './item-route-alarm';
import { ItemRouteCanary } from './item-route-canary';
import { localJwksKeyArn, startLocalKms } from './local-kms';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-dir';
import { RegionProcess } from './region-process';
import { RegionTable } from './region-table';
import {
  emptyState,
  loadReplicationState,
  type ReplicationState,
  saveReplicationState,
} from './replication-state';
import { Replicator } from './replicator';
import { startRouter } from './router';
import { chooseRegion, defaultLatencies, type RoutingMode } from './routing-policy';
import { createSandboxControl } from './sandbox-control';
import { type RegionTableDrift, StaleTableLayoutError } from './table-layout';

/** Options of startSandbox; every one has a default that matches `npm start`. */
export interface SandboxOptions {
  /** Config file (same schema as cdk.json's `config`). @default cdk.json context */
  readonly configFile?: string;
  /** An already-loaded config; wins over `configFile`. */
  readonly config?: AppConfig;
  /** Run the first N configured regions. @default all */
  readonly regions?: number;
  /** Where data, keys and logs live. @default `.sandbox` in the working directory */
  readonly dataDir?: string;
  /** Keep tables, replication state and the signing key in memory only. @default false */
  readonly memory?: boolean;
  /**
   * Empty the data directory first (tables, replication state, keys, logs), as `--reset` does; refused
   * when it holds anything the sandbox did not write (lib/sandbox/data-dir-reset.ts). @default false
   */
  readonly reset?: boolean;
  /**
   * First port: router = base, issuer = base + 1, control = base + 2, local KMS = base + 3,
   * region i = base + 10 + i.
   * 0 gives every server a free port (tests). @default 4000
   */
  readonly portBase?: number;
  /** Overrides of single ports. */
  readonly ports?: { readonly router?: number; readonly issuer?: number; readonly control?: number };
  /** Minimum replication delay. @default 500 */
  readonly replicationLagMs?: number;
  /** Lag past which a region pair's replication alarm fires. @default SANDBOX_REPLICATION_ALARM_MS (60 s, as the CDK app's) */
  readonly replicationAlarmMs?: number;
  /** Time between health probes. @default config healthCheck.intervalSeconds × 1000 */
  readonly healthIntervalMs?: number;
  /** @default config routing */
  readonly routing?: RoutingMode;
  /** Simulated latency per region for latency routing. @default first region 10 ms, then +50 ms each */
  readonly latencyMs?: Readonly<Record<string, number>>;
  /** App client id of the local identity provider. @default 'sandbox-client' */
  readonly clientId?: string;
  /** API Gateway stage name in events. @default 'prod' */
  readonly stage?: string;
  /** Echo handler logs to stderr (they always go to `<dataDir>/logs/<region>.log`). @default false */
  readonly echoLogs?: boolean;
  /** Directory of the handler files. @default functions/handlers */
  readonly handlersDir?: string;
  /**
   * Makes each region's routing health a calculated check over its `/health` check and its item-route
   * alarm (true: the config's `healthCheck.itemRouteAlarm` thresholds, a window of failureThreshold probe
   * intervals), as the deployed app's records do. @default config `healthCheck.itemRouteAlarm.enabled`
   */
  readonly itemRouteAlarm?:
    | boolean
    | (Partial<ItemRouteAlarmOptions> & { readonly insufficientData?: InsufficientDataHealthStatus });
  /**
   * Mounts a front end on the control API and its hooks; `bin/sandbox.ts` mounts the web console
   * (`lib/console/sandbox-console.ts`). @default - the bare control API
   */
  readonly extend?: (core: SandboxCore) => SandboxExtension;
}

/** What the sandbox hands to an extension once everything listens. */
export interface SandboxCore {
  /** The sandbox's own control operations. */
  readonly control: SandboxControl;
  /** The config with the regions, primary region and routing mode this sandbox runs. */
  readonly config: AppConfig;
  /** The sandbox's URLs; known once every server listens, so read them when needed. */
  readonly endpoints: () => SandboxEndpoints;
}

/** What a front end (the web console) adds to a sandbox; every member is optional. */
export interface SandboxExtension {
  /** Served by the control API and returned as `Sandbox.control` instead of the core's. @default core */
  readonly control?: SandboxControl;
  /** More paths on the control API's origin (the console's page). */
  readonly route?: ControlRoute;
  /** Each request the router forwarded: `ok` when the region answered with less than 500. */
  readonly onRouted?: (region: string, ok: boolean) => void;
  /** After every round of health probes, when the checks hold their new results. */
  readonly onProbeRound?: () => void;
  /** On stop, before the control API closes (a running drill restores its check through it). */
  readonly beforeStop?: () => Promise<void>;
}

/** URLs of a running sandbox; written to `<dataDir>/endpoints.json`. */
export interface SandboxEndpoints {
  readonly router: string;
  readonly regions: Readonly<Record<string, string>>;
  readonly issuer: string;
  readonly control: string;
  /** The web console (served by the control API). */
  readonly console: string;
  /** Each region's DynamoDB endpoint (writes through it replicate). */
  readonly dynamodb: Readonly<Record<string, string>>;
  /** The local KMS holding the multi-Region key that signs the table's JWKS copy. */
  readonly kms: string;
}

/** A running sandbox. */
export interface Sandbox {
  readonly endpoints: SandboxEndpoints;
  readonly config: AppConfig;
  readonly regions: readonly string[];
  readonly dataDir: string;
  /** The same operations the control API exposes, in-process. */
  readonly control: SandboxControl;
  /** Stops every server and child process and saves state; safe to call twice. */
  stop(): Promise<void>;
}

/** Starts the whole local system; on any start-up error everything already started is stopped again. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const config = options.config ?? loadProjectConfig(options.configFile);
  const count = options.regions ?? config.regions.length;
  if (!Number.isInteger(count) || count < 1 || count > config.regions.length) {
    throw new Error(`--regions must be between 1 and ${config.regions.length} (the configured regions)`);
  }
  const regions = config.regions.slice(0, count);
  const dataDir = resolve(options.dataDir ?? '.sandbox');
  const memory = options.memory ?? false;
  const base = options.portBase ?? 4000;
  const port = (offset: number, override?: number) => override ?? (base === 0 ? 0 : base + offset);
  const tableName = tableNameOf(config);
  const clientId = options.clientId ?? 'sandbox-client';
  const mode = options.routing ?? config.routing;
  const latencyMs = { ...defaultLatencies(regions), ...options.latencyMs };
  const primaryRegion = regions.includes(config.primaryRegion) ? config.primaryRegion : regions[0];
  ensurePrivateDir(dataDir);
  const unlock = lockDataDir(dataDir);
  await assertPortsFree([
    { name: 'router', port: port(0, options.ports?.router) },
    { name: 'identity provider', port: port(1, options.ports?.issuer) },
    { name: 'control API', port: port(2, options.ports?.control) },
    { name: 'local KMS', port: port(3) },
    ...regions.map((r, i) => ({ name: `API of ${r}`, port: port(10 + i) })),
  ]).catch((e) => {
    unlock();
    throw e;
  });

  const cleanups: Array<() => Promise<void>> = [async () => unlock()];
  const stopAll = async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  };

  try {
    // After the lock: a sandbox still running on this directory is never emptied under it.
    if (options.reset) resetDataDir(dataDir);
    const key = await loadOrCreateSigningKey(memory ? undefined : join(dataDir, 'idp', 'signing-key.json'));
    const idp = await startIdentityProvider({ key, clientId, port: port(1, options.ports?.issuer) });
    cleanups.push(() => idp.close());
    const kms = await startLocalKms({
      keyFile: memory ? undefined : join(dataDir, 'kms', 'jwks-signing-key.pem'),
      port: port(3),
    });
    cleanups.push(() => kms.close());

    const stateFile = join(dataDir, 'replication.json');
    const state: ReplicationState = memory ? emptyState() : loadReplicationState(stateFile);
    let saveTimer: NodeJS.Timeout | undefined;
    const save = () => {
      clearTimeout(saveTimer);
      saveTimer = undefined;
      if (!memory) saveReplicationState(stateFile, state);
    };

    const tables: RegionTable[] = [];
    for (const region of regions) {
      const table = await RegionTable.open(
        region,
        tableName,
        memory ? undefined : join(dataDir, region, 'db'),
      );
      cleanups.push(() => table.close());
      tables.push(table);
    }
    if (!memory) {
      // Tables on disk may come from an older TABLE_SCHEMA; refuse them rather than answer 500s later.
      const drifts: RegionTableDrift[] = [];
      for (const table of tables) {
        const differences = await table.layoutDifferences();
        if (differences.length > 0) drifts.push({ region: table.region, differences });
      }
      if (drifts.length > 0) throw new StaleTableLayoutError(dataDir, drifts);
    }

    const replicator = new Replicator({
      tables,
      lagMs: options.replicationLagMs ?? 500,
      alarmThresholdMs: options.replicationAlarmMs,
      state,
      onChange: () => {
        saveTimer ??= setTimeout(save, 200);
      },
    });
    for (const table of tables) {
      table.endpoint = await startDynamoEndpoint({
        targetHandler: table.backendHandler,
        table: tableName,
        keyNames: TABLE_SCHEMA,
        locks: table.locks,
        onWrite: (keys) => replicator.recordWrite(table.region, keys),
      });
    }
    replicator.start();
    cleanups.push(async () => {
      await replicator.stop();
      save();
    });

    const probeIntervalMs = options.healthIntervalMs ?? config.healthCheck.intervalSeconds * 1000;
    const configured = config.healthCheck.itemRouteAlarm;
    const alarmSettings = options.itemRouteAlarm ?? configured.enabled;
    const { insufficientData, ...alarmOptions } = typeof alarmSettings === 'object' ? alarmSettings : {};
    const alarms = new Map<string, AlarmHealthCheck>(
      alarmSettings
        ? regions.map((r) => [
            r,
            new AlarmHealthCheck(
              new ItemRouteAlarm({
                windowMs: probeIntervalMs * config.healthCheck.failureThreshold,
                errorRatePercent: configured.errorRatePercent,
                averageLatencyMs: configured.averageLatencyMs,
                ...alarmOptions,
              }),
              insufficientData,
            ),
          ])
        : [],
    );
    const processes = new Map<string, RegionProcess>();
    regions.forEach((region, i) => {
      const table = tables[i];
      processes.set(
        region,
        new RegionProcess({
          worker: {
            api: {
              region,
              accountId: config.account,
              apiId: `sandbox${i}`,
              stage: options.stage ?? 'prod',
              domainName: `${region}.${config.domainName}`,
            },
            port: port(10 + i),
            handlersDir: options.handlersDir ?? resolve(__dirname, '../../functions/handlers'),
            functionNamePrefix: config.appName,
          },
          env: handlerEnv({
            config,
            region,
            tableName,
            dynamoEndpoint: table.endpoint?.url ?? '',
            issuer: idp.issuer,
            clientId,
            kmsEndpoint: kms.endpoint,
            jwksSigningKeyId: localJwksKeyArn(region, config.account),
          }),
          logFile: join(dataDir, 'logs', `${region}.log`),
          echo: options.echoLogs,
          onItemRoutes: (results) => alarms.get(region)?.alarm.record(results),
        }),
      );
    });
    cleanups.push(async () => {
      await Promise.all([...processes.values()].map((p) => p.dispose()));
    });
    await Promise.all([...processes.values()].map((p) => p.start()));
    const regionUrls = Object.fromEntries([...processes].map(([r, p]) => [r, p.url]));

    // Bound once the extension exists; the checker and the router start before it.
    let extension: SandboxExtension = {};
    const checker = new HealthChecker({
      targets: regionUrls,
      intervalSeconds: config.healthCheck.intervalSeconds,
      failureThreshold: config.healthCheck.failureThreshold,
      probeIntervalMs: options.healthIntervalMs,
      onRound: () => extension.onProbeRound?.(),
    });
    checker.start();
    cleanups.push(() => checker.stop());
    // The calculated check: healthy when both children are (HealthThreshold = all of them).
    const healthy = (r: string) =>
      (checker.checks.get(r)?.healthy ?? false) && (alarms.get(r)?.evaluate().healthy ?? true);
    if (alarms.size > 0) {
      const canary = new ItemRouteCanary({
        targets: regionUrls,
        issuer: idp.issuer,
        intervalMs: probeIntervalMs / 2,
      });
      canary.start();
      cleanups.push(() => canary.stop());
    }
    const serving = () => chooseRegion({ mode, regions, healthy, latencyMs, primaryRegion });

    const router = await startRouter({
      targets: regionUrls,
      choose: serving,
      port: port(0, options.ports?.router),
      onResult: (region, ok) => extension.onRouted?.(region, ok),
    });
    cleanups.push(() => router.close());

    const core = createSandboxControl({
      regions,
      processes,
      tables: new Map(tables.map((t) => [t.region, t])),
      checker,
      replicator,
      routing: { mode, primaryRegion, latencyMs, serving },
      alarms,
    });
    extension =
      options.extend?.({
        control: core,
        config: { ...config, regions, primaryRegion, routing: mode },
        endpoints: () => endpoints,
      }) ?? {};
    const control = extension.control ?? core;
    const controlApi = await startControlApi(control, port(2, options.ports?.control), {
      console: extension.route,
    });
    cleanups.push(() => controlApi.close());
    // Runs before the control API closes: a cancelled drill restores its health check through it.
    const { beforeStop } = extension;
    if (beforeStop) cleanups.push(beforeStop);

    const endpoints: SandboxEndpoints = {
      router: router.url,
      regions: regionUrls,
      issuer: idp.issuer,
      control: controlApi.url,
      console: `${controlApi.url}/`,
      dynamodb: Object.fromEntries(tables.map((t) => [t.region, t.endpoint?.url ?? ''])),
      kms: kms.endpoint,
    };
    const endpointsFile = join(dataDir, 'endpoints.json');
    writeFileSync(endpointsFile, `${JSON.stringify(endpoints, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
    cleanups.push(async () => rmSync(endpointsFile, { force: true }));

    let stopping: Promise<void> | undefined;
    return {
      endpoints,
      config,
      regions,
      dataDir,
      control,
      stop: () => {
        stopping ??= stopAll();
        return stopping;
      },
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
