import 'aws-sdk-client-mock-jest';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APIGatewayClient, GetAccountCommand, UpdateAccountCommand } from '@aws-sdk/client-api-gateway';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ensureCloudWatchRole,
  handler,
  PHYSICAL_ID,
} from '../../../functions/custom-resources/api-gateway-cloudwatch-role';

const apigw = mockClient(APIGatewayClient);
const OURS = 'arn:aws:iam::111111111111:role/ours';
const THEIRS = 'arn:aws:iam::111111111111:role/another-app';
const noWait = { attempts: 3, delayMs: 1, sleep: async () => {} };
const propagating = () =>
  Object.assign(new Error('The role ARN does not have required permissions set to API Gateway'), {
    name: 'BadRequestException',
  });

beforeEach(() => apigw.reset());

describe('ensureCloudWatchRole', () => {
  it('sets its role when the account settings hold none', async () => {
    apigw.on(GetAccountCommand).resolves({}).on(UpdateAccountCommand).resolves({});
    await expect(ensureCloudWatchRole(new APIGatewayClient({}), OURS, noWait)).resolves.toEqual({
      CloudWatchRoleArn: OURS,
      UsesThisStackRole: 'true',
    });
    expect(apigw).toHaveReceivedCommandWith(UpdateAccountCommand, {
      patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: OURS }],
    });
  });

  it("keeps another app's role and changes nothing", async () => {
    apigw.on(GetAccountCommand).resolves({ cloudwatchRoleArn: THEIRS });
    await expect(ensureCloudWatchRole(new APIGatewayClient({}), OURS, noWait)).resolves.toEqual({
      CloudWatchRoleArn: THEIRS,
      UsesThisStackRole: 'false',
    });
    expect(apigw).not.toHaveReceivedCommand(UpdateAccountCommand);
  });

  it('retries while IAM has not propagated the new role yet', async () => {
    apigw.on(GetAccountCommand).resolves({}).on(UpdateAccountCommand).rejectsOnce(propagating()).resolves({});
    await expect(ensureCloudWatchRole(new APIGatewayClient({}), OURS, noWait)).resolves.toMatchObject({
      UsesThisStackRole: 'true',
    });
    expect(apigw).toHaveReceivedCommandTimes(UpdateAccountCommand, 2);
  });

  it('gives up after the last attempt, and fails at once on any other error', async () => {
    apigw.on(GetAccountCommand).resolves({}).on(UpdateAccountCommand).rejects(propagating());
    await expect(ensureCloudWatchRole(new APIGatewayClient({}), OURS, noWait)).rejects.toThrow(
      /required permissions/,
    );
    expect(apigw).toHaveReceivedCommandTimes(UpdateAccountCommand, 3);
    apigw.reset();
    apigw.on(GetAccountCommand).rejects(new Error('AccessDenied'));
    await expect(ensureCloudWatchRole(new APIGatewayClient({}), OURS, noWait)).rejects.toThrow(
      'AccessDenied',
    );
  });
});

describe('handler', () => {
  let server: Server;
  let received: { method?: string; body: Record<string, unknown> }[];
  let url: string;

  beforeAll(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      received.push({ method: req.method, body: JSON.parse(Buffer.concat(chunks).toString()) });
      res.end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/response`;
  });
  afterAll(() => server.close());
  beforeEach(() => {
    received = [];
  });

  const event = (RequestType: 'Create' | 'Update' | 'Delete') =>
    ({
      RequestType,
      ResponseURL: url,
      StackId: 'arn:aws:cloudformation:eu-west-1:111111111111:stack/app-eu-west-1/x',
      RequestId: 'req-1',
      LogicalResourceId: 'Setting',
      ResourceType: 'Custom::ApiGatewayCloudWatchRole',
      ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:f',
      ResourceProperties: { ServiceToken: 'x', RoleArn: OURS },
      ...(RequestType === 'Create' ? {} : { PhysicalResourceId: PHYSICAL_ID, OldResourceProperties: {} }),
    }) as CloudFormationCustomResourceEvent;

  it('reports SUCCESS with the effective role to CloudFormation', async () => {
    apigw.on(GetAccountCommand).resolves({ cloudwatchRoleArn: THEIRS });
    await handler(event('Create'));
    expect(received).toEqual([
      {
        method: 'PUT',
        body: {
          Status: 'SUCCESS',
          Reason: 'OK',
          PhysicalResourceId: PHYSICAL_ID,
          StackId: expect.stringContaining('app-eu-west-1'),
          RequestId: 'req-1',
          LogicalResourceId: 'Setting',
          Data: { CloudWatchRoleArn: THEIRS, UsesThisStackRole: 'false' },
        },
      },
    ]);
  });

  it('never unsets the role on Delete (other APIs may log through it)', async () => {
    await handler(event('Delete'));
    expect(apigw.calls()).toHaveLength(0);
    expect(received[0].body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: PHYSICAL_ID });
  });

  it('reports FAILED with the reason instead of leaving CloudFormation waiting', async () => {
    apigw.on(GetAccountCommand).rejects(new Error('AccessDenied: not allowed'));
    await handler(event('Update'));
    expect(received[0].body).toMatchObject({ Status: 'FAILED', Reason: 'AccessDenied: not allowed' });
  });
});
