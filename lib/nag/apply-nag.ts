import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * Runs cdk-nag's AWS Solutions rules over the whole app at synth (cdk-nag 3 is a CDK validation plugin).
 * Any finding that is not acknowledged — each acknowledgement sits next to its resource with its reason,
 * via `Validations.of(construct).acknowledge(...)` — stops synth with a report.
 */
export function applyNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}
