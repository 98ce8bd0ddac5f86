import { Annotations, type App, Tags } from 'aws-cdk-lib';
import type { AppConfig } from '../config/app-config';
import { HealthAlarmsStack } from './health-alarms-stack';
import { IdentityStack } from './identity-stack';
import { HEALTH_METRICS_REGION, healthAlarmsStackName, identityStackName, regionalStackName } from './names';
import { RegionalStack } from './regional-stack';

/** Every stack of the app, as created by {@link createStacks}. */
export interface AppStacks {
  readonly identity: IdentityStack;
  /** Region → its stack, in config order. */
  readonly regional: ReadonlyMap<string, RegionalStack>;
  readonly healthAlarms: HealthAlarmsStack;
}

/**
 * Creates every stack from a validated config. Deploy order (CDK derives it from the dependencies):
 * identity → non-primary regions (their keys must exist before replicas use them) → primary region
 * (global table, backup) → health alarms (us-east-1).
 */
export function createStacks(app: App, config: AppConfig): AppStacks {
  const env = (region: string) => ({ account: config.account, region });
  Tags.of(app).add('AppName', config.appName);

  const identity = new IdentityStack(app, identityStackName(config), {
    env: env(config.primaryRegion),
    config,
    crossRegionReferences: true,
    description: `${config.appName}: Cognito user pool`,
  });
  const regional = new Map<string, RegionalStack>();
  for (const region of config.regions) {
    const stack = new RegionalStack(app, regionalStackName(config, region), {
      env: env(region),
      config,
      jwtIssuer: identity.identity.issuer,
      jwtClientId: identity.identity.client.userPoolClientId,
      jwksSigningKeyArn: identity.jwksSigningKey.key.keyArn,
      crossRegionReferences: true,
      description: `${config.appName}: ${region} (API, keys, routing, alarms${region === config.primaryRegion ? ', global table, backup' : ''})`,
    });
    Tags.of(stack).add('AppRegion', region);
    regional.set(region, stack);
  }
  const primary = regional.get(config.primaryRegion) as RegionalStack;
  for (const [region, stack] of regional) {
    if (region !== config.primaryRegion)
      primary.addStackDependency(stack, 'replica keys and the backup copy vault');
  }
  const healthAlarms = new HealthAlarmsStack(app, healthAlarmsStackName(config), {
    env: env(HEALTH_METRICS_REGION),
    config,
    healthChecks: new Map([...regional].map(([r, s]) => [r, s.routing.healthCheck.healthCheckId])),
    crossRegionReferences: true,
    description: `${config.appName}: Route 53 health-check alarms (metrics exist only in us-east-1)`,
  });
  for (const stack of [identity, ...regional.values(), healthAlarms]) {
    Annotations.of(stack).acknowledgeWarning(
      '@aws-cdk/core:crossStackReferencesDefaultStrong',
      'Strong references are wanted: CloudFormation refuses to delete what another stack still uses (user pool, health checks).',
    );
  }
  return { identity, regional, healthAlarms };
}
