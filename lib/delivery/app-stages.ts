import {
  CfnDynamicReference,
  CfnDynamicReferenceService,
  CfnOutput,
  Stage,
  type StageProps,
  Tags,
  Token,
} from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { AppConfig } from '../config/app-config';
import { CrossRegionParameter } from '../constructs/cross-region-parameter';
import { SyntheticUser } from '../constructs/synthetic-user';
import { HealthAlarmsStack } from '../stacks/health-alarms-stack';
import { IdentityStack } from '../stacks/identity-stack';
import {
  HEALTH_METRICS_REGION,
  healthAlarmsStackName,
  identityStackName,
  regionalStackName,
} from '../stacks/names';
import { RegionalStack } from '../stacks/regional-stack';
import {
  clientIdParameter,
  healthCheckParameter,
  issuerParameter,
  jwksKeyParameter,
  syntheticUsername,
  syntheticUserSecretName,
} from './delivery-names';

/** Props of every delivery stage. */
export interface DeliveryStageProps extends StageProps {
  readonly config: AppConfig;
}

/** `{{resolve:ssm:name}}`: CloudFormation reads the parameter of the stack's own region at deploy time. */
const ssmValue = (name: string) =>
  Token.asString(new CfnDynamicReference(CfnDynamicReferenceService.SSM, name));

const envOf = (c: AppConfig, region: string) => ({ account: c.account, region });

/**
 * The identity stage: the user pool stack (same stack name as a direct deploy) plus, only with a pipeline,
 * the synthetic user and the issuer/client id written to SSM in every region for the regional stages.
 */
export class IdentityStage extends Stage {
  public readonly stack: IdentityStack;
  /** The user pool id (for the step that sets the synthetic user's password). */
  public readonly userPoolId: CfnOutput;
  /** The app client id (the probes sign in with it). */
  public readonly clientId: CfnOutput;

  constructor(scope: Construct, id: string, props: DeliveryStageProps) {
    super(scope, id, props);
    const c = props.config;
    this.stack = new IdentityStack(this, 'Identity', {
      stackName: identityStackName(c),
      env: envOf(c, c.primaryRegion),
      config: c,
      description: `${c.appName}: Cognito user pool`,
    });
    const identity = this.stack.identity;
    if (c.pipeline?.probeItems) {
      const user = new SyntheticUser(this.stack, 'SyntheticUser', {
        userPool: identity.userPool,
        username: syntheticUsername(c),
        group: c.cognito.memberGroup,
        secretName: syntheticUserSecretName(c),
      });
      user.node.addDependency(identity); // the member group must exist first
    }
    for (const region of c.regions) {
      new CrossRegionParameter(this.stack, `Issuer-${region}`, {
        region,
        parameterName: issuerParameter(c),
        value: identity.issuer,
      });
      new CrossRegionParameter(this.stack, `JwksKeyArn-${region}`, {
        region,
        parameterName: jwksKeyParameter(c),
        value: this.stack.jwksSigningKey.key.keyArn,
      });
      new CrossRegionParameter(this.stack, `ClientId-${region}`, {
        region,
        parameterName: clientIdParameter(c),
        value: identity.client.userPoolClientId,
      });
    }
    this.userPoolId = new CfnOutput(this.stack, 'UserPoolId', { value: identity.userPool.userPoolId });
    this.clientId = new CfnOutput(this.stack, 'AppClientId', { value: identity.client.userPoolClientId });
  }
}

/** Props of {@link RegionStage}. */
export interface RegionStageProps extends DeliveryStageProps {
  readonly region: string;
}

/**
 * One region's stage: its regional stack (same stack name as a direct deploy), with the functions behind
 * CodeDeploy-shifted aliases, the issuer and client id read from SSM, and its health check id written to
 * SSM in us-east-1 for the health-alarms stage.
 */
export class RegionStage extends Stage {
  public readonly stack: RegionalStack;

  constructor(scope: Construct, id: string, props: RegionStageProps) {
    super(scope, id, props);
    const c = props.config;
    const region = props.region;
    this.stack = new RegionalStack(this, 'Regional', {
      stackName: regionalStackName(c, region),
      env: envOf(c, region),
      config: c,
      jwtIssuer: ssmValue(issuerParameter(c)),
      jwtClientId: ssmValue(clientIdParameter(c)),
      jwksSigningKeyArn: ssmValue(jwksKeyParameter(c)),
      trafficShifting: c.pipeline?.trafficShifting,
      description: `${c.appName}: ${region} (API, keys, routing, alarms${region === c.primaryRegion ? ', global table, backup' : ''})`,
    });
    Tags.of(this.stack).add('AppRegion', region);
    new CrossRegionParameter(this.stack, 'HealthCheckIdExport', {
      region: HEALTH_METRICS_REGION,
      parameterName: healthCheckParameter(c, region),
      value: this.stack.routing.healthCheck.healthCheckId,
    });
  }
}

/** Props of {@link HealthAlarmsStage}. */
export interface HealthAlarmsStageProps extends DeliveryStageProps {
  /**
   * Region → its health check's create-only settings (`HealthRouting.healthCheckSettings`, a plain string,
   * so it may cross stages). They go into the alarm description: a change that replaces a check changes
   * this template, so CloudFormation updates the stack and resolves the new id from SSM.
   */
  readonly healthCheckSettings: ReadonlyMap<string, string>;
}

/** The last stage: alarms on every region's Route 53 health check (us-east-1). */
export class HealthAlarmsStage extends Stage {
  public readonly stack: HealthAlarmsStack;

  constructor(scope: Construct, id: string, props: HealthAlarmsStageProps) {
    super(scope, id, props);
    const c = props.config;
    this.stack = new HealthAlarmsStack(this, 'HealthAlarms', {
      stackName: healthAlarmsStackName(c),
      env: envOf(c, HEALTH_METRICS_REGION),
      config: c,
      healthChecks: new Map(
        c.regions.map((r) => [
          r,
          { id: ssmValue(healthCheckParameter(c, r)), settings: props.healthCheckSettings.get(r) ?? '' },
        ]),
      ),
      description: `${c.appName}: Route 53 health-check alarms (metrics exist only in us-east-1)`,
    });
  }
}
