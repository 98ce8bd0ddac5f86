import { Template } from 'aws-cdk-lib/assertions';
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
});
