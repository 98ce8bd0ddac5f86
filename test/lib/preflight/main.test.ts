import 'aws-sdk-client-mock-jest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { SUPPORTED_REGIONS } from '../../../lib/config/regions';
import { main } from '../../../lib/preflight/main';
import { appStacks, awsError, type FakeClients, fakeAws } from './fake-aws';

const base = {
  appName: 'shop',
  account: '123456789012',
  regions: ['us-east-1', 'eu-west-1', 'ap-south-1'],
  primaryRegion: 'us-east-1',
  routing: 'latency',
  domainName: 'api.example.com',
  hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  hostedZoneName: 'example.com',
};

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('preflight CLI', () => {
  let dir: string;
  let file: string;
  let aws: FakeClients | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'preflight-'));
    file = join(dir, 'prod.json');
  });
  afterEach(() => {
    aws?.restore();
    aws = undefined;
    rmSync(dir, { recursive: true, force: true });
  });
  const writeConfig = (o: object = {}) => writeFileSync(file, JSON.stringify({ ...base, ...o }));

  it('--help documents the flags and the exit codes, exit 0', async () => {
    const { out, io } = capture();
    expect(await main(['--help'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/^Usage: npm run preflight -- \[options\]/);
    expect(out.join('\n')).toContain(
      'Exit codes: 0 safe to deploy, 1 refused or steps to run first, 2 bad usage or invalid config,\n3 deployed state unreadable',
    );
  });

  it('exits 2 with the usage on a bad flag or context key', async () => {
    const { err, io } = capture();
    expect(await main(['--region', 'x'], io)).toBe(2);
    expect(await main(['-c', 'stage=prod'], io)).toBe(2);
    expect(err.join('\n')).toContain(
      'preflight: -c takes configFile=<file> (the only context key the app reads), got "stage=prod"',
    );
  });

  it('exits 2 on an invalid config, naming the field, without calling AWS', async () => {
    writeConfig({ regions: ['us-east-1', 'cn-north-1'] });
    aws = fakeAws({ appName: 'shop' });
    const { err, io } = capture();
    expect(await main(['-c', `configFile=${file}`], { ...io, clients: aws })).toBe(2);
    expect(err.join('\n')).toContain('regions.1: "cn-north-1" is in the aws-cn partition');
    expect(aws.ddb.size + aws.cfn.size).toBe(0);
  });

  it('exits 3 and says what to do without credentials', async () => {
    writeConfig();
    aws = fakeAws({
      appName: 'shop',
      failing: {
        'us-east-1': awsError('CredentialsProviderError', 'Could not load credentials from any providers'),
      },
    });
    const { err, io } = capture();
    expect(await main(['--config', file], { ...io, clients: aws })).toBe(3);
    expect(err).toEqual([
      "preflight: AWS credentials are missing, expired or refused in us-east-1 (Could not load credentials from any providers). The preflight reads the deployed table and stacks, so it needs credentials for the config's account: for example `aws sso login --profile <p>` then `AWS_PROFILE=<p> npm run preflight`.",
    ]);
  });

  it('first deploy: no table yet, exit 0 with the commands', async () => {
    writeConfig();
    aws = fakeAws({ appName: 'shop', bootstrapped: ['us-east-1', 'eu-west-1', 'ap-south-1'] });
    const { out, io } = capture();
    expect(await main(['-c', `configFile=${file}`], { ...io, clients: aws })).toBe(0);
    expect(out).toEqual([
      'Preflight for shop',
      '  Table:  none yet',
      '  Stacks: none',
      `          (searched us-east-1, eu-west-1, ap-south-1 and ${SUPPORTED_REGIONS.length - 3} other regions for leftover stacks)`,
      '  First deploy: no table shop-data in us-east-1, eu-west-1, ap-south-1; regions [us-east-1, eu-west-1, ap-south-1], primary us-east-1.',
      '',
      'OK: safe to deploy.',
      '',
      'Next steps, in order:',
      `  1. npx cdk deploy --all -c configFile=${file}   # creates the table with a replica in every region`,
    ]);
    for (const region of base.regions)
      expect(aws.ddb.get(region)).toHaveReceivedCommandWith(DescribeTableCommand, { TableName: 'shop-data' });
  });

  it('refuses two added regions with exit 1 and the next single step', async () => {
    writeConfig({ regions: ['us-east-1', 'eu-west-1', 'ap-south-1', 'us-west-2'] });
    aws = fakeAws({
      appName: 'shop',
      replicas: ['us-east-1', 'eu-west-1'],
      stacks: appStacks('shop', 'us-east-1', ['us-east-1', 'eu-west-1']),
      bootstrapped: ['us-east-1', 'eu-west-1', 'ap-south-1', 'us-west-2'],
    });
    const { out, io } = capture();
    expect(await main(['--config', file], { ...io, clients: aws })).toBe(1);
    const text = out.join('\n');
    expect(text).toContain(
      '  Table:  shop-data, replicas us-east-1 (ACTIVE, deletion protection on), eu-west-1 (ACTIVE, deletion protection on)',
    );
    expect(text).toContain('REFUSED: not safe to deploy yet.');
    expect(text).toContain(
      'Deploy with regions [us-east-1, eu-west-1, ap-south-1] first (add ap-south-1), then add us-west-2;',
    );
  });

  it('does not take a config that moved every region for a first deploy', async () => {
    writeConfig({ regions: ['ap-south-1', 'us-west-2'], primaryRegion: 'ap-south-1' });
    aws = fakeAws({
      appName: 'shop',
      replicas: ['us-east-1', 'eu-west-1'],
      stacks: appStacks('shop', 'us-east-1', ['us-east-1', 'eu-west-1']),
    });
    const { out, io } = capture();
    expect(await main(['--config', file], { ...io, clients: aws })).toBe(1);
    expect(out).toContain(
      '  Regions: adds ap-south-1, us-west-2 and removes us-east-1, eu-west-1 (the table has replicas in us-east-1, eu-west-1).',
    );
    expect(
      out.find((l) =>
        l.startsWith(
          '  - primaryRegion changes from us-east-1 to ap-south-1, and the config removes us-east-1.',
        ),
      ),
    ).toBeDefined();
  });

  it('walks a removal: routing first, then deletion protection, then the deploy', async () => {
    writeConfig({ regions: ['us-east-1', 'eu-west-1'] });
    aws = fakeAws({
      appName: 'shop',
      replicas: ['us-east-1', 'eu-west-1', 'ap-south-1'],
      stacks: appStacks('shop', 'us-east-1', ['us-east-1', 'eu-west-1', 'ap-south-1']),
      bootstrapped: ['us-east-1', 'eu-west-1', 'ap-south-1'],
    });
    const { out, io } = capture();
    expect(await main(['--config', file], { ...io, clients: aws })).toBe(1);
    const destroy = out.indexOf(
      'Stacks of removed regions, to delete (they hold the DNS records and health checks, so they go before the replica):',
    );
    expect(out[destroy + 1]).toBe('  - shop-ap-south-1 (ap-south-1)');
    const steps = out.slice(out.indexOf('Next steps, in order:') + 1, out.indexOf('Notes:') - 1);
    expect(steps).toEqual([
      `  1. npx cdk deploy shop-health-alarms shop-eu-west-1 --exclusively -c configFile=${file}   # stop watching ap-south-1 (health-check alarm, canaries, replication alarms) before it goes; the primary's canary on it stays until the last step`,
      '  2. aws cloudformation delete-stack --region ap-south-1 --stack-name shop-ap-south-1   # removes its records and health check: traffic leaves ap-south-1',
      '  3. aws cloudformation wait stack-delete-complete --region ap-south-1 --stack-name shop-ap-south-1',
      '  4. aws dynamodb update-table --region ap-south-1 --table-name shop-data --no-deletion-protection-enabled',
      `  5. then: npm run preflight -- -c configFile=${file}   # again; it says when npx cdk deploy --all -c configFile=${file} is safe`,
    ]);
  });

  it('reports the indexes and exits 0 when they match TABLE_SCHEMA', async () => {
    writeConfig();
    aws = fakeAws({
      appName: 'shop',
      replicas: base.regions,
      stacks: appStacks('shop', 'us-east-1', base.regions),
      bootstrapped: base.regions,
    });
    const { out, io } = capture();
    expect(await main(['--config', file], { ...io, clients: aws })).toBe(0);
    expect(out).toContain("  No index change: the table's indexes (byResourceOwner) match TABLE_SCHEMA.");
    expect(aws.ddb.get('us-east-1')).toHaveReceivedCommandWith(DescribeTableCommand, {
      TableName: 'shop-data',
    });
  });

  it('refuses with exit 1 a deploy that would create one index and delete another', async () => {
    writeConfig();
    aws = fakeAws({
      appName: 'shop',
      replicas: base.regions,
      stacks: appStacks('shop', 'us-east-1', base.regions),
      bootstrapped: base.regions,
      indexes: [{ name: 'byOwner', partitionKey: 'ownerId', sortKey: 'createdAt' }],
    });
    const { out, io } = capture();
    expect(await main(['--config', file], { ...io, clients: aws })).toBe(1);
    expect(out).toContain('  Indexes: create byResourceOwner and delete byOwner (the table has byOwner).');
    expect(out).toContain('REFUSED: not safe to deploy yet.');
    expect(
      out.find((l) => l.startsWith('  - The deploy would create byResourceOwner and delete byOwner;')),
    ).toContain('docs/ARCHITECTURE.md, "Data layout"');
    // The deploy step gives way to running the preflight again.
    expect(out).toContain(
      `  1. then: npm run preflight -- -c configFile=${file}   # again; it says when npx cdk deploy --all -c configFile=${file} is safe`,
    );
  });

  it('warns when a region change and an index change go in one deploy', async () => {
    writeConfig();
    aws = fakeAws({
      appName: 'shop',
      replicas: ['us-east-1', 'eu-west-1'],
      stacks: appStacks('shop', 'us-east-1', ['us-east-1', 'eu-west-1']),
      bootstrapped: base.regions,
      indexes: [],
    });
    const { out, io } = capture();
    expect(await main(['--config', file], { ...io, clients: aws })).toBe(0);
    expect(out).toContain('  Indexes: create byResourceOwner (the table has none).');
    expect(
      out.find((l) => l.startsWith('  - Warning: this deploy changes both a replica and an index')),
    ).toBeDefined();
  });
});
