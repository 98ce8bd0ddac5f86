import { parseArgs } from 'node:util';

/** The command line of `npm run emulator`. */
export interface EmulatorArgs {
  readonly help: boolean;
  /** Leave the emulator and the deployed app running after the tests, until Ctrl-C. */
  readonly keep: boolean;
  readonly port: number;
  readonly reportFile?: string;
}

export const USAGE = `Usage: npm run emulator -- [options]

Deploys the app, unchanged, into a local AWS emulator (ministack, IAM enforced) and tests it black-box:
starts the emulator on 127.0.0.1, bootstraps every environment, runs \`cdk deploy --all\` on the cloud
assembly \`cdk synth\` wrote, checks the deployed templates are that assembly's, runs the API end-to-end
suite (test/e2e/api) against each region's deployed API and the replication between them, then destroys
the stacks and stops the emulator. Progress on stderr, a summary at the end, a JSON report; the exit code
is non-zero when anything failed. Ctrl-C stops everything it started.

Options:
  --keep            After the tests, keep the emulator, the deployed app and the token endpoint running
                    (.emulator/endpoints.json in place) until Ctrl-C, to try the API by hand.
  --port <port>     The emulator's port on 127.0.0.1. Default: 4566, or EMULATOR_PORT.
  --report <file>   Where to write the JSON report. Default: .emulator/report.json.
  -h, --help        Show this help.

Needs python3 (the emulator is installed into .venv from .ci/emulator-requirements.txt on first use).
See docs/EMULATOR.md for what it checks, what it does not, and the emulator gaps it fills.
`;

export function parseEmulatorArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): EmulatorArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      keep: { type: 'boolean', default: false },
      port: { type: 'string' },
      report: { type: 'string' },
    },
    strict: true,
  });
  const rawPort = values.port ?? env.EMULATOR_PORT ?? '4566';
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new Error(`--port: ${rawPort} is not a port number from 1024 to 65535`);
  }
  return { help: values.help ?? false, keep: values.keep ?? false, port, reportFile: values.report };
}
