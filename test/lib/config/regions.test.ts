import { regionProblem, SUPPORTED_REGIONS } from '../../../lib/config/regions';

describe('regions', () => {
  it('supports the aws partition only', () => {
    expect(SUPPORTED_REGIONS).toEqual(
      expect.arrayContaining(['us-east-1', 'eu-west-1', 'ap-southeast-2', 'il-central-1']),
    );
    for (const r of SUPPORTED_REGIONS) expect(r).not.toMatch(/^(cn-|us-gov-|us-iso|eu-isoe-|eusc-)/);
    expect([...SUPPORTED_REGIONS].sort()).toEqual(SUPPORTED_REGIONS);
  });

  it.each([
    ['us-east-1', undefined],
    ['cn-northwest-1', /^"cn-northwest-1" is in the aws-cn partition; only the aws partition is supported/],
    ['us-isob-east-1', /^"us-isob-east-1" is in the aws-iso-b partition;/],
    [
      'US-EAST-1',
      /^must be an AWS region name such as "us-east-1"; "US-EAST-1" is not a region that aws-cdk-lib knows/,
    ],
  ])('%s', (region, problem) => {
    const found = regionProblem(region);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });
});
