/** Every error the drill raises on purpose; the CLI prints `message` alone, without a stack. */
export class DrillError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnknownRegionError extends DrillError {
  constructor(region: string, regions: readonly string[]) {
    super(`Unknown region "${region}": the config's regions are ${regions.join(', ')}`);
  }
}

export class NoHealthChecksError extends DrillError {
  constructor(appName: string, missing: readonly string[], how: string) {
    super(
      `No health check found for ${missing.join(', ')} (app "${appName}"; ${how}). ` +
        'Is the app deployed with this config?',
    );
  }
}

/** Raised before anything changes when the starting state is not all-healthy. */
export class RefusedError extends DrillError {}

export class DrillTimeoutError extends DrillError {}

export class DrillAbortedError extends DrillError {}

/** Missing or expired AWS credentials, told in terms of what to do about it. */
export class CredentialsError extends DrillError {
  constructor(cause: string) {
    super(
      `AWS credentials are missing or expired (${cause}). Configure them first, for example ` +
        '`aws sso login --profile <p>` then `AWS_PROFILE=<p> npm run drill -- ...`, or set ' +
        'AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY. To drill the local sandbox instead, pass --target local.',
    );
  }
}

/**
 * Names of the SDK's errors for missing, expired or rejected credentials: the credential chain's
 * CredentialsProviderError and TokenProviderError (an expired SSO session, @smithy/property-provider) and
 * the services' answers to expired or unknown keys. Matched by name, not class: each client may bring its
 * own copy of the provider package.
 */
const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'TokenProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
]);

/** true for an SDK credentials failure (or the CredentialsError made of one); false for anything else. */
export function isCredentialsError(e: unknown): boolean {
  if (e instanceof CredentialsError) return true;
  const name = (e as { name?: string } | null)?.name;
  return !!name && CREDENTIAL_ERRORS.has(name);
}

/** Turns an SDK credentials failure into CredentialsError; any other error passes through unchanged. */
export function explainAwsError(e: unknown): unknown {
  if (e instanceof CredentialsError || !isCredentialsError(e)) return e;
  return new CredentialsError((e as Error).message || (e as Error).name);
}
