#!/usr/bin/env node
import { runWorkflowCli } from '../lib/delivery/workflow-cli';

// Writes (or with --check, verifies) the GitHub Actions deploy workflow; `--help` documents it.
process.exit(runWorkflowCli(process.argv.slice(2), { log: (line) => console.log(line) }));
