import { type AppConfigInput, parseConfig } from '../../../lib/config/app-config';
import type { DeployedReplica, DeployedStack, DeployedState } from '../../../lib/preflight/deployed-state';
import { planRegionChange } from '../../../lib/preflight/region-change';

const config = (o: Partial<AppConfigInput> = {}) =>
  parseConfig({
    appName: 'shop',
    account: '123456789012',
    regions: ['us-east-1', 'eu-west-1', 'ap-south-1'],
    primaryRegion: 'us-east-1',
    routing: 'latency',
    domainName: 'api.example.com',
    hostedZoneId: 'Z0123456789ABCDEFGHIJ',
    hostedZoneName: 'example.com',
    ...o,
  });

const regional = (region: string, status = 'UPDATE_COMPLETE'): DeployedStack => ({
  name: `shop-${region}`,
  region,
  kind: 'regional',
  status,
});

/** A deployed app: table replicas in `regions`, every stack, every region bootstrapped. */
function deployed(
  regions: readonly string[],
  o: { primary?: string; replicas?: Partial<DeployedReplica>[]; stacks?: DeployedStack[] } = {},
): DeployedState {
  const primary = o.primary ?? regions[0];
  const replicas = regions.map((region, i) => ({
    region,
    status: 'ACTIVE',
    deletionProtection: true,
    ...(o.replicas?.[i] ?? {}),
  }));
  return {
    table: { name: 'shop-data', describedIn: primary, status: 'ACTIVE', replicas },
    stacks: o.stacks ?? [
      { name: 'shop-identity', region: primary, kind: 'identity', status: 'UPDATE_COMPLETE' },
      ...regions.map((r) => regional(r)),
      { name: 'shop-health-alarms', region: 'us-east-1', kind: 'health-alarms', status: 'UPDATE_COMPLETE' },
    ],
    bootstrapped: [...new Set([...regions, 'us-east-1', 'ap-south-1'])],
    unreachable: [],
    regionsSearched: regions,
  };
}

