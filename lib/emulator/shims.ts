/**
 * Every gap of the emulator (ministack) that `npm run emulator` fills, in one place: the catalogue below
 * names each gap and the emulator version it was seen in, and this module holds the shims that run on
 * the Node side. Gaps in the emulator's CloudFormation can only be filled inside its process; those
 * shims are in ministack_shims.py beside this file, loaded before the emulator starts, and refuse any
 * other emulator version. Nothing here or there changes the app or its templates. Delete a shim when the
 * emulator catches up; docs/EMULATOR.md carries the same list.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { EMULATOR } from './emulator-process';

/** One gap and where it is filled. */
export interface Shim {
  readonly id: string;
  /** What the emulator lacks, as seen at `version`. */
  readonly gap: string;
  readonly version: string;
  /** `ministack_shims.py` (inside the emulator) or `shims.ts` (this module). */
  readonly where: 'ministack_shims.py' | 'shims.ts';
}

const v = EMULATOR.version;
export const SHIMS: readonly Shim[] = [
  {
    id: 'route53-health-check',
    where: 'ministack_shims.py',
    version: v,
    gap: 'CloudFormation has no handler for AWS::Route53::HealthCheck (Route 53 CreateHealthCheck exists)',
  },
  {
    id: 'cloudwatch-composite-alarm',
    where: 'ministack_shims.py',
    version: v,
    gap: 'CloudFormation has no handler for AWS::CloudWatch::CompositeAlarm (PutCompositeAlarm exists)',
  },
  {
    id: 'wafv2-web-acl-association',
    where: 'ministack_shims.py',
    version: v,
    gap: 'CloudFormation has no handler for AWS::WAFv2::WebACLAssociation (AssociateWebACL exists)',
  },
  {
    id: 'backup-selection',
    where: 'ministack_shims.py',
    version: v,
    gap: 'CloudFormation has no handler for AWS::Backup::BackupSelection (CreateBackupSelection exists)',
  },
  {
    id: 'metric-math-alarm',
    where: 'ministack_shims.py',
    version: v,
    gap: 'AWS::CloudWatch::Alarm with Metrics (metric math) is refused; stored unevaluated',
  },
  {
    id: 'global-table-replicas',
    where: 'ministack_shims.py',
    version: v,
    gap: "AWS::DynamoDB::GlobalTable creates no replicas; added through DynamoDB's own ReplicaUpdates",
  },
  {
    id: 'ssm-batch-iam',
    where: 'ministack_shims.py',
    version: v,
    gap: 'with AUTH=true, SSM GetParameters/DeleteParameters are authorized against * instead of each named parameter',
  },
  {
    id: 'no-port-443',
    where: 'ministack_shims.py',
    version: v,
    gap: 'with USE_SSL it also binds port 443 when it can; the run serves its own port only',
  },
  {
    id: 'runtime-sdk',
    where: 'shims.ts',
    version: v,
    gap: "Node workers lack Lambda's AWS SDK and get a stub that signs for the function's own region",
  },
  {
    id: 'jwks-in-table',
    where: 'shims.ts',
    version: v,
    gap: "tokens name https://cognito-idp.<region>.amazonaws.com as issuer, which functions here cannot reach; the pool's JWKS goes into the replicated table, the app's own fallback",
  },
  {
    id: 'execute-api-path',
    where: 'shims.ts',
    version: v,
    gap: 'APIs answer at {endpoint}/_aws/execute-api/{apiId}/{stage}; custom domains are not routed by Host',
  },
];

/**
 * runtime-sdk: the packages Lambda's Node.js runtime provides, i.e. every AWS SDK v3 client installed in
 * the project with what they depend on. Only CDK's own custom resources (cross-region export writer and
 * reader) rely on it: the app's functions bundle their SDK.
 */
export function runtimeSdkPackages(nodeModules: string): string[] {
  const seen = new Set<string>();
  const queue = readdirSync(join(nodeModules, '@aws-sdk'))
    .filter((name) => name.startsWith('client-'))
    .map((name) => `@aws-sdk/${name}`);
  while (queue.length > 0) {
    const name = queue.pop() as string;
    const manifest = join(nodeModules, name, 'package.json');
    if (seen.has(name) || !existsSync(manifest)) continue; // optional dependencies may be absent
    seen.add(name);
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies?: Record<string, string> };
    queue.push(...Object.keys(pkg.dependencies ?? {}));
  }
  return [...seen].sort();
}

/**
 * Lays out `dir` as a node_modules folder of symlinks to exactly those packages (so a function that
 * forgot to bundle a dependency of its own still fails) and returns it, for the workers' NODE_PATH.
 */
export function prepareRuntimeSdk(nodeModules: string, dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const name of runtimeSdkPackages(nodeModules)) {
    const link = join(dir, name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(nodeModules, name), link, 'dir');
  }
  return dir;
}

/**
 * jwks-in-table: writes the pool's JWKS where the authorizer keeps its copy (functions/shared/auth/
 * jwks-store.ts: pk 'JWKS', sk = issuer, jwks = the JSON text) in the pool's region; the global table
 * carries it to every other region. The authorizer then verifies with the table's copy, as it does on
 * AWS while the user pool's region is down.
 */
export async function seedJwks(
  client: Pick<DynamoDBClient, 'send'>,
  table: string,
  issuer: string,
  jwks: { keys: unknown[] },
  region: string,
): Promise<void> {
  if (!Array.isArray(jwks?.keys) || jwks.keys.length === 0)
    throw new Error(`no keys in the JWKS of ${issuer}`);
  await client.send(
    new PutItemCommand({
      TableName: table,
      Item: {
        pk: { S: 'JWKS' },
        sk: { S: issuer },
        jwks: { S: JSON.stringify(jwks) },
        updatedAt: { S: new Date().toISOString() },
        updatedRegion: { S: region },
      },
    }),
  );
}

/** Where the emulator serves a user pool's JWKS (not at the issuer's host). */
export const poolJwksUrl = (gateway: string, userPoolId: string) =>
  `${gateway}/${userPoolId}/.well-known/jwks.json`;

/** execute-api-path: the base URL of a deployed API stage in the emulator. */
export const apiBaseUrl = (gateway: string, apiId: string, stage: string) =>
  `${gateway}/_aws/execute-api/${apiId}/${stage}`;
