import { KMSClient } from '@aws-sdk/client-kms';

// Its own module, not clients.ts: only the authorizer uses KMS, and every other handler would otherwise
// bundle and load the KMS client at cold start.
let kms: KMSClient | undefined;

/**
 * One KMS client per container (the authorizer signs and verifies the table's JWKS copy with it).
 * `KMS_ENDPOINT` points it at the sandbox's local KMS; it is never set in AWS.
 */
export function kmsClient(): KMSClient {
  kms ??= createKmsClient();
  return kms;
}

function createKmsClient(): KMSClient {
  const endpoint = process.env.KMS_ENDPOINT;
  const requestHandler = { connectionTimeout: 1000, requestTimeout: 3000 };
  if (!endpoint) return new KMSClient({ requestHandler });
  return new KMSClient({
    endpoint,
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler,
  });
}
