/** Credentials of the synthetic user that the pipeline's probes sign in as. */
export interface CognitoCredentials {
  /** Region of the user pool (`primaryRegion`). */
  readonly region: string;
  /** App client id (USER_PASSWORD_AUTH is enabled on it). */
  readonly clientId: string;
  readonly username: string;
  /** From Secrets Manager, handed to the probe step by CodeBuild; never in code or config. */
  readonly password: string;
}

/**
 * An access token from Cognito's public `InitiateAuth` (USER_PASSWORD_AUTH). The call needs no AWS
 * signature, so the probe needs no SDK; see
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
 */
export async function cognitoAccessToken(
  c: CognitoCredentials,
  doFetch: typeof fetch = fetch,
): Promise<string> {
  const res = await doFetch(`https://cognito-idp.${c.region}.amazonaws.com/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    },
    body: JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: c.clientId,
      AuthParameters: { USERNAME: c.username, PASSWORD: c.password },
    }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json().catch(() => ({}))) as {
    AuthenticationResult?: { AccessToken?: string };
    ChallengeName?: string;
    __type?: string;
    message?: string;
  };
  if (res.status !== 200) {
    throw new Error(
      `Cognito sign-in of ${c.username} failed (${res.status} ${body.__type ?? ''}: ${body.message ?? ''})`,
    );
  }
  if (body.ChallengeName) {
    throw new Error(
      `Cognito asks ${c.username} for ${body.ChallengeName}; the synthetic user must sign in with a password only`,
    );
  }
  const token = body.AuthenticationResult?.AccessToken;
  if (!token) throw new Error('Cognito answered without an access token');
  return token;
}

/** An access token from the local sandbox's identity provider (`POST {issuer}/token`), for `--target local`. */
export async function sandboxAccessToken(issuer: string, doFetch: typeof fetch = fetch): Promise<string> {
  const res = await doFetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'pipeline-probe', groups: ['member'] }),
  });
  if (res.status !== 200) throw new Error(`sandbox token request failed: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}
