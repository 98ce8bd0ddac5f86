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

const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
]);

/** Turns an SDK credentials failure into CredentialsError; any other error passes through unchanged. */
export function explainAwsError(e: unknown): unknown {
  const name = (e as { name?: string } | null)?.name;
  if (name && CREDENTIAL_ERRORS.has(name)) return new CredentialsError((e as Error).message || name);
  return e;
}
