import { App, Stack, Stage } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { applyNag } from '../../../lib/nag/apply-nag';

describe('applyNag with a delivery pipeline', () => {
  it("also checks the stacks inside a pipeline's stages (their own cloud assemblies) and stops synth", () => {
    const app = new App();
    const stage = new Stage(new Stack(app, 'Pipeline'), 'Region');
    new Bucket(new Stack(stage, 'Bad'), 'Bucket');
    applyNag(app);
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  });
});
