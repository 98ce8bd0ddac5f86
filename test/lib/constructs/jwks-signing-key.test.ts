import type { Stack as StackType } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../helpers/app';

describe('JWKS signing key (security review, finding 1)', () => {
  const { stacks } = buildApp({ regions: ['us-east-1', 'eu-west-1'], primaryRegion: 'us-east-1' });
  const identity = Template.fromStack(stacks.identity);
  const replicaRegion = Template.fromStack(stacks.regional.get('eu-west-1') as StackType);
  const primaryRegion = Template.fromStack(stacks.regional.get('us-east-1') as StackType);
  /** The deny that makes a tampered copy useless: nobody but an authorizer role may sign. */
  const onlyAuthorizersSign = {
    Sid: 'OnlyAuthorizersSign',
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: 'kms:Sign',
    Resource: '*',
    Condition: {
      ArnNotLike: {
        'aws:PrincipalArn': {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':iam::',
              { Ref: 'AWS::AccountId' },
              ':role/active-active-authorizer-*',
            ],
          ],
        },
      },
    },
  };

  it('is a multi-Region ECC P-256 signing key in the identity stack, kept on stack deletion', () => {
    identity.hasResource('AWS::KMS::Key', {
      Properties: {
        KeySpec: 'ECC_NIST_P256',
        KeyUsage: 'SIGN_VERIFY',
        MultiRegion: true,
        EnableKeyRotation: false,
      },
      DeletionPolicy: 'Retain',
    });
  });

  it('denies kms:Sign to every principal but the authorizer roles, in the primary and in every replica', () => {
    const [primary] = Object.values(identity.findResources('AWS::KMS::Key'));
    expect(primary.Properties.KeyPolicy.Statement).toContainEqual(onlyAuthorizersSign);
    const [replica] = Object.values(replicaRegion.findResources('AWS::KMS::ReplicaKey'));
    expect(replica.Properties.KeyPolicy.Statement).toContainEqual(onlyAuthorizersSign);
    expect(replica.DeletionPolicy).toBe('Retain');
  });

  it('replicates the key into each other region only; the primary region uses the primary key', () => {
    replicaRegion.resourceCountIs('AWS::KMS::ReplicaKey', 1);
    primaryRegion.resourceCountIs('AWS::KMS::ReplicaKey', 0);
    for (const [region, template] of [
      ['eu-west-1', replicaRegion],
      ['us-east-1', primaryRegion],
    ] as const) {
      template.hasResourceProperties('AWS::IAM::Role', { RoleName: `active-active-authorizer-${region}` });
    }
  });
});
