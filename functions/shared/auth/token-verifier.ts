import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { type Jwks, SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { JwtVerifier } from 'aws-jwt-verify/jwt-verifier';
import { logger } from '../observability';
import { jwksFetcher } from './jwks-fetcher';
import { loadJwks, saveJwks } from './jwks-store';

/** Where tokens come from and whom they must be for. */
export interface TokenVerifierOptions {
  /** Expected `iss`; the JWKS is at `${issuer}/.well-known/jwks.json`. */
  readonly issuer: string;
  /** Expected `client_id` of access tokens (the Cognito app client). */
  readonly clientId: string;
}

export interface TokenVerifier {
  /** Resolves to the verified payload; rejects for any invalid, expired or foreign token. */
  verify(token: string): Promise<JwtPayload>;
}

/** A JWKS cache that writes every JWKS it had to fetch back to the table, for the other regions. */
class ReplicatedJwksCache extends SimpleJwksCache {
  constructor(private readonly issuer: string) {
    super({ fetcher: jwksFetcher });
  }

  override async getJwks(jwksUri: string): Promise<Jwks> {
    const jwks = await super.getJwks(jwksUri);
    await saveJwks(this.issuer, jwks).catch((error) => logger.warn('could not store the JWKS', { error }));
    return jwks;
  }
}

/**
 * Verifies Cognito access tokens with aws-jwt-verify's JwtVerifier (v5's name for JwtRsaVerifier) and
 * Cognito's own claim checks: signature, `iss`, expiry, `token_use === 'access'`, `client_id`.
 * Its JWKS comes first from the table replica (`cacheJwks`, no call to the pool's region); only when
 * that is missing or lacks the token's `kid` is it fetched from the issuer and written back.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const issuer = options.issuer.replace(/\/+$/, '');
  const verifier = JwtVerifier.create(
    {
      issuer,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      audience: null, // Cognito access tokens carry client_id, not aud: checked below.
      customJwtCheck: ({ payload }) =>
        validateCognitoJwtFields(payload, { tokenUse: 'access', clientId: options.clientId }),
    },
    { jwksCache: new ReplicatedJwksCache(issuer) },
  );
  const warmed = loadJwks(issuer)
    .then((jwks) => {
      if (jwks) verifier.cacheJwks(jwks);
    })
    .catch((error) => logger.warn('could not load the JWKS from the table; will fetch it', { error }));
  return {
    verify: async (token) => {
      await warmed;
      return verifier.verify(token);
    },
  };
}
