import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * One Logger and one Metrics instance per container. Service name and namespace come from
 * POWERTOOLS_SERVICE_NAME and POWERTOOLS_METRICS_NAMESPACE. Tracing is enabled on the function itself;
 * the Powertools Tracer is left out on purpose because it bundles the X-Ray SDK.
 */
// Every line names its region: logs from all regions often end up side by side in one place.
export const logger = new Logger({ persistentKeys: { region: process.env.AWS_REGION ?? 'local' } });
export const metrics = new Metrics({ defaultDimensions: { region: process.env.AWS_REGION ?? 'local' } });

export { METRIC } from './metric-names';
