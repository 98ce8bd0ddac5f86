import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { AppConfigInput } from '../../../lib/config/app-config';
import { buildApp } from '../../helpers/app';
import { replacedResources, stronglyReferenced } from '../../helpers/replacements';

/** Every stack's template of one config, by stack name. */
function templates(overrides: Partial<AppConfigInput>) {
  const { stacks } = buildApp(overrides);
  const all: Stack[] = [stacks.identity, ...stacks.regional.values(), stacks.healthAlarms];
  return new Map(all.map((s) => [s.stackName, Template.fromStack(s).toJSON()]));
}

/**
 * Config changes that replace resources (docs/DEPLOY.md, "Changing the config of a deployed app"), and the
 * resource types each one replaces, summed over the app's stacks.
 */
const CHANGES: [string, Partial<AppConfigInput>, Record<string, number>][] = [
  [
    'healthCheck.intervalSeconds 10 → 30',
    { healthCheck: { intervalSeconds: 30, failureThreshold: 3 } },
    { 'AWS::Route53::HealthCheck': 2 },
  ],
  // A new alarm name (the settings' hash) per 5xx alarm: its Route 53 check then re-reads the settings.
  [
    'healthCheck.itemRouteAlarm.errorRatePercent',
    { healthCheck: { intervalSeconds: 10, failureThreshold: 3, itemRouteAlarm: { errorRatePercent: 2 } } },
    { 'AWS::CloudWatch::Alarm': 12 },
  ],
  [
    'cognito group names',
    { cognito: { adminGroup: 'admins', memberGroup: 'members' } },
    { 'AWS::Cognito::UserPoolGroup': 2 },
  ],
  // The subscription's logical id contains the address: a new resource, and the old one deleted.
  ['alarmEmail', { alarmEmail: 'oncall@example.com' }, { 'AWS::SNS::Subscription': 3 }],
  [
    'cognito.mfa, failureThreshold, wafRateLimit, logRetentionDays (in place)',
    {
      cognito: { mfa: 'required' },
      healthCheck: { intervalSeconds: 10, failureThreshold: 5 },
      wafRateLimit: 500,
      logRetentionDays: 30,
    },
    {},
  ],
  [
    'domainName and hosted zone',
    { domainName: 'api.example.org', hostedZoneName: 'example.org', hostedZoneId: 'Z0987654321EXAMPLE' },
    {
      'AWS::CertificateManager::Certificate': 2,
      'AWS::ApiGateway::DomainName': 4,
      'AWS::ApiGateway::BasePathMapping': 4,
      'AWS::Route53::RecordSet': 4,
    },
  ],
];

describe('config changes on a deployed app', () => {
  // BASE_CONFIG checks every 10 s, so the first change below does replace the checks.
  const base = templates({});

  describe.each(CHANGES)('%s', (_name, overrides, expected) => {
    const changed = templates(overrides);
    const replaced = [...base].map(([name, before]) => ({
      name,
      before,
      replaced: replacedResources(before, changed.get(name) ?? {}),
    }));

    it('replaces exactly the resources docs/DEPLOY.md says', () => {
      const counts: Record<string, number> = {};
      for (const r of replaced)
        for (const type of r.replaced.values()) counts[type] = (counts[type] ?? 0) + 1;
      expect(counts).toEqual(expected);
    });

    it('replaces nothing that another stack references strongly (an update would be refused)', () => {
      for (const r of replaced) {
        const strong = stronglyReferenced(r.before);
        expect([r.name, [...r.replaced.keys()].filter((id) => strong.has(id))]).toEqual([r.name, []]);
      }
    });
  });

  it('would catch a strong reference to a replaced resource (the identity stack exports the user pool)', () => {
    const identity = (base.get('active-active-identity') ?? {}) as {
      Resources?: Record<string, { Type: string }>;
    };
    const strong = stronglyReferenced(identity);
    const pools = Object.entries(identity.Resources ?? {}).filter(
      ([, r]) => r.Type === 'AWS::Cognito::UserPool',
    );
    expect(pools).toHaveLength(1);
    expect(strong.has(pools[0][0])).toBe(true);
  });
});
