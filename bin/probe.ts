#!/usr/bin/env node
import { runProbeCli } from '../lib/delivery/probe-cli';

// The pipeline's per-region probe (lib/delivery/probe.ts); `--help` documents it.
runProbeCli(process.argv.slice(2), { env: process.env, log: (line) => console.log(line) }).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
