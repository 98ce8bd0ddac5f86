import { Match, Template } from 'aws-cdk-lib/assertions';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AUTHORIZER_HANDLER, ROUTES } from '../../../functions/routes';
import { functionId, ServiceFunctions } from '../../../lib/constructs/service-functions';
import { stackWithKey } from '../../helpers/stack';

describe('ServiceFunctions', () => {
  const { stack, key } = stackWithKey('eu-west-1');
  const table = TableV2.fromTableAttributes(stack, 'Table', {
    tableName: 'app-data',
    encryptionKey: key,
    globalIndexes: ['byOwner'],
  });
  const fns = new ServiceFunctions(stack, 'Functions', {
    routes: ROUTES,
    authorizerHandler: AUTHORIZER_HANDLER,
    table,
    key,
    logRetentionDays: RetentionDays.ONE_WEEK,
    jwtIssuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc',
    jwtClientId: 'client123',
    adminGroup: 'admins',
    serviceName: 'app',
  });
  const template = Template.fromStack(stack);
  const policyOf = (id: string) => {
    const role = stack.getLogicalId(
      stack.node.findChild('Functions').node.findChild(`${id}Role`).node.defaultChild as never,
    );
    const [policy] = Object.values(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } }),
    );
    return policy.Properties.PolicyDocument.Statement as { Action: string[] | string; Condition?: unknown }[];
  };
  const actions = (id: string) => policyOf(id).flatMap((s) => s.Action);

  it('creates one function per distinct handler file plus the authorizer', () => {
    const handlers = new Set(ROUTES.map((r) => r.handler));
    expect([...fns.byHandler.keys()].sort()).toEqual([...handlers].sort());
    template.resourceCountIs('AWS::Lambda::Function', handlers.size + 1);
  });

  it('gives every function the contract environment', () => {
    template.allResourcesProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: 'app-data',
          ADMIN_GROUP: 'admins',
          POWERTOOLS_SERVICE_NAME: 'app',
          POWERTOOLS_METRICS_NAMESPACE: 'app',
        }),
      },
    });
  });

  it("grants table access by the route's tableAccess", () => {
    const healthDynamo = policyOf('Health').filter((s) =>
      [s.Action].flat().some((a) => a.startsWith('dynamodb:')),
    );
    expect(healthDynamo).toEqual([
      expect.objectContaining({
        Action: 'dynamodb:GetItem',
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['HEALTH'] } },
      }),
    ]);
    expect(actions('ItemsList')).toContain('dynamodb:Query');
    expect(actions('ItemsList')).not.toContain('dynamodb:PutItem');
    for (const id of ['ItemsCreate', 'ItemsUpdate', 'ItemsDelete']) {
      expect(actions(id)).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem']));
    }
    expect(actions('Openapi').some((a) => a.startsWith('dynamodb:'))).toBe(false);
  });

  it('lets the authorizer touch only the JWKS item, and passes it the issuer and client id', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          JWT_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc',
          JWT_CLIENT_ID: 'client123',
        }),
      },
    });
    const dynamo = policyOf('Authorizer').filter((s) =>
      [s.Action].flat().some((a) => a.startsWith('dynamodb:')),
    );
    expect(dynamo).toEqual([
      expect.objectContaining({
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['JWKS'] } },
      }),
    ]);
  });

  it('denies every writing handler any write to the JWKS item the authorizers trust', () => {
    for (const id of ['ItemsCreate', 'ItemsUpdate', 'ItemsDelete']) {
      expect(policyOf(id)).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: [
            'dynamodb:PutItem',
            'dynamodb:UpdateItem',
            'dynamodb:DeleteItem',
            'dynamodb:BatchWriteItem',
          ],
          Condition: { 'ForAnyValue:StringEquals': { 'dynamodb:LeadingKeys': ['JWKS'] } },
        }),
      );
    }
    expect(policyOf('ItemsList').some((s) => (s as { Effect?: string }).Effect === 'Deny')).toBe(false);
  });

  it('derives stable construct ids from handler paths', () => {
    expect(functionId('items/create')).toBe('ItemsCreate');
    expect(functionId('health')).toBe('Health');
  });
});
