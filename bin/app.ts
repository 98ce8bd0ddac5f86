#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { ConfigError } from '../lib/config/app-config';
import { loadConfig } from '../lib/config/load-config';
import { applyNag } from '../lib/nag/apply-nag';
import { createStacks } from '../lib/stacks/create-stacks';

const app = new App();
try {
  const config = loadConfig({
    configFile: app.node.tryGetContext('configFile'),
    context: app.node.tryGetContext('config'),
  });
  createStacks(app, config);
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
