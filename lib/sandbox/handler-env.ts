import type { AppConfig } from '../config/app-config';

/** What differs between regions' handler environments. */
export interface HandlerEnvInput {
  readonly config: AppConfig;
  readonly region: string;
  readonly tableName: string;
  readonly dynamoEndpoint: string;
  readonly issuer: string;
  readonly clientId: string;
  /** The local KMS (stand-in for the region's KMS endpoint). */
  readonly kmsEndpoint: string;
  /** This region's ARN of the multi-Region key that signs the table's JWKS copy. */
  readonly jwksSigningKeyId: string;
}

/**
 * The environment the CDK app gives the region's functions (CONTRACT.md), pointed at local services.
 * The dummy credentials keep the SDK from looking for real ones; they are never valid anywhere.
 */
export function handlerEnv(input: HandlerEnvInput): Record<string, string> {
  const { config, region } = input;
  return {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: 'sandbox',
    AWS_SECRET_ACCESS_KEY: 'sandbox',
    AWS_EC2_METADATA_DISABLED: 'true',
    TABLE_NAME: input.tableName,
    DYNAMODB_ENDPOINT: input.dynamoEndpoint,
    JWT_ISSUER: input.issuer,
    JWT_CLIENT_ID: input.clientId,
    KMS_ENDPOINT: input.kmsEndpoint,
    JWKS_SIGNING_KEY_ID: input.jwksSigningKeyId,
    ADMIN_GROUP: config.cognito.adminGroup,
    POWERTOOLS_SERVICE_NAME: config.appName,
    POWERTOOLS_METRICS_NAMESPACE: config.appName,
  };
}
