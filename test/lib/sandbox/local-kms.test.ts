import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  KMSClient,
  KMSInvalidSignatureException,
  NotFoundException,
  SignCommand,
  VerifyCommand,
} from '@aws-sdk/client-kms';
import { type LocalKms, localJwksKeyArn, startLocalKms } from '../../../lib/sandbox/local-kms';
import { rawRequest } from '../../helpers/raw-http';

describe('local KMS (stand-in for the multi-Region JWKS signing key)', () => {
  let dir: string;
  let kms: LocalKms;
  let client: KMSClient;
  const digest = Buffer.alloc(32, 7);
  const sign = (keyId: string) =>
    client.send(
      new SignCommand({
        KeyId: keyId,
        Message: digest,
        MessageType: 'DIGEST',
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
  const verify = (keyId: string, message: Uint8Array, signature: Uint8Array) =>
    client.send(
      new VerifyCommand({
        KeyId: keyId,
        Message: message,
        MessageType: 'DIGEST',
        Signature: signature,
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kms-'));
    kms = await startLocalKms({ keyFile: join(dir, 'kms', 'key.pem') });
    client = new KMSClient({
      endpoint: kms.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterAll(async () => {
    client.destroy();
    await kms.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("signs in one region and verifies in another, as a multi-Region key's replicas do", async () => {
    // Act
    const { Signature } = await sign(localJwksKeyArn('us-east-1', '111111111111'));
    const result = await verify(
      localJwksKeyArn('eu-west-1', '111111111111'),
      digest,
      Signature as Uint8Array,
    );
    // Assess
    expect(result.SignatureValid).toBe(true);
  });

  it('answers KMSInvalidSignatureException for another message, and NotFound for another key', async () => {
    // Prepare
    const { Signature } = await sign(localJwksKeyArn('us-east-1', '111111111111'));
    // Act + Assess
    await expect(
      verify(localJwksKeyArn('us-east-1', '111111111111'), Buffer.alloc(32, 8), Signature as Uint8Array),
    ).rejects.toBeInstanceOf(KMSInvalidSignatureException);
    await expect(sign('arn:aws:kms:us-east-1:111111111111:key/someone-elses')).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });

  it('keeps its private key in a 0600 file', () => {
    expect(statSync(join(dir, 'kms', 'key.pem')).mode & 0o777).toBe(0o600);
  });

  it('refuses web pages and rebound Hosts (security review, finding 7)', async () => {
    const call = (extra: string) =>
      rawRequest(
        kms.endpoint,
        `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: TrentService.Sign\r\n${extra}`,
        JSON.stringify({ KeyId: 'mrk-sandbox-jwks-signing', Message: digest.toString('base64') }),
      );
    // Act
    const fromPage = await call('Origin: http://attacker.example');
    const rebound = await rawRequest(
      kms.endpoint,
      'POST / HTTP/1.1\r\nHost: evil.example\r\nX-Amz-Target: TrentService.Sign',
      '{}',
    );
    // Assess
    expect(fromPage.status).toBe(403);
    expect(fromPage.body).not.toContain('Signature');
    expect(rebound.status).toBe(403);
  });
});
