import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import tls from 'node:tls';
import {
  certificateFile,
  type EmulatorSettings,
  gatewayUrl,
  ROOT_CREDENTIALS,
  tmpDir,
} from './emulator-settings';

/** The pinned emulator, as .ci/emulator-requirements.txt installs it and the shims expect it. */
export const EMULATOR = { name: 'ministack', version: '1.5.33' } as const;

/** A running emulator; `stop` ends its whole process group (the gateway and its Lambda workers). */
export interface RunningEmulator {
  readonly url: string;
  readonly pid: number;
  readonly logFile: string;
  stop(): Promise<void>;
}

/**
 * The emulator's environment. AUTH=true makes it evaluate IAM policies, so a function whose role lacks a
 * permission fails as on AWS. USE_SSL because the CDK bootstrap bucket's policy denies requests without
 * TLS (aws:SecureTransport). Node's own PATH is passed on: the emulator runs functions on the host's Node,
 * which must be the version the functions target (scripts/node-env.sh).
 */
export function emulatorEnvironment(
  s: EmulatorSettings,
  workers: WorkerShims,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const {
    AWS_ENDPOINT_URL: _endpoint,
    AWS_PROFILE: _profile,
    AWS_SESSION_TOKEN: _token,
    NODE_OPTIONS: _options,
    ...inherited
  } = base;
  return {
    ...inherited,
    AUTH: 'true',
    USE_SSL: '1',
    BIND_HOST: '127.0.0.1',
    MINISTACK_HOST: '127.0.0.1',
    GATEWAY_PORT: String(s.port),
    MINISTACK_ACCOUNT_ID: s.account,
    MINISTACK_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: ROOT_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: ROOT_CREDENTIALS.secretAccessKey,
    // Its self-signed certificate goes to ${TMPDIR}/ministack-tls/; the workers must trust it.
    TMPDIR: tmpDir(s),
    NODE_EXTRA_CA_CERTS: certificateFile(s),
    NODE_PATH: workers.runtimeSdkDir,
    // Workers start as `node` from PATH: the shims' wrapper (the project's Node 24 with the issuer preload).
    PATH: `${workers.nodeBinDir}${delimiter}${inherited.PATH ?? ''}`,
    // Listeners nobody here uses; off so that two runs (or another tool) never fight over their ports.
    IOT_MTLS_ENABLED: '0',
    SFTP_ENABLED: '0',
    LOG_LEVEL: 'INFO',
  };
}

/** What the emulator's Node workers get from lib/emulator/shims.ts (shims runtime-sdk and issuer-host). */
export interface WorkerShims {
  /** node_modules folder of Lambda's runtime SDK, for NODE_PATH. */
  readonly runtimeSdkDir: string;
  /** Folder of the workers' `node` (the project's Node with the issuer preload), first on PATH. */
  readonly nodeBinDir: string;
}

/** Starts the emulator through the shim launcher and waits until its gateway answers. */
export async function startEmulator(
  s: EmulatorSettings,
  workers: WorkerShims,
  { python = join(s.root, '.venv', 'emulator', 'bin', 'python'), timeoutMs = 60_000 } = {},
): Promise<RunningEmulator> {
  mkdirSync(tmpDir(s), { recursive: true });
  const logFile = join(s.workDir, 'emulator.log');
  const log = openSync(logFile, 'w');
  const child = spawn(python, [join(s.root, 'lib', 'emulator', 'ministack_shims.py')], {
    cwd: s.workDir,
    env: emulatorEnvironment(s, workers),
    stdio: ['ignore', log, log],
    detached: true, // its own process group, so stop() also ends the Lambda workers it spawned
  });
  const url = gatewayUrl(s);
  const stop = () => stopGroup(child);
  try {
    await waitUntilReady(url, child, certificateFile(s), timeoutMs);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; see ${logFile}`);
  }
  return { url, pid: child.pid as number, logFile, stop };
}

async function waitUntilReady(url: string, child: ChildProcess, certificate: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the emulator exited with code ${child.exitCode}`);
    // Read it again until the gateway answers: the first read may catch the file half written.
    if (existsSync(certificate)) trustCertificate(certificate);
    try {
      const res = await fetch(`${url}/_ministack/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the emulator did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Makes this process trust the emulator's self-signed certificate (fetch and the AWS SDK use the default
 * CA list); child processes get it through NODE_EXTRA_CA_CERTS instead.
 */
export function trustCertificate(file: string): void {
  tls.setDefaultCACertificates([...SYSTEM_DEFAULT_CAS, readFileSync(file, 'utf8')]);
}

/** The default CA list before any emulator certificate was added. */
const SYSTEM_DEFAULT_CAS = tls.getCACertificates('default');

/** SIGTERM to the process group, SIGKILL after 5 s if anything is left. */
export function stopGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
    return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      signalGroup(pid, 'SIGKILL'); // workers that outlived the gateway
      resolve();
    });
    signalGroup(pid, 'SIGTERM');
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
