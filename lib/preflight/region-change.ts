import type { AppConfig } from '../config/app-config';
import { HEALTH_METRICS_REGION, healthAlarmsStackName, regionalStackName, tableName } from '../stacks/names';
import type { DeployedStack, DeployedState } from './deployed-state';

/** The preflight's verdict on one config against what is deployed. */
export interface PreflightPlan {
  /** True when `npx cdk deploy --all` with this config is safe to run now (after any bootstrap step). */
  readonly safe: boolean;
  /** One line: what the config changes. */
  readonly change: string;
  /** One line: what the deploy does to the table's indexes; absent before the first deploy. */
  readonly indexChange?: string;
  /** Why the config is refused or what must happen first; empty when safe. */
  readonly problems: readonly string[];
  /** Commands and actions, in order; the last one is the deploy when it is allowed. */
  readonly steps: readonly string[];
  /** Stacks that no configured region owns and that still route traffic: delete them. */
  readonly toDestroy: readonly DeployedStack[];
  /** Facts worth knowing that block nothing. */
  readonly notes: readonly string[];
}

/** How the CLI was given the config, repeated in every command it prints (e.g. `-c configFile=x.json`). */
export interface PlanOptions {
  /** @default '' (cdk.json) */
  readonly cdkContextArgs?: string;
}

const SETTLING = /_IN_PROGRESS$/;
const BROKEN = /FAILED$/;

/**
 * Compares the config with the deployed state. `AWS::DynamoDB::GlobalTable` adds or removes one replica per
 * stack update, so a config that changes more than one region is refused with the sequence of single steps;
 * a region is removed by first taking it out of routing (its stack), then turning off the replica's
 * deletion protection, then letting the primary stack drop the replica.
 */
