import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { findJwkInJwks, type Jwks, type JwkWithKid, SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { DecomposedJwt } from 'aws-jwt-verify/jwt';
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
  /**
   * KMS key (this region's replica of the multi-Region JWKS signing key) that signs the table's JWKS
   * copy when this authorizer writes it, and verifies it before any key from it is used.
   */
  readonly signingKeyId: string;
}

export interface TokenVerifier {
  /**
   * Resolves to the verified payload; rejects for any invalid, expired or foreign token, and with a
   * `JwksUnavailableError` when the token cannot be checked at all.
   */
  verify(token: string): Promise<JwtPayload>;
}

/**
 * No JWKS holding the token's key id could be obtained: the issuer failed and the table has no copy with
 * that key (or could not be read). An infrastructure failure, not a verdict on the token.
 */
export class JwksUnavailableError extends Error {
  override readonly name = 'JwksUnavailableError';
}

/** The issuer's JWKS endpoint failed (unreachable, timeout, an error status, not a JWKS). */
class JwksFetchError extends Error {
  override readonly name = 'JwksFetchError';
}

/** The key ids of a JWKS, sorted: what tells two versions of an issuer's JWKS apart. */
const keyIdsOf = (jwks: Jwks | undefined) =>
  (jwks?.keys ?? [])
    .map((key) => key.kid ?? '')
    .sort()
    .join(' ');

/**
 * aws-jwt-verify's JWKS cache, backed by the copy in the replicated table: it is primed from this
 * region's replica, falls back to it when the issuer fails, and writes a fetched JWKS back only when its
 * key ids differ from the stored copy (a rotation), so that tokens with unknown `kid`s cause no writes.
 */
class ReplicatedJwksCache extends SimpleJwksCache {
  /** Key ids of the table's copy as this container last read or wrote it; undefined while unknown. */
  private storedKeyIds: string | undefined;
  /** The cache holds a JWKS (from the table or the issuer): no more warm-up reads needed. */
  private primed = false;
  private warming: Promise<void> | undefined;

  constructor(
    private readonly issuer: string,
    private readonly jwksUri: string,
    private readonly signingKeyId: string,
  ) {
    super({ fetcher: jwksFetcher });
  }

  /**
   * Primes the cache with the table's copy. Reads once per container; a failed read (a timeout at cold
   * start, say) is retried by the next call, until a read succeeds or the cache got a JWKS elsewhere.
   */
  warmUp(): Promise<void> {
    if (this.primed) return Promise.resolve();
    this.warming ??= this.loadStored().then(
      (jwks) => {
        if (jwks && !this.primed) this.prime(jwks);
      },
      (error) => {
        this.warming = undefined;
        logger.warn('could not load the JWKS from the table; will retry on the next request', { error });
      },
    );
    return this.warming;
  }

  /** Fetches from the issuer; writes the JWKS back to the table only if its key ids changed. */
  override async getJwks(jwksUri: string): Promise<Jwks> {
    let jwks: Jwks;
    try {
      jwks = await super.getJwks(jwksUri);
    } catch (error) {
      throw new JwksFetchError(`could not fetch the JWKS from ${jwksUri}`, { cause: error });
    }
    this.primed = true;
    if (keyIdsOf(jwks) !== this.storedKeyIds) {
      try {
        await saveJwks(this.issuer, jwks, this.signingKeyId);
        this.storedKeyIds = keyIdsOf(jwks);
      } catch (error) {
        logger.warn('could not store the JWKS', { error });
      }
    }
    return jwks;
  }

  /** As aws-jwt-verify's, but when the issuer fails the key may still come from the table's copy. */
  override async getJwk(jwksUri: string, decomposedJwt: DecomposedJwt): Promise<JwkWithKid> {
    try {
      return await super.getJwk(jwksUri, decomposedJwt);
    } catch (error) {
      if (!(error instanceof JwksFetchError)) throw error;
      return this.storedJwk(String(decomposedJwt.header.kid), error);
    }
  }

  /** The token's key from the table's copy (the pool's region may be down); else JwksUnavailableError. */
  private async storedJwk(kid: string, fetchError: JwksFetchError): Promise<JwkWithKid> {
    const stored = await this.loadStored().catch((error) => {
      logger.warn('could not load the JWKS from the table', { error });
      return undefined;
    });
    const jwk = stored && findJwkInJwks(stored, kid);
    if (!stored || !jwk) {
      throw new JwksUnavailableError(
        `no JWKS with kid ${kid}: the issuer failed and ${stored ? "the table's copy lacks it" : 'the table has no copy'}`,
        { cause: fetchError },
      );
    }
    logger.warn('the issuer failed; verifying with the JWKS copy from the table', { error: fetchError });
    this.prime(stored);
    return jwk;
  }

  private async loadStored(): Promise<Jwks | undefined> {
    // A copy without a valid signature reads as none: its key ids are '' so the next fetch rewrites it.
    const jwks = await loadJwks(this.issuer, this.signingKeyId);
    this.storedKeyIds = keyIdsOf(jwks);
    return jwks;
  }

  private prime(jwks: Jwks): void {
    this.addJwks(this.jwksUri, jwks);
    this.primed = true;
  }
}

/**
 * Verifies Cognito access tokens with aws-jwt-verify's JwtVerifier (v5's name for JwtRsaVerifier) and
 * Cognito's own claim checks: signature, `iss`, expiry, `token_use === 'access'`, `client_id`.
 * Its JWKS comes first from the table replica (no call to the pool's region), and only from a copy whose
 * KMS signature verifies (see jwks-signature.ts); only when that is missing
 * or lacks the token's `kid` is it fetched from the issuer (and written back if its keys changed). When
 * the issuer fails, the table's copy is used if it has the `kid`; if it has not, `verify` rejects with
 * `JwksUnavailableError`.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const issuer = options.issuer.replace(/\/+$/, '');
  const jwksUri = `${issuer}/.well-known/jwks.json`;
  const jwksCache = new ReplicatedJwksCache(issuer, jwksUri, options.signingKeyId);
  const verifier = JwtVerifier.create(
    {
      issuer,
      jwksUri,
      audience: null, // Cognito access tokens carry client_id, not aud: checked below.
      customJwtCheck: ({ payload }) =>
        validateCognitoJwtFields(payload, { tokenUse: 'access', clientId: options.clientId }),
    },
    { jwksCache },
  );
  void jwksCache.warmUp();
  return {
    verify: async (token) => {
      await jwksCache.warmUp();
      return verifier.verify(token);
    },
  };
}
