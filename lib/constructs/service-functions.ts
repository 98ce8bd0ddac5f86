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

/** What one TableAccess grants: exact actions, on item partitions or on the owner index. */
type TableGrant =
  | { readonly actions: readonly string[]; readonly partition: string; readonly writes: boolean }
  | { readonly actions: readonly string[]; readonly index: string };

const { partitions, indexes } = TABLE_SCHEMA;
const ITEMS = `${partitions.itemPrefix}*`;
const TABLE_GRANTS: Readonly<Record<Exclude<TableAccess, 'none'>, TableGrant>> = {
  probe: { actions: ['dynamodb:GetItem'], partition: partitions.health, writes: false },
  readItem: { actions: ['dynamodb:GetItem'], partition: ITEMS, writes: false },
  createItem: { actions: ['dynamodb:PutItem', 'dynamodb:GetItem'], partition: ITEMS, writes: true },
  updateItem: { actions: ['dynamodb:UpdateItem', 'dynamodb:GetItem'], partition: ITEMS, writes: true },
  deleteItem: { actions: ['dynamodb:DeleteItem', 'dynamodb:GetItem'], partition: ITEMS, writes: true },
  listItems: { actions: ['dynamodb:Query', 'dynamodb:Scan'], index: indexes.byOwner.name },
};

/**
 * Every Lambda function of the API (one per handler file) plus the authorizer, each with exactly the
 * table calls its routes declare in ROUTES (`tableAccess`): no function may Scan the table, batch-write
 * or touch a partition it does not own, and only the authorizer may read or write the JWKS copy.
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
    const access = new Map<string, Set<TableAccess>>();
    for (const r of props.routes) {
      access.set(r.handler, (access.get(r.handler) ?? new Set()).add(r.tableAccess));
    }
    const byHandler = new Map<string, LambdaFunction>();
    for (const [handler, accesses] of access) {
      const fn = new LambdaFunction(this, functionId(handler), {
        handler,
        logKey: props.key,
        logRetentionDays: props.logRetentionDays,
        environment: common,
      });
      for (const a of accesses) if (a !== 'none') grantTable(fn, props.table, props.key, TABLE_GRANTS[a]);
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
