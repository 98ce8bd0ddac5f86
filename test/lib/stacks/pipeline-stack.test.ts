import { Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildPipelineApp } from '../../helpers/pipeline';

interface Action {
  Name: string;
  RunOrder: number;
  ActionTypeId: { Category: string; Provider: string };
  Configuration: Record<string, unknown>;
}

/** The pipeline's stages as `[name, actions sorted by RunOrder]`. */
function stagesOf(template: Template): [string, Action[]][] {
  const [pipeline] = Object.values(template.findResources('AWS::CodePipeline::Pipeline'));
  return (pipeline.Properties.Stages as { Name: string; Actions: Action[] }[]).map((s) => [
    s.Name,
    [...s.Actions].sort((a, b) => a.RunOrder - b.RunOrder),
  ]);
}

/** The CodeBuild project behind a CodeBuild action: its build spec and environment variables. */
function projectOf(template: Template, action: Action) {
  const ref = (action.Configuration.ProjectName as { Ref: string }).Ref;
  const project = template.toJSON().Resources[ref].Properties;
  const fromAction = action.Configuration.EnvironmentVariables;
  return {
    buildSpec: JSON.parse(project.Source.BuildSpec) as { phases: { build: { commands: string[] } } },
    // Variables set on the project, then those the action passes (stack outputs, as #{namespace.name}).
    env: [
      ...(project.Environment.EnvironmentVariables ?? []),
      ...(typeof fromAction === 'string' ? JSON.parse(fromAction) : []),
    ] as { name?: string; Name?: string; Type?: string; type?: string; Value?: unknown; value?: unknown }[],
  };
}

