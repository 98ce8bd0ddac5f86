#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { ConfigError } from '../lib/config/app-config';
import { loadConfig } from '../lib/config/load-config';
import { createPipeline } from '../lib/delivery/create-pipeline';
import { applyNag } from '../lib/nag/apply-nag';
import { createStacks } from '../lib/stacks/create-stacks';

const app = new App();
try {
  const configFile: string | undefined = app.node.tryGetContext('configFile');
  const config = loadConfig({ configFile, context: app.node.tryGetContext('config') });
  // With a pipeline the app is the pipeline stack (its stages hold the app's stacks); without, the stacks.
  const { pipeline } = config;
  if (pipeline) createPipeline(app, { ...config, pipeline }, configFile);
  else createStacks(app, config);
} catch (e) {
  if (e instanceof ConfigError) {
    // The message names every bad field and why; a stack trace would only hide it.
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
applyNag(app);
app.synth();
