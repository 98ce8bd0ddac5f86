import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { CfnExperimentTemplate } from 'aws-cdk-lib/aws-fis';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type IFunction, LayerVersion } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { wildcardResourceFinding } from '../nag/acknowledge';
import type { LambdaFunction } from './lambda-function';

/**
 * AWS's public SSM parameter holding the FIS Lambda extension's layer ARN for arm64 in the stack's region
 * ("Available versions of the AWS FIS extension for Lambda", FIS user guide). Resolved at deploy time.
 */
export const FIS_EXTENSION_ARM64_PARAMETER =
  '/aws/service/fis/lambda-extension/AWS-FIS-extension-arm64/1.x.x';

/** Folder of the FIS configuration bucket that the experiments write and the extension reads. */
export const FIS_CONFIG_PREFIX = 'FisConfigs';

/** The scenario names of `npm run drill -- --scenario`, as tags the drill finds the templates by. */
export const CHAOS_SCENARIOS = ['replication-pause', 'function-errors', 'function-latency'] as const;

/** Props of {@link ChaosExperiments}. */
export interface ChaosExperimentsProps {
  readonly appName: string;
  /** ARN of this region's replica of the global table. */
  readonly tableArn: string;
  /** The item-route functions: they get the FIS extension layer and are the Lambda experiments' targets. */
  readonly itemFunctions: readonly LambdaFunction[];
  /** Every experiment stops as soon as one of these is in ALARM (the region's composite alarm, canaries). */
  readonly stopAlarms: readonly IAlarm[];
  /** Longest any action runs; FIS ends the experiment then and undoes the fault. */
  readonly maxDuration: Duration;
  /** Share of invocations the Lambda experiments hit, 1–100. */
  readonly invocationPercentage: number;
  /** Startup delay of the function-latency experiment. */
  readonly startupDelayMilliseconds: number;
}

/**
 * The chaos drills' fault injection in AWS, one region: three AWS FIS experiment templates, each with
 * stop conditions on the region's alarms, a maximum duration and one least-privilege role:
 * `replication-pause` (aws:dynamodb:global-table-pause-replication on this region's replica),
 * `function-errors` (aws:lambda:invocation-error) and `function-latency` (aws:lambda:invocation-add-delay)
 * on the item-route functions. The Lambda actions work through AWS's FIS extension layer, which reads the
 * faults from an S3 folder named in the function's environment: both are added to the item-route
 * functions here, and only when this construct exists (config `chaos.enabled`).
 */
export class ChaosExperiments extends Construct {
  public readonly bucket: Bucket;
  public readonly role: Role;
  /** Scenario name → experiment template. */
  public readonly templates: ReadonlyMap<(typeof CHAOS_SCENARIOS)[number], CfnExperimentTemplate>;

  constructor(scope: Construct, id: string, props: ChaosExperimentsProps) {
    super(scope, id);
    if (props.stopAlarms.length === 0) throw new Error('ChaosExperiments needs at least one stop alarm');
    const stack = Stack.of(this);
    this.bucket = new Bucket(this, 'FisConfig', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Only FIS's short-lived fault descriptions live here; nothing to keep once the app is gone.
      removalPolicy: RemovalPolicy.DESTROY,
      lifecycleRules: [{ expiration: Duration.days(1) }],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Holds only the fault descriptions FIS writes for the extension layer for the length of an experiment; FIS logs every experiment itself (CloudTrail).',
    });
    const configLocation = `${this.bucket.bucketArn}/${FIS_CONFIG_PREFIX}/`;

    const layer = LayerVersion.fromLayerVersionArn(
      this,
      'FisExtension',
      StringParameter.valueForStringParameter(this, FIS_EXTENSION_ARM64_PARAMETER),
    );
    for (const fn of props.itemFunctions) {
      fn.addLayers(layer);
      // The extension wraps the runtime and polls this folder for faults (FIS user guide, Lambda actions).
      fn.addEnvironment('AWS_LAMBDA_EXEC_WRAPPER', '/opt/aws-fis/bootstrap');
      fn.addEnvironment('AWS_FIS_CONFIGURATION_LOCATION', configLocation);
      this.grantConfigRead(fn);
    }

