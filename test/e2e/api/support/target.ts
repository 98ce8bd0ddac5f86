import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startTestSandbox } from '../../support/sandbox-fixture';

/**
 * What the black-box API tests run against: each region's API base URL and a token endpoint with the
 * sandbox's contract. With E2E_ENDPOINTS=<endpoints.json> that is whatever the file names (the emulator
 * run writes .emulator/endpoints.json; a running sandbox has .sandbox/endpoints.json); without it the
 * tests start a sandbox of their own. The tests use nothing else, so they run unchanged against both.
 */
export interface ApiTarget {
  readonly name: string;
  readonly regions: Readonly<Record<string, string>>;
  readonly issuer: string;
  stop(): Promise<void>;
}

export async function apiTarget(): Promise<ApiTarget> {
  const file = process.env.E2E_ENDPOINTS;
  if (file) {
    const endpoints = JSON.parse(readFileSync(file, 'utf8')) as {
      regions: Record<string, string>;
      issuer: string;
    };
    if (!endpoints.issuer || Object.keys(endpoints.regions ?? {}).length < 2) {
      throw new Error(`${file}: needs "issuer" and at least two "regions"`);
    }
    return { name: file, regions: endpoints.regions, issuer: endpoints.issuer, stop: async () => undefined };
  }
  const sandbox = await startTestSandbox();
  return {
    name: 'a test sandbox',
    regions: sandbox.endpoints.regions,
    issuer: sandbox.endpoints.issuer,
    stop: sandbox.stop,
  };
}

/** A username no earlier run used: the emulator's pool and table outlive a test file. */
export const uniqueUser = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

/** Tokens for a user with these groups, from the target's token endpoint. */
export async function tokensFor(target: ApiTarget, username: string, groups: string[] = ['member']) {
  const res = await fetch(`${target.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, groups }),
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { access_token: string; id_token: string };
}

/** The `sub` claim of a token (the item owner id), read without verifying: the API verifies. */
export const subOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sub: string }).sub;
