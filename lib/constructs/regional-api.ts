import { CfnOutput, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  type CfnMethod,
  DomainName,
  EndpointType,
  IdentitySource,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RequestAuthorizer,
  RestApi,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigateway';
import { Certificate, CertificateValidation } from 'aws-cdk-lib/aws-certificatemanager';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IHostedZone } from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { AUTHORIZER_CACHE_TTL_SECONDS, type RouteDefinition } from '../../functions/routes';
import { ApiGatewayCloudWatchRole } from './api-gateway-cloudwatch-role';
import { addProblemResponses } from './problem-responses';

/** Props of {@link RegionalApi}. */
export interface RegionalApiProps {
  /**
   * Name of the REST API, unique in the account and region (e.g. `<appName>-<region>`): API Gateway keys its
   * metrics by `ApiName`, so the alarms and dashboard watch whatever API carries this name.
   */
  readonly restApiName: string;
  /** Description shown in the API Gateway console; derive it from the app name so a fork shows its own. */
  readonly description: string;
  /** Methods to create; `authorized` routes go through the authorizer. */
  readonly routes: readonly RouteDefinition[];
  /** Handler file → function serving it. */
  readonly functions: ReadonlyMap<string, IFunction>;
  /** The Lambda REQUEST authorizer (identity source: `Authorization` header). */
  readonly authorizerFunction: IFunction;
  /** Public hostname served by every region. */
  readonly domainName: string;
  /** Hostname that reaches only this region (`<region>.<domainName>`). */
  readonly regionalDomainName: string;
  /** Zone that validates the certificate (DNS). */
  readonly hostedZone: IHostedZone;
  /** Key of the access-log group. */
  readonly logKey: IKey;
  readonly logRetentionDays: RetentionDays;
  /** @default 'prod' */
  readonly stageName?: string;
  /**
   * How long API Gateway caches an authorizer decision per `Authorization` header (the sandbox caches
   * for AUTHORIZER_CACHE_TTL_SECONDS: change that constant, not this prop, to keep them in step).
   * @default Duration.seconds(AUTHORIZER_CACHE_TTL_SECONDS) - 5 minutes
   */
  readonly authorizerCacheTtl?: Duration;
  /**
   * Steady-state requests per second the stage accepts before answering 429, bounding Lambda concurrency
   * and cost per region (AWS WAF also limits each client IP).
   * @default 1000
   */
  readonly throttlingRateLimit?: number;
  /** @default 2000 */
  readonly throttlingBurstLimit?: number;
}

/**
 * The REST API (regional endpoint) of one region: a method per route with Lambda proxy integration,
 * the REQUEST authorizer on every protected route, JSON access logs (after the account's API Gateway
 * CloudWatch role is ensured), problem+json Gateway Responses and two custom domains (shared and regional)
 * under one DNS-validated certificate. Stack outputs `ApiEndpoint` and `RegionalApiEndpoint` name the
 * custom domains, the only way in.
 */
export class RegionalApi extends Construct {
  public readonly api: RestApi;
  /** Custom domain for the shared hostname (target of the latency/failover records). */
  public readonly sharedDomain: DomainName;
  /** Custom domain for `<region>.<domainName>` (target of the health check). */
  public readonly regionalDomain: DomainName;
  public readonly accessLogs: LogGroup;
  public readonly cloudWatchRole: ApiGatewayCloudWatchRole;

