import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { Route53Client } from '@aws-sdk/client-route-53';
import { type AppConfig, parseConfig } from '../config/app-config';
import { HEALTH_METRICS_REGION } from '../stacks/names';
import type { EmulatorArgs } from './args';
import { assemblyChecksum, assemblyStacks, deployedTemplateMismatches } from './assembly';
import { runCdk } from './cdk-cli';
import { signInAs } from './cognito-users';
import { type DeployedApp, findDeployedApp } from './deployed-app';
import { EMULATOR, type RunningEmulator, startEmulator } from './emulator-process';
import {
  awsEnvironment,
  certificateFile,
  type EmulatorSettings,
  gatewayUrl,
  ROOT_CREDENTIALS,
} from './emulator-settings';
import { type EmulatorReport, type StepResult, summary, testCounts } from './report';
import { createHostedZone, projectConfigOf, runConfig, writeConfigFile } from './run-config';
import { apiBaseUrl, poolJwksUrl, prepareRuntimeSdk, prepareWorkerNode, SHIMS } from './shims';
import { startTokenEndpoint, type TokenEndpoint } from './token-endpoint';

/** Where the output goes; tests pass their own. */
export interface RunIo {
  /** Progress lines (stderr). */
  readonly progress: (line: string) => void;
  /** The final summary (stdout). */
  readonly out: (text: string) => void;
  readonly signal: AbortSignal;
}

/** The black-box API suite, parameterized by E2E_ENDPOINTS (test/e2e/api/support/endpoints.ts). */
export const API_SUITE = 'test/e2e/api';

class StepFailed extends Error {}

/** Waits for the abort signal (Ctrl-C) after `--keep`. */
const untilAborted = (signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });

/**
 * `npm run emulator`: the whole run, in order, with every step timed and reported. Whatever happens
 * (a failed step, Ctrl-C), the token endpoint and the emulator are stopped before it returns.
 */
