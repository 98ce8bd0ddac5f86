#!/usr/bin/env node
import { runBakeCli } from '../lib/delivery/bake-cli';

// The pipeline's per-region bake (lib/delivery/bake.ts); `--help` documents it.
runBakeCli(process.argv.slice(2), { log: (line) => console.log(line) }).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
