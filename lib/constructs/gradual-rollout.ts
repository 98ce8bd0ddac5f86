import { Duration, Validations } from 'aws-cdk-lib';
import type { CfnStage, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { type Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import {
  type ILambdaDeploymentConfig,
  LambdaApplication,
  LambdaDeploymentConfig,
  LambdaDeploymentGroup,
  TimeBasedCanaryTrafficRouting,
  TimeBasedLinearTrafficRouting,
} from 'aws-cdk-lib/aws-codedeploy';
import { Alias, type Function as LambdaFn } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../../functions/routes';
import type { TrafficShifting } from '../config/pipeline-config';

/** Name of the alias that API Gateway invokes; CodeDeploy moves it from version to version. */
export const LIVE_ALIAS = 'live';

/**
 * Rollback thresholds, evaluated every minute during a traffic shift. Lambda's `Errors` counts only
 * unhandled failures (handlers answer bad input with problem+json), so one is already a signal.
 */
export const ROLLBACK_THRESHOLDS = {
  /** Errors of the alias (old and new version together) in one minute. */
  aliasErrors: 1,
  /** Share of a route's requests answered 5xx, per minute (API Gateway's 5XXError average). */
  route5xxRate: 0.01,
  /** Consecutive breaching minutes before a route alarm fires (a single failed request is not a trend). */
  route5xxMinutes: 2,
} as const;

/** Props of {@link GradualRollout}. */
export interface GradualRolloutProps {
  /** Handler file → function; each gets a `live` alias and a deployment group. */
  readonly functions: ReadonlyMap<string, LambdaFn>;
  /** The REQUEST authorizer, rolled out like the others. */
  readonly authorizer: LambdaFn;
  /** Canary, linear or all at once (config `pipeline.trafficShifting`). */
  readonly trafficShifting: TrafficShifting;
}

/**
 * Publishes every function with a `live` alias (what API Gateway invokes) and gives each alias a CodeDeploy
 * deployment group: a new version takes traffic gradually and is rolled back automatically when the
 * alias's errors or, after {@link watchRoutes}, a 5xx rate of one of its routes raises an alarm.
 */
export class GradualRollout extends Construct {
  /** Handler file → its `live` alias (pass these to the API instead of the functions). */
  public readonly aliases: ReadonlyMap<string, Alias>;
  public readonly authorizerAlias: Alias;
  /** Handler file (or `authorizer`) → its deployment group. */
  public readonly deploymentGroups = new Map<string, LambdaDeploymentGroup>();
  private readonly application: LambdaApplication;
  private readonly config: ILambdaDeploymentConfig;

  constructor(scope: Construct, id: string, props: GradualRolloutProps) {
    super(scope, id);
    this.application = new LambdaApplication(this, 'Application');
    this.config = deploymentConfig(this, props.trafficShifting);
    const aliases = new Map<string, Alias>();
    for (const [handler, fn] of props.functions) aliases.set(handler, this.rollOut(handler, fn));
    this.aliases = aliases;
    this.authorizerAlias = this.rollOut('authorizer', props.authorizer);
  }

  /** Adds an alarm on each route's 5xx rate to the deployment group of the function that serves it. */
  public watchRoutes(api: RestApi, routes: readonly RouteDefinition[]): Alarm[] {
    // The stage's literal name, not a Ref to it: the stage depends (through the deployment and the methods)
    // on the aliases, whose deployment groups hold these alarms, so a Ref would close a dependency cycle.
    const stageName = (api.deploymentStage.node.defaultChild as CfnStage).stageName as string;
    return routes.map((route) => {
      const group = this.deploymentGroups.get(route.handler);
      if (!group) throw new Error(`No deployment group for handler "${route.handler}"`);
      const alarm = new Metric({
        namespace: 'AWS/ApiGateway',
        metricName: '5XXError',
        dimensionsMap: {
          ApiName: api.restApiName,
          Method: route.method,
          Resource: route.path,
          Stage: stageName,
        },
        statistic: 'Average',
        period: Duration.minutes(1),
      }).createAlarm(this, `Route5xx${route.method}${route.path.replace(/[^A-Za-z0-9]/g, '')}`, {
        alarmDescription: `Rollback: ${route.method} ${route.path} answered more than ${ROLLBACK_THRESHOLDS.route5xxRate * 100}% 5xx for ${ROLLBACK_THRESHOLDS.route5xxMinutes} minutes`,
        threshold: ROLLBACK_THRESHOLDS.route5xxRate,
        evaluationPeriods: ROLLBACK_THRESHOLDS.route5xxMinutes,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      group.addAlarm(alarm);
      return alarm;
    });
  }

  private rollOut(name: string, fn: LambdaFn): Alias {
    const id = name.replace(/[^A-Za-z0-9]/g, '');
    const alias = new Alias(this, `${id}Live`, { aliasName: LIVE_ALIAS, version: fn.currentVersion });
    const errors = alias
      .metricErrors({ period: Duration.minutes(1), statistic: 'Sum' })
      .createAlarm(this, `${id}AliasErrors`, {
        alarmDescription: `Rollback: ${name} (alias ${LIVE_ALIAS}) failed ${ROLLBACK_THRESHOLDS.aliasErrors} or more times in a minute`,
        threshold: ROLLBACK_THRESHOLDS.aliasErrors,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    const group = new LambdaDeploymentGroup(this, `${id}Deployment`, {
      application: this.application,
      alias,
      deploymentConfig: this.config,
      alarms: [errors],
      autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
    });
    Validations.of(group).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      reason:
        "AWS's own least-privilege policy for CodeDeploy on Lambda: it may update aliases and read alarms, nothing else.",
    });
    this.deploymentGroups.set(name, group);
    return alias;
  }
}

/** The CodeDeploy deployment configuration for `shifting` (a custom one for canary and linear). */
function deploymentConfig(scope: Construct, shifting: TrafficShifting): ILambdaDeploymentConfig {
  if (shifting.type === 'all-at-once') return LambdaDeploymentConfig.ALL_AT_ONCE;
  const routing =
    shifting.type === 'canary'
      ? new TimeBasedCanaryTrafficRouting({
          percentage: shifting.percentage,
          interval: Duration.minutes(shifting.intervalMinutes),
        })
      : new TimeBasedLinearTrafficRouting({
          percentage: shifting.percentage,
          interval: Duration.minutes(shifting.intervalMinutes),
        });
  return new LambdaDeploymentConfig(scope, 'TrafficShifting', { trafficRouting: routing });
}
