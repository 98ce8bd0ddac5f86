import { randomUUID } from 'node:crypto';
import {
  type FisClient,
  GetExperimentCommand,
  GetExperimentTemplateCommand,
  ListExperimentsCommand,
  ListExperimentTemplatesCommand,
  StartExperimentCommand,
  StopExperimentCommand,
} from '@aws-sdk/client-fis';
import type { FunctionFaults } from '../../sandbox-contract/function-faults';
import type { Clock } from '../clock';
import { DrillError } from '../errors';
import type { FaultInjector, FaultStatus, Injection, ReplicationStatus } from '../scenarios/fault-ports';
import type { ScenarioName } from '../scenarios/names';
import type { CloudWatchReplicationMetrics } from './replication-metrics';

type ChaosScenario = Exclude<ScenarioName, 'health-check'>;

/** States in which an experiment still holds (or is about to hold, or is removing) its fault. */
const ACTIVE = new Set(['initiating', 'pending', 'running', 'stopping']);

/** Options of {@link FisFaultInjector}. */
export interface FisFaultInjectorOptions {
  readonly clock: Clock;
  /** Ctrl-C: stops waiting for an experiment to start. Stopping one never takes it: that must finish. */
  readonly signal?: AbortSignal;
  /** Idempotency token of each StartExperiment. @default crypto.randomUUID */
  readonly token?: () => string;
  /** Pause between GetExperiment polls while an experiment starts or stops. @default 5000 */
  readonly pollMs?: number;
  /** Longest wait for an experiment to run, or to end once stopped. @default 180000 */
  readonly waitMs?: number;
  /** Lag and alarm of a paused replica. @default - none: replication() reports nothing */
  readonly replicationMetrics?: CloudWatchReplicationMetrics;
}

/**
 * The chaos scenarios' faults in AWS: runs the region's AWS FIS experiment template for the scenario
 * (lib/constructs/chaos-experiments.ts tags each with AppName, AppRegion and Scenario) and stops it.
 * Starting waits until FIS reports the experiment `running`; stopping waits until it has ended, so the
 * fault is gone when restore returns. An experiment the drill lost track of (a StartExperiment whose
 * answer was lost) is found by its template and stopped all the same.
 */
export class FisFaultInjector implements FaultInjector {
  readonly description = 'AWS Fault Injection Service experiment templates';
  private readonly templateIds = new Map<string, ReadonlyMap<ChaosScenario, string>>();
  /** The experiment the drill started in each region. */
  private readonly started = new Map<string, { id: string; scenario: ChaosScenario }>();
  /** When the replication-pause experiment of each region reported `running`. */
  private readonly pausedAt = new Map<string, number>();

  constructor(
    private readonly clientFor: (region: string) => FisClient,
    private readonly appName: string,
    private readonly options: FisFaultInjectorOptions,
  ) {}

  async injection(scenario: ChaosScenario, region: string): Promise<Injection> {
    const id = await this.templateId(region, scenario);
    const { experimentTemplate: t } = await this.clientFor(region).send(
      new GetExperimentTemplateCommand({ id }),
    );
    const actions = Object.values(t?.actions ?? {});
    const stops = (t?.stopConditions ?? []).map((c) =>
      c.source === 'aws:cloudwatch:alarm' ? `alarm ${alarmName(c.value ?? '')}` : (c.source ?? 'none'),
    );
    const params = actions[0]?.parameters ?? {};
    const percentage = Number(params.invocationPercentage);
    const delayMs = Number(params.startupDelayMilliseconds);
    return {
      lines: [
        `FIS experiment template ${id} (${t?.description ?? 'no description'})`,
        ...actions.map(
          (a) =>
            `action ${a.actionId}: ${Object.entries(a.parameters ?? {})
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}`,
        ),
        `stop conditions: ${stops.join(', ') || 'none'}`,
      ],
      ...(Number.isFinite(percentage) ? { percentage } : {}),
      ...(Number.isFinite(delayMs) ? { delayMs } : {}),
    };
  }

