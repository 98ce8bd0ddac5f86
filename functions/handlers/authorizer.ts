import { createRequestAuthorizer } from '../shared/auth/request-authorizer';

/**
 * REQUEST authorizer for every authorized route: verifies the Cognito (or sandbox) access token and
 * passes `sub`, `username` and `groups` to the handlers. Configured by JWT_ISSUER and JWT_CLIENT_ID.
 */
export const handler = createRequestAuthorizer();
