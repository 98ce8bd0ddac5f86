import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { BuildEnvironmentVariableType } from 'aws-cdk-lib/aws-codebuild';
import { PipelineType } from 'aws-cdk-lib/aws-codepipeline';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  CodeBuildStep,
  CodePipeline,
  CodePipelineSource,
  type IFileSetProducer,
  ManualApprovalStep,
  ShellStep,
  type Step,
} from 'aws-cdk-lib/pipelines';
import type { Construct } from 'constructs';
import type { AppConfig } from '../config/app-config';
import type { PipelineConfig } from '../config/pipeline-config';
import { HealthAlarmsStage, IdentityStage, RegionStage } from '../delivery/app-stages';
import { syntheticUsername, syntheticUserSecretName, waveOrder } from '../delivery/delivery-names';
import {
  bakeCommand,
  deliveryWaves,
  probeCommand,
  probesItems,
  setPasswordCommand,
  type Verification,
} from '../delivery/delivery-plan';
import { acknowledgePipelineFindings } from '../nag/acknowledge-pipeline';
import { partitionOf, tableName } from './names';

/** Props of {@link PipelineStack}. */
export interface PipelineStackProps extends StackProps {
  /** A config with `pipeline` set. */
  readonly config: AppConfig & { pipeline: PipelineConfig };
  /**
   * The config file the app was synthesized with (`-c configFile=…`), relative to the repository root;
   * the pipeline's own synth and probes use the same one.
   * @default - cdk.json's context.config
   */
  readonly configFile?: string;
}

/** Every step of the pipeline's build images starts with the project's pinned Node.js. */
const NODE = 'source scripts/node-env.sh && npm ci --no-audit --no-fund';

/**
 * The delivery pipeline (CDK Pipelines, in primaryRegion): source → synth with the CI gates → identity
 * stage → one wave per region in `waveOrder` (optional approval before production waves; after each
 * region a probe and a bake) → health alarms. A failed step stops the pipeline there: later regions keep
 * the previous version and keep serving.
 */
export class PipelineStack extends Stack {
  public readonly pipeline: CodePipeline;
  public readonly identityStage: IdentityStage;
  /** Region → its stage, in wave order. */
  public readonly regionStages = new Map<string, RegionStage>();

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const c = props.config;
    const p = c.pipeline;
    const source = CodePipelineSource.connection(p.repository, p.branch, { connectionArn: p.connectionArn });
    const contextArgs = props.configFile ? `-c configFile=${props.configFile}` : '';
    this.pipeline = new CodePipeline(this, 'Pipeline', {
      pipelineName: c.appName,
      pipelineType: PipelineType.V2,
      // KMS-encrypted artifacts (also in the cross-region support stacks), rotated yearly.
      crossAccountKeys: true,
      enableKeyRotation: true,
      synth: new ShellStep('Synth', {
        input: source,
        // The CI gates (Biome, tsc, jest, then cdk synth + cfn-lint + checkov + schemathesis); the synth
        // of `npm run check` writes the cdk.out this pipeline deploys, so what was linted is what ships.
        env: { CDK_SYNTH_ARGS: contextArgs },
        commands: [`${NODE} && npm test && npm run check`],
      }),
    });

    const identity = new IdentityStage(this, 'Identity', { config: c });
    this.identityStage = identity;
    this.pipeline.addStage(identity, {
      pre: [this.preflightStep(c, source, props.configFile)],
      post: p.probeItems ? [this.passwordStep(c, identity)] : [],
    });

    const order = waveOrder(c);
    for (const [i, { region, verify }] of deliveryWaves(c).entries()) {
      const stage = new RegionStage(this, region, { config: c, region });
      this.regionStages.set(region, stage);
      const approve =
        (p.approval === 'before-production' && i === 1) ||
        (p.approval === 'before-each-production-wave' && i >= 1);
      const wave = this.pipeline.addWave(region, {
        pre: approve
          ? [
              new ManualApprovalStep(`Approve-${region}`, {
                comment: `Deploy to ${region}? ${order.slice(0, i).join(', ')} passed probe and bake.`,
              }),
            ]
          : [],
      });
      const steps = verify.flatMap((v) => this.verifySteps(c, v, source, identity, props.configFile));
      for (let s = 2; s < steps.length; s += 2) steps[s].addStepDependency(steps[s - 1]);
      wave.addStage(stage, { post: steps });
    }

