#!/usr/bin/env node
// Thin entry of `npm run preflight`: checks a config against what is deployed before `cdk deploy --all`.
import { main } from '../lib/preflight/main';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