export async function runEmulator(s: EmulatorSettings, args: EmulatorArgs, io: RunIo): Promise<number> {
  const started = Date.now();
  const steps: StepResult[] = [];
  const reportFile = args.reportFile ?? join(s.workDir, 'report.json');
  const files = {
    config: join(s.workDir, 'config.json'),
    assembly: join(s.workDir, 'cdk.out'),
    endpoints: join(s.workDir, 'endpoints.json'),
    cdkLog: join(s.workDir, 'cdk.log'),
    jestResults: join(s.workDir, 'api-test-results.json'),
  };
  let emulator: RunningEmulator | undefined;
  let tokens: TokenEndpoint | undefined;
  let assembly: EmulatorReport['assembly'];
  let tests: EmulatorReport['tests'];
  let endpoints: unknown;
  let deployed = false;
  let keptUntilStopped = false;

  const step = async <T>(name: string, work: () => Promise<T>, detail?: (value: T) => string): Promise<T> => {
    if (io.signal.aborted) throw new StepFailed('interrupted');
    io.progress(`== ${name}`);
    const t0 = Date.now();
    try {
      const value = await work();
      steps.push({ name, ok: true, ms: Date.now() - t0, detail: detail?.(value) });
      return value;
    } catch (error) {
      const message = io.signal.aborted ? 'interrupted (Ctrl-C)' : (error as Error).message;
      steps.push({ name, ok: false, ms: Date.now() - t0, detail: message });
      io.progress(`!! ${name}: ${message}`);
      throw new StepFailed(message);
    }
  };
  const cdk = (region: string, cdkArgs: string[]) =>
    runCdk({
      root: s.root,
      args: cdkArgs,
      env: { ...process.env, ...awsEnvironment(s, region), CDK_DISABLE_VERSION_CHECK: '1' },
      logFile: files.cdkLog,
      progress: (line) => io.progress(`   ${line}`),
      signal: io.signal,
    }).then((code) => {
      if (code !== 0)
        throw new Error(`cdk ${cdkArgs[0]} exited with ${code}; see ${relative(s.root, files.cdkLog)}`);
    });
  const client = <C>(make: new (c: object) => C) => {
    const cache = new Map<string, C>();
    return (region: string) => {
      if (!cache.has(region)) {
        cache.set(region, new make({ region, endpoint: gatewayUrl(s), credentials: ROOT_CREDENTIALS }));
      }
      return cache.get(region) as C;
    };
  };
  const cloudFormation = client(CloudFormationClient);

  try {
    rmSync(s.workDir, { recursive: true, force: true });
    mkdirSync(s.workDir, { recursive: true });
    await step(
      'install the emulator',
      () => runScript(s.root, 'scripts/emulator-venv.sh', io),
      () => `${EMULATOR.name} ${EMULATOR.version}`,
    );
    emulator = await step(
      'start the emulator (AUTH=true)',
      () =>
        startEmulator(s, {
          runtimeSdkDir: prepareRuntimeSdk(
            join(s.root, 'node_modules'),
            join(s.workDir, 'lambda-runtime', 'node_modules'),
          ),
          nodeBinDir: prepareWorkerNode(join(s.workDir, 'lambda-runtime'), gatewayUrl(s)),
        }),
      (e) => e.url,
    );
    const config: AppConfig = await step(
      'create the hosted zone, write the run config',
      async () => {
        const project = projectConfigOf(join(s.root, 'cdk.json'));
        const parsed = parseConfig(project);
        const zoneId = await createHostedZone(client(Route53Client)(parsed.primaryRegion), parsed);
        const raw = runConfig(project, zoneId);
        writeConfigFile(files.config, raw);
        return parseConfig(raw, files.config);
      },
      (c) => `${c.hostedZoneName} ${c.hostedZoneId}`,
    );
    const synthesized = await step(
      'cdk synth',
      async () => {
        await cdk(config.primaryRegion, [
          'synth',
          '--quiet',
          '-c',
          `configFile=${files.config}`,
          '--output',
          files.assembly,
        ]);
        return assemblyChecksum(files.assembly);
      },
      (sum) => `sha256 ${sum.slice(0, 16)}…`,
    );
    const environments = [...new Set([...config.regions, HEALTH_METRICS_REGION])];
    await step(
      'cdk bootstrap',
      () =>
        cdk(config.primaryRegion, [
          'bootstrap',
          ...environments.map((r) => `aws://${config.account}/${r}`),
          '--app',
          files.assembly,
        ]),
      () => environments.join(', '),
    );
    const stacks = assemblyStacks(files.assembly);
    deployed = true; // from here on, destroy what may exist
    await step(
      'cdk deploy --all',
      () =>
        cdk(config.primaryRegion, [
          'deploy',
          '--all',
          '--app',
          files.assembly,
          '--require-approval',
          'never',
          '--progress',
          'events',
        ]),
      () => `${stacks.length} stacks`,
    );
    await step(
      'deployed templates are the synthesized ones',
      async () => {
        const after = assemblyChecksum(files.assembly);
        assembly = { synthesized, deployed: after };
        if (after !== synthesized) throw new Error('the cloud assembly changed during the deploy');
        const different = await deployedTemplateMismatches(stacks, cloudFormation);
        if (different.length > 0)
          throw new Error(`deployed template differs from cdk.out: ${different.join(', ')}`);
      },
      () => `${stacks.length} templates identical`,
    );
    const app: DeployedApp = await step(
      'find the deployed APIs and user pool',
      () => findDeployedApp(config, cloudFormation),
      (a) =>
        Object.entries(a.apis)
          .map(([r, x]) => `${r}=${x.apiId}`)
          .join(' '),
    );
    tokens = await step(
      'token endpoint on the emulated Cognito pool',
      async () => {
        const cognito = client(CognitoIdentityProviderClient)(app.poolRegion);
        const jwks = async () => (await fetch(poolJwksUrl(gatewayUrl(s), app.userPoolId))).json();
        return startTokenEndpoint((user, groups) => signInAs(cognito, app, user, groups), jwks);
      },
      (t) => t.url,
    );
    endpoints = {
      regions: Object.fromEntries(
        Object.entries(app.apis).map(([r, a]) => [r, apiBaseUrl(gatewayUrl(s), a.apiId, a.stage)]),
      ),
      issuer: tokens.url,
    };
    writeFileSync(files.endpoints, `${JSON.stringify(endpoints, null, 2)}\n`);
    tests = await step(
      'API end-to-end suite against every region',
      async () => {
        await runJest(s, files.endpoints, files.jestResults, io);
        if (!existsSync(files.jestResults)) throw new Error('jest wrote no results');
        const counts = testCounts(JSON.parse(readFileSync(files.jestResults, 'utf8')));
        if (counts.failed > 0 || counts.passed === 0) {
          tests = counts;
          throw new Error(`${counts.failed} failed, ${counts.passed} passed`);
        }
        return counts;
      },
      (t) => `${t.passed} passed`,
    );
  } catch (error) {
    if (!(error instanceof StepFailed)) {
      steps.push({ name: 'unexpected error', ok: false, ms: 0, detail: (error as Error).stack });
    }
  }
  try {
    // --keep: whether the suite passed or not, leave the deployed app up to try (or debug) by hand.
    if (args.keep && endpoints !== undefined && !io.signal.aborted) {
      io.out(keepBanner(files.endpoints, endpoints, s));
      await untilAborted(io.signal);
      keptUntilStopped = true; // Ctrl-C is how a --keep run ends; it did not interrupt anything
    }
  } finally {
    await tokens?.close();
    if (emulator && deployed && !io.signal.aborted) {
      await step('cdk destroy --all', () =>
        runCdk({
          root: s.root,
          args: ['destroy', '--all', '--force', '--app', files.assembly],
          env: { ...process.env, ...awsEnvironment(s, 'us-east-1'), CDK_DISABLE_VERSION_CHECK: '1' },
          logFile: files.cdkLog,
          progress: (line) => io.progress(`   ${line}`),
        }).then((code) => {
          if (code !== 0) throw new Error(`cdk destroy exited with ${code}`);
        }),
      ).catch(() => undefined);
    }
    if (emulator) {
      io.progress('== stop the emulator');
      await emulator.stop();
    }
  }
  const ok = steps.every((x) => x.ok) && tests !== undefined && (!io.signal.aborted || keptUntilStopped);
  const report: EmulatorReport = {
    ok,
    emulator: { ...EMULATOR, auth: true },
    startedAt: new Date(started).toISOString(),
    totalMs: Date.now() - started,
    steps,
    assembly,
    endpoints,
    tests,
    shims: SHIMS,
  };
  mkdirSync(dirname(reportFile), { recursive: true });
  writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  io.out(summary(report, relative(s.root, reportFile)));
  return ok ? 0 : 1;
}

