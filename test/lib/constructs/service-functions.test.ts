import { Match, Template } from 'aws-cdk-lib/assertions';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AUTHORIZER_HANDLER, ROUTES } from '../../../functions/routes';
import { ownedResourceRoutes } from '../../../functions/shared/resource/resource-routes';
import { functionId, ServiceFunctions, tableGrantOf } from '../../../lib/constructs/service-functions';
import { NOTES } from '../../functions/resources/notes';
import { stackWithKey } from '../../helpers/stack';

describe('ServiceFunctions', () => {
  const { stack, key } = stackWithKey('eu-west-1');
  const table = TableV2.fromTableAttributes(stack, 'Table', {
    tableName: 'app-data',
    encryptionKey: key,
    globalIndexes: ['byResourceOwner'],
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
    jwksSigningKey: new Key(stack, 'JwksKey', {
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
    }),
    authorizerRoleName: 'app-authorizer-eu-west-1',
  });
  const template = Template.fromStack(stack);
  const policyOf = (id: string) => {
    const role = stack.getLogicalId(
      stack.node.findChild('Functions').node.findChild(`${id}Role`).node.defaultChild as never,
    );
    const [policy] = Object.values(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } }),
    );
    return policy.Properties.PolicyDocument.Statement as {
      Action: string[] | string;
      Condition?: unknown;
      Resource?: unknown;
    }[];
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

  const dynamoStatements = (id: string) =>
    policyOf(id).filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
  const onPartition = (actions: string | string[], operator: string, partition: string) =>
    expect.objectContaining({
      Effect: 'Allow',
      Action: actions,
      Condition: {
        [`ForAllValues:${operator}`]: { 'dynamodb:LeadingKeys': [partition] },
        Null: { 'dynamodb:LeadingKeys': 'false' },
      },
    });

  it("grants each function exactly the table calls of its routes' tableAccess, on its partitions only", () => {
    expect(dynamoStatements('Health')).toEqual([onPartition('dynamodb:GetItem', 'StringEquals', 'HEALTH')]);
    expect(dynamoStatements('ItemsGet')).toEqual([onPartition('dynamodb:GetItem', 'StringLike', 'ITEM#*')]);
    expect(dynamoStatements('ItemsCreate')).toEqual([
      onPartition(['dynamodb:PutItem', 'dynamodb:GetItem'], 'StringLike', 'ITEM#*'),
    ]);
    expect(dynamoStatements('ItemsUpdate')).toEqual([
      onPartition(['dynamodb:UpdateItem', 'dynamodb:GetItem'], 'StringLike', 'ITEM#*'),
    ]);
    expect(dynamoStatements('ItemsDelete')).toEqual([
      onPartition(['dynamodb:DeleteItem', 'dynamodb:GetItem'], 'StringLike', 'ITEM#*'),
    ]);
    expect(dynamoStatements('Openapi')).toEqual([]);
  });

  it('lets the list route only Query and Scan the owner index (byResourceOwner), never the table', () => {
    const [statement, ...others] = dynamoStatements('ItemsList');
    expect(others).toEqual([]);
    expect(statement).toMatchObject({ Effect: 'Allow', Action: ['dynamodb:Query', 'dynamodb:Scan'] });
    expect(statement.Condition).toBeUndefined();
    expect(statement.Resource).toEqual({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':dynamodb:eu-west-1:111111111111:table/app-data/index/byResourceOwner',
        ],
      ],
    });
  });

  it('grants no function a whole-table action, a wildcard action, or the JWKS item (security review, finding 4)', () => {
    // The attack: a handler's role scans the table, batch-writes, or writes the JWKS copy.
    const wholeTable = [
      'dynamodb:Scan',
      'dynamodb:BatchWriteItem',
      'dynamodb:BatchGetItem',
      'dynamodb:PartiQLInsert',
    ];
    for (const id of [...fns.byHandler.keys()].map(functionId)) {
      for (const s of dynamoStatements(id)) {
        const acts = [s.Action].flat();
        expect(acts.filter((a) => a.includes('*'))).toEqual([]);
        if (!JSON.stringify(s.Resource).includes('/index/')) {
          expect(acts.filter((a) => wholeTable.includes(a))).toEqual([]);
          expect(JSON.stringify(s.Condition)).not.toContain('JWKS');
        }
      }
    }
  });

  it('lets the authorizer touch only the JWKS item, sign with the JWKS key, and passes it issuer, client id and key', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          JWT_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc',
          JWT_CLIENT_ID: 'client123',
          JWKS_SIGNING_KEY_ID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^JwksKey'), 'Arn'] },
        }),
      },
    });
    expect(dynamoStatements('Authorizer')).toEqual([
      onPartition(['dynamodb:GetItem', 'dynamodb:PutItem'], 'StringEquals', 'JWKS'),
    ]);
    expect(policyOf('Authorizer')).toContainEqual(
      expect.objectContaining({
        Action: ['kms:Sign', 'kms:Verify'],
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^JwksKey/), 'Arn'] },
      }),
    );
    template.hasResourceProperties('AWS::IAM::Role', { RoleName: 'app-authorizer-eu-west-1' });
    for (const id of ['ItemsCreate', 'ItemsUpdate', 'ItemsDelete', 'ItemsList', 'ItemsGet']) {
      expect(actions(id).filter((a) => a === 'kms:Sign')).toEqual([]);
    }
  });

  it('derives stable construct ids from handler paths', () => {
    expect(functionId('items/create')).toBe('ItemsCreate');
    expect(functionId('health')).toBe('Health');
  });

  it("holds a second resource's routes to its own partitions and the shared owner index", () => {
    // Act
    const grants = ownedResourceRoutes(NOTES).map((r) => [`${r.method} ${r.path}`, tableGrantOf(r)]);
    // Assess
    expect(Object.fromEntries(grants)).toEqual({
      'POST /notes': { actions: ['dynamodb:PutItem', 'dynamodb:GetItem'], partition: 'NOTE#*', writes: true },
      'GET /notes': { actions: ['dynamodb:Query', 'dynamodb:Scan'], index: 'byResourceOwner' },
      'GET /notes/{id}': { actions: ['dynamodb:GetItem'], partition: 'NOTE#*', writes: false },
      'PUT /notes/{id}': {
        actions: ['dynamodb:UpdateItem', 'dynamodb:GetItem'],
        partition: 'NOTE#*',
        writes: true,
      },
      'PATCH /notes/{id}': {
        actions: ['dynamodb:UpdateItem', 'dynamodb:GetItem'],
        partition: 'NOTE#*',
        writes: true,
      },
      'DELETE /notes/{id}': {
        actions: ['dynamodb:DeleteItem', 'dynamodb:GetItem'],
        partition: 'NOTE#*',
        writes: true,
      },
    });
    expect(() => tableGrantOf({ ...ROUTES[2], resource: undefined })).toThrow(/needs a resource/);
  });
});
