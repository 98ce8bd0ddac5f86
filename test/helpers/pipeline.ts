import { type AppConfigInput, parseConfig } from '../../lib/config/app-config';
import type { PipelineConfig } from '../../lib/config/pipeline-config';
import { createPipeline } from '../../lib/delivery/create-pipeline';
import { BASE_CONFIG, testApp } from './app';

/** The pipeline section of the tests' configs. */
export const PIPELINE = {
  repository: 'my-org/my-app',
  connectionArn: 'arn:aws:codestar-connections:us-east-1:111111111111:connection/7d2469ff-514a-4e4f-9003',
};

/** The pipeline app from `BASE_CONFIG` with `overrides` (pipeline section merged over PIPELINE). */
export function buildPipelineApp(
  overrides: Partial<AppConfigInput> = {},
  pipeline: Record<string, unknown> = {},
  configFile?: string,
) {
  const app = testApp();
  const config = parseConfig({ ...BASE_CONFIG, ...overrides, pipeline: { ...PIPELINE, ...pipeline } });
  const stack = createPipeline(app, config as typeof config & { pipeline: PipelineConfig }, configFile);
  return { app, config, stack };
}
