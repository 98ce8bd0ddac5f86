import { parseArgs } from 'node:util';

/** The preflight's command line, parsed and checked. */
export interface PreflightArgs {
  readonly help: boolean;
  /** Config file from `--config <file>` or `-c configFile=<file>`; cdk.json's context when absent. */
  readonly configFile?: string;
}

/** Wrong flags or values; the CLI prints the message and the usage and exits with 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes, also listed in the usage text. */
export const EXIT = {
  /** `npx cdk deploy --all` with this config is safe now. */
  safe: 0,
  /** Refused, or steps must run first. */
  refused: 1,
  /** Bad flags or an invalid config. */
  usage: 2,
  /** The deployed state could not be read (credentials, permissions). */
  unreadable: 3,
} as const;

export const USAGE = `Usage: npm run preflight -- [options]

Compares the config with what is deployed before you run \`npx cdk deploy --all\`: the global table's
replicas (DynamoDB DescribeTable) and this app's stacks (CloudFormation ListStacks/DescribeStacks, tag
AppName; every region of the aws partition is searched for stacks left behind). It refuses a config that adds or removes more than one region at a time (a global table adds
or removes one replica per CloudFormation update), that changes primaryRegion, or that would remove a
region still in DNS routing or with deletion protection on its replica, and prints the exact next steps
and the stacks of removed regions to delete. It changes nothing.

Options:
  --config <file>           JSON config file (same schema as cdk.json's "config"). Default: cdk.json context.
  -c, --context configFile=<file>
                            The same, spelled as for \`cdk deploy -c configFile=<file>\`.
  -h, --help                Show this help.

Needs AWS credentials for the config's account with dynamodb:DescribeTable, cloudformation:ListStacks
and cloudformation:DescribeStacks. Before the first deploy (no table yet) it says so and exits 0.

Exit codes: ${EXIT.safe} safe to deploy, ${EXIT.refused} refused or steps to run first, ${EXIT.usage} bad usage or invalid config,
${EXIT.unreadable} deployed state unreadable (credentials, permissions).

Examples:
  npm run preflight
  npm run preflight -- -c configFile=config/prod.json
`;

export function parsePreflightArgs(argv: readonly string[]): PreflightArgs {
  let values: { help?: boolean; config?: string; context?: string[] };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        config: { type: 'string' },
        context: { type: 'string', short: 'c', multiple: true },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  let fromContext: string | undefined;
  for (const pair of values.context ?? []) {
    const eq = pair.indexOf('=');
    const key = eq === -1 ? pair : pair.slice(0, eq);
    if (key !== 'configFile' || eq === -1 || eq === pair.length - 1) {
      throw new UsageError(`-c takes configFile=<file> (the only context key the app reads), got "${pair}"`);
    }
    fromContext = pair.slice(eq + 1);
  }
  if (values.config !== undefined && fromContext !== undefined && values.config !== fromContext) {
    throw new UsageError(`--config "${values.config}" and -c configFile="${fromContext}" disagree; give one`);
  }
  const configFile = values.config ?? fromContext;
  return { help: values.help === true, ...(configFile !== undefined ? { configFile } : {}) };
}
