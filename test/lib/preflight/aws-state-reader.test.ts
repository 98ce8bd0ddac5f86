import 'aws-sdk-client-mock-jest';
import { DescribeStacksCommand, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { parseConfig } from '../../../lib/config/app-config';
import { SUPPORTED_REGIONS } from '../../../lib/config/regions';
import { LIVE_STACK_STATUSES, readDeployedState } from '../../../lib/preflight/aws-state-reader';
import { StateUnreadableError } from '../../../lib/preflight/errors';
import { appStacks, awsError, type FakeClients, fakeAws } from './fake-aws';

const input = {
  appName: 'shop',
  account: '123456789012',
  regions: ['us-east-1', 'eu-west-1', 'ap-south-1'],
  primaryRegion: 'us-east-1',
  routing: 'latency',
  domainName: 'api.example.com',
  hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  hostedZoneName: 'example.com',
};
const config = parseConfig(input);

describe('readDeployedState', () => {
  let aws: FakeClients;
  afterEach(() => aws.restore());

  it("reads the replicas and each replica region's deletion protection with DescribeTable", async () => {
    aws = fakeAws({
      appName: 'shop',
      replicas: ['us-east-1', 'eu-west-1', 'eu-central-1'],
      unprotected: ['eu-central-1'],
      stacks: appStacks('shop', 'us-east-1', ['us-east-1', 'eu-west-1', 'eu-central-1']),
      bootstrapped: ['us-east-1', 'eu-west-1'],
    });
    const state = await readDeployedState(config, aws);
    expect(state.table).toEqual({
      name: 'shop-data',
      describedIn: 'us-east-1',
      status: 'ACTIVE',
      replicas: [
        { region: 'us-east-1', status: 'ACTIVE', deletionProtection: true },
        { region: 'eu-west-1', status: 'ACTIVE', deletionProtection: true },
        { region: 'eu-central-1', status: 'ACTIVE', deletionProtection: false },
      ],
      indexes: [
        {
          name: 'byResourceOwner',
          partitionKey: 'resourceOwner',
          sortKey: 'createdAt',
          projection: 'ALL',
          status: 'ACTIVE',
        },
      ],
    });
    for (const region of ['us-east-1', 'eu-west-1', 'eu-central-1']) {
      expect(aws.ddb.get(region)).toHaveReceivedCommandWith(DescribeTableCommand, { TableName: 'shop-data' });
      expect(aws.ddb.get(region)).toHaveReceivedCommandTimes(DescribeTableCommand, 1);
    }
    // Found in the primary region: the other configured regions are not asked for the table.
    expect(aws.ddb.get('ap-south-1')).toBeUndefined();
  });

  it("reads the table's global secondary indexes from the primary region's DescribeTable", async () => {
    aws = fakeAws({
      appName: 'shop',
      replicas: ['us-east-1', 'eu-west-1'],
      indexes: [
        { name: 'byOwner', partitionKey: 'ownerId', projection: 'KEYS_ONLY' },
        { name: 'byStatus', partitionKey: 'status', sortKey: 'updatedAt', status: 'CREATING' },
      ],
    });
    const state = await readDeployedState(config, aws);
    expect(state.table?.indexes).toEqual([
      { name: 'byOwner', partitionKey: 'ownerId', projection: 'KEYS_ONLY', status: 'ACTIVE' },
      {
        name: 'byStatus',
        partitionKey: 'status',
        sortKey: 'updatedAt',
        projection: 'ALL',
        status: 'CREATING',
      },
    ]);
    expect(aws.ddb.get('us-east-1')).toHaveReceivedCommandWith(DescribeTableCommand, {
      TableName: 'shop-data',
    });
  });

  it("lists stacks in configured, replica and health-metrics regions, and keeps only this app's", async () => {
    aws = fakeAws({
      appName: 'shop',
      replicas: ['us-east-1', 'eu-west-1', 'eu-central-1'],
      stacks: {
        ...appStacks('shop', 'us-east-1', ['us-east-1', 'eu-west-1', 'eu-central-1']),
        // Same name shape, another owner; and another app's stack.
        'ap-south-1': [{ name: 'shop-ap-south-1', appTag: 'someone-else' }, { name: 'billing-ap-south-1' }],
      },
      bootstrapped: ['us-east-1'],
    });
    const state = await readDeployedState(config, aws);
    expect(state.regionsSearched).toEqual(['us-east-1', 'eu-west-1', 'ap-south-1', 'eu-central-1']);
    expect(state.stacks).toEqual([
      { name: 'shop-health-alarms', region: 'us-east-1', kind: 'health-alarms', status: 'UPDATE_COMPLETE' },
      { name: 'shop-identity', region: 'us-east-1', kind: 'identity', status: 'UPDATE_COMPLETE' },
      { name: 'shop-us-east-1', region: 'us-east-1', kind: 'regional', status: 'UPDATE_COMPLETE' },
      { name: 'shop-eu-west-1', region: 'eu-west-1', kind: 'regional', status: 'UPDATE_COMPLETE' },
      { name: 'shop-eu-central-1', region: 'eu-central-1', kind: 'regional', status: 'UPDATE_COMPLETE' },
    ]);
    expect(state.bootstrapped).toEqual(['us-east-1']);
    for (const region of state.regionsSearched) {
      expect(aws.cfn.get(region)).toHaveReceivedCommandWith(ListStacksCommand, {
        StackStatusFilter: LIVE_STACK_STATUSES,
      });
    }
    expect(LIVE_STACK_STATUSES).not.toContain('DELETE_COMPLETE');
    expect(aws.cfn.get('ap-south-1')).toHaveReceivedCommandWith(DescribeStacksCommand, {
      StackName: 'shop-ap-south-1',
    });
    // Names that cannot be this app's are not even described.
    expect(aws.cfn.get('ap-south-1')).not.toHaveReceivedCommandWith(DescribeStacksCommand, {
      StackName: 'billing-ap-south-1',
    });
    expect(aws.cfn.get('us-east-1')).not.toHaveReceivedCommandWith(DescribeStacksCommand, {
      StackName: 'CDKToolkit',
    });
  });

  it('finds a stack left behind in a region that is neither configured nor holds a replica', async () => {
    aws = fakeAws({
      appName: 'shop',
      replicas: ['us-east-1', 'eu-west-1', 'ap-south-1'],
      stacks: {
        ...appStacks('shop', 'us-east-1', config.regions),
        'eu-central-2': [{ name: 'shop-eu-central-2' }],
      },
      // Not enabled for the account: skipped, not fatal, because nothing of the config lives there.
      failing: {
        'me-central-1': awsError(
          'UnrecognizedClientException',
          'The security token included in the request is invalid',
        ),
      },
    });
    const state = await readDeployedState(config, aws);
    expect(state.stacks).toContainEqual({
      name: 'shop-eu-central-2',
      region: 'eu-central-2',
      kind: 'regional',
      status: 'UPDATE_COMPLETE',
    });
    expect(state.otherRegionsSearched).toContain('eu-central-2');
    expect(state.otherRegionsSearched).not.toContain('us-east-1');
    expect(state.otherRegionsSearched).toHaveLength(SUPPORTED_REGIONS.length - state.regionsSearched.length);
    expect(state.regionsSkipped).toEqual(['me-central-1']);
    expect(state.unreachable).toEqual([]);
    expect(aws.cfn.get('eu-central-2')).toHaveReceivedCommandWith(ListStacksCommand, {
      StackStatusFilter: LIVE_STACK_STATUSES,
    });
  });

  it("finds the table through this app's stacks when no configured region holds it", async () => {
    const moved = parseConfig({
      ...input,
      regions: ['ap-south-1', 'us-west-2'],
      primaryRegion: 'ap-south-1',
    });
    aws = fakeAws({
      appName: 'shop',
      replicas: ['eu-central-1', 'eu-west-3'],
      stacks: appStacks('shop', 'eu-central-1', ['eu-central-1', 'eu-west-3']),
    });
    const state = await readDeployedState(moved, aws);
    expect(state.table?.describedIn).toBe('eu-central-1');
    expect(state.table?.replicas.map((r) => r.region)).toEqual(['eu-central-1', 'eu-west-3']);
    expect(state.regionsSearched).toEqual([
      'ap-south-1',
      'us-west-2',
      'us-east-1',
      'eu-central-1',
      'eu-west-3',
    ]);
    expect(state.otherRegionsSearched).not.toContain('eu-central-1');
    // The health alarms' us-east-1 is not where the table lives: it is not asked.
    expect(aws.ddb.get('us-east-1')).toBeUndefined();
  });

  it('looks for the table in the other configured regions when the primary has none', async () => {
    aws = fakeAws({ appName: 'shop', replicas: ['eu-west-1', 'ap-south-1'] });
    const state = await readDeployedState(config, aws);
    expect(state.table?.describedIn).toBe('eu-west-1');
    expect(state.table?.replicas.map((r) => r.region)).toEqual(['eu-west-1', 'ap-south-1']);
    expect(aws.ddb.get('us-east-1')).toHaveReceivedCommandWith(DescribeTableCommand, {
      TableName: 'shop-data',
    });
  });

  it('reports no table before the first deploy', async () => {
    aws = fakeAws({ appName: 'shop' });
    const state = await readDeployedState(config, aws);
    expect(state.table).toBeUndefined();
    expect(state.stacks).toEqual([]);
    for (const region of config.regions)
      expect(aws.ddb.get(region)).toHaveReceivedCommandTimes(DescribeTableCommand, 1);
  });

  it('explains missing credentials', async () => {
    aws = fakeAws({
      appName: 'shop',
      failing: {
        'us-east-1': awsError('CredentialsProviderError', 'Could not load credentials from any providers'),
      },
    });
    const read = readDeployedState(config, aws);
    await expect(read).rejects.toBeInstanceOf(StateUnreadableError);
    await expect(read).rejects.toThrow(
      'AWS credentials are missing, expired or refused in us-east-1 (Could not load credentials from any providers).',
    );
  });

  it('names the missing permissions on AccessDenied', async () => {
    aws = fakeAws({
      appName: 'shop',
      replicas: ['us-east-1', 'eu-west-1'],
      failing: { 'ap-south-1': awsError('AccessDeniedException', 'not authorized') },
    });
    await expect(readDeployedState(config, aws)).rejects.toThrow(
      'Access denied in ap-south-1 (not authorized). The preflight needs dynamodb:DescribeTable, cloudformation:ListStacks, cloudformation:DescribeStacks.',
    );
  });

  it('marks a region that refuses credentials other regions accepted as unreachable (not enabled)', async () => {
    aws = fakeAws({
      appName: 'shop',
      replicas: ['us-east-1', 'eu-west-1'],
      failing: {
        'ap-south-1': awsError(
          'UnrecognizedClientException',
          'The security token included in the request is invalid',
        ),
      },
    });
    const state = await readDeployedState(config, aws);
    expect(state.unreachable).toEqual(['ap-south-1']);
  });
});
