import { Annotations, type App, ReferenceStrength, Tags } from 'aws-cdk-lib';
import type { AppConfig } from '../config/app-config';
import type { WatchedHealthCheck } from '../constructs/health-check-alarms';
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
    healthChecks: new Map([...regional].map(([r, s]) => [r, watchedHealthCheck(s)])),
    crossRegionReferences: true,
    description: `${config.appName}: Route 53 health-check alarms (metrics exist only in us-east-1)`,
  });
  for (const stack of [identity, ...regional.values(), healthAlarms]) {
    Annotations.of(stack).acknowledgeWarning(
      '@aws-cdk/core:crossStackReferencesDefaultStrong',
      'Strong by default (CloudFormation refuses to delete the user pool while a region uses it); the health check ids are weak on purpose, see watchedHealthCheck.',
    );
  }
  return { identity, regional, healthAlarms };
}

/**
 * A region's routing health check (the CALCULATED check over `/health` and the item-route alarms, or the
 * `/health` check alone when those are off) as the us-east-1 alarms reference it: the check the records
 * follow, so the alarm fires exactly when Route 53 takes the region out. Changing a create-only setting
 * (`healthCheck.intervalSeconds`) replaces the `/health` check and its id, and turning the item-route alarms
 * on or off swaps the routing check. A strong reference would block that
 * (`Fn::ImportValue`: "Export … cannot be updated as it is in use"; the cross-region export writer refuses
 * to change a value that is imported), so the id is read with `Fn::GetStackOutput` (weak: resolved when
 * the alarms stack deploys, which `cdk deploy --all` does after every regional stack), and the settings
 * go into the alarm so that the alarms template changes whenever the id does.
 */
function watchedHealthCheck(stack: RegionalStack): WatchedHealthCheck {
  const { routingHealthCheck, routingHealthSettings } = stack.routing;
  routingHealthCheck.applyCrossStackReferenceStrength(ReferenceStrength.WEAK);
  return { id: routingHealthCheck.healthCheckId, settings: routingHealthSettings };
}