  constructor(scope: Construct, id: string, props: RegionalApiProps) {
    super(scope, id);
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetentionDays,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.cloudWatchRole = new ApiGatewayCloudWatchRole(this, 'CloudWatchRole', {
      logKey: props.logKey,
      logRetentionDays: props.logRetentionDays,
    });
    this.api = new RestApi(this, 'Api', {
      restApiName: props.restApiName,
      description: props.description,
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      cloudWatchRole: false,
      // Only the custom domains (behind the health-checked records) may reach the API, never the
      // execute-api default hostname, so every client goes through DNS routing and the same TLS policy.
      disableExecuteApiEndpoint: true,
      deployOptions: {
        stageName: props.stageName ?? 'prod',
        tracingEnabled: true,
        metricsEnabled: true,
        throttlingRateLimit: props.throttlingRateLimit ?? 1000,
        throttlingBurstLimit: props.throttlingBurstLimit ?? 2000,
        accessLogDestination: new LogGroupLogDestination(this.accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields({
          caller: true,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: true,
        }),
        loggingLevel: MethodLoggingLevel.OFF,
      },
    });
    // API Gateway refuses a stage with access logs until the account settings hold a CloudWatch role.
    this.api.deploymentStage.node.addDependency(this.cloudWatchRole.setting);
    addProblemResponses(this.api, this.api.stack.region);
    this.addRoutes(props);
    [this.sharedDomain, this.regionalDomain] = this.addDomains(props);
    this.addEndpointOutputs(props);
    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-APIG2',
        reason:
          'Handlers validate path, query and body with zod (unknown fields rejected) and answer problem+json.',
      },
      {
        id: 'AwsSolutions-APIG6',
        reason:
          'Execution logs go to a log group that API Gateway creates itself (no KMS key, kept forever); JSON access logs to a KMS-encrypted group with retention, and X-Ray traces, are on.',
      },
    );
  }

  private addRoutes(props: RegionalApiProps): void {
    const authorizer = new RequestAuthorizer(this, 'Authorizer', {
      handler: props.authorizerFunction,
      identitySources: [IdentitySource.header('Authorization')],
      resultsCacheTtl: props.authorizerCacheTtl ?? Duration.seconds(AUTHORIZER_CACHE_TTL_SECONDS),
    });
    for (const route of props.routes) {
      const fn = props.functions.get(route.handler);
      if (!fn) throw new Error(`No function for handler "${route.handler}" (${route.method} ${route.path})`);
      const method = this.api.root
        .resourceForPath(route.path)
        .addMethod(
          route.method,
          new LambdaIntegration(fn),
          route.authorized
            ? { authorizer, authorizationType: AuthorizationType.CUSTOM }
            : { authorizationType: AuthorizationType.NONE },
        );
      if (!route.authorized) {
        const reason = `${route.path} is public by design (health checks, API description).`;
        (method.node.defaultChild as CfnMethod).addMetadata('checkov', {
          skip: [{ id: 'CKV_AWS_59', comment: reason }],
        });
        Validations.of(method).acknowledge(
          {
            id: 'AwsSolutions-APIG4',
            reason,
          },
          {
            id: 'AwsSolutions-COG4',
            reason,
          },
        );
      } else {
        Validations.of(method).acknowledge({
          id: 'AwsSolutions-COG4',
          reason:
            'A Lambda REQUEST authorizer verifies Cognito access tokens with a JWKS copy kept in the replicated table, so every region keeps authorizing while the user pool region is down.',
        });
      }
    }
  }

  /**
   * The execute-api hostname is disabled, so CDK's default `Endpoint` output (that hostname) would name a
   * URL that answers nothing: the outputs name the custom domains instead.
   */
  private addEndpointOutputs(props: RegionalApiProps): void {
    this.api.node.tryRemoveChild('Endpoint');
    const output = (id: string, domainName: string, description: string) =>
      new CfnOutput(this, id, { value: `https://${domainName}/`, description }).overrideLogicalId(id);
    output('ApiEndpoint', props.domainName, 'Public API URL (Route 53 routes it to a healthy region)');
    output('RegionalApiEndpoint', props.regionalDomainName, "This region's API, bypassing routing");
  }

  private addDomains(props: RegionalApiProps): [DomainName, DomainName] {
    const certificate = new Certificate(this, 'Certificate', {
      domainName: props.domainName,
      subjectAlternativeNames: [props.regionalDomainName],
      validation: CertificateValidation.fromDns(props.hostedZone),
    });
    const domain = (id: string, domainName: string) =>
      new DomainName(this, id, {
        domainName,
        certificate,
        endpointType: EndpointType.REGIONAL,
        securityPolicy: SecurityPolicy.TLS_1_2,
        mapping: this.api,
      });
    return [domain('SharedDomain', props.domainName), domain('RegionalDomain', props.regionalDomainName)];
  }
}
