import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Loaded with `node -e` in a fresh process: times `require(bundle)` alone (module init: parse, compile,
 * top-level code), not Node's own start-up. Prints milliseconds.
 */
const RUNNER = `
const { performance } = require('node:perf_hooks');
const t0 = performance.now();
require(process.argv[1]);
process.stdout.write(String(performance.now() - t0));
`;

/** What Lambda gives the function at init (see lib/constructs/lambda-function.ts and service-functions). */
const LAMBDA_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  TABLE_NAME: 'bench-data',
  POWERTOOLS_SERVICE_NAME: 'bench',
  POWERTOOLS_METRICS_NAMESPACE: 'bench',
  JWT_ISSUER: 'http://127.0.0.1:1/issuer',
  JWT_CLIENT_ID: 'bench',
  // The functions run with source maps enabled; Node then reads the map while loading the bundle.
  NODE_OPTIONS: '--enable-source-maps',
};

/** Module init time of one bundle in a fresh Node process, in milliseconds. */
export async function measureInit(file: string): Promise<number> {
  const { stdout } = await run(process.execPath, ['-e', RUNNER, file], {
    env: { PATH: process.env.PATH ?? '', ...LAMBDA_ENV },
    timeout: 30_000,
  });
  const ms = Number(stdout.trim());
  if (!Number.isFinite(ms)) throw new Error(`init runner printed "${stdout.trim()}" for ${file}`);
  return ms;
}
