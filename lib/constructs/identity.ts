import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  UserPoolEmail,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** Cognito mail through your own Amazon SES identity instead of the built-in sender. */
export interface IdentityEmailProps {
  /** Sender address: the SES identity itself or an address in its domain. */
  readonly fromAddress: string;
  /** @default - the address alone */
  readonly fromName?: string;
  /** @default - replies go to `fromAddress` */
  readonly replyTo?: string;
  /** The verified SES identity: a domain, or the address itself. */
  readonly sesIdentity: string;
  /** Region of the SES identity: the pool's own Region or the one Cognito maps it to. */
  readonly sesRegion: string;
  /** @default - no configuration set */
  readonly configurationSet?: string;
}

/** Props of {@link Identity}. */
export interface IdentityProps {
  /** Prefix of the pool's name. */
  readonly appName: string;
  /** @default 'optional' */
  readonly mfa?: 'off' | 'optional' | 'required';
  /** @default 'admin' */
  readonly adminGroup?: string;
  /** @default 'member' */
  readonly memberGroup?: string;
  /**
   * Send invitations, verification codes and password resets through Amazon SES (Cognito calls SES with
   * its service-linked role, DEVELOPER mode; the SES account must be out of the sandbox).
   * @default - Cognito's built-in sender: no-reply@verificationemail.com, about 50 emails a day per account
   */
  readonly email?: IdentityEmailProps;
}

const MFA = { off: Mfa.OFF, optional: Mfa.OPTIONAL, required: Mfa.REQUIRED } as const;

/**
 * The Cognito user pool (one region, see docs/DEPLOY.md for what a regional outage means), its admin and
 * member groups and a public app client whose access tokens the API authorizer accepts.
 */
export class Identity extends Construct {
  public readonly userPool: UserPool;
  public readonly client: UserPoolClient;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`: the `iss` claim of every token. */
  public readonly issuer: string;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    const mfa = props.mfa ?? 'optional';
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `${props.appName}-users`,
      // Users are invited by an admin; a public template should not open self sign-up by default.
      selfSignUpEnabled: false,
      signInAliases: { email: true, username: false },
      autoVerify: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // The mails users get name the app (the CDK's defaults, "Your temporary password" and "Verify your new
      // account", name none). Cognito requires the {username} and {####} placeholders in an invitation.
      userInvitation: {
        emailSubject: `Your ${props.appName} account`,
        emailBody: `Your ${props.appName} username is {username} and your temporary password is {####}.`,
      },
      userVerification: {
        emailSubject: `Verify your email address for ${props.appName}`,
        emailBody: `Your ${props.appName} verification code is {####}.`,
      },
      mfa: MFA[mfa],
      mfaSecondFactor: mfa === 'off' ? undefined : { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Threat protection (compromised credentials, adaptive authentication) needs the Plus feature plan,
      // billed per monthly active user on top of Essentials (about USD 0.02/MAU in us-east-1 at the time of
      // writing; see https://aws.amazon.com/cognito/pricing/). Drop to ESSENTIALS to save that cost.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      email: props.email && sesEmail(props.email),
    });
    for (const [id, groupName, precedence] of [
      ['AdminGroup', props.adminGroup ?? 'admin', 0],
      ['MemberGroup', props.memberGroup ?? 'member', 10],
    ] as const) {
      new CfnUserPoolGroup(this, id, {
        userPoolId: this.userPool.userPoolId,
        groupName,
        precedence,
        description: `${groupName} users of ${props.appName}`,
      });
    }
    this.client = this.userPool.addClient('AppClient', {
      generateSecret: false,
      // Sign-in goes through the Cognito API (SRP or password); no hosted UI or OAuth redirect to secure.
      disableOAuth: true,
      authFlows: { userSrp: true, userPassword: true },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });
    this.issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
    if (mfa !== 'required') {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason: `MFA is "${mfa}" by config (cognito.mfa); set it to "required" to enforce a second factor for every user.`,
      });
    }
  }
}

/** CDK builds the SourceArn from the identity (`sesVerifiedDomain`, or else `fromEmail`) and the Region. */
function sesEmail(e: IdentityEmailProps): UserPoolEmail {
  const identity = e.sesIdentity.toLowerCase();
  const isAddress = identity.includes('@');
  const [local, domain] = e.fromAddress.split('@');
  return UserPoolEmail.withSES({
    fromEmail: isAddress ? identity : `${local}@${domain.toLowerCase()}`,
    fromName: e.fromName,
    replyTo: e.replyTo,
    sesRegion: e.sesRegion,
    sesVerifiedDomain: isAddress ? undefined : identity,
    configurationSetName: e.configurationSet,
  });
}
