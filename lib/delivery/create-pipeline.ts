import { type App, Tags } from 'aws-cdk-lib';
import type { AppConfig } from '../config/app-config';
import type { PipelineConfig } from '../config/pipeline-config';
import { PipelineStack } from '../stacks/pipeline-stack';
import { pipelineStackName } from './delivery-names';

/**
 * With `pipeline` in the config, the app is only the pipeline stack; the app's stacks live in its stages
 * (same stack names as a direct deploy) and are deployed by the pipeline, one region at a time.
 */
export function createPipeline(
  app: App,
  config: AppConfig & { pipeline: PipelineConfig },
  configFile?: string,
): PipelineStack {
  Tags.of(app).add('AppName', config.appName);
  return new PipelineStack(app, pipelineStackName(config), {
    env: { account: config.account, region: config.primaryRegion },
    config,
    configFile,
    description: `${config.appName}: delivery pipeline (one region at a time, probed and baked)`,
  });
}
