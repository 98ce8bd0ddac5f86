import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { regionalHostname } from '../config/app-config';
import { loadProjectConfig } from '../config/load-config';
import { formatChecks, probeRegion } from './probe';
import { cognitoAccessToken, sandboxAccessToken } from './probe-token';

export const PROBE_USAGE = `Usage: npx tsx bin/probe.ts --region <region> [options]

Probes one region's own hostname: GET /health, then (unless --health-only) signs in as the synthetic
user and creates, reads, lists and deletes an item. Exits 1 when any check fails.

  --region <name>      region to probe (required)
  --target aws|local   aws (default): https://<region>.<domainName>; local: the running sandbox
  --config <file>      config file (default: cdk.json's context.config)
  --endpoints <file>   sandbox endpoints for --target local (default: .sandbox/endpoints.json)
  --health-only        only GET /health
Environment (--target aws, items): PROBE_CLIENT_ID, PROBE_USERNAME, PROBE_PASSWORD; the user pool's
region is the config's primaryRegion.`;

/** What the CLI reads from outside, replaceable in tests. */
export interface ProbeCliDeps {
  readonly env: NodeJS.ProcessEnv;
  readonly fetch?: typeof fetch;
  readonly log: (line: string) => void;
}

/** Runs the probe CLI and returns its exit code (0 all checks passed, 1 a check failed, 2 bad usage). */
export async function runProbeCli(argv: readonly string[], deps: ProbeCliDeps): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (e) {
    deps.log(`${(e as Error).message}\n\n${PROBE_USAGE}`);
    return 2;
  }
  if (args.help) {
    deps.log(PROBE_USAGE);
    return 0;
  }
  const region = args.region;
  if (!region) {
    deps.log(`--region is required\n\n${PROBE_USAGE}`);
    return 2;
  }
  const items = !args['health-only'];
  let baseUrl: string;
  let token: (() => Promise<string>) | undefined;
  if (args.target === 'local') {
    const endpoints = JSON.parse(readFileSync(args.endpoints ?? '.sandbox/endpoints.json', 'utf8')) as {
      regions: Record<string, string>;
      issuer: string;
    };
    const url = endpoints.regions[region];
    if (!url) {
      deps.log(`the sandbox does not run ${region} (it runs ${Object.keys(endpoints.regions).join(', ')})`);
      return 2;
    }
    baseUrl = url;
    token = items ? () => sandboxAccessToken(endpoints.issuer, deps.fetch) : undefined;
  } else if (args.target === 'aws') {
    const config = loadProjectConfig(args.config);
    if (!config.regions.includes(region)) {
      deps.log(`${region} is not one of the config's regions (${config.regions.join(', ')})`);
      return 2;
    }
    baseUrl = `https://${regionalHostname(config, region)}`;
    if (items) {
      const missing = ['PROBE_CLIENT_ID', 'PROBE_USERNAME', 'PROBE_PASSWORD'].filter((n) => !deps.env[n]);
      if (missing.length) {
        deps.log(`item probes need ${missing.join(', ')} in the environment (or pass --health-only)`);
        return 2;
      }
      const credentials = {
        region: config.primaryRegion,
        clientId: deps.env.PROBE_CLIENT_ID as string,
        username: deps.env.PROBE_USERNAME as string,
        password: deps.env.PROBE_PASSWORD as string,
      };
      token = () => cognitoAccessToken(credentials, deps.fetch);
    }
  } else {
    deps.log(`--target must be aws or local, not ${args.target}`);
    return 2;
  }
  const checks = await probeRegion({ baseUrl, region, token, fetch: deps.fetch });
  deps.log(formatChecks(region, checks));
  return checks.every((c) => c.ok) ? 0 : 1;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      region: { type: 'string' },
      target: { type: 'string', default: 'aws' },
      config: { type: 'string' },
      endpoints: { type: 'string' },
      'health-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  }).values;
}
