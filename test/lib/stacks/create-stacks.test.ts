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

/** Logical id of the check a region's records follow: the CALCULATED one, else the HTTPS one. */
function routingCheckId(t: Template): string {
  const checks = Object.entries(t.findResources('AWS::Route53::HealthCheck'));
  const type = (c: (typeof checks)[number]) => c[1].Properties.HealthCheckConfig.Type;
  const found = checks.find((c) => type(c) === 'CALCULATED') ?? checks.find((c) => type(c) === 'HTTPS');
  if (!found) throw new Error('no routing health check');
  return found[0];
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

  it("tags each table replica with the replica's own region", () => {
    const table = Object.values(
      s.regional(config.primaryRegion).findResources('AWS::DynamoDB::GlobalTable'),
    )[0];
    for (const r of table.Properties.Replicas as {
      Region: string;
      Tags: { Key: string; Value: string }[];
    }[]) {
      expect(r.Tags).toContainEqual({ Key: 'AppRegion', Value: r.Region });
      expect(r.Tags.filter((t) => t.Key === 'AppRegion')).toHaveLength(1);
    }
  });

  it('names the REST API <appName>-<region>, and its alarms watch that name', () => {
    for (const region of config.regions) {
      const name = `${config.appName}-${region}`;
      s.regional(region).hasResourceProperties('AWS::ApiGateway::RestApi', {
        Name: name,
        Description: `${config.appName}: API in ${region}`,
      });
      const dims = JSON.stringify(s.regional(region).findResources('AWS::CloudWatch::Alarm'));
      expect(dims).toContain(`{"Name":"ApiName","Value":"${name}"}`);
      expect(dims).not.toMatch(/"ApiName","Value":"Api"/);
      const [dashboard] = Object.values(s.regional(region).findResources('AWS::CloudWatch::Dashboard'));
      const body = JSON.stringify(dashboard.Properties.DashboardBody);
      expect(body).toContain(`\\"ApiName\\",\\"${name}\\"`);
      expect(body).not.toContain('\\"ApiName\\",\\"Api\\"');
    }
    s.regional(config.primaryRegion).hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: Match.objectLike({ BackupPlanName: `${config.appName}-table-backup` }),
    });
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
    // The health-alarms stack has no IAM at all (it reads the health check ids with Fn::GetStackOutput).
    const perStack = s.all.map((stack) => actionsOf(iamStatements(s.template(stack))));
    expect(perStack.flat().length).toBeGreaterThan(0);
    for (const actions of perStack) expect(actions.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
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

  it("routes every region on a CALCULATED check over its /health check and its item-route alarms' checks", () => {
    const items = ROUTES.filter((r) => r.authorized).length;
    for (const region of config.regions) {
      const t = s.regional(region);
      const checks = Object.entries(t.findResources('AWS::Route53::HealthCheck'));
      const ofType = (type: string) => checks.filter(([, c]) => c.Properties.HealthCheckConfig.Type === type);
      const [[httpsId]] = ofType('HTTPS');
      const alarmChecks = ofType('CLOUDWATCH_METRIC');
      const [[calculatedId, calculated]] = ofType('CALCULATED');
      expect(checks).toHaveLength(2 + items * 2);
      expect(calculated.Properties.HealthCheckConfig).toEqual({
        Type: 'CALCULATED',
        ChildHealthChecks: [{ Ref: httpsId }, ...alarmChecks.map(([id]) => ({ Ref: id }))],
        HealthThreshold: 1 + items * 2,
        Inverted: false,
      });
      const alarms = t.findResources('AWS::CloudWatch::Alarm');
      for (const [, c] of alarmChecks) {
        const { AlarmIdentifier, InsufficientDataHealthStatus } = c.Properties.HealthCheckConfig;
        expect(AlarmIdentifier.Region).toBe(region);
        expect(alarms[AlarmIdentifier.Name.Ref].Properties.AlarmName).toMatch(
          new RegExp(`^${config.appName}-${region}-routing-`),
        );
        expect(InsufficientDataHealthStatus).toBe('Healthy');
      }
      const withCheck = s.records(region).filter((r) => r.HealthCheckId);
      expect(withCheck.length).toBeGreaterThan(0);
      for (const r of withCheck) expect(r.HealthCheckId).toEqual({ Ref: calculatedId });
    }
    const descriptions = Object.values(
      s.template(stacks.healthAlarms).findResources('AWS::CloudWatch::Alarm'),
    ).map((a) => a.Properties.AlarmDescription);
    for (const d of descriptions) {
      expect(d).toContain(
        `health check: CALCULATED: all of HTTPS every ${config.healthCheck.intervalSeconds} s`,
      );
    }
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

  it('has PRIMARY and the SECONDARY pool alias in the primary region, the other region in the pool', () => {
    const shared = s.records('us-east-1').filter((r) => r.Name === 'api.example.com.');
    expect(shared.map((r) => [r.Failover, r.SetIdentifier]).sort()).toEqual([
      ['PRIMARY', 'us-east-1'],
      ['SECONDARY', 'secondary'],
    ]);
    expect(s.records('eu-west-1').filter((r) => r.Name === 'api.example.com.')).toHaveLength(0);
    expect(s.records('eu-west-1').find((r) => r.Name === 'failover-pool.api.example.com.')).toMatchObject({
      Region: 'eu-west-1',
      HealthCheckId: { Ref: expect.any(String) },
    });
  });
});

describe('3 regions, failover routing, primary not in us-east-1, another app name', () => {
  const s = shape({
    appName: 'projects-api',
    routing: 'failover',
    regions: ['eu-west-1', 'us-west-2', 'ap-southeast-2'],
    primaryRegion: 'eu-west-1',
    backup: { copyRegion: 'ap-southeast-2' },
  });
  commonChecks(s);

  it('names nothing user-visible after the template: the REST API describes this app, not a fixed text', () => {
    for (const region of s.config.regions) {
      const [api] = Object.values(s.regional(region).findResources('AWS::ApiGateway::RestApi'));
      expect(api.Properties.Description).toBe(`projects-api: API in ${region}`);
    }
    for (const stack of s.all) {
      expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('active-active');
    }
  });

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

/** Every Route 53 record of the app: its identity (name, type, set identifier), routing and owning stack. */
function allRecords(s: ReturnType<typeof shape>) {
  return [...s.stacks.regional].flatMap(([region]) =>
    s.records(region).map((r) => ({
      stack: `${s.config.appName}-${region}`,
      key: `${r.Name} ${r.Type} ${r.SetIdentifier ?? '-'}`,
      name: r.Name as string,
      failover: r.Failover as string | undefined,
    })),
  );
}

describe('failover mode, 3 regions → 2 (and back): no record moves between stacks', () => {
  const three = shape({ routing: 'failover', regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'] });
  const two = shape({ routing: 'failover', regions: ['us-east-1', 'eu-west-1'] });

  it('keeps the one SECONDARY record of the shared name in the primary stack, with the same identifier', () => {
    for (const s of [three, two]) {
      const secondary = allRecords(s).filter((r) => r.failover === 'SECONDARY');
      expect(secondary).toEqual([
        {
          stack: 'active-active-us-east-1',
          key: 'api.example.com. A secondary',
          name: 'api.example.com.',
          failover: 'SECONDARY',
        },
      ]);
    }
  });

  it.each([
    ['3 → 2', three, two],
    ['2 → 3', two, three],
  ])(
    '%s: every record both configs share stays in its stack, and no new failover record appears',
    (_n, from, to) => {
      const before = new Map(allRecords(from).map((r) => [r.key, r.stack]));
      const after = allRecords(to);
      expect(after.length).toBeGreaterThan(0);
      for (const r of after) {
        if (before.has(r.key)) expect([r.key, r.stack]).toEqual([r.key, before.get(r.key)]);
      }
      // A new PRIMARY/SECONDARY would collide with the one still held by a stack that deploys later.
      expect(after.filter((r) => !before.has(r.key) && r.failover)).toEqual([]);
    },
  );
});

describe('healthCheck.intervalSeconds 30 → 10 (replaces every health check) deploys in one cdk deploy --all', () => {
  const configs = { thirty: 30, ten: 10 } as const;
  const built = Object.fromEntries(
    Object.entries(configs).map(([k, intervalSeconds]) => [
      k,
      shape({ regions: ['us-east-1', 'eu-west-1'], healthCheck: { intervalSeconds, failureThreshold: 3 } }),
    ]),
  ) as Record<keyof typeof configs, ReturnType<typeof shape>>;
  const json = (s: ReturnType<typeof shape>, stack: Stack) => JSON.stringify(s.template(stack).toJSON());

  it.each(Object.keys(configs) as (keyof typeof configs)[])(
    'references no health check id strongly (%s s): no export, import or cross-region export writer',
    (k) => {
      const s = built[k];
      const alarms = json(s, s.stacks.healthAlarms);
      expect(alarms).not.toContain('Fn::ImportValue');
      expect(alarms).not.toContain('Custom::CrossRegionExportReader');
      for (const [region, stack] of s.stacks.regional) {
        const t = s.template(stack);
        const checkId = routingCheckId(t);
        const outputs = Object.values(
          (t.toJSON().Outputs ?? {}) as Record<string, { Value: unknown; Export?: unknown }>,
        );
        const ofCheck = outputs.filter((o) => JSON.stringify(o.Value) === JSON.stringify({ Ref: checkId }));
        expect([region, ofCheck.length, ofCheck.filter((o) => o.Export).length]).toEqual([region, 1, 0]);
        const writers = Object.values(t.findResources('Custom::CrossRegionExportWriter'));
        expect(JSON.stringify(writers)).not.toContain(checkId);
      }
    },
  );

  it('reads each id with Fn::GetStackOutput from the regional stack in its region', () => {
    const s = built.ten;
    const alarms = Object.values(s.template(s.stacks.healthAlarms).findResources('AWS::CloudWatch::Alarm'));
    const refs = alarms.map((a) => a.Properties.Dimensions[0].Value['Fn::GetStackOutput']);
    expect(refs.map((r) => [r.StackName, r.Region]).sort()).toEqual([
      ['active-active-eu-west-1', 'eu-west-1'],
      ['active-active-us-east-1', 'us-east-1'],
    ]);
    for (const r of refs) {
      const t = s.template(s.stacks.regional.get(r.Region) as Stack);
      const checkId = routingCheckId(t);
      expect(t.toJSON().Outputs[r.OutputName].Value).toEqual({ Ref: checkId });
    }
  });

  it('changes the alarms template with the interval, so cdk deploy does not skip it and the new id is read', () => {
    expect(json(built.thirty, built.thirty.stacks.healthAlarms)).not.toEqual(
      json(built.ten, built.ten.stacks.healthAlarms),
    );
    for (const [k, seconds] of Object.entries(configs)) {
      const s = built[k as keyof typeof configs];
      const descriptions = Object.values(
        s.template(s.stacks.healthAlarms).findResources('AWS::CloudWatch::Alarm'),
      ).map((a) => a.Properties.AlarmDescription);
      expect(descriptions).toHaveLength(2);
      for (const d of descriptions) expect(d).toContain(`HTTPS every ${seconds} s`);
    }
  });

  it('deploys the alarms after every regional stack (the old check is gone only once they point at the new)', () => {
    for (const stack of built.ten.stacks.regional.values()) {
      expect(built.ten.stacks.healthAlarms.dependencies).toContain(stack);
    }
  });
});

describe('healthCheck.itemRouteAlarm.enabled false: the routing of /health alone', () => {
  const on = shape({});
  const off = shape({
    healthCheck: { intervalSeconds: 10, failureThreshold: 3, itemRouteAlarm: { enabled: false } },
  });
  const added = (id: string, type: string) =>
    (type === 'AWS::Route53::HealthCheck' && !id.startsWith('RoutingHealthCheck')) ||
    (type === 'AWS::CloudWatch::Alarm' && id.startsWith('RoutingAlarms'));

  it('adds nothing but the alarms and checks, and points the records back at the /health check', () => {
    for (const region of off.config.regions) {
      const before = on.regional(region).toJSON().Resources as Record<
        string,
        { Type: string; Properties: { HealthCheckId?: unknown } }
      >;
      const after = off.regional(region).toJSON().Resources as Record<
        string,
        { Type: string; Properties: { HealthCheckId?: unknown } }
      >;
      const kept = Object.keys(before).filter((id) => !added(id, before[id].Type));
      expect(Object.keys(after).sort()).toEqual(kept.sort());
      const httpsId = Object.keys(off.regional(region).findResources('AWS::Route53::HealthCheck'))[0];
      for (const id of kept) {
        const record = after[id].Type === 'AWS::Route53::RecordSet';
        const withCheck = record && before[id].Properties.HealthCheckId;
        if (withCheck) {
          expect(after[id].Properties.HealthCheckId).toEqual({
            Ref: httpsId,
          });
        } else {
          expect([id, after[id]]).toEqual([id, before[id]]);
        }
      }
    }
  });

  it('alarms in us-east-1 on the /health checks, as before', () => {
    const alarms = Object.values(
      off.template(off.stacks.healthAlarms).findResources('AWS::CloudWatch::Alarm'),
    );
    expect(alarms.map((a) => a.Properties.AlarmDescription).sort()).toEqual(
      off.config.regions
        .map(
          (r) =>
            `Route 53 sees ${r} as unhealthy: its traffic is being routed elsewhere (health check: HTTPS every 10 s, latency not measured)`,
        )
        .sort(),
    );
  });
});
