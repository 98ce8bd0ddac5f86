import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { type AppConfig, parseSesIdentityArn } from '../config/app-config';
import { Identity } from '../constructs/identity';
import { JwksSigningKey } from '../constructs/jwks-signing-key';

/** Props of {@link IdentityStack}. */
export interface IdentityStackProps extends StackProps {
  readonly config: AppConfig;
}

/**
 * The Cognito user pool and the multi-Region key that signs the table's JWKS copy, in `primaryRegion`.
 * Deployed first: every regional authorizer needs the issuer and client id, and every other region's
 * stack replicates the key (passed to other regions with CDK cross-region references).
 */
export class IdentityStack extends Stack {
  public readonly identity: Identity;
  /** The multi-Region primary of the key that signs the table's JWKS copy; regions hold replicas. */
  public readonly jwksSigningKey: JwksSigningKey;

  constructor(scope: Construct, id: string, props: IdentityStackProps) {
    super(scope, id, props);
    const { appName, cognito } = props.config;
    const ses = cognito.email && parseSesIdentityArn(cognito.email.sesIdentityArn);
    this.identity = new Identity(this, 'Identity', {
      appName,
      mfa: cognito.mfa,
      adminGroup: cognito.adminGroup,
      memberGroup: cognito.memberGroup,
      email: cognito.email &&
        ses && {
          fromAddress: cognito.email.fromAddress,
          fromName: cognito.email.fromName,
          replyTo: cognito.email.replyTo,
          sesIdentity: ses.identity,
          sesRegion: ses.region,
          configurationSet: cognito.email.configurationSet,
        },
    });
    this.jwksSigningKey = new JwksSigningKey(this, 'JwksSigningKey', { appName });
  }
}
