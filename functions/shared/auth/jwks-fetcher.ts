import type { Fetcher } from 'aws-jwt-verify/https';

/** Cognito answers in milliseconds; a slow JWKS endpoint must not eat the authorizer's time budget. */
const FETCH_TIMEOUT_MS = 3000;

/**
 * Fetches the JWKS with the runtime's fetch. aws-jwt-verify's own fetcher speaks HTTPS only; the local
 * sandbox's issuer is plain HTTP on loopback, and both must run the same verification code.
 */
export const jwksFetcher: Fetcher = {
  fetch: async (uri) => {
    const response = await fetch(uri, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (response.status !== 200) throw new Error(`JWKS fetch from ${uri} answered ${response.status}`);
    return response.arrayBuffer();
  },
};
