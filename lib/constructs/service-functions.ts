import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteDefinition, TableAccess } from '../../functions/routes';
import { TABLE_SCHEMA } from '../../functions/shared/table-schema';
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
  /** This region's copy of the multi-Region key that signs the table's JWKS copy (authorizer only). */
  readonly jwksSigningKey: IKey;
  /**
   * Physical name of the authorizer's role: the signing key's policy lets only roles of this name
   * pattern sign (`jwksSignerRoleName` in jwks-signing-key.ts).
   */
  readonly authorizerRoleName: string;
}

/** What one TableAccess grants: exact actions, on some partitions (a key or a `prefix*`) or on one index. */
type TableGrant =
  | { readonly actions: readonly string[]; readonly partition: string; readonly writes: boolean }
  | { readonly actions: readonly string[]; readonly index: string };

const { partitions } = TABLE_SCHEMA;
const ACTIONS: Readonly<Record<Exclude<TableAccess, 'none' | 'probe' | 'listItems'>, TableGrant['actions']>> =
  {
    readItem: ['dynamodb:GetItem'],
    createItem: ['dynamodb:PutItem', 'dynamodb:GetItem'],
    updateItem: ['dynamodb:UpdateItem', 'dynamodb:GetItem'],
    deleteItem: ['dynamodb:DeleteItem', 'dynamodb:GetItem'],
  };

/**
 * The grant of one route: the health probe reads the `HEALTH` item; a resource route's record calls are
 * held to its own partitions (`<keyPrefix>*`), its listing to the owner index (whose Query and Scan
 * cannot be narrowed by a leading key: the handler's key condition or type filter keeps resources apart).
 */
export function tableGrantOf(route: RouteDefinition): TableGrant | undefined {
  const access = route.tableAccess;
  if (access === 'none') return undefined;
  if (access === 'probe')
    return { actions: ['dynamodb:GetItem'], partition: partitions.health, writes: false };
  const { resource } = route;
  if (!resource) throw new Error(`${route.method} ${route.path}: tableAccess '${access}' needs a resource`);
  if (access === 'listItems')
    return { actions: ['dynamodb:Query', 'dynamodb:Scan'], index: resource.ownerIndex };
  return { actions: ACTIONS[access], partition: `${resource.keyPrefix}*`, writes: access !== 'readItem' };
}

/**
 * Every Lambda function of the API (one per handler file) plus the authorizer, each with exactly the
 * table calls its routes declare in ROUTES (`tableAccess`, on their resource's partitions): no function
 * may Scan the table, batch-write or touch a partition it does not own, and only the authorizer may read
 * or write the JWKS copy.
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
    // One grant per distinct (handler, grant): PUT and PATCH share a function and a grant.
    const grants = new Map<string, Map<string, TableGrant>>();
    for (const r of props.routes) {
      const forHandler = grants.get(r.handler) ?? new Map<string, TableGrant>();
      const grant = tableGrantOf(r);
      if (grant) forHandler.set(JSON.stringify(grant), grant);
      grants.set(r.handler, forHandler);
    }
    const byHandler = new Map<string, LambdaFunction>();
    for (const [handler, handlerGrants] of grants) {
      const fn = new LambdaFunction(this, functionId(handler), {
        handler,
        logKey: props.key,
        logRetentionDays: props.logRetentionDays,
        environment: common,
      });
      for (const grant of handlerGrants.values()) grantTable(fn, props.table, props.key, grant);
      byHandler.set(handler, fn);
    }
    this.byHandler = byHandler;

    this.authorizer = new LambdaFunction(this, 'Authorizer', {
      handler: props.authorizerHandler,
      logKey: props.key,
      logRetentionDays: props.logRetentionDays,
      roleName: props.authorizerRoleName,
      environment: {
        ...common,
        JWT_ISSUER: props.jwtIssuer,
        JWT_CLIENT_ID: props.jwtClientId,
        JWKS_SIGNING_KEY_ID: props.jwksSigningKey.keyArn,
      },
    });
    // The authorizer reads and writes only the JWKS copy (`pk = 'JWKS'`), never user data.
    const jwksGrant = { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], partition: partitions.jwks };
    grantTable(this.authorizer, props.table, props.key, { ...jwksGrant, writes: true });
    // Signs the JWKS copy it writes and verifies the copy it reads (functions/shared/auth/jwks-store.ts).
    props.jwksSigningKey.grant(this.authorizer, 'kms:Sign', 'kms:Verify');
  }
}

/**
 * One grant: item actions on the table ARN with a `dynamodb:LeadingKeys` condition on the partition (a
 * key or a `prefix*`), or index actions on that one index's ARN; plus the table key's use.
 * ForAllValues passes when the key is absent, which only Scan/Query on the table would do: neither is
 * ever granted on the table, and the Null check refuses a request without leading keys anyway.
 */
function grantTable(fn: LambdaFunction, table: ITableV2, key: IKey, grant: TableGrant): void {
  if ('partition' in grant) {
    const operator = grant.partition.endsWith('*') ? 'StringLike' : 'StringEquals';
    Grant.addToPrincipal({
      grantee: fn,
      actions: [...grant.actions],
      resourceArns: [table.tableArn],
      conditions: {
        [`ForAllValues:${operator}`]: { 'dynamodb:LeadingKeys': [grant.partition] },
        Null: { 'dynamodb:LeadingKeys': 'false' },
      },
    });
  } else {
    Grant.addToPrincipal({
      grantee: fn,
      actions: [...grant.actions],
      resourceArns: [`${table.tableArn}/index/${grant.index}`],
    });
  }
  const writes = 'writes' in grant && grant.writes;
  key.grant(fn, 'kms:Decrypt', 'kms:DescribeKey', ...(writes ? ['kms:Encrypt', 'kms:GenerateDataKey'] : []));
}

/** `items/create` → `ItemsCreate`: a stable construct id per handler file. */
export function functionId(handler: string): string {
  return handler
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
}