    this.role = new Role(this, 'ExperimentRole', {
      assumedBy: new ServicePrincipal('fis.amazonaws.com'),
      description: `Runs the ${props.appName} chaos experiments in ${stack.region}`,
    });
    // Lambda actions: read each target's configuration (its environment), write the faults to the folder.
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['lambda:GetFunction'],
        resources: props.itemFunctions.map((f) => f.functionArn),
      }),
    );
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:DeleteObject'],
        resources: [this.bucket.arnForObjects(`${FIS_CONFIG_PREFIX}/*`)],
      }),
    );
    // Pause replication: FIS denies the replication service-linked role with a resource policy on the
    // replica for the action's duration, and removes it again (DynamoDB global tables security). On a
    // multi-Region eventually consistent table it puts the deny on the table's stream too (FIS actions
    // reference, aws:dynamodb:global-table-pause-replication), whose label is only known once it exists.
    const streams = `${props.tableArn}/stream/*`;
    this.role.addToPolicy(
      new PolicyStatement({
        actions: [
          'dynamodb:PutResourcePolicy',
          'dynamodb:DeleteResourcePolicy',
          'dynamodb:GetResourcePolicy',
          'dynamodb:DescribeTable',
        ],
        resources: [props.tableArn, streams],
      }),
    );
    // The FIS role policies AWS documents for the DynamoDB and Lambda actions include tag:GetResources,
    // which has no resource-level permissions (it only lists tags).
    this.role.addToPolicy(new PolicyStatement({ actions: ['tag:GetResources'], resources: ['*'] }));
    Validations.of(this.role).acknowledge({
      id: this.folderFinding(),
      reason: 'FIS writes one object per experiment under the extension folder; the names are chosen by FIS.',
    });
    Validations.of(this.role).acknowledge({
      id: wildcardResourceFinding(this, streams),
      reason: "FIS also denies replication on the table's stream; the stream label is assigned by DynamoDB.",
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'tag:GetResources supports no resource-level permissions; AWS documents it for FIS roles.',
    });

    const duration = isoMinutes(props.maxDuration);
    const stopConditions = props.stopAlarms.map((a) => ({
      source: 'aws:cloudwatch:alarm',
      value: a.alarmArn,
    }));
    const template = (
      scenario: (typeof CHAOS_SCENARIOS)[number],
      description: string,
      target: CfnExperimentTemplate.ExperimentTemplateTargetProperty,
      action: { actionId: string; targetKey: string; parameters: Record<string, string> },
    ) =>
      new CfnExperimentTemplate(this, `${scenarioId(scenario)}Template`, {
        description,
        roleArn: this.role.roleArn,
        stopConditions,
        targets: { Targets: target },
        actions: {
          Inject: {
            actionId: action.actionId,
            parameters: { duration, ...action.parameters },
            targets: { [action.targetKey]: 'Targets' },
          },
        },
        // An experiment whose targets are gone must fail, not report success having done nothing.
        experimentOptions: { accountTargeting: 'single-account', emptyTargetResolutionMode: 'fail' },
        tags: {
          Name: `${props.appName}-${stack.region}-${scenario}`,
          AppName: props.appName,
          AppRegion: stack.region,
          Scenario: scenario,
        },
      });
    const functions = {
      resourceType: 'aws:lambda:function',
      resourceArns: props.itemFunctions.map((f) => f.functionArn),
      selectionMode: 'ALL',
    };
    const pct = String(props.invocationPercentage);
    this.templates = new Map([
      [
        'replication-pause',
        template(
          'replication-pause',
          `${props.appName}: pause global-table replication of the ${stack.region} replica`,
          { resourceType: 'aws:dynamodb:global-table', resourceArns: [props.tableArn], selectionMode: 'ALL' },
          { actionId: 'aws:dynamodb:global-table-pause-replication', targetKey: 'Tables', parameters: {} },
        ),
      ],
      [
        'function-errors',
        template(
          'function-errors',
          `${props.appName}: ${pct} % of item-route invocations fail in ${stack.region}`,
          functions,
          {
            actionId: 'aws:lambda:invocation-error',
            targetKey: 'Functions',
            parameters: { invocationPercentage: pct, preventExecution: 'true' },
          },
        ),
      ],
      [
        'function-latency',
        template(
          'function-latency',
          `${props.appName}: ${pct} % of item-route invocations start ${props.startupDelayMilliseconds} ms late in ${stack.region}`,
          functions,
          {
            actionId: 'aws:lambda:invocation-add-delay',
            targetKey: 'Functions',
            parameters: {
              invocationPercentage: pct,
              startupDelayMilliseconds: String(props.startupDelayMilliseconds),
            },
          },
        ),
      ],
    ]);
  }

  /** cdk-nag's finding for a grant on every object of the extension folder. */
  private folderFinding(): string {
    return wildcardResourceFinding(this, this.bucket.arnForObjects(`${FIS_CONFIG_PREFIX}/*`));
  }

  /** The extension lists and reads the folder (the FIS user guide's policy for the Lambda extension). */
  private grantConfigRead(fn: IFunction): void {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${FIS_CONFIG_PREFIX}/*`] } },
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects(`${FIS_CONFIG_PREFIX}/*`)],
      }),
    );
    if (fn.role) {
      Validations.of(fn.role).acknowledge({
        id: this.folderFinding(),
        reason:
          'The FIS extension reads whichever fault description FIS wrote to the folder; FIS names the objects.',
      });
    }
  }
}

/** `PT10M`: FIS durations are ISO 8601. */
function isoMinutes(d: Duration): string {
  return `PT${d.toMinutes()}M`;
}

/** `function-errors` → `FunctionErrors`. */
function scenarioId(scenario: string): string {
  return scenario
    .split('-')
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
}
