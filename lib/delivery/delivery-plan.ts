import type { AppConfig } from '../config/app-config';
import { DEFAULT_BAKE_MINUTES } from '../config/pipeline-config';
import { canaryAlarmName, regionUnhealthyAlarmName } from '../stacks/names';
import type { WatchedAlarm } from './bake';
import { waveOrder } from './delivery-names';

/**
 * What a delivery does, one region at a time, whoever runs it: the CodePipeline (PipelineStack) and the
 * GitHub Actions workflow (github-workflow.ts) both build their waves and their probe and bake commands
 * from here, so the two cannot drift apart.
 */

/** One region checked after a wave: probe, then bake. */
export interface Verification {
  readonly region: string;
  /** Regions the run deploys after this check: their canary alarms may not exist yet. */
  readonly notYetDeployed: readonly string[];
}

/** One wave: a region's deployment, then the checks that run after it. */
export interface Wave {
  readonly region: string;
  readonly verify: readonly Verification[];
}

/**
 * The waves in `waveOrder` (canary first, primary last). A region in `pipeline.newRegions` serves 503 until
 * the primary adds its replica, so it is checked after the primary's wave instead of after its own.
 */
export function deliveryWaves(c: AppConfig): Wave[] {
  const order = waveOrder(c);
  const newRegions = c.pipeline?.newRegions ?? [];
  return order.map((region, i) => {
    const notYetDeployed = order.slice(i + 1);
    const checked = [
      ...(newRegions.includes(region) ? [] : [region]),
      ...(region === c.primaryRegion ? newRegions : []),
    ];
    return { region, verify: checked.map((r) => ({ region: r, notYetDeployed })) };
  });
}

/**
 * The alarms a bake of `region` watches: the region's composite "unhealthy" alarm (its own view: 5xx,
 * latency, table errors) and, in every other region, the alarm of the canary that probes `region` from
 * there (the users' view from outside). A canary alarm in a region not deployed yet in this run may be
 * missing (a first deployment of these names, or a region being added).
 */
export function bakeAlarms(c: AppConfig, region: string, notYetDeployed: readonly string[]): WatchedAlarm[] {
  return [
    { region, name: regionUnhealthyAlarmName(c, region) },
    ...c.regions
      .filter((from) => from !== region)
      .map((from) => ({
        region: from,
        name: canaryAlarmName(c, from, region),
        ...(notYetDeployed.includes(from) ? { mayBeMissing: true } : {}),
      })),
  ];
}

/** Whether the probes sign in and call the item routes (only a pipeline config has the synthetic user). */
export const probesItems = (c: AppConfig) => c.pipeline?.probeItems ?? false;

/** The probe of one region (bin/probe.ts), as run after its wave. */
export function probeCommand(c: AppConfig, region: string, configFile?: string): string {
  return `npx tsx bin/probe.ts --region ${region}${configFile ? ` --config ${configFile}` : ''}${probesItems(c) ? '' : ' --health-only'}`;
}

/** Minutes each region bakes. */
export const bakeMinutesOf = (c: AppConfig) => c.pipeline?.bakeMinutes ?? DEFAULT_BAKE_MINUTES;

/** The bake of one region (bin/bake.ts), as run after its probe. */
export function bakeCommand(c: AppConfig, v: Verification, configFile?: string): string {
  const minutes = bakeMinutesOf(c);
  const later = v.notYetDeployed.map((r) => ` --not-yet-deployed ${r}`).join('');
  return `npx tsx bin/bake.ts --region ${v.region} --minutes ${minutes}${configFile ? ` --config ${configFile}` : ''}${later}`;
}

/**
 * Sets the synthetic user's password from `$PROBE_PASSWORD` (its secret) on the pool `$USER_POOL_ID`, after
 * the identity stack deployed: CloudFormation cannot (see SyntheticUser).
 */
export const setPasswordCommand = (c: AppConfig) =>
  `aws cognito-idp admin-set-user-password --region ${c.primaryRegion} --user-pool-id "$USER_POOL_ID" --username "$PROBE_USERNAME" --password "$PROBE_PASSWORD" --permanent`;
