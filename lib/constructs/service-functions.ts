import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../../functions/routes';
import { acknowledgeTableGrant } from '../nag/acknowledge';
import { LambdaFunction } from './lambda-function';

/** Props of {@link ServiceFunctions}. */
export interface ServiceFunctionsProps {
  /** Routes to serve; one function per distinct handler file. */
  readonly routes: readonly RouteDefinition[];
  /** Handler file of the REQUEST authorizer (under functions/handlers). */
  readonly authorizerHandler: string;
  /** This region's replica of the global table. */
  readonly table: ITableV2;
  /** This region's data key (log groups). */
  readonly key: IKey;
  readonly logRetentionDays: RetentionDays;
  /** Token issuer (`https://cognito-idp.<region>.amazonaws.com/<poolId>`), given to the authorizer. */
  readonly jwtIssuer: string;
  /** App client id whose access tokens the authorizer accepts. */
  readonly jwtClientId: string;
  /** Name of the group that manages every item. */
  readonly adminGroup: string;
  /** Powertools service name and metrics namespace. */
  readonly serviceName: string;
}

const ACCESS_RANK = { none: 0, probe: 1, read: 2, readWrite: 3 } as const;

/**
 * Every Lambda function of the API (one per handler file) plus the authorizer, each with exactly the
 * table access its routes declare in ROUTES (`tableAccess`).
 */
export class ServiceFunctions extends Construct {
  /** Handler file → function. */
  public readonly byHandler: ReadonlyMap<string, LambdaFunction>;
  public readonly authorizer: LambdaFunction;

  constructor(scope: Construct, id: string, props: ServiceFunctionsProps) {
    super(scope, id);
    const common = {
      TABLE_NAME: props.table.tableName,
      ADMIN_GROUP: props.adminGroup,
      POWERTOOLS_SERVICE_NAME: props.serviceName,
      POWERTOOLS_METRICS_NAMESPACE: props.serviceName,
    };
    const access = new Map<string, RouteDefinition['tableAccess']>();
    for (const r of props.routes) {
      const prev = access.get(r.handler) ?? 'none';
      access.set(r.handler, ACCESS_RANK[r.tableAccess] > ACCESS_RANK[prev] ? r.tableAccess : prev);
    }
    const byHandler = new Map<string, LambdaFunction>();
    for (const [handler, tableAccess] of access) {
      const fn = new LambdaFunction(this, functionId(handler), {
        handler,
        logKey: props.key,
        logRetentionDays: props.logRetentionDays,
        environment: common,
      });
      if (tableAccess === 'probe') grantItems(fn, props.table, props.key, ['dynamodb:GetItem'], 'HEALTH');
      if (tableAccess === 'read') props.table.grantReadData(fn);
      if (tableAccess === 'readWrite') {
        props.table.grantReadWriteData(fn);
        denyJwksWrites(fn, props.table);
      }
      if ((tableAccess === 'read' || tableAccess === 'readWrite') && fn.role) {
        acknowledgeTableGrant(fn.role, props.table);
      }
      byHandler.set(handler, fn);
    }
    this.byHandler = byHandler;

    this.authorizer = new LambdaFunction(this, 'Authorizer', {
      handler: props.authorizerHandler,
      logKey: props.key,
      logRetentionDays: props.logRetentionDays,
      environment: { ...common, JWT_ISSUER: props.jwtIssuer, JWT_CLIENT_ID: props.jwtClientId },
    });
    this.grantJwksCache(props.table, props.key);
  }

  /** The authorizer reads and writes only the cached JWKS item (`pk = 'JWKS'`), never user data. */
  private grantJwksCache(table: ITableV2, key: IKey): void {
    grantItems(this.authorizer, table, key, ['dynamodb:GetItem', 'dynamodb:PutItem'], 'JWKS');
  }
}

/** `actions` on the items whose partition key is `pk` only (IAM condition on dynamodb:LeadingKeys). */
function grantItems(fn: LambdaFunction, table: ITableV2, key: IKey, actions: string[], pk: string): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions,
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [pk] } },
    }),
  );
  const writes = actions.some((a) => a !== 'dynamodb:GetItem');
  key.grant(fn, 'kms:Decrypt', 'kms:DescribeKey', ...(writes ? ['kms:Encrypt', 'kms:GenerateDataKey'] : []));
}

/**
 * The JWKS item is what every region's authorizer trusts: a handler that could write it could mint tokens
 * accepted everywhere. grantReadWriteData covers the whole table, so this explicit deny carves it out.
 */
function denyJwksWrites(fn: LambdaFunction, table: ITableV2): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.DENY,
      actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
      resources: [table.tableArn],
      conditions: { 'ForAnyValue:StringEquals': { 'dynamodb:LeadingKeys': ['JWKS'] } },
    }),
  );
}

/** `items/create` → `ItemsCreate`: a stable construct id per handler file. */
export function functionId(handler: string): string {
  return handler
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
}