export function planRegionChange(
  config: AppConfig,
  state: DeployedState,
  options: PlanOptions = {},
): PreflightPlan {
  const ctx = options.cdkContextArgs ? ` ${options.cdkContextArgs}` : '';
  const deployAll = `npx cdk deploy --all${ctx}`;
  const problems: string[] = [];
  const notes: string[] = [];
  const steps: string[] = [];

  for (const s of state.stacks) {
    if (SETTLING.test(s.status)) {
      problems.push(
        `Stack ${s.name} (${s.region}) is ${s.status}: wait until it settles, then run the preflight again.`,
      );
    } else if (BROKEN.test(s.status)) {
      problems.push(
        `Stack ${s.name} (${s.region}) is ${s.status}: fix it first (see its events: aws cloudformation describe-stack-events --region ${s.region} --stack-name ${s.name}).`,
      );
    }
  }
  for (const region of state.unreachable) {
    problems.push(
      `${region} refused these credentials although other regions accepted them: the region is probably not enabled for the account (aws account enable-region --region-name ${region}).`,
    );
  }
  const bootstrap = (regions: readonly string[]) =>
    regions
      .filter((r) => !state.bootstrapped.includes(r))
      .map((r) => `npx cdk bootstrap aws://${config.account}/${r}   # no CDKToolkit stack in ${r} yet`);

  const table = state.table;
  if (!table) {
    const stale = state.stacks.filter((s) => !ownedByConfig(config, s));
    steps.push(...bootstrap(unique([...config.regions, HEALTH_METRICS_REGION])));
    if (problems.length === 0)
      steps.push(`${deployAll}   # creates the table with a replica in every region`);
    return {
      safe: problems.length === 0,
      change: `First deploy: no table ${tableName(config)} in ${unique([config.primaryRegion, ...config.regions]).join(', ')}; regions [${config.regions.join(', ')}], primary ${config.primaryRegion}.`,
      problems,
      steps,
      toDestroy: stale,
      notes,
    };
  }

  for (const r of table.replicas) {
    if (r.status !== 'ACTIVE') {
      problems.push(
        `The replica in ${r.region} is ${r.status}: wait until every replica is ACTIVE (aws dynamodb describe-table --region ${table.describedIn} --table-name ${table.name} --query 'Table.Replicas').`,
      );
    }
  }

  const deployed = table.replicas.map((r) => r.region);
  const configured = new Set(config.regions);
  const added = config.regions.filter((r) => !deployed.includes(r));
  const removed = deployed.filter((r) => !configured.has(r));
  // Intermediate region lists keep the config's order and put regions on their way out last: the default
  // backup copy region (the first non-primary one) is then already the final one, so copies move once.
  const ordered = (set: ReadonlySet<string>) => [
    ...config.regions.filter((r) => set.has(r)),
    ...deployed.filter((r) => set.has(r) && !configured.has(r)),
  ];
  const delta = describeDelta(added, removed);
  const change = delta
    ? `Regions: ${delta} (the table has replicas in ${deployed.join(', ')}).`
    : `No region change: the table's replicas (${deployed.join(', ')}) match the config.`;

  const identity = state.stacks.find((s) => s.kind === 'identity');
  const deployedPrimary = identity?.region;
  if (deployedPrimary && deployedPrimary !== config.primaryRegion) {
    problems.push(
      `primaryRegion changes from ${deployedPrimary} to ${config.primaryRegion}${removed.includes(deployedPrimary) ? `, and the config removes ${deployedPrimary}` : ''}. ` +
        `The user pool, the global table's CloudFormation resource and the backup plan live in the primary region's stacks: CloudFormation cannot remove a global table's replica in its own stack's region, the new primary stack would try to create a second table named ${table.name}, and a new user pool would start without users. Keep primaryRegion "${deployedPrimary}"; moving it is a migration, not a config change.`,
    );
    return { safe: false, change, problems, steps, toDestroy: [], notes };
  }

  if (added.length + removed.length > 1) {
    const sequence: { regions: string[]; what: string }[] = [];
    const current = new Set(deployed);
    for (const r of added) {
      current.add(r);
      sequence.push({ regions: ordered(current), what: `add ${r}` });
    }
    for (const r of removed) {
      current.delete(r);
      sequence.push({ regions: ordered(current), what: `remove ${r}` });
    }
    const [first, ...rest] = sequence;
    problems.push(
      `The config ${delta}; AWS::DynamoDB::GlobalTable adds or removes one replica per update, so the deploy would fail. ` +
        `Deploy with regions [${first.regions.join(', ')}] first (${first.what}), then ${rest.map((s) => s.what).join(', then ')}; run the preflight before each step.`,
    );
    steps.push(
      `Set "regions": ${JSON.stringify(first.regions)} in the config, run npm run preflight again, and follow it.`,
    );
    return { safe: false, change, problems, steps, toDestroy: [], notes };
  }

  if (added.length === 1) {
    const [region] = added;
    steps.push(...bootstrap([region]));
    notes.push(
      `${deployAll} deploys ${regionalStackName(config, region)} (its key must exist) before the primary stack adds the replica in ${region}; copying the existing items there can take from minutes to hours.`,
    );
  }

  if (removed.length === 1) {
    const [region] = removed;
    const stack = state.stacks.find((s) => s.kind === 'regional' && s.region === region);
    const replica = table.replicas.find((r) => r.region === region);
    if (stack) {
      problems.push(
        `${region} still has its stack ${stack.name}: its DNS records and health check keep sending traffic there. Take it out of routing before the replica goes.`,
      );
      steps.push(
        `npx cdk deploy ${[healthAlarmsStackName(config), ...config.regions.filter((r) => r !== config.primaryRegion).map((r) => regionalStackName(config, r))].join(' ')} --exclusively${ctx}   # stop watching ${region} (health-check alarm, canaries, replication alarms) before it goes; the primary's canary on it stays until the last step`,
        `aws cloudformation delete-stack --region ${region} --stack-name ${stack.name}   # removes its records and health check: traffic leaves ${region}`,
        `aws cloudformation wait stack-delete-complete --region ${region} --stack-name ${stack.name}`,
      );
    }
    if (replica?.deletionProtection !== false) {
      problems.push(
        `The replica in ${region} has deletion protection ${replica?.deletionProtection === undefined ? '(not readable; this template turns it on)' : 'on (this template sets it on every replica)'}: the primary stack cannot delete it.`,
      );
      steps.push(
        `aws dynamodb update-table --region ${region} --table-name ${table.name} --no-deletion-protection-enabled`,
      );
    }
    notes.push(
      `The deploy deletes the replica in ${region} and its copy of the items; the other replicas keep all of them. Retained in ${region} afterwards: the KMS key behind alias/${config.appName}-data (schedule its deletion once the replica is gone), log groups, and the backup copy vault if ${region} was the copy region.`,
    );
  }

  // The removed region's stack (its deletion is in the steps) and leftovers of earlier removals, which no
  // deploy touches: CDK never deletes a stack that left the app.
  const toDestroy = state.stacks.filter((s) => s.kind === 'regional' && !configured.has(s.region));
  for (const s of toDestroy.filter((s) => !deployed.includes(s.region))) {
    notes.push(
      `${s.name} (${s.region}) belongs to no configured region and holds no replica, but its records and health check are still in the zone; delete it once the other stacks are deployed with this config: aws cloudformation delete-stack --region ${s.region} --stack-name ${s.name}`,
    );
  }

  const safe = problems.length === 0;
  steps.push(
    safe
      ? `${deployAll}${removed.length ? `   # removes the replica in ${removed[0]}` : added.length ? `   # adds ${added[0]}` : ''}`
      : rerunStep(options),
  );
  return { safe, change, problems, steps, toDestroy, notes };
}

/** The step that sends the operator back to the preflight once its refusals are dealt with. */
export function rerunStep(options: PlanOptions = {}): string {
  const ctx = options.cdkContextArgs ? ` ${options.cdkContextArgs}` : '';
  return `then: npm run preflight${ctx ? ` -- ${options.cdkContextArgs}` : ''}   # again; it says when npx cdk deploy --all${ctx} is safe`;
}

/** "adds a, b and removes c", or '' when nothing changes. */
function describeDelta(added: readonly string[], removed: readonly string[]): string {
  return [
    ...(added.length ? [`adds ${added.join(', ')}`] : []),
    ...(removed.length ? [`removes ${removed.join(', ')}`] : []),
  ].join(' and ');
}

/** Whether the stack is one the config would deploy (same kind, same region). */
function ownedByConfig(config: AppConfig, s: DeployedStack): boolean {
  if (s.kind === 'identity') return s.region === config.primaryRegion;
  if (s.kind === 'health-alarms') return s.region === HEALTH_METRICS_REGION;
  return config.regions.includes(s.region);
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
