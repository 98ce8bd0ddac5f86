import { Match, Template } from 'aws-cdk-lib/assertions';
import { Identity } from '../../../lib/constructs/identity';
import { testStack } from '../../helpers/stack';

function identity(mfa?: 'off' | 'optional' | 'required') {
  const stack = testStack('eu-central-1');
  const id = new Identity(stack, 'Identity', {
    appName: 'app',
    mfa,
    adminGroup: 'admins',
    memberGroup: 'users',
  });
  return { stack, id, template: Template.fromStack(stack) };
}

describe('Identity', () => {
  const { stack, id, template } = identity();

  it('has a strong password policy, threat protection, no self sign-up, and is retained', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      Properties: {
        UserPoolName: 'app-users',
        Policies: {
          PasswordPolicy: {
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
            TemporaryPasswordValidityDays: 3,
          },
        },
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        DeletionProtection: 'ACTIVE',
        MfaConfiguration: 'OPTIONAL',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      },
      DeletionPolicy: 'Retain',
    });
  });

  it.each([
    ['off', 'OFF'],
    ['required', 'ON'],
  ] as const)('maps mfa "%s" to %s', (mfa, cfn) => {
    identity(mfa).template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: cfn });
  });

  it("names the app in the invitation and verification mails, keeping Cognito's placeholders", () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: {
        InviteMessageTemplate: {
          EmailSubject: 'Your app account',
          EmailMessage: 'Your app username is {username} and your temporary password is {####}.',
        },
      },
      VerificationMessageTemplate: Match.objectLike({
        DefaultEmailOption: 'CONFIRM_WITH_CODE',
        EmailSubject: 'Verify your email address for app',
        EmailMessage: 'Your app verification code is {####}.',
      }),
    });
  });

  it('has the admin and member groups from config', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', 2);
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admins' });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'users' });
  });

  it('has a public app client with SRP / password auth and no OAuth', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
  });

  it('exposes the issuer the authorizer verifies', () => {
    expect(stack.resolve(id.issuer)).toEqual({
      'Fn::Join': [
        '',
        ['https://cognito-idp.eu-central-1.amazonaws.com/', { Ref: expect.stringMatching(/UserPool/) }],
      ],
    });
  });
});

describe('Identity with an SES sender', () => {
  it('sends from a verified address in the legacy SES Region, reply-to defaulting to the sender', () => {
    const stack = testStack('eu-central-1');
    new Identity(stack, 'Identity', {
      appName: 'app',
      email: { fromAddress: 'Ops@Example.com', sesIdentity: 'ops@example.com', sesRegion: 'eu-west-1' },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: {
        EmailSendingAccount: 'DEVELOPER',
        From: 'ops@example.com',
        ReplyToEmailAddress: Match.absent(),
        SourceArn: {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':ses:eu-west-1:111111111111:identity/ops@example.com'],
          ],
        },
      },
    });
  });
});
