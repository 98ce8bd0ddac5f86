import { join, relative } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** Where handler files live; infrastructure points at them by path and never imports them. */
const FUNCTIONS_DIR = join(__dirname, '..', '..', 'functions');
export const HANDLERS_DIR = join(FUNCTIONS_DIR, 'handlers');
/** Handlers of CloudFormation custom resources (deploy-time helpers, not API routes). */
export const CUSTOM_RESOURCES_DIR = join(FUNCTIONS_DIR, 'custom-resources');

/**
 * esbuild settings of every function. Exported so `npm run bench` bundles handlers exactly as synth does.
 * The runtime ships the AWS SDK v3; bundling our pinned copy (no externals) keeps behaviour identical to
 * tests and makes the package size and init time what the lockfile says.
 */
export const LAMBDA_BUNDLING: Readonly<BundlingOptions> = {
  minify: true,
  sourceMap: true,
  target: 'node22',
  format: OutputFormat.CJS,
  externalModules: [],
};

/** Props of {@link LambdaFunction}. */
export interface LambdaFunctionProps {
  /**
   * Handler file under functions/handlers without extension (e.g. `items/create`); it exports `handler`.
   * Ignored when `entry` is given.
   */
  readonly handler: string;
  /**
   * Path of the handler file, for functions that are not API handlers (custom resources under
   * CUSTOM_RESOURCES_DIR).
   * @default functions/handlers/<handler>.ts
   */
  readonly entry?: string;
  /** Key that encrypts the function's log group. */
  readonly logKey: IKey;
  /** Log retention in days (one of CloudWatch's allowed values). */
  readonly logRetentionDays: RetentionDays;
  /** @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /**
   * Physical name of the function's role, for a role that a resource policy must name before it exists.
   * @default - a name CloudFormation generates
   */
  readonly roleName?: string;
}

/**
 * The single place for Lambda defaults: ARM64, Node.js 22, active tracing, minified bundle with source
 * maps, its own KMS-encrypted log group with retention, and a role that may write only to that log group.
 */
export class LambdaFunction extends NodejsFunction {
  public readonly functionLogGroup: LogGroup;

  constructor(scope: Construct, id: string, props: LambdaFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetentionDays,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const entry = props.entry ?? join(HANDLERS_DIR, `${props.handler}.ts`);
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      roleName: props.roleName,
      description: `Runs functions/${relative(FUNCTIONS_DIR, entry)}`,
    });
    super(scope, id, {
      entry,
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      tracing: Tracing.ACTIVE,
      timeout: props.timeout ?? Duration.seconds(10),
      memorySize: props.memorySize ?? 512,
      logGroup,
      role,
      // Stack traces point at the TypeScript sources (the bundle ships its source map).
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: LAMBDA_BUNDLING,
    });
    this.functionLogGroup = logGroup;
    // Instead of AWSLambdaBasicExecutionRole (logs:CreateLogGroup/PutLogEvents on every log group),
    // the role may write only to this function's own log group.
    logGroup.grantWrite(role);
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the runtime the handlers and their dependencies are tested on (team contract); change Runtime here to move every function at once.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'xray:PutTraceSegments/PutTelemetryRecords (active tracing) support no resource-level ARNs.',
    });
  }
}
