#!/usr/bin/env bash
# Issue 17, "tests that survive a fork": a fork renames the app and reorders its regions in cdk.json, and
# nothing but its own deploy should notice. So this copies the repository (its tracked and unignored
# files, as they are in the working tree) into a temporary directory, gives the copy a fork's cdk.json
# (scripts/fork-config.mjs), and requires there that
#   1. `cdk synth` succeeds, every stack is named after the fork, and no template still carries the
#      template's default app name (a fixed string where a name should come from `appName`);
#   2. jest is green: the tests use their own fixed configs and never cdk.json's.
# Usage: bash scripts/fork-config-check.sh [jest arguments, e.g. test/lib test/bin]   (default: every test)
# Jest's JSON results go to $FORK_RESULTS (default test-artifacts/fork-jest-results.json).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
results=$(realpath -m "${FORK_RESULTS:-test-artifacts/fork-jest-results.json}")
mkdir -p "$(dirname "$results")"
rm -f "$results"

copy=$(mktemp -d "${TMPDIR:-/tmp}/fork-check.XXXXXX")
trap 'rm -rf "$copy"' EXIT
# Tracked files plus new unignored ones (a local run checks the working tree); deleted ones are skipped.
git ls-files -z --cached --others --exclude-standard |
  node -e 'const fs=require("fs");process.stdout.write(fs.readFileSync(0,"utf8").split("\0").filter((f)=>f&&fs.existsSync(f)).join("\0"))' |
  tar --null -T - -cf - | tar -xf - -C "$copy"
# Installed once, shared: the copy differs only in its config.
ln -s "$root/node_modules" "$copy/node_modules"
[ -e .tools ] && ln -s "$(realpath .tools)" "$copy/.tools"

cd "$copy"
node scripts/fork-config.mjs cdk.json
echo "== fork: cdk.json config is now $(node -e 'console.log(JSON.stringify(require("./cdk.json").context.config))')" >&2

echo "== fork: cdk synth" >&2
start=$SECONDS
npx cdk synth --quiet >/dev/null
node scripts/fork-config.mjs --check-synth cdk.out
echo "== fork: synth took $((SECONDS - start)) s" >&2

echo "== fork: jest ${*:-(every test)}" >&2
start=$SECONDS
code=0
npx jest --json --outputFile="$results" "$@" || code=$?
echo "== fork: jest took $((SECONDS - start)) s" >&2
exit "$code"
