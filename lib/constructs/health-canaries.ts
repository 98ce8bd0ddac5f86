import { createHash } from 'node:crypto';
import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { type Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import {
  Canary,
  type CfnCanary,
  Code,
  Runtime,
  RuntimeFamily,
  Schedule,
  Test,
} from 'aws-cdk-lib/aws-synthetics';
import { Construct } from 'constructs';
import { wildcardResourceFinding } from '../nag/acknowledge';
import { HEALTH_PROBE_SCRIPT } from './canary-script';

/**
 * The newest Node.js Synthetics runtime in AWS's documentation ("Runtime versions using Node.js and
 * Puppeteer": syn-nodejs-puppeteer-15.0 "is the most recent"); aws-cdk-lib 2.276 names constants only up
 * to SYNTHETICS_NODEJS_PUPPETEER_13_0, hence the explicit name. The script uses the library's new
 * namespace (`@aws/synthetics-puppeteer`, 13.1 and later).
 */
export const CANARY_RUNTIME = new Runtime('syn-nodejs-puppeteer-15.0', RuntimeFamily.NODEJS);

/** One URL a canary probes. */
export interface ProbeTarget {
  /** Short readable name (a region, or `shared`); part of the alarm id. */
  readonly name: string;
  /** A deep health URL, e.g. `https://eu-west-1.api.example.com/health`. */
  readonly url: string;
  /** When set, the answer's `x-region` header must name this region. */
  readonly expectedRegion?: string;
}

/** Props of {@link HealthCanaries}. */
export interface HealthCanariesProps {
  /** What to probe: from a region, the other regions' hostnames and the shared one. */
  readonly targets: readonly ProbeTarget[];
  /** Makes canary names unique per app and region, e.g. `<appName>-<region>`. */
  readonly scope: string;
  /**
   * The name of the alarm on the canary that probes `target` (a target's `name`): fixed, so that the
   * bake step of the region it probes finds it (`canaryAlarmName`).
   */
  readonly alarmName: (target: string) => string;
  /** This region's alert topic: the alarms page from here, whichever region failed. */
  readonly topic: ITopic;
  /** Encrypts the artifacts bucket (SSE-KMS). */
  readonly key: IKey;
  /** @default Duration.minutes(5) */
  readonly interval?: Duration;
  /** Days run artifacts (reports, logs, HAR files) are kept, in Synthetics and in the bucket. @default 14 */
  readonly artifactRetentionDays?: number;
}

/**
 * CloudWatch Synthetics canaries that probe, from this region, the health of the other regions and of the
 * shared hostname, each with an alarm to this region's topic. Route 53's health-check metrics and their
 * alarms exist only in us-east-1; these canaries make sure that losing any one region (us-east-1
 * included) still pages from every other region.
 */
export class HealthCanaries extends Construct {
  public readonly canaries = new Map<string, Canary>();
  public readonly alarms = new Map<string, Alarm>();
  public readonly artifacts: Bucket;
  public readonly role: Role;

  constructor(scope: Construct, id: string, props: HealthCanariesProps) {
    super(scope, id);
    const interval = props.interval ?? Duration.minutes(5);
    const retentionDays = props.artifactRetentionDays ?? 14;
    const { region } = Stack.of(this);
    this.artifacts = this.artifactsBucket(props.key, retentionDays);
    const names = props.targets.map((t) => canaryName(props.scope, t.name));
    this.role = this.canaryRole(props.key, names);
    const action = new SnsAction(props.topic);

    props.targets.forEach((target, i) => {
      const canary = new Canary(this, `Canary-${target.name}`, {
        canaryName: names[i],
        runtime: CANARY_RUNTIME,
        test: Test.custom({ code: Code.fromInline(HEALTH_PROBE_SCRIPT), handler: 'index.handler' }),
        schedule: Schedule.rate(interval),
        environmentVariables: {
          TARGET_URL: target.url,
          ...(target.expectedRegion ? { EXPECTED_REGION: target.expectedRegion } : {}),
        },
        timeout: Duration.seconds(30),
        role: this.role,
        artifactsBucketLocation: { bucket: this.artifacts, prefix: names[i] },
        successRetentionPeriod: Duration.days(retentionDays),
        failureRetentionPeriod: Duration.days(retentionDays),
        // Deleting the canary also deletes the Lambda function Synthetics created for it.
        provisionedResourceCleanup: true,
      });
      // SSE-KMS with this region's key, set on the resource so that CDK adds no second, unconditional
      // key grant to the role (canaryRole grants the key through S3 only).
      (canary.node.defaultChild as CfnCanary).artifactConfig = {
        s3Encryption: { encryptionMode: 'SSE_KMS', kmsKeyArn: props.key.keyArn },
      };
      this.canaries.set(target.name, canary);

      const alarm = canary
        .metricSuccessPercent({ period: interval, statistic: 'Average' })
        .createAlarm(this, `Unreachable-${target.name}`, {
          alarmName: props.alarmName(target.name),
          alarmDescription: `From ${region}: ${target.url} failed 2 probes in a row (or the canary stopped reporting)`,
          threshold: 100,
          comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
          evaluationPeriods: 2,
          datapointsToAlarm: 2,
          // A canary that stops running (Synthetics or Lambda broken in this region, canary stopped)
          // publishes nothing: that loses the pager from outside the failed region, so it pages too.
          treatMissingData: TreatMissingData.BREACHING,
        });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.set(target.name, alarm);
    });
  }

  private artifactsBucket(key: IKey, retentionDays: number): Bucket {
    const bucket = new Bucket(this, 'Artifacts', {
      encryption: BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        { expiration: Duration.days(retentionDays), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      // Emptied by the lifecycle rule; never deleted with objects in it (like every other data store here).
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const reason =
      "Canary run artifacts (reports, logs) only, written by this region's canaries and expired after the retention; nothing to audit, version or replicate.";
    Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S1', reason });
    (bucket.node.defaultChild as CfnBucket).addMetadata('checkov', {
      skip: [
        { id: 'CKV_AWS_18', comment: reason },
        { id: 'CKV_AWS_21', comment: reason },
        { id: 'CKV_AWS_144', comment: reason },
      ],
    });
    return bucket;
  }

  /** The permissions AWS documents for a canary with KMS-encrypted artifacts, scoped to these canaries. */
  private canaryRole(key: IKey, names: readonly string[]): Role {
    const { region } = Stack.of(this);
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Health canaries of ${region}: write their artifacts, logs and metrics, nothing else`,
    });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject'],
        resources: names.map((n) => this.artifacts.arnForObjects(`${n}/*`)),
      }),
    );
    role.addToPolicy(
      new PolicyStatement({ actions: ['s3:GetBucketLocation'], resources: [this.artifacts.bucketArn] }),
    );
    role.addToPolicy(new PolicyStatement({ actions: ['s3:ListAllMyBuckets'], resources: ['*'] }));
    role.addToPolicy(
      new PolicyStatement({
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': 'CloudWatchSynthetics' } },
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: names.map(
          (n) => `arn:${Aws.PARTITION}:logs:${region}:${Aws.ACCOUNT_ID}:log-group:/aws/lambda/cwsyn-${n}-*`,
        ),
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } },
      }),
    );
    const why = 'as AWS documents the canary role ("Required roles and permissions for canaries")';
    Validations.of(role).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: `s3:ListAllMyBuckets and cloudwatch:PutMetricData (namespace CloudWatchSynthetics only) have no narrower resource, ${why}.`,
      },
      ...names.flatMap((n) => [
        {
          id: wildcardResourceFinding(role, this.artifacts.arnForObjects(`${n}/*`)),
          reason: `Canary ${n} writes run artifacts with generated names under its own prefix only, ${why}.`,
        },
        {
          id: wildcardResourceFinding(
            role,
            `arn:${Aws.PARTITION}:logs:${region}:${Aws.ACCOUNT_ID}:log-group:/aws/lambda/cwsyn-${n}-*`,
          ),
          reason: `The log group of canary ${n}'s function, whose name suffix Synthetics generates, ${why}.`,
        },
      ]),
    );
    return role;
  }
}

/**
 * A canary name of `[0-9a-z_-]`, at most 21 characters (Synthetics' long-standing limit, which CDK's
 * generated names keep to as well): a readable abbreviation of the target (`ew1` for eu-west-1, `shared`)
 * and a hash of the app, the probing region and the target, so names are unique per account and region.
 */
export function canaryName(scope: string, target: string): string {
  const abbrev = /^[a-z]{2}(-gov)?-[a-z]+-\d+$/.test(target)
    ? target
        .split('-')
        .map((p) => (/^\d+$/.test(p) ? p : p[0]))
        .join('')
    : target
        .toLowerCase()
        .replace(/[^0-9a-z]/g, '')
        .slice(0, 8);
  const hash = createHash('sha256').update(`${scope}:${target}`).digest('hex').slice(0, 10);
  return `${abbrev}-${hash}`;
}
