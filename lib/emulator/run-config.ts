import { readFileSync, writeFileSync } from 'node:fs';
import { CreateHostedZoneCommand, type Route53Client } from '@aws-sdk/client-route-53';
import type { AppConfig } from '../config/app-config';

/**
 * The config the run deploys: the project's own, with the one thing a user must create before deploying
 * (the public hosted zone) pointing at a zone created in the emulator. Nothing else changes, so the
 * templates are the app's own (test/lib/emulator/run-config.test.ts holds this to one field).
 */
export function runConfig(projectConfig: Readonly<Record<string, unknown>>, hostedZoneId: string) {
  return { ...projectConfig, hostedZoneId };
}

/** cdk.json's `context.config` as written (not parsed, so defaults stay defaults). */
export function projectConfigOf(cdkJsonPath: string): Record<string, unknown> {
  return (JSON.parse(readFileSync(cdkJsonPath, 'utf8')) as { context: { config: Record<string, unknown> } })
    .context.config;
}

/** Creates the config's public hosted zone in the emulator, as a user does before the first deploy. */
export async function createHostedZone(
  client: Pick<Route53Client, 'send'>,
  config: AppConfig,
): Promise<string> {
  const { HostedZone } = await client.send(
    new CreateHostedZoneCommand({ Name: config.hostedZoneName, CallerReference: `emulator-${Date.now()}` }),
  );
  const id = HostedZone?.Id?.split('/').pop();
  if (!id) throw new Error(`CreateHostedZone for ${config.hostedZoneName} answered no id`);
  return id;
}

export function writeConfigFile(path: string, config: unknown): void {
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
}
