import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

/** How to run the project's pinned CDK CLI for one step. */
export interface CdkRun {
  readonly root: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** Full output goes here. */
  readonly logFile: string;
  /** Lines worth showing on stderr (stack results, failures). */
  readonly progress: (line: string) => void;
  readonly signal?: AbortSignal;
}

/** CDK CLI lines that say how a stack or an environment went; the rest stays in the log file. */
export const isCdkMilestone = (line: string) =>
  /✅|❌|failed|Error|ROLLBACK|Successfully synthesized/i.test(line) && !/^\s*at /.test(line);

/** Runs `cdk <args>` with the project's own CLI; resolves to the exit code (non-zero on failure). */
export function runCdk(run: CdkRun): Promise<number> {
  const log = createWriteStream(run.logFile, { flags: 'a' });
  log.write(`$ cdk ${run.args.join(' ')}\n`);
  const child = spawn(
    process.execPath,
    [join(run.root, 'node_modules', 'aws-cdk', 'bin', 'cdk'), ...run.args],
    {
      cwd: run.root,
      env: run.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: run.signal,
    },
  );
  let pending = '';
  const onData = (chunk: Buffer) => {
    log.write(chunk);
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (isCdkMilestone(line)) run.progress(line.trim());
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return new Promise((resolve) => {
    child.once('error', () => undefined); // an abort: the exit handler reports it
    child.once('close', (code, signal) => {
      log.end();
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}
