import { join, resolve } from 'node:path';

/** Where the run keeps its files and how it reaches the emulator; one object handed to every step. */
export interface EmulatorSettings {
  /** Repository root (cdk.json, node_modules, .venv). */
  readonly root: string;
  /** `.emulator/`: config, cdk.out, endpoints.json, report, the emulator's log and TLS material. */
  readonly workDir: string;
  /** Port of the emulator's gateway on 127.0.0.1. */
  readonly port: number;
  /** The emulated account (the emulator's MINISTACK_ACCOUNT_ID); the run's config uses it. */
  readonly account: string;
}

/** The emulator's root credentials under AUTH=true (ministack's defaults, documented as test/test). */
export const ROOT_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

export function defaultSettings(root = resolve(__dirname, '../..'), port = 4566): EmulatorSettings {
  return { root, workDir: join(root, '.emulator'), port, account: '000000000000' };
}

/** Base URL of the emulator's gateway (HTTPS: the CDK bootstrap bucket refuses requests without TLS). */
export const gatewayUrl = (s: EmulatorSettings) => `https://127.0.0.1:${s.port}`;

/** The emulator writes its self-signed certificate here (ministack: `${TMPDIR}/ministack-tls/`). */
export const tmpDir = (s: EmulatorSettings) => join(s.workDir, 'tmp');
export const certificateFile = (s: EmulatorSettings) => join(tmpDir(s), 'ministack-tls', 'server.crt');

/**
 * Environment for every AWS client of the run (CDK CLI, SDK calls, functions): the emulator's endpoint,
 * its root credentials and its certificate as a trusted CA (Node and the CDK CLI read different variables).
 */
export function awsEnvironment(s: EmulatorSettings, region: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: gatewayUrl(s),
    AWS_ACCESS_KEY_ID: ROOT_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: ROOT_CREDENTIALS.secretAccessKey,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_CA_BUNDLE: certificateFile(s),
    NODE_EXTRA_CA_CERTS: certificateFile(s),
  };
}
