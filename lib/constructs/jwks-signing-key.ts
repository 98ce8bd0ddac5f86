import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRootPrincipal,
  AnyPrincipal,
  Effect,
  PolicyDocument,
  PolicyStatement,
} from 'aws-cdk-lib/aws-iam';
import { CfnReplicaKey, type IKey, Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * Name of each region's authorizer role. The key policy names the signers by this pattern because the
 * key is created before the roles (in the identity stack) and must not depend on the regional stacks.
 */
export const jwksSignerRoleName = (appName: string, region: string) => `${appName}-authorizer-${region}`;

/** Props of {@link JwksSigningKey} and {@link JwksSigningKeyReplica}. */
export interface JwksSigningKeyProps {
  /** Prefix of the authorizer role names ({@link jwksSignerRoleName}) that may sign. */
  readonly appName: string;
}

/** Props of {@link JwksSigningKeyReplica}. */
export interface JwksSigningKeyReplicaProps extends JwksSigningKeyProps {
  /** ARN of the multi-Region primary key (in the identity stack's region). */
  readonly primaryKeyArn: string;
}

const DESCRIPTION = "Signs the JWKS copy in the global table; only the app's authorizers may sign";

/**
 * The key policy of the primary and of every replica: the account administers and uses the key through
 * IAM as usual, except that kms:Sign is denied to every principal but the authorizer roles. Anyone who
 * can write the table can still write the JWKS item, but cannot produce a signature the authorizers
 * accept, so a planted key is ignored (functions/shared/auth/jwks-store.ts).
 */
function signingKeyPolicy(appName: string): PolicyDocument {
  return new PolicyDocument({
    statements: [
      new PolicyStatement({
        sid: 'AccountAdministersThroughIam',
        principals: [new AccountRootPrincipal()],
        actions: ['kms:*'],
        resources: ['*'],
      }),
      new PolicyStatement({
        sid: 'OnlyAuthorizersSign',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['kms:Sign'],
        resources: ['*'],
        conditions: {
          ArnNotLike: {
            'aws:PrincipalArn': `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/${jwksSignerRoleName(appName, '*')}`,
          },
        },
      }),
    ],
  });
}

/**
 * The multi-Region asymmetric key (ECC_NIST_P256, SIGN_VERIFY) that signs the table's JWKS copy. It
 * lives in the primary region's identity stack, deployed first; every other region gets a replica
 * ({@link JwksSigningKeyReplica}), so each region signs and verifies with its own regional endpoint and
 * keeps doing so while the primary region is down. Asymmetric keys cannot rotate automatically.
 */
export class JwksSigningKey extends Construct {
  public readonly key: Key;

  constructor(scope: Construct, id: string, props: JwksSigningKeyProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: DESCRIPTION,
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      multiRegion: true,
      enableKeyRotation: false,
      policy: signingKeyPolicy(props.appName),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

/** This region's replica of {@link JwksSigningKey} (same key material, same key policy). */
export class JwksSigningKeyReplica extends Construct {
  public readonly key: IKey;

  constructor(scope: Construct, id: string, props: JwksSigningKeyReplicaProps) {
    super(scope, id);
    const replica = new CfnReplicaKey(this, 'Key', {
      primaryKeyArn: props.primaryKeyArn,
      description: DESCRIPTION,
      keyPolicy: signingKeyPolicy(props.appName),
    });
    replica.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.key = Key.fromKeyArn(this, 'Imported', replica.attrArn);
  }
}
