import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../../lib/config/app-config';
import { parsePreflightArgs } from '../../../lib/preflight/args';
import type { DeployedState } from '../../../lib/preflight/deployed-state';
import { planRegionChange } from '../../../lib/preflight/region-change';
import { BASE_CONFIG } from '../../helpers/app';

/**
 * Keeps docs/RUNBOOK.md §8 and §9 in step with what the preflight prints for the default config (the
 * tests' BASE_CONFIG, like the template's cdk.json; never cdk.json itself, which a fork changes).
 */
const runbook = readFileSync(join(__dirname, '../../../docs/RUNBOOK.md'), 'utf8');
const section = (title: string) => {
  const start = runbook.indexOf(`## ${title}`);
  const end = runbook.indexOf('\n## ', start + 1);
  return runbook.slice(start, end === -1 ? undefined : end);
};
const withoutComment = (step: string) => step.replace(/\s+#.*$/, '');
const commands = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(npx cdk|aws cloudformation|aws dynamodb update-table)/.test(l))
    .map((l) => withoutComment(l));

describe('docs/RUNBOOK.md region sections', () => {
  const config = parseConfig(BASE_CONFIG);
  const stacksOf = (regions: readonly string[]): DeployedState['stacks'] => [
    {
      name: `${config.appName}-identity`,
      region: config.primaryRegion,
      kind: 'identity',
      status: 'UPDATE_COMPLETE',
    },
    ...regions.map((r) => ({
      name: `${config.appName}-${r}`,
      region: r,
      kind: 'regional' as const,
      status: 'UPDATE_COMPLETE',
    })),
  ];
  const state = (regions: readonly string[], bootstrapped: readonly string[]): DeployedState => ({
    table: {
      name: `${config.appName}-data`,
      describedIn: config.primaryRegion,
      status: 'ACTIVE',
      replicas: regions.map((region) => ({ region, status: 'ACTIVE', deletionProtection: true })),
    },
    stacks: stacksOf(regions),
    bootstrapped,
    unreachable: [],
    regionsSearched: regions,
  });

  it('§9 Remove a region runs the commands the preflight prints, in its order', () => {
    const plan = planRegionChange(
      config,
      state([...config.regions, 'ap-south-1'], [...config.regions, 'ap-south-1']),
    );
    const expected = plan.steps.filter((s) => !s.startsWith('then:')).map(withoutComment);
    expect(expected).toHaveLength(4);
    expect(commands(section('9. Remove a region'))).toEqual([...expected, 'npx cdk deploy --all']);
  });

  it('§8 Add a region bootstraps and deploys as the preflight says', () => {
    const plan = planRegionChange(
      { ...config, regions: [...config.regions, 'ap-south-1'] },
      state(config.regions, config.regions),
    );
    expect(commands(section('8. Add a region'))).toEqual(plan.steps.map(withoutComment));
  });

  it('every `npm run preflight` command in the runbook is one the CLI accepts', () => {
    const lines = [...runbook.matchAll(/npm run preflight(?: -- ([^\n`#]*))?/g)];
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const m of lines)
      expect(() => parsePreflightArgs((m[1] ?? '').trim().split(/\s+/).filter(Boolean))).not.toThrow();
  });
});
