import { CloudFormationClient, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { parseConfig } from '../../../lib/config/app-config';
import { findDeployedApp } from '../../../lib/emulator/deployed-app';
import { BASE_CONFIG } from '../../helpers/app';

const cfn = mockClient(CloudFormationClient);
// The tests' own config, never cdk.json's: a fork renames the app and its stacks.
const config = parseConfig(BASE_CONFIG);
const resource = (ResourceType: string, PhysicalResourceId: string) => ({
  ResourceType,
  PhysicalResourceId,
  LogicalResourceId: PhysicalResourceId,
  ResourceStatus: 'CREATE_COMPLETE' as const,
  LastUpdatedTimestamp: new Date(),
});

beforeEach(() => cfn.reset());

describe('findDeployedApp', () => {
  it("reads each region's API and stage and the pool and client from the stacks, through every page", async () => {
    cfn
      .on(ListStackResourcesCommand, { StackName: 'active-active-us-east-1' })
      .resolvesOnce({
        StackResourceSummaries: [resource('AWS::ApiGateway::RestApi', 'east')],
        NextToken: 'p2',
      })
      .resolvesOnce({ StackResourceSummaries: [resource('AWS::ApiGateway::Stage', 'prod')] });
    cfn.on(ListStackResourcesCommand, { StackName: 'active-active-eu-west-1' }).resolves({
      StackResourceSummaries: [
        resource('AWS::ApiGateway::RestApi', 'west'),
        resource('AWS::ApiGateway::Stage', 'prod'),
      ],
    });
    cfn.on(ListStackResourcesCommand, { StackName: 'active-active-identity' }).resolves({
      StackResourceSummaries: [
        resource('AWS::Cognito::UserPool', 'us-east-1_x'),
        resource('AWS::Cognito::UserPoolClient', 'c1'),
      ],
    });
    const app = await findDeployedApp(config, (region) => new CloudFormationClient({ region }));
    expect(app).toEqual({
      apis: { 'us-east-1': { apiId: 'east', stage: 'prod' }, 'eu-west-1': { apiId: 'west', stage: 'prod' } },
      userPoolId: 'us-east-1_x',
      clientId: 'c1',
      poolRegion: 'us-east-1',
    });
  });

  it('says which stack lacks the resource it needs', async () => {
    cfn.on(ListStackResourcesCommand).resolves({ StackResourceSummaries: [] });
    await expect(findDeployedApp(config, (region) => new CloudFormationClient({ region }))).rejects.toThrow(
      'active-active-us-east-1: expected one AWS::ApiGateway::RestApi, found 0',
    );
  });
});
