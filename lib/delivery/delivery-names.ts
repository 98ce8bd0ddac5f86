import type { AppConfig } from '../config/app-config';
import { defaultRegionOrder } from '../config/pipeline-config';

/**
 * Names the pipeline's stages share. With a pipeline, each region is its own CDK stage, and CDK does not
 * allow references across stages, so values cross through SSM parameters with these fixed names
 * (CloudFormation resolves `{{resolve:ssm:…}}` at deploy time) instead of cross-stack references.
 */

/** Stack name of the pipeline (in primaryRegion). */
export const pipelineStackName = (c: AppConfig) => `${c.appName}-pipeline`;

/** SSM parameter (in every region) holding the user pool's token issuer. */
export const issuerParameter = (c: AppConfig) => `/${c.appName}/delivery/jwt-issuer`;

/** SSM parameter (in every region) holding the app client id. */
export const clientIdParameter = (c: AppConfig) => `/${c.appName}/delivery/jwt-client-id`;

/** SSM parameter (in every region) holding the ARN of the multi-Region JWKS signing key (primary). */
export const jwksKeyParameter = (c: AppConfig) => `/${c.appName}/delivery/jwks-signing-key-arn`;

/** SSM parameter (in us-east-1, next to the health-check alarms) holding a region's health check id. */
export const healthCheckParameter = (c: AppConfig, region: string) =>
  `/${c.appName}/delivery/health-check-id/${region}`;

/** Secrets Manager secret (in primaryRegion) holding the synthetic user's password. */
export const syntheticUserSecretName = (c: AppConfig) => `${c.appName}/delivery/synthetic-user`;

/** The synthetic user's sign-in name: the pool signs in by email, and the message is suppressed. */
export const syntheticUsername = (c: AppConfig) => `pipeline-probe@${c.hostedZoneName}`;

/** The regions in wave order: `pipeline.regionOrder`, or the others then the primary. */
export function waveOrder(c: AppConfig): string[] {
  return c.pipeline?.regionOrder ?? defaultRegionOrder(c.regions, c.primaryRegion);
}
