import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DrillError } from '../errors';

/** What the running sandbox writes to `.sandbox/endpoints.json`. */
export interface SandboxEndpoints {
  readonly router: string;
  readonly regions: Readonly<Record<string, string>>;
  readonly issuer: string;
  readonly control: string;
  /** Each region's DynamoDB endpoint (writes through it replicate), when the sandbox publishes them. */
  readonly dynamodb?: Readonly<Record<string, string>>;
}

export const DEFAULT_ENDPOINTS_FILE = '.sandbox/endpoints.json';

/** Reads the sandbox's endpoints, with a clear message when the sandbox has not been started. */
export function readSandboxEndpoints(file = DEFAULT_ENDPOINTS_FILE): SandboxEndpoints {
  const path = resolve(file);
  let raw: Partial<SandboxEndpoints>;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new DrillError(
      `Cannot read the sandbox endpoints at ${path} (${(e as Error).message}). Start the sandbox with ` +
        '`npm start` in another terminal first.',
    );
  }
  for (const key of ['router', 'control', 'issuer'] as const) {
    if (typeof raw[key] !== 'string')
      throw new DrillError(`${path}: "${key}" is missing; restart the sandbox`);
  }
  return raw as SandboxEndpoints;
}
