import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ROUTES } from '../../../functions/routes';
import type { AppConfigInput } from '../../../lib/config/app-config';
import { buildApp } from '../../helpers/app';
import { actionsOf, iamStatements } from '../../helpers/stack';

/** Synthesizes a config shape once and exposes what every shape is checked for. */
function shape(overrides: Partial<AppConfigInput>) {
  const built = buildApp(overrides);
  const { stacks } = built;
  const all: Stack[] = [stacks.identity, ...stacks.regional.values(), stacks.healthAlarms];
  const template = (s: Stack) => Template.fromStack(s);
  const regional = (region: string) => template(stacks.regional.get(region) as Stack);
  const records = (region: string) =>
    Object.values(regional(region).findResources('AWS::Route53::RecordSet')).map((r) => r.Properties);
  return { ...built, all, template, regional, records };
}

/** Checks that hold for every config shape. */
function commonChecks(s: ReturnType<typeof shape>) {
  const { config, stacks } = s;

  it('names a stack per region plus identity and health alarms, each with an explicit env', () => {
    expect(s.all.map((x) => x.stackName)).toEqual([
      `${config.appName}-identity`,
      ...config.regions.map((r) => `${config.appName}-${r}`),
      `${config.appName}-health-alarms`,
    ]);
    for (const [region, stack] of stacks.regional) {
      expect(stack.region).toBe(region);
      expect(stack.account).toBe(config.account);
    }
    expect(stacks.healthAlarms.region).toBe('us-east-1');
    expect(stacks.identity.region).toBe(config.primaryRegion);
  });

  it('has one global table, in the primary region, with a replica (and PITR window) per region', () => {
    for (const [region] of stacks.regional) {
      s.regional(region).resourceCountIs(
        'AWS::DynamoDB::GlobalTable',
        region === config.primaryRegion ? 1 : 0,
      );
    }
    const table = Object.values(
      s.regional(config.primaryRegion).findResources('AWS::DynamoDB::GlobalTable'),
    )[0];
    const replicas = table.Properties.Replicas as {
      Region: string;
      PointInTimeRecoverySpecification: unknown;
    }[];
    expect(replicas.map((r) => r.Region).sort()).toEqual([...config.regions].sort());
    for (const r of replicas) {
      expect(r.PointInTimeRecoverySpecification).toEqual({
        PointInTimeRecoveryEnabled: true,
        RecoveryPeriodInDays: config.pitrRecoveryDays,
      });
    }
  });

  it('deploys the primary region after every other region (replica keys, copy vault)', () => {
    const primary = stacks.regional.get(config.primaryRegion) as Stack;
    for (const [region, stack] of stacks.regional) {
      if (region !== config.primaryRegion) expect(primary.dependencies).toContain(stack);
    }
  });

  it('has a rotating key with the deterministic alias in every region', () => {
    for (const region of config.regions) {
      s.regional(region).hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
      s.regional(region).hasResourceProperties('AWS::KMS::Alias', {
        AliasName: `alias/${config.appName}-data`,
      });
    }
  });

  it('authorizes every route but /health and /openapi.json (CUSTOM) in every region', () => {
    const open = ROUTES.filter((r) => !r.authorized).length;
    for (const region of config.regions) {
      const methods = Object.values(s.regional(region).findResources('AWS::ApiGateway::Method')).map(
        (m) => m.Properties.AuthorizationType,
      );
      expect(methods.filter((t) => t === 'NONE')).toHaveLength(open);
      expect(methods.filter((t) => t === 'CUSTOM')).toHaveLength(ROUTES.length - open);
    }
  });

  it('has no IAM statement with a "*" or "service:*" action in any stack', () => {
    for (const stack of s.all) {
      const actions = actionsOf(iamStatements(s.template(stack)));
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
    }
  });

  it('health-checks every region on https://<region>.<domainName>/health with the configured settings', () => {
    for (const region of config.regions) {
      s.regional(region).hasResourceProperties('AWS::Route53::HealthCheck', {
        HealthCheckConfig: {
          Type: 'HTTPS',
          FullyQualifiedDomainName: `${region}.${config.domainName}`,
          ResourcePath: '/health',
          Port: 443,
          EnableSNI: true,
          Inverted: false,
          MeasureLatency: false,
          RequestInterval: config.healthCheck.intervalSeconds,
          FailureThreshold: config.healthCheck.failureThreshold,
        },
      });
    }
  });

  it('alarms on every health check in us-east-1', () => {
    s.template(stacks.healthAlarms).resourceCountIs('AWS::CloudWatch::Alarm', config.regions.length);
  });

  it('gives every authorizer the pool issuer and client id', () => {
    for (const region of config.regions) {
      const fns = Object.values(s.regional(region).findResources('AWS::Lambda::Function'));
      const withIssuer = fns.filter((f) => f.Properties.Environment?.Variables?.JWT_ISSUER);
      expect(withIssuer).toHaveLength(1);
      expect(JSON.stringify(withIssuer[0].Properties.Environment.Variables.JWT_ISSUER)).toContain(
        `https://cognito-idp.${config.primaryRegion}.amazonaws.com/`,
      );
      expect(withIssuer[0].Properties.Environment.Variables.JWT_CLIENT_ID).toBeDefined();
    }
  });

  it('copies backups to a deterministic vault in the copy region', () => {
    const copy = config.backup.copyRegion;
    s.regional(copy).hasResourceProperties('AWS::Backup::BackupVault', {
      BackupVaultName: `${config.appName}-backup-copies`,
    });
    s.regional(config.primaryRegion).hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({
            CopyActions: [
              Match.objectLike({
                DestinationBackupVaultArn: `arn:aws:backup:${copy}:${config.account}:backup-vault:${config.appName}-backup-copies`,
              }),
            ],
          }),
        ],
      },
    });
  });
}

