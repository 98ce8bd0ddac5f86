import 'aws-sdk-client-mock-jest';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  GetGroupCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { emailOf, newPassword, signInAs } from '../../../lib/emulator/cognito-users';

const cognito = mockClient(CognitoIdentityProviderClient);
const pool = { userPoolId: 'us-east-1_pool', clientId: 'client' };
const client = new CognitoIdentityProviderClient({ region: 'us-east-1' });
const named = (name: string) => Object.assign(new Error(name), { name });

beforeEach(() => {
  cognito.reset();
  cognito
    .on(InitiateAuthCommand)
    .resolves({ AuthenticationResult: { AccessToken: 'access', IdToken: 'id' } });
  cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [] });
});

describe('signInAs (the token endpoint on the emulated pool)', () => {
  it('creates a new user without an invitation, sets a permanent password, adds its groups and signs in with it', async () => {
    cognito.on(GetGroupCommand).resolves({});
    const tokens = await signInAs(client, pool, 'alice', ['member']);
    expect(tokens).toEqual({ access_token: 'access', id_token: 'id' });
    expect(cognito).toHaveReceivedCommandWith(AdminCreateUserCommand, {
      UserPoolId: 'us-east-1_pool',
      Username: 'alice@users.example.test',
      MessageAction: 'SUPPRESS',
    });
    const password = cognito.commandCalls(AdminSetUserPasswordCommand)[0].args[0].input;
    expect(password).toMatchObject({ Username: 'alice@users.example.test', Permanent: true });
    expect(cognito).toHaveReceivedCommandWith(AdminAddUserToGroupCommand, { GroupName: 'member' });
    expect(cognito).not.toHaveReceivedCommand(CreateGroupCommand);
    expect(cognito).toHaveReceivedCommandWith(InitiateAuthCommand, {
      ClientId: 'client',
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'alice@users.example.test', PASSWORD: password.Password as string },
    });
  });

  it('reuses an existing user and makes its groups exactly the requested ones, creating a missing group', async () => {
    cognito.on(AdminCreateUserCommand).rejects(named('UsernameExistsException'));
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [{ GroupName: 'member' }] });
    cognito.on(GetGroupCommand).rejects(named('ResourceNotFoundException'));
    await signInAs(client, pool, 'bob@example.org', ['ops']);
    expect(cognito).toHaveReceivedCommandWith(AdminRemoveUserFromGroupCommand, {
      Username: 'bob@example.org',
      GroupName: 'member',
    });
    expect(cognito).toHaveReceivedCommandWith(CreateGroupCommand, { GroupName: 'ops' });
    expect(cognito).toHaveReceivedCommandWith(AdminAddUserToGroupCommand, { GroupName: 'ops' });
  });

  it('fails on any other Cognito error and when sign-in answers a challenge instead of tokens', async () => {
    cognito.on(AdminCreateUserCommand).rejectsOnce(named('InvalidParameterException'));
    await expect(signInAs(client, pool, 'carol', [])).rejects.toThrow('InvalidParameterException');
    cognito.on(InitiateAuthCommand).resolves({ ChallengeName: 'SOFTWARE_TOKEN_MFA' });
    await expect(signInAs(client, pool, 'carol', [])).rejects.toThrow(
      'answered a challenge (SOFTWARE_TOKEN_MFA)',
    );
  });

  it("makes passwords that meet the pool's policy and addresses under a reserved domain", () => {
    const password = newPassword();
    expect(password).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z0-9]).{12,}$/);
    expect(newPassword()).not.toBe(password);
    expect([emailOf('alice'), emailOf('a@b.c')]).toEqual(['alice@users.example.test', 'a@b.c']);
  });
});