/** cdk-nag over the app and every stage (a stage's stacks live in their own cloud assembly). */
function nagFindings(app: Stage): string[] {
  const scopes = [app, ...app.node.findAll().filter((c) => Stage.isStage(c))];
  return scopes.flatMap((s) =>
    new AwsSolutionsChecks(app)
      .validateScope(s)
      .violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`)),
  );
}

describe('PipelineStack, 3 regions, approval before each production wave', () => {
  const { app, stack } = buildPipelineApp(
    { regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'] },
    { approval: 'before-each-production-wave', bakeMinutes: 15 },
  );
  const t = Template.fromStack(stack);
  const stages = stagesOf(t);

  it('runs source, synth, self-update, assets, identity, one wave per region (canary first, primary last), health alarms', () => {
    expect(stages.map(([name]) => name)).toEqual([
      'Source',
      'Build',
      'UpdatePipeline',
      'Assets',
      'Identity',
      'eu-west-1',
      'ap-southeast-2',
      'us-east-1',
      'HealthAlarms',
    ]);
  });

  it('deploys exactly one regional stack per wave, then probes, then bakes, each after the one before', () => {
    for (const region of ['eu-west-1', 'ap-southeast-2', 'us-east-1']) {
      const actions = (stages.find(([n]) => n === region) as [string, Action[]])[1];
      const deploys = actions.filter((a) => a.ActionTypeId.Provider === 'CloudFormation');
      expect(new Set(deploys.map((a) => a.Configuration.StackName))).toEqual(
        new Set([`active-active-${region}`]),
      );
      const names = actions.map((a) => a.Name);
      const probe = names.indexOf(`Probe-${region}`);
      const bake = names.indexOf(`Bake-${region}`);
      expect(probe).toBeGreaterThan(names.indexOf(`active-active-${region}.Deploy`));
      expect(bake).toBe(probe + 1);
      expect(actions[bake].RunOrder).toBeGreaterThan(actions[probe].RunOrder);
      expect(actions[probe].RunOrder).toBeGreaterThan(
        (actions.find((a) => a.Name === `active-active-${region}.Deploy`) as Action).RunOrder,
      );
    }
  });

  it('asks for approval before every production wave, never before the canary', () => {
    const approvals = stages.map(([name, actions]) => [
      name,
      actions.filter((a) => a.ActionTypeId.Category === 'Approval').map((a) => [a.Name, a.RunOrder]),
    ]);
    expect(Object.fromEntries(approvals)).toMatchObject({
      'eu-west-1': [],
      'ap-southeast-2': [['Approve-ap-southeast-2', 1]],
      'us-east-1': [['Approve-us-east-1', 1]],
      HealthAlarms: [],
    });
  });

  it('probes the region as the synthetic user, the password coming from Secrets Manager', () => {
    const actions = (stages.find(([n]) => n === 'ap-southeast-2') as [string, Action[]])[1];
    const probe = projectOf(t, actions.find((a) => a.Name === 'Probe-ap-southeast-2') as Action);
    expect(probe.buildSpec.phases.build.commands).toEqual([
      'source scripts/node-env.sh && npm ci --no-audit --no-fund && npx tsx bin/probe.ts --region ap-southeast-2',
    ]);
    expect(probe.env).toEqual(
      expect.arrayContaining([
        { Name: 'PROBE_PASSWORD', Type: 'SECRETS_MANAGER', Value: 'active-active/delivery/synthetic-user' },
        { Name: 'PROBE_USERNAME', Type: 'PLAINTEXT', Value: 'pipeline-probe@example.com' },
      ]),
    );
    // The client id comes from the identity stack's output, through the deploy action's variable namespace.
    expect(probe.env).toContainEqual({
      name: 'PROBE_CLIENT_ID',
      type: 'PLAINTEXT',
      value: '#{activeactivepipelineIdentity9CAC6AE0.AppClientId}',
    });
    const identityDeploy = (
      stages.find(([n]) => n === 'Identity') as [string, (Action & { Namespace?: string })[]]
    )[1].find((a) => a.Name === 'active-active-identity.Deploy');
    expect(identityDeploy?.Namespace).toBe('activeactivepipelineIdentity9CAC6AE0');
    expect(JSON.stringify(t.toJSON())).toContain(':secret:active-active/delivery/synthetic-user-??????');
  });

  it("bakes for the configured minutes on the region's composite alarm and the canary alarms probing it, read-only", () => {
    const actions = (stages.find(([n]) => n === 'eu-west-1') as [string, Action[]])[1];
    const bake = projectOf(t, actions.find((a) => a.Name === 'Bake-eu-west-1') as Action);
    // The canary region goes first: the other regions are deployed after it, their alarms may not exist yet.
    expect(bake.buildSpec.phases.build.commands).toEqual([
      'source scripts/node-env.sh && npm ci --no-audit --no-fund && npx tsx bin/bake.ts --region eu-west-1 --minutes 15 --not-yet-deployed ap-southeast-2 --not-yet-deployed us-east-1',
    ]);
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: expectArrayWith({
          Action: 'cloudwatch:DescribeAlarms',
          Effect: 'Allow',
          // Composite alarms (the region-unhealthy one) are described only to a permission on "*".
          Resource: '*',
        }),
      },
    });
    const last = projectOf(
      t,
      (stages.find(([n]) => n === 'us-east-1') as [string, Action[]])[1].find(
        (a) => a.Name === 'Bake-us-east-1',
      ) as Action,
    );
    expect(last.buildSpec.phases.build.commands[0]).toMatch(/bin\/bake\.ts --region us-east-1 --minutes 15$/);
  });

  it('runs the region-change preflight before anything deploys, and sets the synthetic user password after the identity stage', () => {
    const actions = (stages.find(([n]) => n === 'Identity') as [string, Action[]])[1];
    expect(actions.map((a) => a.Name)).toEqual([
      'Preflight',
      'active-active-identity.Prepare',
      'active-active-identity.Deploy',
      'SyntheticUser',
    ]);
    expect(projectOf(t, actions[0]).buildSpec.phases.build.commands).toEqual([
      'source scripts/node-env.sh && npm ci --no-audit --no-fund && npm run --if-present preflight',
    ]);
    const step = projectOf(t, actions[3]);
    expect(step.buildSpec.phases.build.commands[0]).toMatch(
      /^aws cognito-idp admin-set-user-password --region us-east-1 .*--password "\$PROBE_PASSWORD" --permanent$/,
    );
  });

  it('builds from the connected repository and runs the CI gates before synthesizing what it deploys', () => {
    const [, source] = stages[0];
    expect(source[0].ActionTypeId.Provider).toBe('CodeStarSourceConnection');
    expect(source[0].Configuration).toMatchObject({
      ConnectionArn: 'arn:aws:codestar-connections:us-east-1:111111111111:connection/7d2469ff-514a-4e4f-9003',
      FullRepositoryId: 'my-org/my-app',
      BranchName: 'main',
    });
    const synth = projectOf(t, stages[1][1][0]);
    expect(synth.buildSpec.phases.build.commands).toEqual([
      'source scripts/node-env.sh && npm ci --no-audit --no-fund && npm test && npm run check',
    ]);
  });

  it('is clean under cdk-nag, pipeline and stages alike', () => {
    expect(nagFindings(app)).toEqual([]);
  });
});

describe('PipelineStack, defaults (2 regions, no approval) and health-only probes', () => {
  const { stack } = buildPipelineApp(
    { cognito: { mfa: 'required' } },
    { probeItems: false, bakeMinutes: 0 },
    'config/prod.json',
  );
  const t = Template.fromStack(stack);
  const stages = stagesOf(t);

  it('has no approval and no synthetic user, and probes /health only with the same config file', () => {
    expect(stages.map(([n]) => n)).toEqual([
      'Source',
      'Build',
      'UpdatePipeline',
      'Assets',
      'Identity',
      'eu-west-1',
      'us-east-1',
      'HealthAlarms',
    ]);
    expect(stages.flatMap(([, a]) => a).filter((a) => a.ActionTypeId.Category === 'Approval')).toEqual([]);
    expect(stages[4][1].map((a) => a.Name)).not.toContain('SyntheticUser');
    const probe = projectOf(t, stages[5][1].find((a) => a.Name === 'Probe-eu-west-1') as Action);
    expect(probe.buildSpec.phases.build.commands[0]).toMatch(
      /bin\/probe\.ts --region eu-west-1 --config config\/prod\.json --health-only$/,
    );
    expect(JSON.stringify(probe.env)).not.toContain('PROBE_PASSWORD');
    Template.fromStack(stack.identityStage.stack).resourceCountIs('AWS::Cognito::UserPoolUser', 0);
  });

  it('passes the config file to the synth and bakes with one check', () => {
    const synth = t.toJSON().Resources[(stages[1][1][0].Configuration.ProjectName as { Ref: string }).Ref];
    expect(synth.Properties.Environment.EnvironmentVariables).toContainEqual({
      Name: 'CDK_SYNTH_ARGS',
      Type: 'PLAINTEXT',
      Value: '-c configFile=config/prod.json',
    });
    const bake = projectOf(t, stages[5][1].find((a) => a.Name === 'Bake-eu-west-1') as Action);
    expect(bake.buildSpec.phases.build.commands[0]).toMatch(
      /bin\/bake\.ts --region eu-west-1 --minutes 0 --config config\/prod\.json --not-yet-deployed us-east-1$/,
    );
    const preflight = projectOf(t, stages[4][1].find((a) => a.Name === 'Preflight') as Action);
    expect(preflight.buildSpec.phases.build.commands[0]).toMatch(
      /npm run --if-present preflight -- --config config\/prod\.json$/,
    );
  });
});

describe('PipelineStack adding a region', () => {
  it("verifies a new region after the primary's wave, once its replica exists", () => {
    const { stack } = buildPipelineApp(
      { regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'] },
      { newRegions: ['ap-southeast-2'] },
    );
    const stages = stagesOf(Template.fromStack(stack));
    const names = (wave: string) =>
      ((stages.find(([n]) => n === wave) as [string, Action[]])[1] as Action[]).map(
        (a) => `${a.RunOrder}:${a.Name}`,
      );
    // Only the stack's own actions (CDK drops the stack prefix when nothing else runs in the stage).
    expect(names('ap-southeast-2')).toEqual(['1:Prepare', '2:Deploy']);
    expect(names('us-east-1')).toEqual([
      '1:active-active-us-east-1.Prepare',
      '2:active-active-us-east-1.Deploy',
      '3:Probe-us-east-1',
      '4:Bake-us-east-1',
      '5:Probe-ap-southeast-2',
      '6:Bake-ap-southeast-2',
    ]);
    expect(names('eu-west-1')).toContain('3:Probe-eu-west-1');
  });
});

/** Match.arrayWith over objectLike, without importing Match twice in every assertion. */
function expectArrayWith(item: Record<string, unknown>) {
  const { Match } = require('aws-cdk-lib/assertions') as typeof import('aws-cdk-lib/assertions');
  return Match.arrayWith([Match.objectLike(item)]);
}