function keepBanner(file: string, endpoints: unknown, s: EmulatorSettings): string {
  return [
    `The app stays deployed; endpoints in ${file}:`,
    JSON.stringify(endpoints, null, 2),
    `The API is HTTPS with the emulator's own certificate: curl --cacert ${certificateFile(s)} …`,
    'Ctrl-C destroys nothing (the emulator keeps no state) and stops everything.',
  ].join('\n');
}

/** Runs a bash script of the project, its output on stderr. */
function runScript(root: string, script: string, io: RunIo): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(root, script)], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      signal: io.signal,
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}`)),
    );
  });
}

/** The black-box API suite against the emulator's endpoints file; jest's own output goes to stderr. */
function runJest(s: EmulatorSettings, endpointsFile: string, resultsFile: string, io: RunIo): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(s.root, 'node_modules', 'jest', 'bin', 'jest.js'),
        API_SUITE,
        '--runInBand',
        '--json',
        `--outputFile=${resultsFile}`,
      ],
      {
        cwd: s.root,
        env: { ...process.env, E2E_ENDPOINTS: endpointsFile, NODE_EXTRA_CA_CERTS: certificateFile(s) },
        stdio: ['ignore', process.stderr, process.stderr],
        signal: io.signal,
      },
    );
    child.once('error', reject);
    child.once('exit', () => resolve()); // failures are read from the results file
  });
}
