import { randomBytes } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  GetGroupCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';

/** The pool and app client that sign users in, as deployed. */
export interface PoolRef {
  readonly userPoolId: string;
  readonly clientId: string;
}

export interface Tokens {
  readonly access_token: string;
  readonly id_token: string;
}

type Client = Pick<CognitoIdentityProviderClient, 'send'>;

/**
 * The pool signs in by email (signInAliases: email), so the sandbox contract's bare username becomes an
 * address under a reserved domain (RFC 2606); one that is already an address is kept.
 */
export const emailOf = (username: string) =>
  username.includes('@') ? username : `${username}@users.example.test`;

/** A fresh password that meets the pool's policy (12+ characters, upper, lower, digit, symbol). */
export const newPassword = () => `Aa1!${randomBytes(12).toString('base64url')}`;

const nameOf = (error: unknown) => (error as { name?: string }).name;

/**
 * The sandbox's `POST /token` contract on the deployed Cognito pool: creates the user if new (no
 * invitation message), sets a fresh permanent password, makes its groups exactly `groups` (creating a
 * group the pool lacks, as the sandbox accepts any), and signs in with USER_PASSWORD_AUTH, which the
 * app client allows. The tokens are the pool's own.
 */
export async function signInAs(
  client: Client,
  pool: PoolRef,
  username: string,
  groups: readonly string[],
): Promise<Tokens> {
  const Username = emailOf(username);
  const { userPoolId: UserPoolId, clientId: ClientId } = pool;
  try {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: Username },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
  } catch (error) {
    if (nameOf(error) !== 'UsernameExistsException') throw error;
  }
  const Password = newPassword();
  await client.send(new AdminSetUserPasswordCommand({ UserPoolId, Username, Password, Permanent: true }));
  await setGroups(client, UserPoolId, Username, groups);
  const auth = await client.send(
    new InitiateAuthCommand({
      ClientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: Username, PASSWORD: Password },
    }),
  );
  const result = auth.AuthenticationResult;
  if (!result?.AccessToken || !result.IdToken) {
    throw new Error(
      `sign-in of ${Username} answered a challenge (${auth.ChallengeName ?? 'none'}), not tokens`,
    );
  }
  return { access_token: result.AccessToken, id_token: result.IdToken };
}

async function setGroups(client: Client, UserPoolId: string, Username: string, groups: readonly string[]) {
  const current = await client.send(new AdminListGroupsForUserCommand({ UserPoolId, Username }));
  const have = new Set((current.Groups ?? []).map((g) => g.GroupName as string));
  for (const GroupName of have) {
    if (!groups.includes(GroupName)) {
      await client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId, Username, GroupName }));
    }
  }
  for (const GroupName of groups) {
    if (have.has(GroupName)) continue;
    try {
      await client.send(new GetGroupCommand({ UserPoolId, GroupName }));
    } catch (error) {
      if (nameOf(error) !== 'ResourceNotFoundException') throw error;
      await client.send(new CreateGroupCommand({ UserPoolId, GroupName }));
    }
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId, Username, GroupName }));
  }
}
