#!/usr/bin/env node
// `npm start`: the sandbox with its web console mounted; lib/sandbox itself knows nothing of the console.
import { sandboxConsole } from '../lib/console/sandbox-console';
import { banner } from '../lib/sandbox/banner';
import { HELP, parseCliOptions, UsageError } from '../lib/sandbox/cli-options';
import { startSandbox } from '../lib/sandbox/sandbox';

async function main(): Promise<void> {
  const { help, options } = parseCliOptions(process.argv.slice(2));
  if (help) {
    process.stdout.write(HELP);
    return;
  }
  const sandbox = await startSandbox({ ...options, extend: sandboxConsole });
  console.log(banner(sandbox));
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox...`);
    sandbox.stop().then(
      () => process.exit(0),
      (e: Error) => {
        console.error(e.message);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((e: Error) => {
  // Expected failures (bad flag, bad config, port taken) read best without a stack trace.
  console.error(process.env.SANDBOX_DEBUG || !(e instanceof Error) ? e : e.message);
  if (e instanceof UsageError) console.error('Run with --help for the options.');
  process.exit(1);
});
