import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../helpers/app';

describe('IdentityStack', () => {
  const { stacks } = buildApp({
    primaryRegion: 'eu-west-1',
    cognito: { mfa: 'required', adminGroup: 'ops', memberGroup: 'users' },
  });
  const template = Template.fromStack(stacks.identity);

  it('lives in the primary region and applies the cognito config', () => {
    expect(stacks.identity.region).toBe('eu-west-1');
    template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'ops' });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'users' });
  });

  it('hands the pool id and client id to the other regions through cross-region exports', () => {
    template.hasResourceProperties('Custom::CrossRegionExportWriter', {
      WriterProps: { region: 'us-east-1' },
    });
  });

  it("uses Cognito's built-in sender unless cognito.email is set", () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', { EmailConfiguration: Match.absent() });
  });

  it('sends through the SES identity of cognito.email, in its Region and account', () => {
    const { stacks: withSes } = buildApp({
      primaryRegion: 'eu-west-1',
      cognito: {
        email: {
          fromAddress: 'no-reply@example.com',
          fromName: 'Active Active',
          replyTo: 'support@example.com',
          sesIdentityArn: 'arn:aws:ses:eu-west-1:111111111111:identity/example.com',
          configurationSet: 'app-mail',
        },
      },
    });
    Template.fromStack(withSes.identity).hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: {
        EmailSendingAccount: 'DEVELOPER',
        From: 'Active Active <no-reply@example.com>',
        ReplyToEmailAddress: 'support@example.com',
        ConfigurationSet: 'app-mail',
        SourceArn: {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':ses:eu-west-1:111111111111:identity/example.com'],
          ],
        },
      },
    });
  });
});
