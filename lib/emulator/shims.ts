/**
 * Every gap of the emulator (ministack) that `npm run emulator` fills, in one place: the catalogue below
 * names each gap and the emulator version it was seen in, and this module holds the shims that run on
 * the Node side. Gaps in the emulator's CloudFormation can only be filled inside its process; those
 * shims are in ministack_shims.py beside this file, loaded before the emulator starts, and refuse any
 * other emulator version. Nothing here or there changes the app or its templates. Delete a shim when the
 * emulator catches up; docs/EMULATOR.md carries the same list.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
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
    id: 'wafv2-logging-configuration',
    where: 'ministack_shims.py',
    version: v,
    gap: 'neither CloudFormation nor WAFv2 has AWS::WAFv2::LoggingConfiguration; checked as on create (web ACL, aws-waf-logs-* group) and recorded',
  },
  {
    id: 'synthetics-canary',
    where: 'ministack_shims.py',
    version: v,
    gap: 'no CloudWatch Synthetics at all: AWS::Synthetics::Canary is name-checked and recorded, never run',
  },
  {
    id: 'kms-replica-key',
    where: 'ministack_shims.py',
    version: v,
    gap: 'CloudFormation has no handler for AWS::KMS::ReplicaKey (KMS ReplicateKey exists)',
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
    id: 'get-stack-output-region',
    where: 'ministack_shims.py',
    version: v,
    gap: "Fn::GetStackOutput ignores Region and looks the stack up in the consuming stack's region",
  },
  {
    id: 'ssm-batch-iam',
    where: 'ministack_shims.py',
    version: v,
    gap: 'with AUTH=true, SSM GetParameters/DeleteParameters are authorized against * instead of each named parameter',
  },
  {
    id: 'dynamodb-leading-keys',
    where: 'ministack_shims.py',
    version: v,
    gap: 'with AUTH=true, dynamodb:LeadingKeys is never in the condition context (ForAllValues passes any partition, a Null check refuses all)',
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
    id: 'issuer-host',
    where: 'shims.ts',
    version: v,
    gap: "tokens name https://cognito-idp.<region>.amazonaws.com/<pool> as issuer, which the emulator serves only at {endpoint}/<pool>; the workers' fetch of that host goes to the emulator",
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
 * issuer-host: a preload for the emulator's Node workers (see prepareWorkerNode) that sends their
 * `fetch` of the Cognito issuer host to the emulator's gateway, which serves every pool's JWKS at
 * `/{poolId}/.well-known/jwks.json`. It is what ministack's docs do with an /etc/hosts line and port 443,
 * without touching the machine. The authorizer then fetches the pool's JWKS from its issuer URL and
 * stores its copy in the table itself, as on AWS; no other request is touched.
 */
export function issuerRoutePreload(gateway: string): string {
  return `'use strict';
// Written by lib/emulator/shims.ts (shim issuer-host, ${EMULATOR.name} ${EMULATOR.version}); test tooling, not the app.
const ISSUER_HOST = /^https:\\/\\/cognito-idp\\.[a-z0-9-]+\\.amazonaws\\.com(\\/[^?#]*)$/;
const gateway = ${JSON.stringify(gateway)};
const original = globalThis.fetch;
globalThis.fetch = function fetchThroughEmulator(input, init) {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const match = ISSUER_HOST.exec(url);
  return original(match ? gateway + match[1] : input, init);
};
`;
}

/**
 * Writes the preload and a `node` for the workers into `dir/bin` and returns that folder, to put first on
 * the emulator's PATH (it starts workers as plain `node` from PATH). The wrapper runs `realNode` (the
 * project's Node 24, the version the functions target) with the preload; NODE_OPTIONS cannot carry it,
 * because a function's own NODE_OPTIONS (--enable-source-maps) replaces the emulator's.
 */
export function prepareWorkerNode(dir: string, gateway: string, realNode = process.execPath): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const preload = join(dir, 'issuer-route.cjs');
  writeFileSync(preload, issuerRoutePreload(gateway));
  const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
  writeFileSync(join(bin, 'node'), `#!/bin/sh\nexec ${quote(realNode)} --require ${quote(preload)} "$@"\n`, {
    mode: 0o755,
  });
  return bin;
}

/** Where the emulator serves a user pool's JWKS (not at the issuer's host). */
export const poolJwksUrl = (gateway: string, userPoolId: string) =>
  `${gateway}/${userPoolId}/.well-known/jwks.json`;

/** execute-api-path: the base URL of a deployed API stage in the emulator. */
export const apiBaseUrl = (gateway: string, apiId: string, stage: string) =>
  `${gateway}/_aws/execute-api/${apiId}/${stage}`;
