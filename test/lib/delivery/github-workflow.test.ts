import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { parse } from 'yaml';
import { parseConfig } from '../../../lib/config/app-config';
import {
  deployWorkflow,
  PINNED_ACTIONS,
  pinnedNodeVersion,
  renderWorkflow,
  stackSelectors,
  WORKFLOW_PATH,
} from '../../../lib/delivery/github-workflow';
import { runWorkflowCli } from '../../../lib/delivery/workflow-cli';
import { BASE_CONFIG } from '../../helpers/app';
import { buildPipelineApp } from '../../helpers/pipeline';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Job {
  needs?: string;
  environment?: string;
  steps: Step[];
}

const REGIONS = { regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'] };
const PIPELINE = { approval: 'before-production', newRegions: ['ap-southeast-2'], bakeMinutes: 15 };
const CONFIG_FILE = 'config/prod.json';

/** The CodeBuild commands of the pipeline's probe and bake steps, in pipeline order, without the Node setup. */
function pipelineVerifyCommands(stack: Stack): string[] {
  const t = Template.fromStack(stack);
  const resources = t.toJSON().Resources;
  const [pipeline] = Object.values(t.findResources('AWS::CodePipeline::Pipeline'));
  const actions = (
    pipeline.Properties.Stages as {
      Actions: { Name: string; RunOrder: number; Configuration: { ProjectName?: { Ref: string } } }[];
    }[]
  ).flatMap((s) => [...s.Actions].sort((a, b) => a.RunOrder - b.RunOrder));
  return actions
    .filter((a) => /^(Probe|Bake)-/.test(a.Name))
    .map((a) => {
      const spec = JSON.parse(
        resources[a.Configuration.ProjectName?.Ref as string].Properties.Source.BuildSpec,
      );
      return (spec.phases.build.commands[0] as string).replace(/^.* && npm ci --no-audit --no-fund && /, '');
    });
}

describe('GitHub Actions deploy workflow, with the pipeline section', () => {
  const { stack, config } = buildPipelineApp(REGIONS, PIPELINE, CONFIG_FILE);
  const workflow = deployWorkflow(config, { configFile: CONFIG_FILE, nodeVersion: '24.0.0' }) as {
    jobs: Record<string, Job>;
    permissions: Record<string, string>;
  };
  const jobs = workflow.jobs;

  it('tests, deploys identity, then each region in wave order (canary first, primary last), then the health alarms, each job needing the one before', () => {
    expect(Object.keys(jobs)).toEqual([
      'test',
      'identity',
      'deploy-eu-west-1',
      'deploy-ap-southeast-2',
      'deploy-us-east-1',
      'health-alarms',
    ]);
    const ids = Object.keys(jobs);
    expect(ids.map((id) => jobs[id].needs)).toEqual([undefined, ...ids.slice(0, -1)]);
  });

  it("runs exactly the pipeline's probe and bake commands, in the pipeline's order", () => {
    const fromWorkflow = Object.values(jobs)
      .flatMap((j) => j.steps)
      .filter((s) => /^(Probe|Bake) /.test(s.name ?? ''))
      .map((s) => (s.run as string).split('\n').at(-1));
    expect(fromWorkflow).toEqual(pipelineVerifyCommands(stack));
    // The new region is probed after the primary's wave, as in the pipeline.
    expect(jobs['deploy-ap-southeast-2'].steps.map((s) => s.name)).not.toContain('Probe ap-southeast-2');
    expect(jobs['deploy-us-east-1'].steps.map((s) => s.name).slice(-4)).toEqual([
      'Probe us-east-1',
      'Bake us-east-1',
      'Probe ap-southeast-2',
      'Bake ap-southeast-2',
    ]);
  });

  it("deploys the stacks of the pipeline's stages, by the paths the CDK CLI knows them by", () => {
    const select = stackSelectors(config);
    const healthAlarms = stack.node
      .findAll()
      .find((c) => Stack.isStack(c) && c.stackName.endsWith('-health-alarms'));
    expect(select.identity).toBe(stack.identityStage.stack.node.path);
    expect(select.healthAlarms).toBe(healthAlarms?.node.path);
    for (const [region, stage] of stack.regionStages)
      expect(select.region(region)).toBe(stage.stack.node.path);
    expect(jobs['deploy-eu-west-1'].steps.find((s) => s.name === 'cdk deploy')?.run).toBe(
      `npx cdk deploy --require-approval never --exclusively 'active-active-pipeline/eu-west-1/Regional' -c configFile=${CONFIG_FILE}`,
    );
  });

  it('assumes the deploy role through OIDC in the region of each job, with no write permission to the repository', () => {
    expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    for (const [id, region] of [
      ['identity', 'us-east-1'],
      ['deploy-eu-west-1', 'eu-west-1'],
      ['deploy-ap-southeast-2', 'ap-southeast-2'],
      ['health-alarms', 'us-east-1'],
    ]) {
      expect(jobs[id].steps.find((s) => s.uses === PINNED_ACTIONS.awsCredentials.uses)?.with).toEqual({
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS placeholder
        'role-to-assume': '${{ vars.AWS_DEPLOY_ROLE_ARN }}',
        'aws-region': region,
      });
    }
  });

  it('waits for approval (the production environment) before the first production wave only', () => {
    expect(
      Object.entries(jobs)
        .filter(([, j]) => j.environment)
        .map(([id, j]) => [id, j.environment]),
    ).toEqual([['deploy-ap-southeast-2', 'production']]);
  });

  it('sets the synthetic user password after the identity stack, and probes as that user', () => {
    const password = jobs.identity.steps.at(-1) as Step;
    expect(password.name).toBe('Synthetic user password');
    expect(password.run).toContain('--secret-id active-active/delivery/synthetic-user');
    expect(password.run).toContain('echo "::add-mask::$PROBE_PASSWORD"');
    expect(password.run?.split('\n').at(-1)).toMatch(
      /^aws cognito-idp admin-set-user-password --region us-east-1 /,
    );
    const probe = jobs['deploy-eu-west-1'].steps.find((s) => s.name === 'Probe eu-west-1') as Step;
    expect(probe.env).toEqual({ PROBE_USERNAME: 'pipeline-probe@example.com' });
    expect(probe.run).toContain("OutputKey=='AppClientId'");
  });

  it('runs the CI gates with the same config file before anything deploys', () => {
    expect(jobs.test.steps.slice(1).map((s) => s.run ?? s.uses)).toEqual([
      PINNED_ACTIONS.setupNode.uses,
      'npm ci --no-audit --no-fund',
      'npm test',
      'npm run check',
    ]);
    expect(jobs.test.steps.at(-1)?.env).toEqual({ CDK_SYNTH_ARGS: `-c configFile=${CONFIG_FILE}` });
  });
});

describe('GitHub Actions deploy workflow, without a pipeline section', () => {
  const config = parseConfig({ ...BASE_CONFIG, ...REGIONS });
  const text = renderWorkflow(config);
  const workflow = parse(text) as { jobs: Record<string, Job> };

  it('deploys the top-level stacks by name, probes /health only (no synthetic user) and bakes the default 10 minutes', () => {
    const steps = workflow.jobs['deploy-eu-west-1'].steps;
    expect(steps.slice(-3).map((s) => s.run)).toEqual([
      "npx cdk deploy --require-approval never --exclusively 'active-active-eu-west-1'",
      'npx tsx bin/probe.ts --region eu-west-1 --health-only',
      'npx tsx bin/bake.ts --region eu-west-1 --minutes 10 --not-yet-deployed ap-southeast-2 --not-yet-deployed us-east-1',
    ]);
    expect(Object.values(workflow.jobs).some((j) => j.environment)).toBe(false);
  });

  it('renders YAML that parses back to the workflow, every action pinned by commit with its tag beside it', () => {
    expect(workflow).toEqual(deployWorkflow(config));
    expect(text).toMatch(/^# Generated from cdk\.json by `npm run workflow`/);
    const uses = [...text.matchAll(/uses: (\S+)(.*)$/gm)].map((m) => [m[1], m[2]]);
    expect(uses.length).toBeGreaterThan(0);
    for (const [action, comment] of uses) {
      expect(action).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
      expect(comment).toMatch(/^ # v\d+\.\d+\.\d+$/);
    }
    expect(workflow.jobs.test.steps[1].with?.['node-version']).toBe(pinnedNodeVersion());
    expect(pinnedNodeVersion()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('workflow CLI', () => {
  const root = mkdtempSync(join(tmpdir(), 'workflow-cli-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const config = parseConfig(BASE_CONFIG);
  const run = (...argv: string[]) => {
    const lines: string[] = [];
    const code = runWorkflowCli(argv, { log: (l) => lines.push(l), root, loadConfig: () => config });
    return { code, lines };
  };

  it('writes the workflow, then --check passes until the file or the config differs', () => {
    expect(run('--check')).toEqual({
      code: 1,
      lines: [`${WORKFLOW_PATH} does not match the config: run \`npm run workflow\` and commit the result`],
    });
    expect(run()).toEqual({ code: 0, lines: [`wrote ${WORKFLOW_PATH}`] });
    expect(readFileSync(join(root, WORKFLOW_PATH), 'utf8')).toBe(renderWorkflow(config));
    expect(run('--check').code).toBe(0);
    writeFileSync(join(root, WORKFLOW_PATH), renderWorkflow(parseConfig({ ...BASE_CONFIG, ...REGIONS })));
    expect(run('--check').code).toBe(1);
    expect(run('--bogus').code).toBe(2);
  });
});
