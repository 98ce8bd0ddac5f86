import { join } from 'node:path';
import { CustomResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CUSTOM_RESOURCES_DIR, LambdaFunction } from './lambda-function';

/** Props of {@link ApiGatewayCloudWatchRole}. */
export interface ApiGatewayCloudWatchRoleProps {
  /** Key of the custom resource function's log group. */
  readonly logKey: IKey;
  readonly logRetentionDays: RetentionDays;
}

/**
 * Makes sure this region's API Gateway account settings hold a CloudWatch Logs role (`cloudWatchRoleArn`),
 * without which API Gateway refuses a stage that writes access logs.
 *
 * The setting is one per account and region, shared with every other API there, so it is not declared as
 * an `AWS::ApiGateway::Account` (which would overwrite another app's role on every deploy). Instead a
 * custom resource sets this construct's role only while no role is set, keeps any role already set, and
 * never unsets it; the role is retained with the stack's deletion because other APIs may log through it
 * by then. Make the stage depend on this construct.
 */
export class ApiGatewayCloudWatchRole extends Construct {
  /** The role API Gateway assumes to write logs (used only when the setting was empty). */
  public readonly role: Role;
  /** Depend on this before creating a stage with access logs. */
  public readonly setting: CustomResource;

  constructor(scope: Construct, id: string, props: ApiGatewayCloudWatchRoleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      description: `API Gateway writes CloudWatch Logs for every API of this account in ${stack.region}`,
      managedPolicies: [
        ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonAPIGatewayPushToCloudWatchLogs'),
      ],
    });
    this.role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        "The account-wide API Gateway logging role serves every API of the account and region (other apps' log groups too); AWS maintains this policy for exactly that role.",
    });

    const fn = new LambdaFunction(this, 'Handler', {
      handler: 'api-gateway-cloudwatch-role',
      entry: join(CUSTOM_RESOURCES_DIR, 'api-gateway-cloudwatch-role.ts'),
      logKey: props.logKey,
      logRetentionDays: props.logRetentionDays,
      // GetAccount + UpdateAccount, retried for up to a minute while IAM propagates a new role.
      timeout: Duration.minutes(2),
      memorySize: 256,
    });
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['apigateway:GET', 'apigateway:PATCH'],
        resources: [stack.formatArn({ service: 'apigateway', account: '', resource: '/account' })],
      }),
    );
    this.role.grantPassRole(fn.grantPrincipal);

    this.setting = new CustomResource(this, 'Setting', {
      serviceToken: fn.functionArn,
      resourceType: 'Custom::ApiGatewayCloudWatchRole',
      properties: { RoleArn: this.role.roleArn },
    });
  }
}