    const healthCheckSettings = new Map(
      [...this.regionStages].map(([r, st]) => [r, st.stack.routing.healthCheckSettings]),
    );
    this.pipeline.addStage(new HealthAlarmsStage(this, 'HealthAlarms', { config: c, healthCheckSettings }));
    this.pipeline.buildPipeline();
    acknowledgePipelineFindings(this.pipeline, [
      {
        id: `AwsSolutions-IAM5[Resource::arn:${partitionOf(c.primaryRegion)}:cognito-idp:${c.primaryRegion}:${c.account}:userpool/*]`,
        reason:
          'The SyntheticUser step sets the password of the synthetic user; the pool id is created by the identity stage and unknown to this stack (CDK allows no reference across stages).',
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:${partitionOf(c.primaryRegion)}:dynamodb:*:${c.account}:table/${tableName(c)}]`,
        reason:
          "Preflight reads (DescribeTable) the app's global table in every region where it may have a replica.",
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'The Bake steps call cloudwatch:DescribeAlarms (read-only), which returns composite alarms (the region-unhealthy one the bake watches) only when granted on "*" (CloudWatch API Reference, DescribeAlarms).',
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:${partitionOf(c.primaryRegion)}:cloudformation:*:${c.account}:stack/${c.appName}-*/*]`,
        reason:
          "Preflight describes this app's stacks (named <appName>-…) in every region, to find stacks left behind.",
      },
    ]);
  }

  /**
   * Before anything deploys: `npm run preflight` (issue "region change": refuses a config that adds or
   * removes more than one replica per run, compared with the deployed table and stacks). `--if-present`
   * keeps this hook a no-op on a checkout without that script.
   */
  private preflightStep(c: AppConfig, source: IFileSetProducer, configFile: string | undefined): Step {
    const partition = partitionOf(c.primaryRegion);
    return new CodeBuildStep('Preflight', {
      input: source,
      commands: [
        `${NODE} && npm run --if-present preflight${configFile ? ` -- --config ${configFile}` : ''}`,
      ],
      rolePolicyStatements: [
        new PolicyStatement({
          actions: ['dynamodb:DescribeTable'],
          resources: [`arn:${partition}:dynamodb:*:${c.account}:table/${tableName(c)}`],
        }),
        new PolicyStatement({
          actions: ['cloudformation:DescribeStacks'],
          resources: [`arn:${partition}:cloudformation:*:${c.account}:stack/${c.appName}-*/*`],
        }),
        // ListStacks supports no resource-level permissions.
        new PolicyStatement({ actions: ['cloudformation:ListStacks'], resources: ['*'] }),
      ],
    });
  }

  /** Sets the synthetic user's password from its secret (CloudFormation cannot, see SyntheticUser). */
  private passwordStep(c: AppConfig, identity: IdentityStage): Step {
    return new CodeBuildStep('SyntheticUser', {
      envFromCfnOutputs: { USER_POOL_ID: identity.userPoolId },
      env: { PROBE_USERNAME: syntheticUsername(c) },
      buildEnvironment: {
        environmentVariables: {
          PROBE_PASSWORD: {
            type: BuildEnvironmentVariableType.SECRETS_MANAGER,
            value: syntheticUserSecretName(c),
          },
        },
      },
      commands: [setPasswordCommand(c)],
      rolePolicyStatements: [
        new PolicyStatement({
          actions: ['cognito-idp:AdminSetUserPassword'],
          resources: [
            `arn:${partitionOf(c.primaryRegion)}:cognito-idp:${c.primaryRegion}:${c.account}:userpool/*`,
          ],
        }),
      ],
    });
  }

  /** Probe, then bake: both must pass before the next wave starts. */
  private verifySteps(
    c: AppConfig & { pipeline: PipelineConfig },
    v: Verification,
    source: IFileSetProducer,
    identity: IdentityStage,
    configFile: string | undefined,
  ): Step[] {
    const items = probesItems(c);
    const probe = new CodeBuildStep(`Probe-${v.region}`, {
      input: source,
      env: items ? { PROBE_USERNAME: syntheticUsername(c) } : {},
      envFromCfnOutputs: items ? { PROBE_CLIENT_ID: identity.clientId } : {},
      buildEnvironment: items
        ? {
            environmentVariables: {
              PROBE_PASSWORD: {
                type: BuildEnvironmentVariableType.SECRETS_MANAGER,
                value: syntheticUserSecretName(c),
              },
            },
          }
        : undefined,
      commands: [`${NODE} && ${probeCommand(c, v.region, configFile)}`],
    });
    const bake = new CodeBuildStep(`Bake-${v.region}`, {
      input: source,
      commands: [`${NODE} && ${bakeCommand(c, v, configFile)}`],
      timeout: Duration.minutes(c.pipeline.bakeMinutes + 30),
      // Read-only, on `*`: the bake watches the composite "unhealthy" alarm, and "You can't return
      // information about composite alarms if your cloudwatch:DescribeAlarms permission has a narrower
      // scope" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html):
      // scoped to alarm ARNs, every bake would find it missing and fail.
      rolePolicyStatements: [
        new PolicyStatement({ actions: ['cloudwatch:DescribeAlarms'], resources: ['*'] }),
      ],
    });
    bake.addStepDependency(probe);
    return [probe, bake];
  }
}
