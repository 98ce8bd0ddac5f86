import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AppConfig, ConfigError, parseConfig } from './app-config';

/** Where the config comes from: a JSON file, or the `config` object of cdk.json's context. */
export interface ConfigSource {
  /** Path of a JSON config file (same schema); wins over `context`. */
  readonly configFile?: string;
  /** The value of the `config` context key, used when no file is given. */
  readonly context?: unknown;
}

/** Loads and validates the config once; every entry point (CDK app, sandbox, drill) goes through here. */
export function loadConfig(source: ConfigSource): AppConfig {
  if (source.configFile) {
    const path = resolve(source.configFile);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new ConfigError(path, [`cannot read JSON: ${(e as Error).message}`]);
    }
    return parseConfig(raw, path);
  }
  if (source.context === undefined) {
    throw new ConfigError('cdk.json', [
      'config: missing; set context.config in cdk.json or pass -c configFile=path',
    ]);
  }
  return parseConfig(source.context, 'cdk.json context "config"');
}

/** Reads the default config straight from cdk.json, for tools that run outside the CDK (sandbox, drill). */
export function loadProjectConfig(
  configFile?: string,
  cdkJsonPath = resolve(__dirname, '../../cdk.json'),
): AppConfig {
  if (configFile) return loadConfig({ configFile });
  const cdkJson = JSON.parse(readFileSync(cdkJsonPath, 'utf8')) as { context?: { config?: unknown } };
  return loadConfig({ context: cdkJson.context?.config });
}