  async activeFaults(regions: readonly string[]): Promise<string[]> {
    const found = await Promise.all(
      regions.map(async (region) => {
        const templates = await this.templates(region);
        const scenarioOf = new Map([...templates].map(([scenario, id]) => [id, scenario]));
        const active = await this.activeExperiments(region, [...scenarioOf.keys()]);
        return active.map(
          (e) => `FIS experiment ${e.id} (${scenarioOf.get(e.templateId)}) is ${e.status} in ${region}`,
        );
      }),
    );
    return found.flat();
  }

  async pauseReplication(region: string): Promise<void> {
    await this.start(region, 'replication-pause');
    this.pausedAt.set(region, this.options.clock.now());
  }

  resumeReplication(region: string): Promise<void> {
    return this.stop(region, ['replication-pause']);
  }

  /**
   * FIS does not report replication progress: CloudWatch gives the highest ReplicationLatency since the
   * pause (the last 5 minutes before it) and the replication alarm; items pending are the scenario's markers.
   */
  async replication(from: string, to: string): Promise<ReplicationStatus> {
    const none = { pending: null, lagMs: null, alarm: null, alarmThresholdMs: null };
    const metrics = this.options.replicationMetrics;
    if (!metrics) return none;
    const endMs = this.options.clock.now();
    const startMs = this.pausedAt.get(to) ?? endMs - 300_000;
    const { maxLagMs, alarm } = await metrics.read(from, to, { startMs, endMs });
    return {
      ...none,
      lagMs: maxLagMs,
      alarm: alarm?.inAlarm ?? null,
      alarmName: alarm?.name ?? null,
      alarmWindowMs: alarm?.windowMs ?? null,
    };
  }

  setFunctionFaults(region: string, faults: FunctionFaults | null): Promise<void> {
    if (faults === null) return this.stop(region, ['function-errors', 'function-latency']);
    return this.start(region, faults.errors ? 'function-errors' : 'function-latency');
  }

  async faultStatus(region: string): Promise<FaultStatus | null> {
    const mine = this.started.get(region);
    if (!mine) return null;
    const { status, reason } = await this.state(region, mine.id);
    return {
      active: ACTIVE.has(status),
      detail: `FIS experiment ${mine.id} ${status}${reason ? ` (${reason})` : ''}`,
    };
  }

  private async start(region: string, scenario: ChaosScenario): Promise<void> {
    const experimentTemplateId = await this.templateId(region, scenario);
    const { experiment } = await this.clientFor(region).send(
      new StartExperimentCommand({
        experimentTemplateId,
        // One token per start: a retried call starts no second experiment (FIS StartExperiment clientToken).
        clientToken: (this.options.token ?? randomUUID)(),
        tags: { AppName: this.appName, AppRegion: region, Scenario: scenario, StartedBy: 'npm run drill' },
      }),
    );
    const id = experiment?.id;
    if (!id) throw new DrillError(`FIS returned no experiment for template ${experimentTemplateId}`);
    this.started.set(region, { id, scenario });
    const { status, reason } = await this.waitUntil(
      region,
      id,
      (s) => s !== 'initiating' && s !== 'pending',
      this.options.signal,
    );
    if (status !== 'running') {
      throw new DrillError(
        `FIS experiment ${id} (${scenario}) did not run: ${status}${reason ? `, ${reason}` : ''}`,
      );
    }
  }

  private async stop(region: string, scenarios: readonly ChaosScenario[]): Promise<void> {
    const mine = this.started.get(region);
    let ids: string[];
    if (mine && scenarios.includes(mine.scenario)) ids = [mine.id];
    else {
      const templates = await this.templates(region);
      const templateIds = scenarios.flatMap((s) => templates.get(s) ?? []);
      ids = (await this.activeExperiments(region, templateIds)).map((e) => e.id);
    }
    for (const id of ids) {
      const { status } = await this.state(region, id);
      if (!ACTIVE.has(status)) continue;
      if (status !== 'stopping') await this.clientFor(region).send(new StopExperimentCommand({ id }));
      await this.waitUntil(region, id, (s) => !ACTIVE.has(s));
    }
    if (mine && scenarios.includes(mine.scenario)) this.started.delete(region);
  }

