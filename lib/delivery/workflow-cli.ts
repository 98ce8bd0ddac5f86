import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AppConfig } from '../config/app-config';
import { loadProjectConfig } from '../config/load-config';
import { renderWorkflow, WORKFLOW_PATH } from './github-workflow';

export const WORKFLOW_USAGE = `Usage: npm run workflow [-- --config <file>] [-- --check]

Writes ${WORKFLOW_PATH}, the GitHub Actions deploy workflow, from the config: the same waves, probes and
bakes as the delivery pipeline.

  --config <file>   config file (default: cdk.json's context.config)
  --check           write nothing; exit 1 when the committed workflow differs from what the config gives`;

/** What the CLI reads from outside, replaceable in tests. */
export interface WorkflowCliDeps {
  readonly log: (line: string) => void;
  /** Repository root. @default the checkout this file is in */
  readonly root?: string;
  /** @default loadProjectConfig */
  readonly loadConfig?: (configFile?: string) => AppConfig;
}

/** Runs the workflow generator and returns its exit code (0 written or up to date, 1 out of date, 2 bad usage). */
export function runWorkflowCli(argv: readonly string[], deps: WorkflowCliDeps): number {
  let values: { config?: string; check?: boolean; help?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string' },
        check: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (e) {
    deps.log(`${(e as Error).message}\n\n${WORKFLOW_USAGE}`);
    return 2;
  }
  if (values.help) {
    deps.log(WORKFLOW_USAGE);
    return 0;
  }
  const config = (deps.loadConfig ?? loadProjectConfig)(values.config);
  const text = renderWorkflow(config, { configFile: values.config });
  const path = resolve(deps.root ?? resolve(__dirname, '../..'), WORKFLOW_PATH);
  if (values.check) {
    if (existsSync(path) && readFileSync(path, 'utf8') === text) {
      deps.log(`${WORKFLOW_PATH} is up to date`);
      return 0;
    }
    const again = `npm run workflow${values.config ? ` -- --config ${values.config}` : ''}`;
    deps.log(`${WORKFLOW_PATH} does not match the config: run \`${again}\` and commit the result`);
    return 1;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  deps.log(`wrote ${WORKFLOW_PATH}`);
  return 0;
}