describe('2 regions, latency routing (default)', () => {
  const s = shape({});
  commonChecks(s);

  it('has a latency record per region for the shared hostname and a regional alias', () => {
    for (const region of s.config.regions) {
      const recs = s.records(region);
      expect(recs.find((r) => r.Name === 'api.example.com.')).toMatchObject({
        Region: region,
        SetIdentifier: region,
      });
      expect(recs.find((r) => r.Name === `${region}.api.example.com.`)).toBeDefined();
      expect(recs.some((r) => r.Failover)).toBe(false);
    }
  });
});

describe('2 regions, failover routing', () => {
  const s = shape({ routing: 'failover' });
  commonChecks(s);

  it('has PRIMARY in the primary region and SECONDARY in the other', () => {
    expect(s.records('us-east-1').find((r) => r.Name === 'api.example.com.')).toMatchObject({
      Failover: 'PRIMARY',
    });
    expect(s.records('eu-west-1').find((r) => r.Name === 'api.example.com.')).toMatchObject({
      Failover: 'SECONDARY',
      HealthCheckId: { Ref: expect.any(String) },
    });
  });
});

describe('3 regions, failover routing, primary not in us-east-1', () => {
  const s = shape({
    routing: 'failover',
    regions: ['eu-west-1', 'us-west-2', 'ap-southeast-2'],
    primaryRegion: 'eu-west-1',
    backup: { copyRegion: 'ap-southeast-2' },
  });
  commonChecks(s);

  it('makes SECONDARY an alias to a latency pool of the non-primary regions', () => {
    const primary = s.records('eu-west-1').filter((r) => r.Name === 'api.example.com.');
    expect(primary.map((r) => r.Failover).sort()).toEqual(['PRIMARY', 'SECONDARY']);
    expect(primary.find((r) => r.Failover === 'SECONDARY').AliasTarget).toEqual({
      DNSName: 'failover-pool.api.example.com',
      HostedZoneId: 'Z0123456789EXAMPLE',
      EvaluateTargetHealth: true,
    });
    for (const region of ['us-west-2', 'ap-southeast-2']) {
      const recs = s.records(region);
      expect(recs.filter((r) => r.Name === 'api.example.com.')).toHaveLength(0);
      expect(recs.find((r) => r.Name === 'failover-pool.api.example.com.')).toMatchObject({ Region: region });
    }
  });
});

describe('5 regions, latency routing', () => {
  const s = shape({
    regions: ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-northeast-1'],
  });
  commonChecks(s);

  it('writes a template for every stack', () => {
    const assembly = s.app.synth();
    expect(assembly.stacks.map((st) => st.stackName).sort()).toEqual(
      [
        'active-active-identity',
        'active-active-health-alarms',
        ...s.config.regions.map((r) => `active-active-${r}`),
      ].sort(),
    );
  });
});
