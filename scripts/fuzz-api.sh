#!/usr/bin/env bash
# Fuzzes the local sandbox from docs/openapi.json with schemathesis: once with a member's token, once with
# an admin's, once without a token. Any 5xx, undocumented status or schema mismatch fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${1:-.venv}
data=$(mktemp -d)
log="$data/sandbox.log"
# Its own process group, so the cleanup reaches tsx, the sandbox and its region processes alike.
setsid node_modules/.bin/tsx bin/sandbox.ts --memory --port-base 0 --data-dir "$data" \
  --replication-lag-ms 50 >"$log" 2>&1 &
pid=$!
cleanup() {
  kill -TERM -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  [ -s "$data/endpoints.json" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "sandbox exited before it was ready" >&2; exit 1; }
  sleep 0.5
done
[ -s "$data/endpoints.json" ] || { cat "$log"; echo "sandbox did not start in 60 s" >&2; exit 1; }
endpoint() { node -e "const e=require('$data/endpoints.json'); console.log($1)"; }
router=$(endpoint e.router)
issuer=$(endpoint e.issuer)
token() {
  curl -sf -X POST "$issuer/token" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"groups\":[$2]}" | node -e "process.stdin.on('data',d=>console.log(JSON.parse(d).access_token))"
}

# One worker: CPython 3.11's AST constructor keeps a recursion counter that threads can leave unbalanced
# (python/cpython#106905), and hypothesis parses lambda sources while describing strategies, so two
# schemathesis worker threads crashed a CI run with "AST constructor recursion depth mismatch" — a crash of
# the tool, not a finding. The coverage phase is left out for the same crash. Examples, fuzzing and
# stateful (links between create/get/update/delete) still run.
run() {
  "$venv/bin/st" run docs/openapi.json --url "$router" --phases "${FUZZ_PHASES:-examples,fuzzing,stateful}" \
    --max-examples "${FUZZ_EXAMPLES:-30}" --workers 1 --request-timeout 10 --suppress-health-check too_slow \
    --seed 1 "$@"
}
echo "-- as a member"
run -H "Authorization: Bearer $(token fuzz-member '"member"')"
echo "-- as an admin"
run -H "Authorization: Bearer $(token fuzz-admin '"admin"')"
echo "-- without a token"
FUZZ_PHASES=examples,fuzzing run
