/** Every error the preflight raises on purpose; the CLI prints `message` alone, without a stack. */
export class PreflightError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The deployed state could not be read (credentials, permissions); nothing can be concluded. */
export class StateUnreadableError extends PreflightError {}

/** SDK errors that mean "no usable credentials", whatever the region. */
const NO_CREDENTIALS = new Set(['CredentialsProviderError', 'ExpiredToken', 'ExpiredTokenException']);

/**
 * What AWS answers in a region that is not enabled for the account (opt-in regions) — and also to keys it
 * does not know at all, so it only means "region not enabled" once another region has accepted the keys.
 */
const TOKEN_REFUSED = new Set(['UnrecognizedClientException', 'InvalidClientTokenId']);

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException']);

export const errorName = (e: unknown): string => (e as { name?: string } | null)?.name ?? 'Error';

export const isTokenRefused = (e: unknown): boolean => TOKEN_REFUSED.has(errorName(e));

/** Permissions the preflight needs, named in the access-denied message. */
export const REQUIRED_PERMISSIONS = [
  'dynamodb:DescribeTable',
  'cloudformation:ListStacks',
  'cloudformation:DescribeStacks',
];

/** Turns credential and permission failures into a StateUnreadableError that says what to do. */
export function explainStateError(e: unknown, region: string): unknown {
  const name = errorName(e);
  const detail = (e as Error)?.message || name;
  if (NO_CREDENTIALS.has(name) || TOKEN_REFUSED.has(name)) {
    return new StateUnreadableError(
      `AWS credentials are missing, expired or refused in ${region} (${detail}). The preflight reads the ` +
        "deployed table and stacks, so it needs credentials for the config's account: for example " +
        '`aws sso login --profile <p>` then `AWS_PROFILE=<p> npm run preflight`.',
    );
  }
  if (ACCESS_DENIED.has(name)) {
    return new StateUnreadableError(
      `Access denied in ${region} (${detail}). The preflight needs ${REQUIRED_PERMISSIONS.join(', ')}.`,
    );
  }
  return e;
}
