#!/usr/bin/env node
// Thin entry of `npm run bench`; everything lives in lib/bench (see docs/BENCHMARKS.md).
import { benchMain } from '../lib/bench/run';

benchMain(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: Error) => {
    console.error(e.stack ?? e);
    process.exitCode = 1;
  },
);
