import { RegionInfo } from 'aws-cdk-lib/region-info';

/**
 * The only AWS partition this app deploys to. Other partitions (aws-cn, aws-us-gov, aws-iso*, aws-eusc)
 * are refused because parts of the app assume `aws`: Route 53 publishes health-check metrics in us-east-1
 * (the health-alarms stack deploys there), the authorizer trusts `https://cognito-idp.<region>.amazonaws.com`
 * (China uses amazonaws.com.cn), and one account belongs to one partition, so regions cannot be mixed.
 */
export const SUPPORTED_PARTITION = 'aws';

/**
 * Every region aws-cdk-lib knows, with its partition. A region launched after the installed aws-cdk-lib
 * release is unknown until aws-cdk-lib is upgraded; that is preferable to accepting typos such as
 * "eu-west-4", which would only fail in the middle of a deploy.
 */
const KNOWN_REGIONS: ReadonlyMap<string, string> = new Map(
  RegionInfo.regions.map((r) => [r.name, r.partition ?? 'unknown']),
);

/** Regions of the supported partition, sorted; shown in error messages. */
export const SUPPORTED_REGIONS: readonly string[] = [...KNOWN_REGIONS]
  .filter(([, partition]) => partition === SUPPORTED_PARTITION)
  .map(([name]) => name)
  .sort();

/** Why `name` cannot be used as a region, or undefined when it can. */
export function regionProblem(name: string): string | undefined {
  const partition = KNOWN_REGIONS.get(name);
  if (partition === undefined) {
    return `must be an AWS region name such as "us-east-1"; "${name}" is not a region that aws-cdk-lib knows (one of ${SUPPORTED_REGIONS.join(', ')})`;
  }
  if (partition !== SUPPORTED_PARTITION) {
    return (
      `"${name}" is in the ${partition} partition; only the aws partition is supported (health-check ` +
      'metrics are read in us-east-1, tokens are trusted from cognito-idp.<region>.amazonaws.com, and an ' +
      'account cannot mix partitions)'
    );
  }
  return undefined;
}
