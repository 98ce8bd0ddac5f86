import { parseConfig, parseSesIdentityArn } from '../../../lib/config/app-config';
import { problemsOf, VALID } from './problems';

const domainIdentity = 'arn:aws:ses:eu-central-1:123456789012:identity/example.com';

describe('cognito.email', () => {
  it("is absent by default: Cognito's built-in sender", () => {
    expect(parseConfig(VALID).cognito.email).toBeUndefined();
  });

  it('accepts an address in a verified domain in the pool region, with name, reply-to and configuration set', () => {
    const email = {
      fromAddress: 'no-reply@example.com',
      fromName: 'Shop',
      replyTo: 'support@example.com',
      sesIdentityArn: domainIdentity,
      configurationSet: 'shop-mail',
    };
    expect(parseConfig({ ...VALID, cognito: { email } }).cognito.email).toEqual(email);
  });

  it("accepts the SES Region Cognito's legacy mapping gives the pool Region, and a verified address", () => {
    const email = {
      fromAddress: 'Ops@Example.com',
      sesIdentityArn: 'arn:aws:ses:eu-west-1:123456789012:identity/ops@example.com',
    };
    expect(parseConfig({ ...VALID, cognito: { email } }).cognito.email).toEqual(email);
    expect(parseSesIdentityArn(email.sesIdentityArn)).toEqual({
      region: 'eu-west-1',
      account: '123456789012',
      identity: 'ops@example.com',
    });
  });

  it.each([
    [
      { sesIdentityArn: 'arn:aws:ses:us-west-2:123456789012:identity/example.com' },
      'cognito.email.sesIdentityArn: must be in eu-central-1 or eu-west-1: a user pool in eu-central-1 can send only with SES there',
    ],
    [
      { sesIdentityArn: 'arn:aws:ses:eu-central-1:999999999999:identity/example.com' },
      "cognito.email.sesIdentityArn: must be in account 123456789012: Cognito cannot send with another account's SES identity",
    ],
    [
      { sesIdentityArn: 'example.com' },
      'cognito.email.sesIdentityArn: must be an SES identity ARN such as "arn:aws:ses:us-east-1:111111111111:identity/example.com"',
    ],
    [
      { fromAddress: 'no-reply@mail.other.com' },
      'cognito.email.fromAddress: must be an address in example.com, the verified SES domain of sesIdentityArn',
    ],
    [
      {
        fromAddress: 'someone@example.com',
        sesIdentityArn: 'arn:aws:ses:eu-central-1:123456789012:identity/ops@example.com',
      },
      'cognito.email.fromAddress: must be ops@example.com, the verified SES address of sesIdentityArn',
    ],
    [{ fromAddress: 'nobody' }, 'cognito.email.fromAddress: must be an email address'],
    [{ replyTo: 'nobody' }, 'cognito.email.replyTo: must be an email address'],
    [{ fromName: 'Shop <x>' }, 'cognito.email.fromName: must not contain <, >, " or line breaks'],
    [
      { configurationSet: 'has space' },
      'cognito.email.configurationSet: must be an SES configuration set name (1-64 letters, digits, _ or -)',
    ],
  ])('rejects %j with a field-specific message', (patch, message) => {
    const email = { fromAddress: 'no-reply@example.com', sesIdentityArn: domainIdentity, ...patch };
    expect(problemsOf({ ...VALID, cognito: { email } })).toContain(message);
  });

  it('allows only the pool Region itself where no legacy mapping exists', () => {
    const email = {
      fromAddress: 'no-reply@example.com',
      sesIdentityArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
    };
    expect(
      problemsOf({
        ...VALID,
        regions: ['eu-north-1', 'eu-west-1'],
        primaryRegion: 'eu-north-1',
        cognito: { email },
      }),
    ).toContain(
      'cognito.email.sesIdentityArn: must be in eu-north-1: a user pool in eu-north-1 can send only with SES there',
    );
  });
});
