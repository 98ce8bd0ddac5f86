import { ConfigError } from '../config/app-config';
import { loadProjectConfig } from '../config/load-config';
import { regionalStackName } from '../stacks/names';
import { EXIT, parsePreflightArgs, USAGE, UsageError } from './args';
import { type RegionClients, readDeployedState, sdkClients } from './aws-state-reader';
import type { DeployedState } from './deployed-state';
import { PreflightError, StateUnreadableError } from './errors';
import { planIndexChange, withIndexPlan } from './index-change';
import type { PreflightPlan } from './region-change';
import { planRegionChange, rerunStep } from './region-change';

/** Where the CLI writes and which AWS clients it uses; tests pass captures and mocked clients. */
export interface PreflightOptions {
  /** @default console.log */
  readonly out?: (line: string) => void;
  /** @default console.error */
  readonly err?: (line: string) => void;
  /** @default real SDK clients, one per service and region */
  readonly clients?: RegionClients;
}

/** The whole CLI; returns the exit code (see EXIT). */
export async function main(argv: readonly string[], options: PreflightOptions = {}): Promise<number> {
  const out = options.out ?? ((l: string) => console.log(l));
  const err = options.err ?? ((l: string) => console.error(l));
  const owned = options.clients ? undefined : sdkClients();
  try {
    const args = parsePreflightArgs(argv);
    if (args.help) {
      out(USAGE);
      return EXIT.safe;
    }
    const config = loadProjectConfig(args.configFile);
    const state = await readDeployedState(config, options.clients ?? (owned as RegionClients));
    const planOptions = { cdkContextArgs: args.configFile ? `-c configFile=${args.configFile}` : '' };
    const replicas = state.table?.replicas.map((r) => r.region) ?? [];
    const regionsChange =
      state.table !== undefined &&
      (config.regions.some((r) => !replicas.includes(r)) ||
        replicas.some((r) => !config.regions.includes(r)));
    const plan = withIndexPlan(
      planRegionChange(config, state, planOptions),
      planIndexChange(state.table),
      regionsChange,
      rerunStep(planOptions),
    );
    for (const line of render(config.appName, state, plan, (r) => regionalStackName(config, r))) out(line);
    return plan.safe ? EXIT.safe : EXIT.refused;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`preflight: ${e.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    if (e instanceof ConfigError) {
      err(`preflight: ${e.message}`);
      return EXIT.usage;
    }
    if (e instanceof StateUnreadableError) {
      err(`preflight: ${e.message}`);
      return EXIT.unreadable;
    }
    if (e instanceof PreflightError) {
      err(`preflight: ${e.message}`);
      return EXIT.refused;
    }
    err(
      `preflight: could not read the deployed state: ${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}`,
    );
    return EXIT.unreadable;
  } finally {
    owned?.destroy();
  }
}

/** The report, one line per entry. */
export function render(
  appName: string,
  state: DeployedState,
  plan: PreflightPlan,
  regionalStack: (region: string) => string,
): string[] {
  const lines = [`Preflight for ${appName}`];
  lines.push(
    state.table
      ? `  Table:  ${state.table.name}, replicas ${state.table.replicas.map((r) => `${r.region} (${r.status}${r.deletionProtection ? ', deletion protection on' : ''})`).join(', ')}`
      : '  Table:  none yet',
  );
  lines.push(
    `  Stacks: ${state.stacks.length ? state.stacks.map((s) => `${s.name} (${s.region}, ${s.status})`).join(', ') : 'none'}`,
    `          (searched ${state.regionsSearched.join(', ')}${searchedElsewhere(state)})`,
    `  ${plan.change}`,
  );
  if (plan.indexChange) lines.push(`  ${plan.indexChange}`);
  if (plan.problems.length) {
    lines.push('', 'REFUSED: not safe to deploy yet.');
    for (const p of plan.problems) lines.push(`  - ${p}`);
  } else {
    lines.push('', 'OK: safe to deploy.');
  }
  if (plan.toDestroy.length) {
    lines.push(
      '',
      'Stacks of removed regions, to delete (they hold the DNS records and health checks, so they go before the replica):',
    );
    for (const s of plan.toDestroy)
      lines.push(`  - ${s.name} (${s.region})${s.name === regionalStack(s.region) ? '' : ` [${s.kind}]`}`);
  }
  if (plan.steps.length) {
    lines.push('', 'Next steps, in order:');
    plan.steps.forEach((s, i) => {
      lines.push(`  ${i + 1}. ${s}`);
    });
  }
  if (plan.notes.length) {
    lines.push('', 'Notes:');
    for (const n of plan.notes) lines.push(`  - ${n}`);
  }
  return lines;
}

/** ' and N other regions for leftover stacks; could not list a, b', or ''. */
function searchedElsewhere(state: DeployedState): string {
  const others = state.otherRegionsSearched?.length ?? 0;
  const skipped = state.regionsSkipped ?? [];
  return (
    (others ? ` and ${others} other regions for leftover stacks` : '') +
    (skipped.length ? `; could not list ${skipped.join(', ')} (not enabled or denied)` : '')
  );
}
