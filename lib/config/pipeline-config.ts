import { z } from 'zod';

/** Minutes each region bakes when `pipeline.bakeMinutes` is not set (and without a pipeline section). */
export const DEFAULT_BAKE_MINUTES = 10;

/**
 * The optional `pipeline` section of the config. Present: the CDK app synthesizes a CDK Pipelines stack in
 * `primaryRegion` that delivers every stack one region at a time. Absent: the app is exactly the stacks of
 * a direct `cdk deploy --all`. The generated GitHub Actions workflow (`npm run workflow`) takes its waves,
 * probes, bakes and approvals from this section too. See docs/DEPLOY.md, "Delivery pipeline" and
 * "Deploying from GitHub Actions".
 */
export const pipelineConfigSchema = z.strictObject({
  /** `owner/name` of the repository the pipeline builds (GitHub, GitHub Enterprise, Bitbucket, GitLab). */
  repository: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'must be "owner/name" such as "my-org/my-app"'),
  /** Branch whose pushes start the pipeline. */
  branch: z.string().min(1).max(255).default('main'),
  /** ARN of an AVAILABLE CodeStar (CodeConnections) connection to the repository's host. */
  connectionArn: z
    .string()
    .regex(
      /^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\d{12}:connection\/[A-Za-z0-9-]+$/,
      'must be a CodeStar connection ARN such as "arn:aws:codestar-connections:us-east-1:111111111111:connection/…"',
    ),
  /**
   * Regions in the order the pipeline deploys them, one wave each; must list every region once and end
   * with `primaryRegion`. The first is the canary.
   * @default every region other than primaryRegion in config order, then primaryRegion
   */
  regionOrder: z.array(z.string()).optional(),
  /**
   * Regions whose table replica does not exist yet (a first install, or the region this run adds): until
   * the primary's wave adds their replica their `/health` answers 503, so their probe and bake run after
   * the primary's wave instead of after their own. Remove them once deployed.
   */
  newRegions: z.array(z.string()).default([]),
  /**
   * Minutes to watch each region's alarms after its probe passed (its composite "unhealthy" alarm and the
   * other regions' canary alarms on it); 0 checks once.
   */
  bakeMinutes: z.number().int('must be a whole number').min(0).max(480).default(DEFAULT_BAKE_MINUTES),
  /**
   * Manual approval before the production waves (every wave after the canary): `none`, once before the
   * first production wave (`before-production`), or before each of them (`before-each-production-wave`).
   */
  approval: z.enum(['none', 'before-production', 'before-each-production-wave']).default('none'),
  /** How CodeDeploy shifts each function's `live` alias to a new version inside a region. */
  trafficShifting: z
    .discriminatedUnion('type', [
      z.strictObject({
        type: z.literal('canary'),
        /** Share of traffic the new version gets first. */
        percentage: z.number().int('must be a whole number').min(1).max(99).default(10),
        /** Minutes at that share before the rest moves. */
        intervalMinutes: z.number().int('must be a whole number').min(1).max(2880).default(5),
      }),
      z.strictObject({
        type: z.literal('linear'),
        /** Share of traffic added at each step. */
        percentage: z.number().int('must be a whole number').min(1).max(99).default(10),
        /** Minutes between steps. */
        intervalMinutes: z.number().int('must be a whole number').min(1).max(2880).default(1),
      }),
      z.strictObject({ type: z.literal('all-at-once') }),
    ])
    .prefault({ type: 'canary' }),
  /** Sign in with the synthetic user and call the item routes after `/health` (needs `cognito.mfa` not `required`). */
  probeItems: z.boolean().default(true),
});

export type PipelineConfig = z.output<typeof pipelineConfigSchema>;

/** How traffic moves to a new function version (the validated `pipeline.trafficShifting`). */
export type TrafficShifting = PipelineConfig['trafficShifting'];

/** The default wave order: the other regions in config order (the first is the canary), the primary last. */
export function defaultRegionOrder(regions: readonly string[], primaryRegion: string): string[] {
  return [...regions.filter((r) => r !== primaryRegion), primaryRegion];
}

/** The problems of `newRegions` against the regions (empty when valid). */
export function newRegionsProblems(
  newRegions: readonly string[],
  regions: readonly string[],
  primaryRegion: string,
): string[] {
  const problems: string[] = [];
  const unknown = newRegions.filter((r) => !regions.includes(r));
  if (unknown.length) problems.push(`lists regions that are not in regions: ${unknown.join(', ')}`);
  if (newRegions.includes(primaryRegion)) {
    problems.push(`must not list primaryRegion (${primaryRegion}): its stack creates the table`);
  }
  return problems;
}

/** The problems of a `regionOrder` against the regions, as `[path, message]` pairs (empty when valid). */
export function regionOrderProblems(
  order: readonly string[],
  regions: readonly string[],
  primaryRegion: string,
): string[] {
  const problems: string[] = [];
  const missing = regions.filter((r) => !order.includes(r));
  const unknown = order.filter((r) => !regions.includes(r));
  if (missing.length) problems.push(`must list every region; missing ${missing.join(', ')}`);
  if (unknown.length) problems.push(`lists regions that are not in regions: ${unknown.join(', ')}`);
  if (new Set(order).size !== order.length) problems.push('must not repeat a region');
  if (problems.length === 0 && order[order.length - 1] !== primaryRegion) {
    // The primary's stack owns the global table: a replica needs its region's key (and the copy region's
    // backup vault) to exist first, so a run that adds a region must deploy that region before the primary.
    problems.push(
      `must end with primaryRegion (${primaryRegion}): its stack owns the global table, whose replicas need the other regions' keys deployed first`,
    );
  }
  return problems;
}
