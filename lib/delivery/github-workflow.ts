import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import type { AppConfig } from '../config/app-config';
import {
  HEALTH_METRICS_REGION,
  healthAlarmsStackName,
  identityStackName,
  regionalStackName,
} from '../stacks/names';
import { pipelineStackName, syntheticUsername, syntheticUserSecretName } from './delivery-names';
import {
  bakeCommand,
  bakeMinutesOf,
  deliveryWaves,
  probeCommand,
  probesItems,
  setPasswordCommand,
  type Verification,
} from './delivery-plan';

/** Where the generated workflow lives. */
export const WORKFLOW_PATH = '.github/workflows/deploy.yml';

/**
 * The actions the workflow uses, pinned by full commit SHA (GitHub's hardening guide: a tag can be moved,
 * a commit cannot). Each is the commit of the release tag in the comment, read from the action's repository.
 */
export const PINNED_ACTIONS = {
  checkout: { uses: 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1', tag: 'v7.0.1' },
  setupNode: { uses: 'actions/setup-node@820762786026740c76f36085b0efc47a31fe5020', tag: 'v7.0.0' },
  awsCredentials: {
    uses: 'aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c',
    tag: 'v6.2.3',
  },
} as const;

/** The repository variable holding the ARN of the role the workflow assumes through GitHub's OIDC provider. */
export const ROLE_VARIABLE = 'AWS_DEPLOY_ROLE_ARN';

/** Options of {@link deployWorkflow}. */
export interface WorkflowOptions {
  /** The config file the workflow deploys with (`-c configFile=…`, `--config …`). @default cdk.json's */
  readonly configFile?: string;
  /** Node.js version of the jobs. @default the pin of scripts/node-env.sh */
  readonly nodeVersion?: string;
}

/**
 * The `cdk deploy` selectors of the app's stacks. With a `pipeline` section the CDK app is the pipeline
 * stack and the app's stacks live in its stages, where the CDK CLI addresses them by path (`cdk ls` shows
 * e.g. `app-pipeline/eu-west-1/Regional (app-eu-west-1)`); without, they are top-level stacks.
 */
export function stackSelectors(c: AppConfig) {
  if (c.pipeline) {
    const p = pipelineStackName(c);
    return {
      identity: `${p}/Identity/Identity`,
      region: (r: string) => `${p}/${r}/Regional`,
      healthAlarms: `${p}/HealthAlarms/HealthAlarms`,
    };
  }
  return {
    identity: identityStackName(c),
    region: (r: string) => regionalStackName(c, r),
    healthAlarms: healthAlarmsStackName(c),
  };
}

/** The Node.js version scripts/node-env.sh pins, so CI runs the same Node.js as the pipeline. */
export function pinnedNodeVersion(): string {
  const script = readFileSync(resolve(__dirname, '../../scripts/node-env.sh'), 'utf8');
  const match = /NODE_VERSION:-([0-9.]+)/.exec(script);
  if (!match) throw new Error('scripts/node-env.sh: no NODE_VERSION default found');
  return match[1];
}

/** The id of a region's job. */
export const regionJobId = (region: string) => `deploy-${region}`;

type Step = Record<string, unknown>;
type Job = Record<string, unknown>;

/**
 * The GitHub Actions deploy workflow for a config: test and check, then the identity stack, then one job
 * per region in wave order (each deploys its region, then probes and bakes with the pipeline's own
 * commands), then the health-check alarms; each job `needs` the one before, so a failure stops the rest.
 */
export function deployWorkflow(c: AppConfig, o: WorkflowOptions = {}): Record<string, unknown> {
  const nodeVersion = o.nodeVersion ?? pinnedNodeVersion();
  const context = o.configFile ? ` -c configFile=${o.configFile}` : '';
  const select = stackSelectors(c);
  const setup: Step[] = [
    { uses: PINNED_ACTIONS.checkout.uses },
    { uses: PINNED_ACTIONS.setupNode.uses, with: { 'node-version': nodeVersion, cache: 'npm' } },
    { run: 'npm ci --no-audit --no-fund' },
  ];
  const credentials = (region: string): Step => ({
    name: 'AWS credentials (OIDC)',
    uses: PINNED_ACTIONS.awsCredentials.uses,
    with: { 'role-to-assume': `\${{ vars.${ROLE_VARIABLE} }}`, 'aws-region': region },
  });
  const deploy = (selector: string): Step => ({
    name: 'cdk deploy',
    run: `npx cdk deploy --require-approval never --exclusively '${selector}'${context}`,
  });
  const items = probesItems(c);
  // The synthetic user's secret and the app client id, read the way the pipeline's CodeBuild steps get them.
  const output = (key: string) =>
    `aws cloudformation describe-stacks --region ${c.primaryRegion} --stack-name ${identityStackName(c)} --query "Stacks[0].Outputs[?OutputKey=='${key}'].OutputValue" --output text`;
  const secret = [
    `PROBE_PASSWORD="$(aws secretsmanager get-secret-value --region ${c.primaryRegion} --secret-id ${syntheticUserSecretName(c)} --query SecretString --output text)"`,
    'echo "::add-mask::$PROBE_PASSWORD"',
  ];
  const verifySteps = (v: Verification): Step[] => [
    {
      name: `Probe ${v.region}`,
      ...(items ? { env: { PROBE_USERNAME: syntheticUsername(c) } } : {}),
      run: [
        ...(items
          ? [
              ...secret,
              `PROBE_CLIENT_ID="$(${output('AppClientId')})"`,
              'export PROBE_PASSWORD PROBE_CLIENT_ID',
            ]
          : []),
        probeCommand(c, v.region, o.configFile),
      ].join('\n'),
    },
    { name: `Bake ${v.region}`, run: bakeCommand(c, v, o.configFile) },
  ];

  const jobs: Record<string, Job> = {
    test: {
      name: 'Test and check',
      'runs-on': 'ubuntu-latest',
      steps: [
        ...setup,
        { run: 'npm test' },
        // The CI gates of the pipeline's synth step (cdk synth, cfn-lint, checkov, actionlint, schemathesis).
        { run: 'npm run check', ...(context ? { env: { CDK_SYNTH_ARGS: context.trim() } } : {}) },
      ],
    },
    identity: {
      name: 'Identity',
      needs: 'test',
      'runs-on': 'ubuntu-latest',
      steps: [
        ...setup,
        credentials(c.primaryRegion),
        deploy(select.identity),
        ...(items
          ? [
              {
                name: 'Synthetic user password',
                env: { PROBE_USERNAME: syntheticUsername(c) },
                run: [...secret, `USER_POOL_ID="$(${output('UserPoolId')})"`, setPasswordCommand(c)].join(
                  '\n',
                ),
              },
            ]
          : []),
      ],
    },
  };
  let previous = 'identity';
  const approval = c.pipeline?.approval ?? 'none';
  for (const [i, wave] of deliveryWaves(c).entries()) {
    const id = regionJobId(wave.region);
    // GitHub's equivalent of the pipeline's manual approval: an environment with required reviewers.
    const approve =
      (approval === 'before-production' && i === 1) || (approval === 'before-each-production-wave' && i >= 1);
    jobs[id] = {
      name: wave.region,
      needs: previous,
      'runs-on': 'ubuntu-latest',
      ...(approve ? { environment: 'production' } : {}),
      'timeout-minutes': 60 + wave.verify.length * bakeMinutesOf(c),
      steps: [
        ...setup,
        credentials(wave.region),
        deploy(select.region(wave.region)),
        ...wave.verify.flatMap(verifySteps),
      ],
    };
    previous = id;
  }
  jobs['health-alarms'] = {
    name: 'Health alarms',
    needs: previous,
    'runs-on': 'ubuntu-latest',
    steps: [...setup, credentials(HEALTH_METRICS_REGION), deploy(select.healthAlarms)],
  };

  return {
    name: 'deploy',
    on: { push: { branches: [c.pipeline?.branch ?? 'main'] }, workflow_dispatch: {} },
    // id-token: the OIDC token configure-aws-credentials exchanges for the role; nothing else is written.
    permissions: { contents: 'read', 'id-token': 'write' },
    // One delivery at a time, never cancelled halfway through a region.
    concurrency: { group: `deploy-${c.appName}`, 'cancel-in-progress': false },
    jobs,
  };
}

/** The workflow file's text: a header saying how it was made, then the YAML, pins annotated with their tags. */
export function renderWorkflow(c: AppConfig, o: WorkflowOptions = {}): string {
  const source = o.configFile ?? 'cdk.json';
  let text = stringify(deployWorkflow(c, o), { lineWidth: 0, aliasDuplicateObjects: false });
  for (const { uses, tag } of Object.values(PINNED_ACTIONS)) {
    text = text.replaceAll(`uses: ${uses}\n`, `uses: ${uses} # ${tag}\n`);
  }
  return `# Generated from ${source} by \`npm run workflow${o.configFile ? ` -- --config ${o.configFile}` : ''}\` (lib/delivery/github-workflow.ts): do not edit.
# The GitHub Actions alternative to the delivery pipeline; see docs/DEPLOY.md, "Deploying from GitHub Actions".
${text}`;
}
