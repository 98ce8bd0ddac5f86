import { SYNTH_REGIONS, synthContext } from '../../../../lib/bench/synth/synth-run';

const cdkContext = { config: { appName: 'a', regions: ['us-east-1', 'eu-west-1'] }, flag: true };

describe('synthContext', () => {
  it('keeps cdk.json context, sets N regions with the first as primary, and skips bundling for all stacks', () => {
    expect(synthContext(cdkContext, 5, false)).toEqual({
      config: { appName: 'a', regions: SYNTH_REGIONS, primaryRegion: 'us-east-1' },
      flag: true,
      'aws:cdk:bundling-stacks': [],
    });
  });

  it('leaves bundling on when asked', () => {
    expect(synthContext(cdkContext, 2, true)).not.toHaveProperty(['aws:cdk:bundling-stacks']);
  });

  it('rejects region counts outside 2–5 and a context without config', () => {
    expect(() => synthContext(cdkContext, 6, false)).toThrow('between 2 and 5');
    expect(() => synthContext(cdkContext, 1, false)).toThrow('between 2 and 5');
    expect(() => synthContext({}, 2, false)).toThrow('no context.config');
  });
});