describe('planRegionChange', () => {
  it('first deploy: no table, says so, bootstraps what is not bootstrapped, then deploys', () => {
    const plan = planRegionChange(config(), {
      stacks: [],
      bootstrapped: ['us-east-1'],
      unreachable: [],
      regionsSearched: ['us-east-1', 'eu-west-1', 'ap-south-1'],
    });
    expect(plan.safe).toBe(true);
    expect(plan.change).toBe(
      'First deploy: no table shop-data in us-east-1, eu-west-1, ap-south-1; regions [us-east-1, eu-west-1, ap-south-1], primary us-east-1.',
    );
    expect(plan.steps).toEqual([
      'npx cdk bootstrap aws://123456789012/eu-west-1   # no CDKToolkit stack in eu-west-1 yet',
      'npx cdk bootstrap aws://123456789012/ap-south-1   # no CDKToolkit stack in ap-south-1 yet',
      'npx cdk deploy --all   # creates the table with a replica in every region',
    ]);
  });

  it('no region change: safe, one deploy', () => {
    const plan = planRegionChange(config(), deployed(['us-east-1', 'eu-west-1', 'ap-south-1']));
    expect(plan).toMatchObject({
      safe: true,
      change: "No region change: the table's replicas (us-east-1, eu-west-1, ap-south-1) match the config.",
      problems: [],
      steps: ['npx cdk deploy --all'],
      toDestroy: [],
    });
  });

  it('adding one region is safe; the deploy carries the config file', () => {
    const plan = planRegionChange(config(), deployed(['us-east-1', 'eu-west-1']), {
      cdkContextArgs: '-c configFile=config/prod.json',
    });
    expect(plan.safe).toBe(true);
    expect(plan.change).toBe('Regions: adds ap-south-1 (the table has replicas in us-east-1, eu-west-1).');
    expect(plan.steps).toEqual(['npx cdk deploy --all -c configFile=config/prod.json   # adds ap-south-1']);
    expect(plan.notes[0]).toMatch(
      /deploys shop-ap-south-1 \(its key must exist\) before the primary stack adds the replica/,
    );
  });

  it('adding a region that is not bootstrapped: bootstrap first', () => {
    const state = { ...deployed(['us-east-1', 'eu-west-1']), bootstrapped: ['us-east-1', 'eu-west-1'] };
    expect(planRegionChange(config(), state).steps).toEqual([
      'npx cdk bootstrap aws://123456789012/ap-south-1   # no CDKToolkit stack in ap-south-1 yet',
      'npx cdk deploy --all   # adds ap-south-1',
    ]);
  });

  it('refuses two regions added at once and names the first single step', () => {
    const plan = planRegionChange(
      config({ regions: ['us-east-1', 'eu-west-1', 'ap-south-1', 'us-west-2'] }),
      deployed(['us-east-1', 'eu-west-1']),
    );
    expect(plan.safe).toBe(false);
    expect(plan.problems).toEqual([
      'The config adds ap-south-1, us-west-2; AWS::DynamoDB::GlobalTable adds or removes one replica per update, so the deploy would fail. Deploy with regions [us-east-1, eu-west-1, ap-south-1] first (add ap-south-1), then add us-west-2; run the preflight before each step.',
    ]);
    expect(plan.steps).toEqual([
      'Set "regions": ["us-east-1","eu-west-1","ap-south-1"] in the config, run npm run preflight again, and follow it.',
    ]);
  });

  it('refuses an add and a remove at once: adds first, so the app never drops below its size', () => {
    const plan = planRegionChange(
      config({ regions: ['us-east-1', 'ap-south-1'] }),
      deployed(['us-east-1', 'eu-west-1']),
    );
    expect(plan.problems).toEqual([
      'The config adds ap-south-1 and removes eu-west-1; AWS::DynamoDB::GlobalTable adds or removes one replica per update, so the deploy would fail. Deploy with regions [us-east-1, ap-south-1, eu-west-1] first (add ap-south-1), then remove eu-west-1; run the preflight before each step.',
    ]);
  });

  it('refuses removing two regions at once', () => {
    const plan = planRegionChange(
      config({ regions: ['us-east-1', 'eu-west-1'] }),
      deployed(['us-east-1', 'eu-west-1', 'ap-south-1', 'eu-central-1']),
    );
    expect(plan.problems[0]).toContain(
      'Deploy with regions [us-east-1, eu-west-1, eu-central-1] first (remove ap-south-1), then remove eu-central-1;',
    );
  });

  describe('removing one region', () => {
    const cfg = config({ regions: ['us-east-1', 'eu-west-1'] });

    it('takes it out of routing first, then turns off deletion protection, then deploys', () => {
      const plan = planRegionChange(cfg, deployed(['us-east-1', 'eu-west-1', 'ap-south-1']), {
        cdkContextArgs: '-c configFile=config/prod.json',
      });
      expect(plan.safe).toBe(false);
      expect(plan.toDestroy).toEqual([regional('ap-south-1')]);
      expect(plan.problems).toEqual([
        'ap-south-1 still has its stack shop-ap-south-1: its DNS records and health check keep sending traffic there. Take it out of routing before the replica goes.',
        'The replica in ap-south-1 has deletion protection on (this template sets it on every replica): the primary stack cannot delete it.',
      ]);
      expect(plan.steps).toEqual([
        "npx cdk deploy shop-health-alarms shop-eu-west-1 --exclusively -c configFile=config/prod.json   # stop watching ap-south-1 (health-check alarm, canaries, replication alarms) before it goes; the primary's canary on it stays until the last step",
        'aws cloudformation delete-stack --region ap-south-1 --stack-name shop-ap-south-1   # removes its records and health check: traffic leaves ap-south-1',
        'aws cloudformation wait stack-delete-complete --region ap-south-1 --stack-name shop-ap-south-1',
        'aws dynamodb update-table --region ap-south-1 --table-name shop-data --no-deletion-protection-enabled',
        'then: npm run preflight -- -c configFile=config/prod.json   # again; it says when npx cdk deploy --all -c configFile=config/prod.json is safe',
      ]);
    });

    it('once the stack is gone, only deletion protection is left', () => {
      const state = deployed(['us-east-1', 'eu-west-1', 'ap-south-1']);
      const plan = planRegionChange(cfg, {
        ...state,
        stacks: state.stacks.filter((s) => s.region !== 'ap-south-1'),
      });
      expect(plan.safe).toBe(false);
      expect(plan.steps).toEqual([
        'aws dynamodb update-table --region ap-south-1 --table-name shop-data --no-deletion-protection-enabled',
        'then: npm run preflight   # again; it says when npx cdk deploy --all is safe',
      ]);
    });

    it('is safe when the stack is gone and protection is off; the deploy removes the replica', () => {
      const state = deployed(['us-east-1', 'eu-west-1', 'ap-south-1'], {
        replicas: [{}, {}, { deletionProtection: false }],
      });
      const plan = planRegionChange(cfg, {
        ...state,
        stacks: state.stacks.filter((s) => s.region !== 'ap-south-1'),
      });
      expect(plan.safe).toBe(true);
      expect(plan.change).toBe(
        'Regions: removes ap-south-1 (the table has replicas in us-east-1, eu-west-1, ap-south-1).',
      );
      expect(plan.steps).toEqual(['npx cdk deploy --all   # removes the replica in ap-south-1']);
      expect(plan.notes[0]).toMatch(
        /^The deploy deletes the replica in ap-south-1 and its copy of the items/,
      );
    });
  });

  it('refuses a primaryRegion change, with or without region changes', () => {
    const plan = planRegionChange(
      config({ primaryRegion: 'eu-west-1' }),
      deployed(['us-east-1', 'eu-west-1', 'ap-south-1']),
    );
    expect(plan.safe).toBe(false);
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]).toMatch(
      /^primaryRegion changes from us-east-1 to eu-west-1\. The user pool, the global table's CloudFormation resource and the backup plan live in the primary region's stacks: CloudFormation cannot remove a global table's replica in its own stack's region, .* Keep primaryRegion "us-east-1"; moving it is a migration, not a config change\.$/,
    );
  });

  it('refuses removing the primary region', () => {
    const plan = planRegionChange(
      config({ regions: ['eu-west-1', 'ap-south-1'], primaryRegion: 'eu-west-1' }),
      deployed(['us-east-1', 'eu-west-1', 'ap-south-1']),
    );
    expect(plan.problems[0]).toMatch(
      /^primaryRegion changes from us-east-1 to eu-west-1, and the config removes us-east-1\. /,
    );
    expect(plan.steps).toEqual([]);
  });

  it('refuses while a replica is not ACTIVE', () => {
    const plan = planRegionChange(
      config(),
      deployed(['us-east-1', 'eu-west-1', 'ap-south-1'], { replicas: [{}, {}, { status: 'CREATING' }] }),
    );
    expect(plan.safe).toBe(false);
    expect(plan.problems).toEqual([
      "The replica in ap-south-1 is CREATING: wait until every replica is ACTIVE (aws dynamodb describe-table --region us-east-1 --table-name shop-data --query 'Table.Replicas').",
    ]);
  });

  it('refuses while a stack is updating or failed', () => {
    const state = deployed(['us-east-1', 'eu-west-1', 'ap-south-1']);
    const stacks = state.stacks.map((s) =>
      s.region === 'eu-west-1'
        ? { ...s, status: 'UPDATE_IN_PROGRESS' }
        : s.kind === 'health-alarms'
          ? { ...s, status: 'UPDATE_ROLLBACK_FAILED' }
          : s,
    );
    expect(planRegionChange(config(), { ...state, stacks }).problems).toEqual([
      'Stack shop-eu-west-1 (eu-west-1) is UPDATE_IN_PROGRESS: wait until it settles, then run the preflight again.',
      'Stack shop-health-alarms (us-east-1) is UPDATE_ROLLBACK_FAILED: fix it first (see its events: aws cloudformation describe-stack-events --region us-east-1 --stack-name shop-health-alarms).',
    ]);
  });

  it('refuses a region that is not enabled for the account', () => {
    const state = { ...deployed(['us-east-1', 'eu-west-1']), unreachable: ['ap-south-1'] };
    expect(planRegionChange(config(), state).problems).toEqual([
      'ap-south-1 refused these credentials although other regions accepted them: the region is probably not enabled for the account (aws account enable-region --region-name ap-south-1).',
    ]);
  });

  it('lists a leftover stack of a removed region (no replica, not configured) to delete', () => {
    const state = deployed(['us-east-1', 'eu-west-1', 'ap-south-1']);
    const plan = planRegionChange(config(), {
      ...state,
      stacks: [...state.stacks, regional('eu-central-1')],
    });
    expect(plan.safe).toBe(true);
    expect(plan.toDestroy).toEqual([regional('eu-central-1')]);
    expect(plan.notes).toContain(
      'shop-eu-central-1 (eu-central-1) belongs to no configured region and holds no replica, but its records and health check are still in the zone; delete it once the other stacks are deployed with this config: aws cloudformation delete-stack --region eu-central-1 --stack-name shop-eu-central-1',
    );
  });
});