  private async state(region: string, id: string): Promise<{ status: string; reason?: string }> {
    const { experiment } = await this.clientFor(region).send(new GetExperimentCommand({ id }));
    return { status: experiment?.state?.status ?? 'unknown', reason: experiment?.state?.reason };
  }

  private async waitUntil(
    region: string,
    id: string,
    done: (status: string) => boolean,
    signal?: AbortSignal,
  ): Promise<{ status: string; reason?: string }> {
    const { clock, pollMs = 5000, waitMs = 180_000 } = this.options;
    const until = clock.now() + waitMs;
    for (;;) {
      const state = await this.state(region, id);
      if (done(state.status)) return state;
      if (clock.now() >= until) {
        throw new DrillError(`FIS experiment ${id} is still ${state.status} after ${waitMs / 1000} s`);
      }
      await clock.sleep(pollMs, signal);
    }
  }

  private async templateId(region: string, scenario: ChaosScenario): Promise<string> {
    const id = (await this.templates(region)).get(scenario);
    if (!id) {
      throw new DrillError(
        `No FIS experiment template for ${scenario} in ${region} (tags AppName=${this.appName}, ` +
          `AppRegion=${region}, Scenario=${scenario}). Deploy the app with "chaos": { "enabled": true } ` +
          '(docs/DEPLOY.md), or run the scenario against the sandbox with --target local.',
      );
    }
    return id;
  }

  /** The app's templates in the region by scenario, found by their tags; read once per region. */
  private async templates(region: string): Promise<ReadonlyMap<ChaosScenario, string>> {
    const cached = this.templateIds.get(region);
    if (cached) return cached;
    const found = new Map<ChaosScenario, string>();
    let nextToken: string | undefined;
    do {
      const page = await this.clientFor(region).send(new ListExperimentTemplatesCommand({ nextToken }));
      for (const t of page.experimentTemplates ?? []) {
        const tags = t.tags ?? {};
        if (!t.id || tags.AppName !== this.appName || tags.AppRegion !== region) continue;
        const scenario = tags.Scenario as ChaosScenario | undefined;
        if (!scenario) continue;
        const other = found.get(scenario);
        if (other) {
          throw new DrillError(
            `Two FIS experiment templates for ${scenario} in ${region} (${other}, ${t.id}): delete the stale one`,
          );
        }
        found.set(scenario, t.id);
      }
      nextToken = page.nextToken;
    } while (nextToken);
    this.templateIds.set(region, found);
    return found;
  }

  /** Experiments of these templates that still hold (or are about to hold) their fault. */
  private async activeExperiments(
    region: string,
    templateIds: readonly string[],
  ): Promise<{ id: string; templateId: string; status: string }[]> {
    if (templateIds.length === 0) return [];
    const active: { id: string; templateId: string; status: string }[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.clientFor(region).send(new ListExperimentsCommand({ nextToken }));
      for (const e of page.experiments ?? []) {
        const status = e.state?.status ?? '';
        if (
          e.id &&
          e.experimentTemplateId &&
          templateIds.includes(e.experimentTemplateId) &&
          ACTIVE.has(status)
        ) {
          active.push({ id: e.id, templateId: e.experimentTemplateId, status });
        }
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return active;
  }
}

/** `arn:aws:cloudwatch:us-east-1:111111111111:alarm:name` → `name`. */
function alarmName(arn: string): string {
  const i = arn.indexOf(':alarm:');
  return i === -1 ? arn : arn.slice(i + ':alarm:'.length);
}
